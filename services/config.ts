import path from 'node:path';
import fs from 'node:fs';
import { ValidationError } from '../domain/errors';

/**
 * All configuration, from environment variables, parsed and validated in one place.
 * Every variable and its default is listed in README.md ("Configuration").
 */
export interface Config {
  /** Postgres for events (embedded default) and read models. Unset: embedded Postgres under `dataDir`. */
  databaseUrl?: string;
  /** When set, events live in KurrentDB/EventStoreDB instead of the Postgres events table. */
  eventStoreUrl?: string;
  dataDir: string;
  embeddedPgPort: number;
  port: number;
  host: string;
  logLevel: string;
  /** Path of a file shaped like vn-admin-units.json with every commune; unset: the 34 built-in provinces only. */
  adminUnitsFile?: string;
  /** Timeout of every KurrentDB call, ms. */
  eventStoreTimeoutMs: number;
  /** How many times the command service retries a command after a concurrent write. */
  commandRetries: number;
  nodeEnv: string;
  /** 'inline': `dlxh start` also runs the projections; 'off': a separate `dlxh projector` process runs them. */
  projectorMode: 'inline' | 'off';
  projectorPort: number;
  /** What a projection does on an event its handler throws on: stop (default) or park it and go on. */
  poisonPolicy: 'stop' | 'park';
  jwt: { secret: string; issuer: string; audience: string };
  /** How long a mutation waits for the read model to reach its write before answering. */
  readYourWritesTimeoutMs: number;
}

/** Used only outside production when JWT_SECRET is unset, so development tokens work out of the box. */
export const DEVELOPMENT_JWT_SECRET = 'dlxh-development-secret-not-for-production';

function oneOf<T extends string>(env: NodeJS.ProcessEnv, name: string, allowed: readonly T[], fallback: T): T {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  if (!(allowed as readonly string[]).includes(raw)) throw ValidationError.field(name, `must be one of ${allowed.join(', ')}`);
  return raw as T;
}

function int(env: NodeJS.ProcessEnv, name: string, fallback: number, min: number, max: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < min || n > max) {
    throw ValidationError.field(name, `must be an integer from ${min} to ${max}`);
  }
  return n;
}

function url(env: NodeJS.ProcessEnv, name: string, protocols: string[]): string | undefined {
  const raw = env[name];
  if (raw === undefined || raw === '') return undefined;
  let parsed: URL;
  try {
    parsed = new URL(raw);
  } catch {
    throw ValidationError.field(name, 'is not a valid URL');
  }
  if (!protocols.includes(parsed.protocol)) {
    throw ValidationError.field(name, `must use one of ${protocols.join(', ')}`);
  }
  return raw;
}

/** The shared catalogue of the development checkout, used when DLXH_ADMIN_UNITS is unset and the file is there. */
export const DEV_ADMIN_UNITS = path.resolve(__dirname, '..', '..', 'shared', 'data', 'vn-admin-units.json');

function jwtSecret(env: NodeJS.ProcessEnv): string {
  const secret = env.JWT_SECRET;
  if (secret) {
    if (secret.length < 32) throw ValidationError.field('JWT_SECRET', 'must be at least 32 characters');
    return secret;
  }
  if (env.NODE_ENV === 'production') throw ValidationError.field('JWT_SECRET', 'must be set in production');
  return DEVELOPMENT_JWT_SECRET;
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const adminUnitsFile = env.DLXH_ADMIN_UNITS || (fs.existsSync(DEV_ADMIN_UNITS) ? DEV_ADMIN_UNITS : undefined);
  return {
    databaseUrl: url(env, 'DATABASE_URL', ['postgres:', 'postgresql:']),
    eventStoreUrl: url(env, 'EVENTSTORE_URL', ['esdb:', 'esdb+discover:', 'kurrentdb:', 'kurrentdb+discover:', 'kdb:', 'kdb+discover:']),
    dataDir: path.resolve(env.DLXH_DATA_DIR || 'data'),
    embeddedPgPort: int(env, 'EMBEDDED_PG_PORT', 54329, 1024, 65535),
    port: int(env, 'PORT', 4000, 0, 65535),
    host: env.HOST || '127.0.0.1',
    logLevel: env.LOG_LEVEL || (env.NODE_ENV === 'test' ? 'silent' : 'info'),
    adminUnitsFile,
    eventStoreTimeoutMs: int(env, 'EVENTSTORE_TIMEOUT_MS', 5000, 100, 600000),
    commandRetries: int(env, 'COMMAND_RETRIES', 3, 0, 20),
    nodeEnv: env.NODE_ENV || 'development',
    projectorMode: oneOf(env, 'PROJECTOR_MODE', ['inline', 'off'] as const, 'inline'),
    projectorPort: int(env, 'PROJECTOR_PORT', 4001, 0, 65535),
    poisonPolicy: oneOf(env, 'PROJECTION_POISON', ['stop', 'park'] as const, 'stop'),
    jwt: { secret: jwtSecret(env), issuer: env.JWT_ISSUER || 'dlxh', audience: env.JWT_AUDIENCE || 'dlxh-api' },
    readYourWritesTimeoutMs: int(env, 'READ_YOUR_WRITES_TIMEOUT_MS', 3000, 0, 60000),
  };
}
