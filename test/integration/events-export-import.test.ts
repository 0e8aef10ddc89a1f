import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PassThrough, Readable } from 'node:stream';
import { promisify } from 'node:util';
import { openHarness, Harness, dumpProjection } from '../support/projection-harness';
import { createTestDatabase, TestDatabase } from '../support/test-database';
import { traffic } from '../crash/projector-crash';
import { PROJECTIONS } from '../../projections';
import { rebuild } from '../../projections/rebuild';
import type { EventStore, RecordedEvent } from '../../eventstore/port';
import { exportEvents } from '../../services/events/export';
import { ImportConflictError, ImportLineError, importEvents, parseExportLine } from '../../services/events/import';
import { recomputeHash } from '../../eventstore/hash-chain';

const ROOT = path.resolve(__dirname, '..', '..');

async function exportToString(store: EventStore): Promise<string> {
  const out = new PassThrough();
  const chunks: Buffer[] = [];
  out.on('data', (c: Buffer) => chunks.push(c));
  await exportEvents(store, out, { batchSize: 13 });
  out.end();
  return Buffer.concat(chunks).toString('utf8');
}

const importString = (db: TestDatabase, text: string, batchSize = 10) => importEvents(db.pool, Readable.from([text]), { batchSize });

async function readModels(h: { store: EventStore; db: TestDatabase }) {
  await rebuild({ store: h.store, knex: h.db.knex, projections: PROJECTIONS });
  return Promise.all(PROJECTIONS.map((p) => dumpProjection(h.db.knex, p)));
}

describe('dlxh events export / import', () => {
  let h: Harness;
  let original: string;
  const dbs: TestDatabase[] = [];
  const fresh = async () => {
    const db = await createTestDatabase();
    dbs.push(db);
    return db;
  };

  beforeAll(async () => {
    h = await openHarness();
    let seed = 3;
    await traffic(h.issues, 25, () => ((seed = (seed * 16807) % 2147483647) / 2147483647));
    // An event whose data and metadata keys are not sorted, with Vietnamese text and nesting.
    await h.store.append(
      'note-1',
      [{ eventId: '00000000-0000-4000-8000-000000000001', type: 'NoteTaken', data: { z: 1, a: { y: [1, { d: 'Đà Lạt', b: null }], x: true } }, metadata: { zeta: 'z', alpha: 'a' } }],
      'no_stream',
    );
    await traffic(h.issues, 5, () => 0.3);
    original = await exportToString(h.store);
  }, 60_000);

  afterAll(async () => {
    await Promise.all(dbs.map((db) => db.drop()));
    await h?.close();
  });

  it('exports one line per event in global order, with string positions and a fixed key order', async () => {
    const events = await h.events();
    const lines = original.trimEnd().split('\n');
    expect(lines).toHaveLength(events.length);
    expect(lines.map((l) => JSON.parse(l).position)).toEqual(events.map((e) => e.position.toString()));
    expect(Object.keys(JSON.parse(lines[0]))).toEqual(['position', 'eventId', 'streamId', 'revision', 'type', 'data', 'metadata', 'recordedAt']);
    const note = lines.find((l) => l.includes('"note-1"'))!;
    // Keys in the order of Postgres jsonb (shorter first, then bytewise), whatever order they were written in.
    expect(note).toContain('"data":{"a":{"x":true,"y":[1,{"b":null,"d":"Đà Lạt"}]},"z":1}');
    expect(note).toMatch(/"metadata":\{"hash":"[0-9a-f]{64}","zeta":"z","alpha":"a","prevHash":null\}/);
  });

  it('round trip: import into a fresh database, export again: byte-identical; read models rebuilt from it are equal', async () => {
    const target = await fresh();
    const result = await importString(target, original, 7);
    const count = original.trimEnd().split('\n').length;
    expect(result).toMatchObject({ lines: count, inserted: count, existing: 0 });
    const store = target.eventStore();
    expect(await exportToString(store)).toBe(original);
    expect(await store.headPosition()).toBe(await h.store.headPosition());
    expect(await readModels({ store, db: target })).toEqual(await readModels(h));

    // Importing the same file again writes nothing.
    expect(await importString(target, original, 50)).toMatchObject({ inserted: 0, existing: count });
    expect(await exportToString(store)).toBe(original);

    // The position sequence was moved past the imported log: a new append lands after it.
    const appended = await store.append('note-2', [{ eventId: '00000000-0000-4000-8000-000000000002', type: 'NoteTaken', data: {} }], 'no_stream');
    expect(appended.position).toBe((await h.store.headPosition()) + 1n);
  }, 60_000);

  it('keeps live readers gap-free: a subscription running during the import sees every event once, in order', async () => {
    const target = await fresh();
    const store = target.eventStore();
    const seen: RecordedEvent[] = [];
    const count = original.trimEnd().split('\n').length;
    let resolveAll!: () => void;
    const all = new Promise<void>((r) => (resolveAll = r));
    const sub = store.subscribeToAll({
      onEvents: (events) => {
        seen.push(...events);
        if (seen.length >= count) resolveAll();
      },
    });
    await importString(target, original, 5);
    await all;
    await sub.close();
    expect(seen.map((e) => e.position)).toEqual((await h.events()).map((e) => e.position));
  }, 60_000);

  it('a bad line stops the import before its batch is written; earlier batches stay; a fixed file then completes', async () => {
    const target = await fresh();
    const lines = original.trimEnd().split('\n');
    const broken = [...lines];
    broken[4] = broken[4].replace(/"revision":"\d+"/, '"revision":"-1"');
    await expect(importString(target, broken.join('\n'), 3)).rejects.toThrow(new ImportLineError(5, '"revision" must be an integer ≥ 0 in a string'));
    const { rows } = await target.pool.query<{ n: string }>('SELECT count(*) AS n FROM events');
    expect(Number(rows[0].n)).toBe(3); // lines 1–3 were committed; the batch of line 5 (lines 4–6) was not
    expect(await importString(target, original, 3)).toMatchObject({ inserted: lines.length - 3, existing: 3 });
    expect(await exportToString(target.eventStore())).toBe(original);
  }, 60_000);

  it('an event id stored with different content is a CONFLICT naming the line; nothing of its batch is written', async () => {
    const target = await fresh();
    const lines = original.trimEnd().split('\n');
    await importString(target, lines.slice(0, 4).join('\n'));
    const tampered = [...lines];
    tampered[1] = tampered[1].replace('"data":{', '"data":{"tampered":true,');
    await expect(importString(target, tampered.join('\n'), 100)).rejects.toThrow(
      new ImportLineError(2, 'its tamper-evidence hash (metadata.hash) does not match its content: the event was altered'),
    );
    // The same id with other content and a hash that matches it (a different log, not an altered line).
    const other = JSON.parse(tampered[1]);
    other.metadata.hash = recomputeHash({ ...other, revision: BigInt(other.revision), position: BigInt(other.position) });
    tampered[1] = JSON.stringify(other);
    const error = await importString(target, tampered.join('\n'), 100).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ImportConflictError);
    expect((error as ImportConflictError).message).toMatch(/^line 2: event id [0-9a-f-]+ is already stored with different content/);
    expect((error as ImportConflictError).code).toBe('CONFLICT');
    const { rows } = await target.pool.query<{ n: string }>('SELECT count(*) AS n FROM events');
    expect(Number(rows[0].n)).toBe(4);
  }, 60_000);

  it('refuses a revision gap and an event that would land below the head of the log', async () => {
    const lines = original.trimEnd().split('\n');
    const events = lines.map((l) => JSON.parse(l) as { streamId: string; revision: string });
    const second = events.findIndex((e) => e.revision === '1');
    const withGap = lines.filter((_, i) => i !== events.findIndex((e) => e.streamId === events[second].streamId && e.revision === '0'));
    await expect(importString(await fresh(), withGap.join('\n'), 1000)).rejects.toThrow(/does not follow revision 0 of the stream/);

    const target = await fresh();
    await target.eventStore().append('note-9', [{ eventId: '00000000-0000-4000-8000-000000000009', type: 'NoteTaken', data: {} }], 'no_stream');
    await expect(importString(target, original)).rejects.toThrow(new ImportLineError(1, 'position is not after the head of the log (the next free position is 2): an import only extends the log at its head'));
  }, 60_000);

  it('validates every line with a typed error naming the line', () => {
    const line = original.split('\n')[0];
    const e = JSON.parse(line);
    const bad = (patch: Record<string, unknown>, previous = 0n) => () => parseExportLine(JSON.stringify({ ...e, ...patch }), 9, previous);
    expect(() => parseExportLine('{"position":', 9, 0n)).toThrow('line 9: is not valid JSON');
    expect(() => parseExportLine('[]', 9, 0n)).toThrow('line 9: must be a JSON object');
    expect(bad({ extra: 1 })).toThrow('line 9: unknown key "extra"');
    expect(() => parseExportLine(JSON.stringify({ ...e, type: undefined }), 9, 0n)).toThrow('line 9: "type" is missing');
    expect(bad({ position: 1 })).toThrow('line 9: "position" must be a positive integer in a string');
    expect(bad({}, BigInt(e.position))).toThrow(`line 9: "position" ${e.position} does not follow the previous line's ${e.position}`);
    expect(bad({ eventId: e.eventId.toUpperCase() })).toThrow('line 9: "eventId" must be a lower-case UUID');
    expect(bad({ recordedAt: '2026-10-09' })).toThrow('line 9: "recordedAt" must be an ISO-8601 UTC time');
    expect(bad({ metadata: [] })).toThrow('line 9: "metadata" must be an object');
    expect(bad({ streamId: 'Issue 1' })).toThrow('line 9: "streamId" must look like "<category>-<id>"');
    expect(bad({ type: 'lower' })).toThrow('line 9: "type" must be a PascalCase name');
    expect(bad({ data: { s: 'a\u0000b' } })).toThrow('line 9: contains a NUL character');
    expect(bad({ data: { ...e.data, extra: 1 } })).toThrow('line 9: its tamper-evidence hash (metadata.hash) does not match its content');
    expect(parseExportLine(line, 9, 0n).position).toBe(BigInt(e.position));
  });

  it('works through the CLI: `dlxh events export > file` and `dlxh events import file`', async () => {
    const run = promisify(execFile);
    const env = (url: string) => ({ ...process.env, DATABASE_URL: url, LOG_LEVEL: 'silent' });
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'dlxh-export-')), 'log.ndjson');
    const exported = await run(process.execPath, [path.join(ROOT, 'bin', 'dlxh.js'), 'events', 'export'], { cwd: ROOT, env: env(h.db.url), maxBuffer: 64 * 1024 * 1024 });
    expect(exported.stdout).toBe(original);
    fs.writeFileSync(file, exported.stdout);
    const target = await fresh();
    const imported = await run(process.execPath, [path.join(ROOT, 'bin', 'dlxh.js'), 'events', 'import', file], { cwd: ROOT, env: env(target.url) });
    expect(imported.stderr).toContain(`imported ${original.trimEnd().split('\n').length} events`);
    expect(await exportToString(target.eventStore())).toBe(original);
  }, 60_000);
});
