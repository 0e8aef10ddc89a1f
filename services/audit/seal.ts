import type { Knex } from 'knex';
import type { EventStore } from '../../eventstore/port';
import { nextDay, SealHasher, vietnamDay } from '../../eventstore/hash-chain';
import { SEAL_LOCK_KEY } from '../../migrations/005-hash-chain';
import { insertSeals, latestSeal, SealRow, storedEvents } from './seals';

export interface SealOptions {
  store: EventStore;
  /** The Postgres database holding audit_seals (also with KurrentDB as the event store). */
  knex: Knex;
  /** Defaults to the clock: days before today (Vietnamese time) are complete and get sealed. */
  now?: Date;
  batchSize?: number;
}

/**
 * Seals every complete day (Vietnamese calendar, UTC+7) not sealed yet, up to yesterday, and returns the new seals.
 * Idempotent: run again, it seals nothing new. Concurrent sealers serialise on an advisory lock.
 *
 * A day's seal covers a contiguous range of the log: from the end of the previous seal up to the last event before
 * the first one recorded on a later day (or up to the head, when no later event exists yet). Its hash is
 * sha256hex(previous seal's hash + each event's metadata.hash in position order), so the seals form a chain too.
 * Ranges follow positions, not exact timestamps: an event recorded at 23:59:59.999 that commits after midnight and
 * after a new day's event, or an imported old event, lands in the range being sealed next. Days without events get
 * a seal with count 0, so "nothing happened that day" is attested as well.
 */
export async function sealCompleteDays(options: SealOptions): Promise<SealRow[]> {
  const store = storedEvents(options.store);
  const today = vietnamDay(options.now ?? new Date());
  const batchSize = options.batchSize ?? 1000;
  return options.knex.transaction(async (trx) => {
    await trx.raw('SELECT pg_advisory_xact_lock(?::bigint)', [SEAL_LOCK_KEY]);
    const last = await latestSeal(trx);
    let day: string | null = last ? nextDay(last.day) : null;
    if (day !== null && day >= today) return [];

    const sealed: SealRow[] = [];
    let previousHash = last?.hash ?? null;
    let end = last?.lastPosition ?? 0n;
    let hasher = new SealHasher(previousHash);
    const close = (d: string) => {
      const seal: SealRow = {
        day: d,
        firstPosition: hasher.firstPosition,
        lastPosition: hasher.lastPosition ?? end,
        count: BigInt(hasher.count),
        hash: hasher.digest(),
        previousHash,
        sealedAt: new Date(),
      };
      sealed.push(seal);
      previousHash = seal.hash;
      end = seal.lastPosition;
      hasher = new SealHasher(previousHash);
    };

    let cursor = end;
    let reachedToday = false;
    read: for (;;) {
      const batch = await store.readAll({ after: cursor, maxCount: batchSize });
      for (const e of batch) {
        const eventDay = vietnamDay(e.recordedAt);
        if (day === null) {
          if (eventDay >= today) return []; // the log starts today: nothing complete yet
          day = eventDay;
        }
        while (eventDay > day) {
          close(day);
          day = nextDay(day);
          if (day >= today) {
            reachedToday = true;
            break read;
          }
        }
        hasher.add(e);
      }
      if (batch.length < batchSize) break;
      cursor = batch[batch.length - 1].position;
    }
    if (!reachedToday && day !== null) {
      // The end of the log: the day in progress and every quiet day after it, up to yesterday.
      for (; day < today; day = nextDay(day)) close(day);
    }
    await insertSeals(trx, sealed);
    return sealed;
  });
}
