import pino, { Logger } from 'pino';

export type { Logger };

/** Structured JSON logs on stdout (pipe through `npx pino-pretty` to read them in a terminal). */
export function createLogger(level: string, name = 'dlxh'): Logger {
  return pino({ name, level, base: { pid: process.pid }, timestamp: pino.stdTimeFunctions.isoTime });
}
