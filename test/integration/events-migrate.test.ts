import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { openHarness, Harness } from '../support/projection-harness';
import { createTestDatabase, TestDatabase } from '../support/test-database';
import { traffic } from '../crash/projector-crash';
import type { EventStore, RecordedEvent } from '../../eventstore/port';
import { KurrentEventStore } from '../../eventstore/kurrent/kurrent-event-store';
import { MigrationCheckpoint, MigrationInterruptedError, migrateEvents, postgresCheckpoint, verifyMigration } from '../../services/events/migrate';

const ROOT = path.resolve(__dirname, '..', '..');

async function all(store: EventStore): Promise<RecordedEvent[]> {
  const out: RecordedEvent[] = [];
  for (let after = 0n; ; ) {
    const page = await store.readAll({ after, maxCount: 1000 });
    if (page.length === 0) return out;
    out.push(...page);
    after = page[page.length - 1].position;
  }
}

/** What must be equal between source and target: everything but the position and the recorded time. */
const content = (events: RecordedEvent[]) => events.map((e) => ({ eventId: e.eventId, streamId: e.streamId, revision: e.revision, type: e.type, data: e.data, metadata: e.metadata }));

describe('dlxh events migrate (Postgres → Postgres: the same code as into KurrentDB)', () => {
  let h: Harness;
  let target: TestDatabase;
  let checkpoint: MigrationCheckpoint;
  const dbs: TestDatabase[] = [];

  beforeAll(async () => {
    h = await openHarness();
    let seed = 11;
    await traffic(h.issues, 30, () => ((seed = (seed * 16807) % 2147483647) / 2147483647));
    target = await createTestDatabase();
    dbs.push(target);
    checkpoint = postgresCheckpoint(h.db.pool, 'postgres://target/test');
  }, 60_000);

  afterAll(async () => {
    await Promise.all(dbs.map((db) => db.drop()));
    await h?.close();
  });

  it('is interrupted mid-way, resumes (re-copying past a stale checkpoint idempotently), and verifies an exact copy', async () => {
    const source = await all(h.store);
    const store = target.eventStore();

    // Run 1: interrupted after about a third of the log.
    const interrupt = new AbortController();
    const stopped = await migrateEvents({
      source: h.store,
      target: store,
      checkpoint,
      batchSize: 10,
      signal: interrupt.signal,
      onProgress: (p) => p.events >= source.length / 3 && interrupt.abort(),
    }).catch((e: unknown) => e);
    expect(stopped).toBeInstanceOf(MigrationInterruptedError);
    const { position, events } = stopped as MigrationInterruptedError;
    expect(events).toBeGreaterThanOrEqual(source.length / 3);
    expect(events).toBeLessThan(source.length);
    expect(content(await all(store))).toEqual(content(source.filter((e) => e.position <= position)));
    expect(await checkpoint.load()).toEqual({ position, events });

    // A crash after some appends but before their checkpoint: the checkpoint lags behind the target.
    const stale = source[events - 8];
    await checkpoint.save(stale.position, events - 7);

    // Run 2: resumes from the checkpoint; the events already in the target are recognised, not written twice.
    const resumed = await migrateEvents({ source: h.store, target: store, checkpoint, batchSize: 10 });
    expect(resumed.resumedFrom).toBe(stale.position);
    expect(resumed.alreadyThere).toBe(7);
    expect(resumed.copied).toBe(source.length - events);
    expect(resumed.position).toBe(source[source.length - 1].position);
    expect(content(await all(store))).toEqual(content(source));

    const verified = await verifyMigration(h.store, store, resumed.position);
    expect(verified).toMatchObject({ ok: true, events: source.length, mismatches: [] });
    expect(verified.streams).toBe(new Set(source.map((e) => e.streamId)).size);

    // Run 3: nothing left to copy.
    expect(await migrateEvents({ source: h.store, target: store, checkpoint })).toMatchObject({ copied: 0, alreadyThere: 0, resumedFrom: resumed.position });
  }, 60_000);

  it('copies new source events on a later run, and the verification catches a target that differs', async () => {
    const store = target.eventStore();
    await traffic(h.issues, 2, () => 0.1);
    const run = await migrateEvents({ source: h.store, target: store, checkpoint });
    expect(run.copied).toBeGreaterThan(0);
    expect((await verifyMigration(h.store, store, run.position)).ok).toBe(true);

    const [first] = await h.store.readAll({ maxCount: 1 });
    const stream = await store.readStream(first.streamId);
    await store.append(first.streamId, [{ eventId: '00000000-0000-4000-8000-0000000000aa', type: 'NoteTaken', data: {} }], stream[stream.length - 1].revision);
    const check = await verifyMigration(h.store, store, run.position);
    expect(check.ok).toBe(false);
    expect(check.mismatches).toEqual([{ streamId: first.streamId, sourceEvents: stream.length, targetEvents: stream.length + 1 }]);
  }, 60_000);

  it('starts again from the beginning when the target no longer holds the checkpointed event', async () => {
    const empty = await createTestDatabase();
    dbs.push(empty);
    const run = await migrateEvents({ source: h.store, target: empty.eventStore(), checkpoint });
    expect(run.resumedFrom).toBe(0n);
    expect(run.copied).toBe((await all(h.store)).length);
  }, 60_000);

  it('works through the CLI: `dlxh events migrate --to postgres://…` copies and verifies', async () => {
    const other = await createTestDatabase();
    dbs.push(other);
    const { stderr } = await promisify(execFile)(process.execPath, [path.join(ROOT, 'bin', 'dlxh.js'), 'events', 'migrate', '--to', other.url], {
      cwd: ROOT,
      env: { ...process.env, DATABASE_URL: h.db.url, LOG_LEVEL: 'silent' },
    });
    const count = (await all(h.store)).length;
    expect(stderr).toContain(`copied ${count} events, 0 already there`);
    expect(stderr).toMatch(new RegExp(`verified \\d+ streams, ${count} events: identical`));
  }, 60_000);
});

const kurrentUrl = process.env.EVENTSTORE_URL;
if (kurrentUrl) {
  describe('dlxh events migrate into KurrentDB', () => {
    let h: Harness;
    let kurrent: KurrentEventStore;
    beforeAll(async () => {
      h = await openHarness();
      await traffic(h.issues, 20, () => 0.4);
      kurrent = new KurrentEventStore({ connectionString: kurrentUrl, timeoutMs: 10_000 });
    }, 60_000);
    afterAll(async () => {
      await kurrent?.close();
      await h?.close();
    });

    it('copies with the same ids, revisions and metadata, resumes after an interruption, and verifies', async () => {
      const checkpoint = postgresCheckpoint(h.db.pool, `kurrent-test-${h.db.name}`);
      const interrupt = new AbortController();
      await expect(
        migrateEvents({ source: h.store, target: kurrent, checkpoint, batchSize: 10, signal: interrupt.signal, onProgress: (p) => p.events >= 20 && interrupt.abort() }),
      ).rejects.toBeInstanceOf(MigrationInterruptedError);
      const run = await migrateEvents({ source: h.store, target: kurrent, checkpoint, batchSize: 10 });
      expect(run.resumedFrom).toBeGreaterThan(0n);
      expect(await verifyMigration(h.store, kurrent, run.position)).toMatchObject({ ok: true, mismatches: [] });
      const source = await all(h.store);
      const streamId = source[0].streamId;
      expect(content(await kurrent.readStream(streamId))).toEqual(content(source.filter((e) => e.streamId === streamId)));
    }, 120_000);
  });
} else {
  describe('dlxh events migrate into KurrentDB', () => {
    it('is skipped: EVENTSTORE_URL is not set, so there is no KurrentDB/EventStoreDB server to migrate into', () => {
      console.info('[events-migrate:kurrentdb] SKIPPED — set EVENTSTORE_URL (e.g. kurrentdb://localhost:2113?tls=false) to run the migration into KurrentDB');
      expect(process.env.EVENTSTORE_URL).toBeUndefined();
    });
  });
}
