/**
 * bench/append — event-store append throughput and latency, with a raw INSERT as the limit proxy.
 *
 *   npm run bench:append            (DATABASE_URL's server, or embedded Postgres when unset)
 *   BENCH_SECONDS=5 npm run bench:append
 *
 * Scenarios: single-event appends from 1, 8 and 32 concurrent writers (each writer its own stream, expected
 * revision checked), and batches of 100 and 1,000 events. Each scenario is paired with a raw multi-row INSERT
 * of the same rows into a plain table with the same columns, measured in the same run, interleaved.
 */
import { randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { Pool } from 'pg';
import { PostgresEventStore } from '../eventstore/postgres/postgres-event-store';
import { NewEvent } from '../eventstore/port';
import { openBenchDatabase, percentile, printTable } from './support/bench-database';

const SECONDS = Number(process.env.BENCH_SECONDS || 3);

const payload = (i: number) => ({
  reportId: randomUUID(),
  title: 'Người dân phản ánh về tiến độ bồi thường, giải phóng mặt bằng dự án đường cao tốc',
  summary: 'Nhiều hộ dân xã Đinh Văn Lâm Hà cho rằng đơn giá bồi thường thấp hơn giá thị trường; đề nghị xem xét lại.',
  sectors: ['COMPENSATION_SITE_CLEARANCE', 'PLANNING_LAND'],
  localityCode: '24820',
  tendency: 'NEGATIVE',
  intensity: 'HIGH',
  i,
});
const meta = { actorId: 'bench', actorRole: 'COLLABORATOR', correlationId: randomUUID(), schemaVersion: 1, occurredAt: new Date().toISOString() };
const events = (n: number): NewEvent[] => Array.from({ length: n }, (_, i) => ({ eventId: randomUUID(), type: 'ReportSubmitted', data: payload(i), metadata: meta }));

interface Measure {
  events: number;
  seconds: number;
  latencies: number[];
}

async function runFor(writers: number, op: (writer: number, iteration: number) => Promise<number>): Promise<Measure> {
  const latencies: number[] = [];
  let count = 0;
  const until = performance.now() + SECONDS * 1000;
  const start = performance.now();
  await Promise.all(
    Array.from({ length: writers }, async (_, w) => {
      for (let i = 0; performance.now() < until; i++) {
        const t = performance.now();
        const n = await op(w, i);
        count += n;
        latencies.push(performance.now() - t);
      }
    }),
  );
  return { events: count, seconds: (performance.now() - start) / 1000, latencies: latencies.sort((a, b) => a - b) };
}

async function main() {
  const bench = await openBenchDatabase('dlxh_bench_append');
  const pool = new Pool({ connectionString: bench.url, max: 40 });
  const store = new PostgresEventStore({ pool, listenConnectionString: bench.url });
  await pool.query(`CREATE TABLE raw_events (LIKE events INCLUDING DEFAULTS)`); // same columns, no constraints or indexes
  await pool.query(`ALTER TABLE raw_events ALTER COLUMN position DROP IDENTITY IF EXISTS`);
  await pool.query(`CREATE SEQUENCE raw_events_seq; ALTER TABLE raw_events ALTER COLUMN position SET DEFAULT nextval('raw_events_seq')`);

  const rawInsert = async (batch: NewEvent[], stream: string, startRevision: number) => {
    await pool.query(
      `INSERT INTO raw_events (stream_id, revision, type, data, metadata, event_id)
       SELECT $1, $2::bigint + i - 1, t, d, m, id FROM unnest($3::text[], $4::jsonb[], $5::jsonb[], $6::uuid[]) WITH ORDINALITY AS u(t, d, m, id, i)`,
      [stream, startRevision, batch.map((e) => e.type), batch.map((e) => JSON.stringify(e.data)), batch.map((e) => JSON.stringify(e.metadata)), batch.map((e) => e.eventId)],
    );
    return batch.length;
  };

  const scenarios: { name: string; writers: number; batch: number }[] = [
    { name: 'single event, 1 writer', writers: 1, batch: 1 },
    { name: 'single event, 8 writers', writers: 8, batch: 1 },
    { name: 'single event, 32 writers', writers: 32, batch: 1 },
    { name: 'batch of 100, 1 writer', writers: 1, batch: 100 },
    { name: 'batch of 1,000, 1 writer', writers: 1, batch: 1000 },
  ];
  const rows: Record<string, string | number>[] = [];
  for (const s of scenarios) {
    const streams = Array.from({ length: s.writers }, () => `bench-${randomUUID()}`);
    const revisions = streams.map(() => -1n);
    const dlxh = await runFor(s.writers, async (w) => {
      const r = await store.append(streams[w], events(s.batch), revisions[w] < 0n ? 'no_stream' : revisions[w]);
      revisions[w] = r.nextExpectedRevision;
      return s.batch;
    });
    const rawStreams = streams.map(() => `raw-${randomUUID()}`);
    const rawRevs = streams.map(() => 0);
    const raw = await runFor(s.writers, async (w) => {
      const n = await rawInsert(events(s.batch), rawStreams[w], rawRevs[w]);
      rawRevs[w] += n;
      return n;
    });
    const rate = (m: Measure) => m.events / m.seconds;
    rows.push({
      scenario: s.name,
      'events/s': Math.round(rate(dlxh)),
      'p50 ms': +percentile(dlxh.latencies, 50).toFixed(2),
      'p99 ms': +percentile(dlxh.latencies, 99).toFixed(2),
      'raw INSERT events/s': Math.round(rate(raw)),
      'raw p50 ms': +percentile(raw.latencies, 50).toFixed(2),
      'dlxh / raw': +(rate(dlxh) / rate(raw)).toFixed(2),
    });
  }
  printTable(`bench/append — ${SECONDS}s per scenario, ${process.env.DATABASE_URL ? 'DATABASE_URL' : 'embedded Postgres'}`, rows);
  await store.close();
  await pool.end();
  await bench.close();
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
