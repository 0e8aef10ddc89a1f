import path from 'node:path';
import { Client } from 'pg';
import knexFactory from 'knex';
import { startEmbeddedPostgres } from '../../services/db/embedded-postgres';
import { migrateToLatest } from '../../migrations';
import { templateDb, withDatabase } from './test-database-names';

/**
 * Runs once before all test files.
 * - DATABASE_URL set: tests use that server. Unset: an embedded Postgres is started under data/test-pg.
 * - A template database with every migration applied is made once; each test file clones it (CREATE DATABASE … TEMPLATE).
 */
function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}


export default async function globalSetup(): Promise<void> {
  process.env.NODE_ENV ??= 'test';
  process.env.DLXH_TEST_RUN = String(process.pid);
  if (!process.env.DATABASE_URL) {
    const dataDir = path.resolve(__dirname, '..', '..', 'data', 'test-pg');
    const port = Number(process.env.EMBEDDED_PG_TEST_PORT || 54330);
    const pg = await startEmbeddedPostgres({ dataDir, port, database: 'postgres' });
    (globalThis as Record<string, unknown>).__DLXH_EMBEDDED__ = pg;
    process.env.DATABASE_URL = pg.url;
    process.env.DLXH_TEST_EMBEDDED = '1';
  }
  const admin = new Client({ connectionString: withDatabase(process.env.DATABASE_URL!, 'postgres') });
  await admin.connect();
  try {
    // Leftovers of earlier runs whose process is gone (an interrupted run); running ones are left alone.
    const { rows } = await admin.query<{ datname: string }>(`SELECT datname FROM pg_database WHERE datname ~ '^(dlxh_t_|dlxh_tmpl_)[0-9]+'`);
    for (const { datname } of rows) {
      const pid = Number(/^(?:dlxh_t_|dlxh_tmpl_)(\d+)/.exec(datname)![1]);
      if (!alive(pid)) await admin.query(`DROP DATABASE IF EXISTS "${datname}" WITH (FORCE)`);
    }
    await admin.query(`CREATE DATABASE "${templateDb()}"`);
  } finally {
    await admin.end();
  }
  const knex = knexFactory({ client: 'pg', connection: withDatabase(process.env.DATABASE_URL!, templateDb()) });
  try {
    await migrateToLatest(knex);
  } finally {
    await knex.destroy();
  }
}
