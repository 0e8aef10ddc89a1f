import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import knexFactory from 'knex';
import { createTestDatabase, TestDatabase } from '../support/test-database';
import { withDatabase } from '../support/test-database-names';
import { migrateToLatest, migrationSource, MIGRATIONS_TABLE } from '../../migrations';
import { eventHash, IntegrityProblem } from '../../eventstore/hash-chain';
import { NewEvent, RecordedEvent } from '../../eventstore/port';
import { PostgresEventStore } from '../../eventstore/postgres/postgres-event-store';
import { sealCompleteDays } from '../../services/audit/seal';
import { loadSeals } from '../../services/audit/seals';
import { verifyLog, verifyStream } from '../../services/audit/verify';
import { GraphQLHarness, openGraphQLHarness, reportInput, SUBMIT_REPORT } from '../support/graphql-harness';

/**
 * Tamper evidence on the Postgres store: an attacker with SQL access (here the superuser, who can switch the
 * append-only guard off) edits, deletes or swaps stored events; `verifyStream` / `verifyLog` (the code behind
 * `dlxh audit verify` and verifyIssueIntegrity) must detect each change and pinpoint it by position.
 */

const ev = (type: string, data: unknown, metadata: Record<string, unknown> = {}): NewEvent => ({ eventId: randomUUID(), type, data, metadata });

interface Log {
  db: TestDatabase;
  store: PostgresEventStore;
  /** The stream the cases tamper with: 6 events, interleaved with other streams' events. */
  target: string;
  events: RecordedEvent[];
  tamper(sql: string, params?: unknown[]): Promise<void>;
}

/** A fresh database with a few interleaved streams. */
async function openLog(): Promise<Log> {
  const db = await createTestDatabase();
  const store = db.eventStore();
  const target = `issue-${randomUUID()}`;
  const others = [`issue-${randomUUID()}`, `survey-${randomUUID()}`];
  for (let i = 0; i < 6; i++) {
    await store.append(target, [ev(i % 2 ? 'IssueClassified' : 'ReportAttached', { i, title: `Phản ánh số ${i}`, nested: { ok: true, list: [i, 'hai'] } }, { actorId: `u-${i}`, actorRole: 'OFFICER' })], i === 0 ? 'no_stream' : BigInt(i - 1));
    await store.append(others[i % 2], [ev('Numbered', { i })], 'any');
  }
  const tamper = async (sql: string, params: unknown[] = []) => {
    const c = new Client({ connectionString: db.url });
    await c.connect();
    try {
      await c.query('BEGIN');
      await c.query('ALTER TABLE events DISABLE TRIGGER ALL'); // what an attacker with superuser rights does first
      await c.query(sql, params);
      await c.query('ALTER TABLE events ENABLE TRIGGER ALL');
      await c.query('COMMIT');
    } finally {
      await c.end();
    }
  };
  return { db, store, target, events: await store.readStream(target), tamper };
}

const first = (problems: IntegrityProblem[]) => problems[0];

describe('tamper evidence on the Postgres store', () => {
  const opened: Log[] = [];
  const open = async () => {
    const log = await openLog();
    opened.push(log);
    return log;
  };
  afterAll(async () => {
    for (const log of opened) await log.db.drop();
  });

  it('refuses UPDATE, DELETE and TRUNCATE on events (append-only guard, DX008)', async () => {
    const { db, target } = await open();
    await expect(db.pool.query(`UPDATE events SET data = '{}' WHERE stream_id = $1`, [target])).rejects.toMatchObject({ code: 'DX008' });
    await expect(db.pool.query(`DELETE FROM events WHERE stream_id = $1`, [target])).rejects.toMatchObject({ code: 'DX008' });
    await expect(db.pool.query(`TRUNCATE events`)).rejects.toMatchObject({ code: 'DX008' });
    expect((await db.pool.query(`SELECT count(*)::int AS n FROM events WHERE stream_id = $1`, [target])).rows[0].n).toBe(6);
  });

  it('verifies an untouched log clean: every stream, the whole log and its seals', async () => {
    const { db, store, target } = await open();
    expect(await verifyStream(store, target, db.knex)).toMatchObject({ events: 6, intact: true, problems: [] });
    const sealed = await sealCompleteDays({ store, knex: db.knex, now: new Date(Date.now() + 2 * 86_400_000) });
    expect(sealed.length).toBeGreaterThanOrEqual(2);
    const report = await verifyLog({ store, knex: db.knex });
    expect(report).toMatchObject({ events: 12, streams: 3, intact: true, problems: [] });
    expect(report.seals).toBe(sealed.length);
  });

  it('detects an edited `data` and pinpoints it', async () => {
    const { store, db, target, events, tamper } = await open();
    await tamper(`UPDATE events SET data = jsonb_set(data, '{title}', '"Đã sửa"') WHERE stream_id = $1 AND revision = 2`, [target]);
    const expected = { code: 'DATA_OR_METADATA_CHANGED', position: events[2].position, revision: 2n, streamId: target };
    expect(first((await verifyStream(store, target)).problems)).toMatchObject(expected);
    const log = await verifyLog({ store, knex: db.knex });
    expect(log.intact).toBe(false);
    expect(first(log.problems)).toMatchObject(expected);
  });

  it('detects an edited `metadata` and pinpoints it', async () => {
    const { store, db, target, events, tamper } = await open();
    await tamper(`UPDATE events SET metadata = metadata || '{"actorId": "u-someone-else"}' WHERE stream_id = $1 AND revision = 4`, [target]);
    const expected = { code: 'DATA_OR_METADATA_CHANGED', position: events[4].position, revision: 4n };
    expect(first((await verifyStream(store, target)).problems)).toMatchObject(expected);
    expect(first((await verifyLog({ store, knex: db.knex })).problems)).toMatchObject(expected);
  });

  it('detects a deleted event and pinpoints the gap', async () => {
    const { store, db, target, events, tamper } = await open();
    await tamper(`DELETE FROM events WHERE stream_id = $1 AND revision = 2`, [target]);
    const expected = { code: 'BROKEN_CHAIN', position: events[3].position, revision: 3n };
    const report = await verifyStream(store, target);
    expect(report.problems).toEqual([expect.objectContaining(expected)]);
    expect(report.problems[0].message).toMatch(/revision 2 is missing/);
    expect(first((await verifyLog({ store, knex: db.knex })).problems)).toMatchObject(expected);
  });

  it('detects two events whose data and type were swapped, and pinpoints both', async () => {
    const { store, db, target, events, tamper } = await open();
    await tamper(
      `UPDATE events e SET data = o.data, type = o.type FROM events o
        WHERE e.stream_id = $1 AND o.stream_id = $1 AND ((e.revision = 1 AND o.revision = 4) OR (e.revision = 4 AND o.revision = 1))`,
      [target],
    );
    expect((await store.readStream(target))[1].data).toEqual(events[4].data);
    const expected = { code: 'OUT_OF_ORDER', position: events[1].position, revision: 1n, otherPosition: events[4].position, otherRevision: 4n };
    expect((await verifyStream(store, target)).problems).toEqual([expect.objectContaining(expected)]);
    expect(first((await verifyLog({ store, knex: db.knex })).problems)).toMatchObject(expected);
  });

  it('detects two events whose revisions were swapped, and pinpoints both', async () => {
    const { store, db, target, events, tamper } = await open();
    await tamper(
      `UPDATE events SET revision = 1000 WHERE stream_id = $1 AND revision = 1;
       UPDATE events SET revision = 1 WHERE stream_id = $1 AND revision = 3;
       UPDATE events SET revision = 3 WHERE stream_id = $1 AND revision = 1000;`.replace(/\$1/g, `'${target}'`),
    );
    const expected = { code: 'OUT_OF_ORDER', position: events[1].position, otherPosition: events[3].position };
    expect((await verifyStream(store, target)).problems).toEqual([expect.objectContaining(expected)]);
    expect(first((await verifyLog({ store, knex: db.knex })).problems)).toMatchObject(expected);
  });

  it('detects a rewrite whose hashes were recomputed down the stream, through the day seal', async () => {
    const { store, db, target, events, tamper } = await open();
    await sealCompleteDays({ store, knex: db.knex, now: new Date(Date.now() + 86_400_000) });
    // The attacker knows the algorithm: rewrites revision 3 and rehashes it and every later event of the stream.
    let prev = events[2].metadata.hash as string;
    for (const e of events.slice(3)) {
      const data = e.revision === 3n ? { ...(e.data as object), title: 'Viết lại' } : e.data;
      const metadata: Record<string, unknown> = { ...e.metadata, prevHash: prev };
      metadata.hash = eventHash({ prev, streamId: target, revision: e.revision, eventId: e.eventId, type: e.type, data, metadata });
      prev = metadata.hash as string;
      await tamper(`UPDATE events SET data = $2, metadata = $3 WHERE position = $1`, [e.position.toString(), JSON.stringify(data), JSON.stringify(metadata)]);
    }
    expect((await verifyStream(store, target)).intact).toBe(true); // the chain alone cannot tell
    const log = await verifyLog({ store, knex: db.knex });
    expect(log.problems).toEqual([expect.objectContaining({ code: 'SEAL_MISMATCH' })]);
    const [seal] = log.problems;
    expect(seal.position <= events[3].position && events[3].position <= seal.lastPosition!).toBe(true);
    expect(seal.day).toBe((await loadSeals(db.knex))[0].day);
  });

  it('detects the removal of the last event of a stream (invisible to its chain) through the day seal', async () => {
    const { store, db, target, events, tamper } = await open();
    await sealCompleteDays({ store, knex: db.knex, now: new Date(Date.now() + 86_400_000) });
    await tamper(`DELETE FROM events WHERE stream_id = $1 AND revision = 5`, [target]);
    expect((await verifyStream(store, target)).intact).toBe(true);
    const log = await verifyLog({ store, knex: db.knex });
    expect(log.problems).toEqual([expect.objectContaining({ code: 'SEAL_MISMATCH' })]);
    expect(log.problems[0].message).toMatch(/counts 12 events .* now holds 11/);
    expect(events[5].position <= log.problems[0].lastPosition!).toBe(true);
  });
});

describe('day seals', () => {
  let db: TestDatabase;
  let store: PostgresEventStore;
  beforeAll(async () => {
    db = await createTestDatabase();
    store = db.eventStore();
  });
  afterAll(async () => db.drop());

  it('seal each complete day once, chained day to day, with quiet days sealed empty; a changed seal is detected', async () => {
    const s = `issue-${randomUUID()}`;
    for (let i = 0; i < 9; i++) await store.append(s, [ev('Numbered', { i })], 'any');
    const now = new Date();
    // Spread the events over past days (recorded_at is not hashed; this is setup, not tampering).
    const day = (n: number) => new Date(now.getTime() - n * 86_400_000).toISOString();
    await db.pool.query('ALTER TABLE events DISABLE TRIGGER events_append_only');
    await db.pool.query(
      `UPDATE events SET recorded_at = CASE WHEN revision < 3 THEN $2::timestamptz WHEN revision < 6 THEN $3::timestamptz ELSE now() END WHERE stream_id = $1`,
      [s, day(4), day(3)],
    );
    await db.pool.query('ALTER TABLE events ENABLE TRIGGER events_append_only');

    const sealed = await sealCompleteDays({ store, knex: db.knex, now });
    expect(sealed.map((x) => Number(x.count))).toEqual([3, 3, 0, 0]); // 4 and 3 days ago, two quiet days, not today
    expect(sealed.map((x) => x.previousHash)).toEqual([null, sealed[0].hash, sealed[1].hash, sealed[2].hash]);
    expect(sealed[2].lastPosition).toBe(sealed[1].lastPosition);
    expect(await sealCompleteDays({ store, knex: db.knex, now })).toEqual([]); // idempotent
    expect(await loadSeals(db.knex)).toHaveLength(4);
    await expect(db.pool.query(`DELETE FROM audit_seals`)).rejects.toMatchObject({ code: 'DX008' });
    expect((await verifyLog({ store, knex: db.knex })).intact).toBe(true);

    const later = await sealCompleteDays({ store, knex: db.knex, now: new Date(now.getTime() + 86_400_000) });
    expect(later.map((x) => Number(x.count))).toEqual([3]);

    await db.pool.query('ALTER TABLE audit_seals DISABLE TRIGGER ALL');
    await db.pool.query(`UPDATE audit_seals SET hash = $1 WHERE day = $2`, ['0'.repeat(64), sealed[1].day]);
    await db.pool.query('ALTER TABLE audit_seals ENABLE TRIGGER ALL');
    const problems = (await verifyLog({ store, knex: db.knex })).problems;
    expect(problems.map((p) => [p.code, p.day])).toEqual([
      ['SEAL_MISMATCH', sealed[1].day], // its hash no longer matches its range
      ['SEAL_MISMATCH', sealed[2].day], // and the next seal no longer follows it
    ]);
  });
});

describe('appending with the hash chain on Postgres', () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await createTestDatabase();
  });
  afterAll(async () => db.drop());

  it('stays chained when several processes (stores with their own caches) write one stream', async () => {
    const a = db.eventStore();
    const b = new PostgresEventStore({ pool: db.pool }); // cold cache: it never saw the stream
    const s = `issue-${randomUUID()}`;
    await a.append(s, [ev('A', {})], 'no_stream');
    await b.append(s, [ev('B', {})], 0n); // b hashes against an unknown head: refused once (DX007), rehashed
    await a.append(s, [ev('C', {})], 'any'); // a's cached head is stale now
    await a.append(s, [ev('D', {})], 'stream_exists');
    await Promise.all(Array.from({ length: 10 }, (_, i) => (i % 2 ? a : b).append(s, [ev('Numbered', { i })], 'any')));
    const report = await verifyStream(a, s);
    expect(report).toMatchObject({ events: 14, intact: true });
    await b.close();
  });

  it('hashes the events stored before the migration, so an existing log verifies', async () => {
    const name = `${db.name}_m`;
    const admin = new Client({ connectionString: withDatabase(db.url, 'postgres') });
    await admin.connect();
    await admin.query(`CREATE DATABASE "${name}"`);
    const url = withDatabase(db.url, name);
    const knex = knexFactory({ client: 'pg', connection: url });
    try {
      const names = await migrationSource.getMigrations([]);
      for (const m of names.slice(0, names.indexOf('005-hash-chain'))) await knex.migrate.up({ migrationSource, tableName: MIGRATIONS_TABLE, name: m });
      const s = `issue-${randomUUID()}`;
      for (const [i, e] of [ev('A', { n: 1 }), ev('B', { n: 2 }), ev('C', { n: 3 })].entries()) {
        await knex.raw(`SELECT * FROM dlxh_append(?, ?, ?::jsonb)`, [s, i === 0 ? 'no_stream' : String(i - 1), JSON.stringify([e])]);
      }
      await migrateToLatest(knex);
      const { Pool } = await import('pg');
      const pool = new Pool({ connectionString: url });
      const store = new PostgresEventStore({ pool });
      await store.append(s, [ev('D', {})], 2n);
      expect(await verifyStream(store, s)).toMatchObject({ events: 4, intact: true });
      await store.close();
      await pool.end();
    } finally {
      await knex.destroy();
      await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      await admin.end();
    }
  });
});

describe('verifyIssueIntegrity (GraphQL)', () => {
  let h: GraphQLHarness;
  beforeAll(async () => {
    h = await openGraphQLHarness();
  });
  afterAll(async () => h.close());

  const QUERY = `query($id: ID!) { verifyIssueIntegrity(id: $id) {
    issueId streamId intact eventCount lastPosition lastHash sealedThrough sealedEventCount
    firstProblem { code position revision otherPosition otherRevision message } problems { code position } } }`;

  it('lets officers and auditors in scope check an issue, and pinpoints tampering', async () => {
    const submitted = await h.gql<{ submitReport: { issueId: string } }>(SUBMIT_REPORT, { input: reportInput() }, await h.as('OFFICER'));
    expect(submitted.errors).toBeUndefined();
    const id = submitted.data!.submitReport.issueId;
    const auditor = await h.as('AUDITOR');
    const clean = await h.gql<{ verifyIssueIntegrity: Record<string, unknown> }>(QUERY, { id }, auditor);
    expect(clean.errors).toBeUndefined();
    expect(clean.data!.verifyIssueIntegrity).toMatchObject({ issueId: id, streamId: `issue-${id}`, intact: true, eventCount: 1, firstProblem: null, problems: [] });
    expect(clean.data!.verifyIssueIntegrity.lastHash).toMatch(/^[0-9a-f]{64}$/);

    expect((await h.gql(QUERY, { id }, await h.as('COLLABORATOR'))).errors?.[0].extensions.code).toBe('FORBIDDEN');
    expect((await h.gql(QUERY, { id }, await h.as('AUDITOR', { provinceCode: '01' }))).errors?.[0].extensions.code).toBe('NOT_FOUND');
    expect((await h.gql(QUERY, { id: 'no-such-issue' }, auditor)).errors?.[0].extensions.code).toBe('NOT_FOUND');
    expect((await h.gql(QUERY, { id })).errors?.[0].extensions.code).toBe('UNAUTHENTICATED');

    await h.db.pool.query('ALTER TABLE events DISABLE TRIGGER ALL');
    await h.db.pool.query(`UPDATE events SET data = jsonb_set(data, '{title}', '"Đã sửa"', true) WHERE stream_id = $1`, [`issue-${id}`]);
    await h.db.pool.query('ALTER TABLE events ENABLE TRIGGER ALL');
    const tampered = await h.gql<{ verifyIssueIntegrity: { intact: boolean; firstProblem: { code: string; position: string; revision: string } } }>(QUERY, { id }, await h.as('OFFICER'));
    expect(tampered.errors).toBeUndefined();
    expect(tampered.data!.verifyIssueIntegrity).toMatchObject({
      intact: false,
      firstProblem: { code: 'DATA_OR_METADATA_CHANGED', position: clean.data!.verifyIssueIntegrity.lastPosition, revision: '0' },
    });
  });
});
