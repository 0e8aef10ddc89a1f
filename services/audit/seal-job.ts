import type { Knex } from 'knex';
import type { EventStore } from '../../eventstore/port';
import type { Logger } from '../logger';
import { sealCompleteDays } from './seal';

export interface SealJob {
  stop(): Promise<void>;
}

/**
 * Seals complete days periodically (default: shortly after start, then every 15 minutes), so the seal of a day
 * appears soon after Vietnamese midnight without an operator running `dlxh audit seal`. Meant for the projector
 * process; several processes may run it, sealers serialise on an advisory lock and sealing is idempotent.
 */
export function startSealJob(options: { store: EventStore; knex: Knex; log: Logger; everyMs?: number; firstAfterMs?: number }): SealJob {
  const everyMs = options.everyMs ?? 15 * 60_000;
  let running: Promise<void> | undefined;
  let stopped = false;
  const tick = () => {
    if (stopped || running) return;
    running = sealCompleteDays({ store: options.store, knex: options.knex })
      .then((seals) => {
        if (seals.length > 0) {
          const last = seals[seals.length - 1];
          options.log.info({ days: seals.length, through: last.day, lastPosition: last.lastPosition.toString() }, 'audit: sealed complete days of the event log');
        }
      })
      .catch((err: unknown) => options.log.warn({ err }, 'audit: sealing the event log failed; will retry'))
      .finally(() => (running = undefined));
  };
  const first = setTimeout(tick, options.firstAfterMs ?? 5_000);
  const timer = setInterval(tick, everyMs);
  first.unref();
  timer.unref();
  return {
    stop: async () => {
      stopped = true;
      clearTimeout(first);
      clearInterval(timer);
      await running;
    },
  };
}
