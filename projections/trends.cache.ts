import type { Knex } from 'knex';
import { LRUCache } from 'lru-cache';
import { readTrends, type TrendQuery, type TrendRow } from './trends.read';

/** How many distinct trend queries a process keeps (a dashboard asks the same few over and over). */
const MAX_ENTRIES = 1000;

/**
 * readTrends with a cache that can never serve stale counts: each result is keyed by the query and by the position of
 * the trends projection's checkpoint it was read at. The checkpoint and the trends tables change in one transaction,
 * so a miss reads both in one snapshot, and a hit costs one primary-key lookup of the checkpoint. Once the projection
 * moves on, older entries are simply never asked for again and age out.
 */
export class TrendsCache {
  private readonly entries = new LRUCache<string, Promise<TrendRow[]>>({ max: MAX_ENTRIES });

  constructor(private readonly knex: Knex) {}

  async read(query: TrendQuery): Promise<TrendRow[]> {
    const key = JSON.stringify(query);
    const position = await checkpointOf(this.knex);
    const hit = this.entries.get(`${position}|${key}`);
    if (hit) return hit;
    const read = this.knex.transaction(
      async (trx) => ({ at: await checkpointOf(trx), rows: await readTrends(trx, query) }),
      { isolationLevel: 'repeatable read', readOnly: true },
    );
    // Concurrent identical misses share one read; its result is kept under the position it was read at.
    const pending = read.then(({ rows }) => rows);
    this.entries.set(`${position}|${key}`, pending);
    read.then(
      ({ at, rows }) => {
        if (at !== position) this.entries.delete(`${position}|${key}`);
        this.entries.set(`${at}|${key}`, Promise.resolve(rows));
      },
      () => this.entries.delete(`${position}|${key}`),
    );
    return pending;
  }

  /** Entries held (tests). */
  get size(): number {
    return this.entries.size;
  }
}

async function checkpointOf(db: Knex | Knex.Transaction): Promise<string> {
  const { rows } = await db.raw<{ rows: { position: string }[] }>(`SELECT position FROM projection_checkpoints WHERE name = 'trends'`);
  return rows[0]?.position ?? 'none';
}

const caches = new WeakMap<Knex, TrendsCache>();

/** The process's trends cache for a database (one per knex instance). */
export function trendsCacheFor(knex: Knex): TrendsCache {
  let cache = caches.get(knex);
  if (!cache) caches.set(knex, (cache = new TrendsCache(knex)));
  return cache;
}
