import knexFactory, { Knex } from 'knex';
import { Pool } from 'pg';
import type { Config } from '../config';
import { EmbeddedPostgres, startEmbeddedPostgres } from './embedded-postgres';
import { migrateToLatest } from '../../migrations';

/** One Postgres: a pg pool (event store) and a knex instance (read models, migrations). */
export interface Database {
  url: string;
  pool: Pool;
  knex: Knex;
  embedded?: EmbeddedPostgres;
  close(): Promise<void>;
}

export interface OpenDatabaseOptions {
  migrate?: boolean;
  log?: (message: string) => void;
  poolSize?: number;
  applicationName?: string;
}

export async function openDatabase(config: Config, options: OpenDatabaseOptions = {}): Promise<Database> {
  let embedded: EmbeddedPostgres | undefined;
  let url = config.databaseUrl;
  if (!url) {
    embedded = await startEmbeddedPostgres({ dataDir: config.dataDir, port: config.embeddedPgPort, log: options.log });
    url = embedded.url;
  }
  const applicationName = options.applicationName ?? 'dlxh';
  const pool = new Pool({ connectionString: url, max: options.poolSize ?? 20, application_name: applicationName });
  pool.on('error', () => {}); // an idle client's error: the next query reports it
  const knex = knexFactory({
    client: 'pg',
    connection: { connectionString: url, application_name: `${applicationName}-knex` },
    pool: { min: 0, max: options.poolSize ?? 10 },
  });
  const db: Database = {
    url,
    pool,
    knex,
    embedded,
    close: async () => {
      await Promise.allSettled([pool.end(), knex.destroy()]);
      if (embedded) await embedded.stop();
    },
  };
  try {
    if (options.migrate) await migrateToLatest(knex);
  } catch (error) {
    await db.close();
    throw error;
  }
  return db;
}
