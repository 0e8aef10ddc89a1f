import { randomBytes } from 'node:crypto';
import { Client, Pool } from 'pg';
import knexFactory, { Knex } from 'knex';
import { runId, templateDb, TEST_DB_PREFIX, withDatabase } from './test-database-names';
import { PostgresEventStore } from '../../eventstore/postgres/postgres-event-store';

/** A fresh database for one test file, cloned from the migrated template; dropped by `drop()`. */
export interface TestDatabase {
  name: string;
  url: string;
  pool: Pool;
  knex: Knex;
  eventStore(): PostgresEventStore;
  drop(): Promise<void>;
}

async function admin<T>(fn: (c: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: withDatabase(process.env.DATABASE_URL!, 'postgres') });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

export async function createTestDatabase(): Promise<TestDatabase> {
  const name = `${TEST_DB_PREFIX}${runId()}_${process.env.JEST_WORKER_ID ?? '0'}_${randomBytes(4).toString('hex')}`;
  // Cloning needs the template to have no other session; retry briefly if another worker is cloning it right now.
  for (let attempt = 0; ; attempt++) {
    try {
      await admin((c) => c.query(`CREATE DATABASE "${name}" TEMPLATE "${templateDb()}"`));
      break;
    } catch (error) {
      if ((error as { code?: string }).code !== '55006' || attempt > 50) throw error;
      await new Promise((r) => setTimeout(r, 100));
    }
  }
  const url = withDatabase(process.env.DATABASE_URL!, name);
  const pool = new Pool({ connectionString: url, max: 40 });
  pool.on('error', () => {});
  const knex = knexFactory({ client: 'pg', connection: url, pool: { min: 0, max: 10 } });
  const stores: PostgresEventStore[] = [];
  return {
    name,
    url,
    pool,
    knex,
    eventStore: () => {
      const store = new PostgresEventStore({ pool, listenConnectionString: url });
      stores.push(store);
      return store;
    },
    drop: async () => {
      await Promise.allSettled(stores.map((s) => s.close()));
      await Promise.allSettled([pool.end(), knex.destroy()]);
      await admin((c) => c.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`));
    },
  };
}
