import type { Knex } from 'knex';
import { EventStore, RecordedEvent } from '../../eventstore/port';
import { KurrentEventStore } from '../../eventstore/kurrent/kurrent-event-store';
import { CommandService } from '../../services/commands/command-service';
import { IssueCommands } from '../../services/commands/issue-commands';
import { CollaboratorCommands } from '../../services/commands/collaborator-commands';
import { loadLocalityCatalogue } from '../../services/localities';
import { loadConfig } from '../../services/config';
import { createTestDatabase, TestDatabase } from './test-database';
import type { Projection } from '../../projections/projection';
import { applyBatch } from '../../projections/runner';

/** The event stores projection tests run on: Postgres always, KurrentDB when EVENTSTORE_URL is set. */
export const STORE_KINDS: ('postgres' | 'kurrentdb')[] = process.env.EVENTSTORE_URL ? ['postgres', 'kurrentdb'] : ['postgres'];
if (!process.env.EVENTSTORE_URL) {
  console.info('[projections] KurrentDB run SKIPPED — EVENTSTORE_URL is not set; projection specs run on the Postgres store only');
}

export interface Harness {
  db: TestDatabase;
  store: EventStore;
  /** Events written by this harness start after this position (a shared KurrentDB already holds other events). */
  start: bigint;
  commands: CommandService;
  issues: IssueCommands;
  collaborators: CollaboratorCommands;
  /** Every event since `start`, in log order. */
  events(): Promise<RecordedEvent[]>;
  close(): Promise<void>;
}

export async function openHarness(kind: 'postgres' | 'kurrentdb' = 'postgres'): Promise<Harness> {
  return openHarnessOn(await createTestDatabase(), kind);
}

export async function openHarnessOn(db: TestDatabase, kind: 'postgres' | 'kurrentdb' = 'postgres'): Promise<Harness> {
  const store: EventStore = kind === 'postgres' ? db.eventStore() : new KurrentEventStore({ connectionString: process.env.EVENTSTORE_URL!, timeoutMs: 10_000 });
  const start = kind === 'postgres' ? 0n : await store.headPosition();
  const catalogue = loadLocalityCatalogue(loadConfig());
  const commands = new CommandService(store);
  return {
    db,
    store,
    start,
    commands,
    issues: new IssueCommands(commands, catalogue),
    collaborators: new CollaboratorCommands(commands, catalogue),
    events: async () => {
      const all: RecordedEvent[] = [];
      let after = start;
      for (;;) {
        const page = await store.readAll({ after, maxCount: 1000 });
        if (page.length === 0) return all;
        all.push(...page);
        after = page[page.length - 1].position;
      }
    },
    close: async () => {
      if (kind === 'kurrentdb') await store.close();
      await db.drop();
    },
  };
}

/** Every row of a table, ordered by all its columns, as plain JSON: two dumps are equal iff the tables are. */
export async function dumpTable(knex: Knex, table: string): Promise<unknown[]> {
  const { rows } = await knex.raw(`SELECT to_jsonb(t) AS row FROM "${table}" t ORDER BY to_jsonb(t)::text`);
  return rows.map((r: { row: unknown }) => r.row);
}

export async function dumpProjection(knex: Knex, projection: Projection): Promise<Record<string, unknown[]>> {
  const out: Record<string, unknown[]> = {};
  for (const t of projection.tables) out[t] = await dumpTable(knex, t);
  return out;
}

/** Applies events to a projection in batches of the given sizes (cycled), as the live runner would. */
export async function applyInBatches(knex: Knex, projection: Projection, events: RecordedEvent[], sizes: number[] = [1, 7, 50]): Promise<void> {
  for (let i = 0, k = 0; i < events.length; k++) {
    const n = sizes[k % sizes.length];
    await applyBatch(knex, projection, events.slice(i, i + n));
    i += n;
  }
}

/**
 * The idempotency spec of a projection: on a fresh database holding `story`, applies the log in batches of `size`,
 * each twice, and expects the second application to change nothing; at the end every table of the projection has rows.
 */
export async function expectIdempotentBatches(kind: 'postgres' | 'kurrentdb', projection: Projection, story: (h: Harness) => Promise<unknown>, size = 5): Promise<void> {
  const fresh = await openHarness(kind);
  try {
    await story(fresh);
    const all = await fresh.events();
    for (let i = 0; i < all.length; i += size) {
      const batch = all.slice(i, i + size);
      await applyBatch(fresh.db.knex, projection, batch);
      const once = await dumpProjection(fresh.db.knex, projection);
      expect(await applyBatch(fresh.db.knex, projection, batch)).toBeUndefined();
      expect(await dumpProjection(fresh.db.knex, projection)).toEqual(once);
    }
    const final = await dumpProjection(fresh.db.knex, projection);
    expect(Object.values(final).every((rows) => rows.length > 0)).toBe(true);
  } finally {
    await fresh.close();
  }
}
