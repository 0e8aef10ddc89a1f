import type { Knex } from 'knex';
import type { EventStore } from '../../eventstore/port';

/** One row of audit_seals (migrations/005-hash-chain.ts). */
export interface SealRow {
  /** Vietnamese calendar day, YYYY-MM-DD. */
  day: string;
  /** First event of the range; null for a day without events. */
  firstPosition: bigint | null;
  /** The seal covers the positions (previous seal's lastPosition, lastPosition]. */
  lastPosition: bigint;
  count: bigint;
  hash: string;
  previousHash: string | null;
  sealedAt: Date;
}

interface SealRecord {
  day: string;
  first_position: string | null;
  last_position: string;
  count: string;
  hash: string;
  previous_hash: string | null;
  sealed_at: Date;
}

const COLUMNS = `day::text AS day, first_position, last_position, count, hash, previous_hash, sealed_at`;

function toSeal(r: SealRecord): SealRow {
  return {
    day: r.day,
    firstPosition: r.first_position === null ? null : BigInt(r.first_position),
    lastPosition: BigInt(r.last_position),
    count: BigInt(r.count),
    hash: r.hash,
    previousHash: r.previous_hash,
    sealedAt: r.sealed_at,
  };
}

/** Every seal, oldest day first (one row per day: a few hundred a year). */
export async function loadSeals(knex: Knex | Knex.Transaction): Promise<SealRow[]> {
  const { rows } = await knex.raw<{ rows: SealRecord[] }>(`SELECT ${COLUMNS} FROM audit_seals ORDER BY day`);
  return rows.map(toSeal);
}

export async function latestSeal(knex: Knex | Knex.Transaction): Promise<SealRow | undefined> {
  const { rows } = await knex.raw<{ rows: SealRecord[] }>(`SELECT ${COLUMNS} FROM audit_seals ORDER BY day DESC LIMIT 1`);
  return rows[0] === undefined ? undefined : toSeal(rows[0]);
}

export async function insertSeals(trx: Knex.Transaction, seals: readonly SealRow[]): Promise<void> {
  for (let i = 0; i < seals.length; i += 1000) {
    await trx('audit_seals').insert(
      seals.slice(i, i + 1000).map((s) => ({
        day: s.day,
        first_position: s.firstPosition?.toString() ?? null,
        last_position: s.lastPosition.toString(),
        count: s.count.toString(),
        hash: s.hash,
        previous_hash: s.previousHash,
        sealed_at: s.sealedAt,
      })),
    );
  }
}

/**
 * The store that returns events as stored. Integrity checks must hash the stored bytes, not what an upcasting
 * decorator (eventstore/upcasting-store.ts, which exposes the undecorated store as `raw`) makes of them.
 */
export function storedEvents(store: EventStore): EventStore {
  let s = store;
  for (let raw = (s as { raw?: unknown }).raw; isStore(raw); raw = (s as { raw?: unknown }).raw) s = raw;
  return s;
}

function isStore(value: unknown): value is EventStore {
  return typeof value === 'object' && value !== null && typeof (value as EventStore).readAll === 'function' && typeof (value as EventStore).readStream === 'function';
}
