/**
 * bench/export-csv — the CSV exports over the whole demo province, through HTTP, with the peak RSS of the process.
 *
 *   npm run bench:export-csv               (about 1M events; BENCH_EVENTS=100000 to change it;
 *                                          BENCH_REUSE=1 measures a database an earlier run filled)
 *
 * A child process fills a database with the deterministic demo province (bench/support/demo-log.ts) and rebuilds
 * every read model; a fresh child process then serves /export on a local port and downloads, as an OFFICER of the
 * province, issues.csv (no filter: every issue) and trends.csv (by sector × commune × day over the log's last 366 days,
 * the longest range granularity DAY allows) through
 * HTTP, counting rows and bytes without keeping them. Peak RSS is that process's maximum resident set size
 * (server and client together), after each export.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { runBenchStep } from './support/child';
import { performance } from 'node:perf_hooks';
import express from 'express';
import knexFactory from 'knex';
import { Pool } from 'pg';
import { benchDatabaseUrl, openBenchDatabase, printTable } from './support/bench-database';
import { loadDemoLog } from './support/demo-log';
import { PostgresEventStore } from '../eventstore/postgres/postgres-event-store';
import { mintToken } from '../graphql/auth/tokens';
import { PROJECTIONS } from '../projections';
import { rebuild } from '../projections/rebuild';
import { exportRouter } from '../services/api/export.routes';
import { loadConfig } from '../services/config';
import { startEmbeddedPostgres } from '../services/db/embedded-postgres';
import { loadLocalityCatalogue } from '../services/localities';
import { createLogger } from '../services/logger';

const EVENTS_PER_REPORT = Number(process.env.BENCH_EVENTS_PER_REPORT || 4.6);
const DB = (events: number) => `dlxh_bench_export_${events}`;

async function fill(size: number): Promise<void> {
  const db = await openBenchDatabase(DB(size));
  try {
    const events = await loadDemoLog(db.url, Math.ceil(size / EVENTS_PER_REPORT));
    const pool = new Pool({ connectionString: db.url, max: 4 });
    const knex = knexFactory({ client: 'pg', connection: db.url, pool: { min: 0, max: 4 } });
    const store = new PostgresEventStore({ pool, listenConnectionString: db.url });
    try {
      const rebuilt = await rebuild({ store, knex, projections: PROJECTIONS, batchSize: 5000 });
      await knex.raw('ANALYZE');
      console.log(JSON.stringify({ events, rebuildSeconds: rebuilt.seconds }));
    } finally {
      await store.close();
      await pool.end();
      await knex.destroy();
    }
  } finally {
    await db.close();
  }
}

/** Downloads a URL, counting bytes and CSV records (a record ends with CRLF; line breaks inside fields are LF). */
async function download(url: string, token: string): Promise<{ status: number; bytes: number; rows: number; seconds: number }> {
  const started = performance.now();
  const response = await fetch(url, { headers: { authorization: `Bearer ${token}` } });
  if (response.status !== 200) throw new Error(`${url}: HTTP ${response.status} ${await response.text()}`);
  let bytes = 0;
  let records = 0;
  let previous = 0;
  for await (const chunk of response.body as unknown as AsyncIterable<Uint8Array>) {
    bytes += chunk.length;
    for (const byte of chunk) {
      if (byte === 0x0a && previous === 0x0d) records++;
      previous = byte;
    }
  }
  return { status: response.status, bytes, rows: records - 1, seconds: (performance.now() - started) / 1000 };
}

async function measure(size: number): Promise<void> {
  const url = benchDatabaseUrl(DB(size));
  const config = loadConfig();
  const knex = knexFactory({ client: 'pg', connection: url, pool: { min: 0, max: 4 } });
  const app = express();
  app.use('/export', exportRouter({ knex, catalogue: loadLocalityCatalogue(config), tokens: config.jwt, log: createLogger('error') }));
  const server = http.createServer(app);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/export`;
  try {
    const token = await mintToken(config.jwt, { id: 'bench-officer', role: 'OFFICER', provinceCode: '68', communeCodes: null, agencyId: null });
    const { rows } = await knex.raw<{ rows: { from: string; to: string }[] }>(`SELECT greatest(min(day), max(day) - 365)::text AS from, max(day)::text AS to FROM trends_daily`);
    const baselineRss = process.resourceUsage().maxRSS / 1024;
    const issues = await download(`${base}/issues.csv`, token);
    const issuesRss = process.resourceUsage().maxRSS / 1024;
    const trends = await download(`${base}/trends.csv?from=${rows[0].from}&to=${rows[0].to}&groupBy=SECTOR,COMMUNE,PERIOD&granularity=DAY`, token);
    const trendsRss = process.resourceUsage().maxRSS / 1024;
    console.log(JSON.stringify({ baselineRssMb: baselineRss, issues: { ...issues, peakRssMb: issuesRss }, trends: { ...trends, peakRssMb: trendsRss, range: `${rows[0].from}..${rows[0].to}` } }));
  } finally {
    server.closeAllConnections();
    server.close();
    await knex.destroy();
  }
}

function child(mode: 'fill' | 'measure', size: number): Record<string, unknown> {
  // The measuring process gets a small heap: an export that buffered would run out of memory instead of streaming.
  return runBenchStep('export-csv.ts', mode, size, mode === 'fill' ? 8192 : Number(process.env.BENCH_MEASURE_HEAP_MB || 128));
}

async function main() {
  const [mode, sizeArg] = process.argv.slice(2);
  if (mode === 'fill') return fill(Number(sizeArg));
  if (mode === 'measure') return measure(Number(sizeArg));
  const size = Number(process.env.BENCH_EVENTS || 1_000_000);
  const where = process.env.DATABASE_URL ? 'DATABASE_URL' : 'embedded Postgres';
  const embedded = process.env.DATABASE_URL ? undefined : await startEmbeddedPostgres({ dataDir: loadConfig().dataDir, port: loadConfig().embeddedPgPort, database: 'postgres' });
  if (embedded) process.env.DATABASE_URL = embedded.url;
  try {
    const filled = (process.env.BENCH_REUSE ? { events: size, rebuildSeconds: NaN } : child('fill', size)) as { events: number; rebuildSeconds: number };
    const m = child('measure', size) as Record<'issues' | 'trends', { rows: number; bytes: number; seconds: number; peakRssMb: number; range?: string }> & { baselineRssMb: number };
    printTable(
      `bench/export-csv — ${filled.events} events (read models rebuilt in ${filled.rebuildSeconds.toFixed(1)} s), ${where}; ` +
        `peak RSS before any export (server, client, modules loaded): ${Math.round(m.baselineRssMb)} MB`,
      (['issues', 'trends'] as const).map((name) => ({
        export: `${name}.csv${m[name].range ? ` (${m[name].range}, by sector × commune × day)` : ' (every issue)'}`,
        rows: m[name].rows,
        MB: +(m[name].bytes / 2 ** 20).toFixed(1),
        seconds: +m[name].seconds.toFixed(2),
        'rows/s': Math.round(m[name].rows / m[name].seconds),
        'peak RSS MB (process, after it)': Math.round(m[name].peakRssMb),
      })),
    );
  } finally {
    await embedded?.stop();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
