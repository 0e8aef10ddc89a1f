/**
 * bench/export-import — `dlxh events export` and `dlxh events import` rates on the demo log.
 *
 *   npm run bench:export-import            (1M events; BENCH_EVENTS=100000 to change the size)
 *
 * A child process fills a database with the deterministic demo province (bench/support/demo-log.ts); a fresh child
 * exports it to a file; another imports the file into a fresh database, imports it again (the idempotent pass: nothing
 * is written), and exports the imported log to check the round trip is byte-identical. Peak RSS is each measuring
 * process's own maximum resident set size: it stays flat because both directions stream.
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { runBenchStep } from './support/child';
import { finished } from 'node:stream/promises';
import { Pool } from 'pg';
import { benchDatabaseUrl, openBenchDatabase, printTable } from './support/bench-database';
import { loadDemoLog } from './support/demo-log';
import { PostgresEventStore } from '../eventstore/postgres/postgres-event-store';
import { exportEvents } from '../services/events/export';
import { importEvents } from '../services/events/import';
import { startEmbeddedPostgres } from '../services/db/embedded-postgres';
import { loadConfig } from '../services/config';

const EVENTS_PER_REPORT = Number(process.env.BENCH_EVENTS_PER_REPORT || 4.6);
const SOURCE_DB = 'dlxh_bench_export_source';
const TARGET_DB = 'dlxh_bench_import_target';
const FILE = path.join(os.tmpdir(), 'dlxh-bench-export.ndjson');
const ROUND_TRIP_FILE = path.join(os.tmpdir(), 'dlxh-bench-export-again.ndjson');

const peakRssMb = () => process.resourceUsage().maxRSS / 1024;
const sha256 = (file: string) => createHash('sha256').update(fs.readFileSync(file)).digest('hex');

async function exportTo(url: string, file: string) {
  const pool = new Pool({ connectionString: url, max: 2 });
  const store = new PostgresEventStore({ pool, listenConnectionString: url });
  try {
    const out = fs.createWriteStream(file);
    const result = await exportEvents(store, out);
    out.end();
    await finished(out);
    return result;
  } finally {
    await store.close();
    await pool.end();
  }
}

async function fill(size: number): Promise<void> {
  const db = await openBenchDatabase(SOURCE_DB);
  try {
    console.log(JSON.stringify({ events: await loadDemoLog(db.url, Math.ceil(size / EVENTS_PER_REPORT)) }));
  } finally {
    await db.close();
  }
}

async function measureExport(): Promise<void> {
  const result = await exportTo(benchDatabaseUrl(SOURCE_DB), FILE);
  console.log(JSON.stringify({ events: result.events, bytes: result.bytes, seconds: result.seconds, peakRssMb: peakRssMb() }));
}

async function measureImport(): Promise<void> {
  const db = await openBenchDatabase(TARGET_DB);
  const pool = new Pool({ connectionString: db.url, max: 2 });
  try {
    const first = await importEvents(pool, fs.createReadStream(FILE));
    const again = await importEvents(pool, fs.createReadStream(FILE));
    await exportTo(db.url, ROUND_TRIP_FILE);
    console.log(
      JSON.stringify({
        events: first.lines,
        inserted: first.inserted,
        seconds: first.seconds,
        againInserted: again.inserted,
        againSeconds: again.seconds,
        identical: sha256(FILE) === sha256(ROUND_TRIP_FILE),
        peakRssMb: peakRssMb(),
      }),
    );
  } finally {
    await pool.end();
    await db.close();
  }
}

function child(mode: 'fill' | 'export' | 'import', size: number): Record<string, number | boolean> {
  return runBenchStep('export-import.ts', mode, size, 8192);
}

async function main() {
  const [mode, sizeArg] = process.argv.slice(2);
  if (mode === 'fill') return fill(Number(sizeArg));
  if (mode === 'export') return measureExport();
  if (mode === 'import') return measureImport();
  const size = Number(process.env.BENCH_EVENTS || 1_000_000);
  const where = process.env.DATABASE_URL ? 'DATABASE_URL' : 'embedded Postgres';
  const embedded = process.env.DATABASE_URL ? undefined : await startEmbeddedPostgres({ dataDir: loadConfig().dataDir, port: loadConfig().embeddedPgPort, database: 'postgres' });
  if (embedded) process.env.DATABASE_URL = embedded.url;
  try {
    const filled = child('fill', size);
    const exported = child('export', size);
    const imported = child('import', size);
    const rate = (events: number, seconds: number) => Math.round(events / seconds);
    const mb = Number(exported.bytes) / 1e6;
    printTable(`bench/export-import — demo log of ${filled.events} events, ${where}`, [
      { step: 'export', events: Number(exported.events), 'events/s': rate(Number(exported.events), Number(exported.seconds)), s: +Number(exported.seconds).toFixed(1), 'MB/s': +(mb / Number(exported.seconds)).toFixed(1), 'peak RSS MB': Math.round(Number(exported.peakRssMb)) },
      { step: 'import (fresh database)', events: Number(imported.inserted), 'events/s': rate(Number(imported.events), Number(imported.seconds)), s: +Number(imported.seconds).toFixed(1), 'MB/s': +(mb / Number(imported.seconds)).toFixed(1), 'peak RSS MB': Math.round(Number(imported.peakRssMb)) },
      { step: 'import again (writes nothing)', events: Number(imported.againInserted), 'events/s': rate(Number(imported.events), Number(imported.againSeconds)), s: +Number(imported.againSeconds).toFixed(1), 'MB/s': +(mb / Number(imported.againSeconds)).toFixed(1), 'peak RSS MB': Math.round(Number(imported.peakRssMb)) },
    ]);
    console.log(`file: ${mb.toFixed(1)} MB (${(Number(exported.bytes) / Number(exported.events)).toFixed(0)} bytes/event); round trip byte-identical: ${imported.identical ? 'yes' : 'NO'}`);
  } finally {
    fs.rmSync(FILE, { force: true });
    fs.rmSync(ROUND_TRIP_FILE, { force: true });
    await embedded?.stop();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
