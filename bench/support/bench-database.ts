import { Client } from 'pg';
import knexFactory from 'knex';
import { loadConfig } from '../../services/config';
import { startEmbeddedPostgres, EmbeddedPostgres } from '../../services/db/embedded-postgres';
import { migrateToLatest } from '../../migrations';

/**
 * A fresh, migrated database for one benchmark run: on DATABASE_URL's server when set, otherwise on the
 * embedded Postgres (data/). Dropped and recreated at every run so figures never depend on leftovers.
 */
export async function openBenchDatabase(name: string): Promise<{ url: string; close(): Promise<void> }> {
  const config = loadConfig();
  let embedded: EmbeddedPostgres | undefined;
  let base = config.databaseUrl;
  if (!base) {
    embedded = await startEmbeddedPostgres({ dataDir: config.dataDir, port: config.embeddedPgPort, database: 'postgres' });
    base = embedded.url;
  }
  const at = (db: string) => {
    const u = new URL(base!);
    u.pathname = `/${db}`;
    return u.toString();
  };
  const admin = new Client({ connectionString: at('postgres') });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
  await admin.query(`CREATE DATABASE "${name}"`);
  await admin.end();
  const knex = knexFactory({ client: 'pg', connection: at(name) });
  await migrateToLatest(knex);
  await knex.destroy();
  return {
    url: at(name),
    close: async () => {
      if (embedded) await embedded.stop();
    },
  };
}

/** The URL of an existing benchmark database on DATABASE_URL's server (for a child process of a benchmark). */
export function benchDatabaseUrl(name: string): string {
  const config = loadConfig();
  const base = config.databaseUrl ?? `postgres://postgres@127.0.0.1:${config.embeddedPgPort}/postgres`;
  const u = new URL(base);
  u.pathname = `/${name}`;
  return u.toString();
}

export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

export function printTable(title: string, rows: Record<string, string | number>[]): void {
  console.log(`\n${title}`);
  console.table(rows);
}
