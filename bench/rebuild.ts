/**
 * bench/rebuild — rebuilding every read model from the log, at two sizes, against a plain scan of the log.
 *
 *   npm run bench:rebuild                 (sizes 250k and 1M events; BENCH_SIZES=50000,200000 to change them)
 *
 * For each size, a child process fills a database with the deterministic demo province (bench/support/demo-log.ts),
 * and a fresh child process then measures, in one run: a plain scan of the events table through the store's readAll
 * (the limit proxy: a rebuild cannot read faster), and `rebuild` of all projections. Peak RSS is the measuring
 * process's own maximum resident set size.
 */
import { runBenchStep } from './support/child';
import { performance } from 'node:perf_hooks';
import { Pool } from 'pg';
import knexFactory from 'knex';
import { benchDatabaseUrl, openBenchDatabase, printTable } from './support/bench-database';
import { loadDemoLog } from './support/demo-log';
import { PostgresEventStore } from '../eventstore/postgres/postgres-event-store';
import { PROJECTIONS } from '../projections';
import { rebuild } from '../projections/rebuild';
import { startEmbeddedPostgres } from '../services/db/embedded-postgres';
import { loadConfig } from '../services/config';

/** Reports the demo needs for about one event per `EVENTS_PER_REPORT` (measured on the demo province). */
const EVENTS_PER_REPORT = Number(process.env.BENCH_EVENTS_PER_REPORT || 4.6);

async function fill(size: number): Promise<void> {
  const db = await openBenchDatabase(`dlxh_bench_rebuild_${size}`);
  try {
    const events = await loadDemoLog(db.url, Math.ceil(size / EVENTS_PER_REPORT));
    console.log(JSON.stringify({ events }));
  } finally {
    await db.close();
  }
}

async function measure(size: number): Promise<void> {
  const url = benchDatabaseUrl(`dlxh_bench_rebuild_${size}`);
  const pool = new Pool({ connectionString: url, max: 4 });
  const knex = knexFactory({ client: 'pg', connection: url, pool: { min: 0, max: 10 } });
  const store = new PostgresEventStore({ pool, listenConnectionString: url });
  try {
    let scanned = 0;
    const scanStart = performance.now();
    for (let after = 0n; ; ) {
      const page = await store.readAll({ after, maxCount: 5000 });
      if (page.length === 0) break;
      scanned += page.length;
      after = page[page.length - 1].position;
    }
    const scanSeconds = (performance.now() - scanStart) / 1000;
    const result = await rebuild({ store, knex, projections: PROJECTIONS, batchSize: 5000 });
    console.log(
      JSON.stringify({ scanned, scanSeconds, events: result.events, rebuildSeconds: result.seconds, peakRssMb: process.resourceUsage().maxRSS / 1024, byProjection: result.secondsByProjection }),
    );
  } finally {
    await store.close();
    await pool.end();
    await knex.destroy();
  }
}

function child(mode: 'fill' | 'measure', size: number): Record<string, number> & { byProjection?: Record<string, number> } {
  // Only the fill (which plans the whole demo in memory) gets a large heap; the measurement runs with Node's default.
  return runBenchStep('rebuild.ts', mode, size, mode === 'fill' ? 8192 : undefined);
}

async function main() {
  const [mode, sizeArg] = process.argv.slice(2);
  if (mode === 'fill') return fill(Number(sizeArg));
  if (mode === 'measure') return measure(Number(sizeArg));
  const sizes = (process.env.BENCH_SIZES || '250000,1000000').split(',').map(Number);
  const where = process.env.DATABASE_URL ? 'DATABASE_URL' : 'embedded Postgres';
  // Children share one server: without DATABASE_URL, this process starts the embedded one and hands it down.
  const embedded = process.env.DATABASE_URL ? undefined : await startEmbeddedPostgres({ dataDir: loadConfig().dataDir, port: loadConfig().embeddedPgPort, database: 'postgres' });
  if (embedded) process.env.DATABASE_URL = embedded.url;
  const rows: Record<string, string | number>[] = [];
  for (const size of sizes) {
    const filled = child('fill', size);
    const m = child('measure', size);
    const scanRate = m.scanned / m.scanSeconds;
    const rebuildRate = m.events / m.rebuildSeconds;
    rows.push({
      events: filled.events,
      'scan events/s': Math.round(scanRate),
      'rebuild events/s': Math.round(rebuildRate),
      'rebuild s': +m.rebuildSeconds.toFixed(1),
      'rebuild / scan': +(rebuildRate / scanRate).toFixed(2),
      'peak RSS MB': Math.round(m.peakRssMb),
      'time by projection (s)': Object.entries(m.byProjection ?? {})
        .map(([name, seconds]) => `${name} ${seconds.toFixed(1)}`)
        .join(', '),
    });
  }
  printTable(`bench/rebuild — all ${PROJECTIONS.length} read models, ${where}`, rows);
  await embedded?.stop();
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
