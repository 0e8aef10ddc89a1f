import { Client } from 'pg';
import type { EmbeddedPostgres } from '../../services/db/embedded-postgres';
import { templateDb, TEST_DB_PREFIX, runId, withDatabase } from './test-database-names';

export default async function globalTeardown(): Promise<void> {
  const admin = new Client({ connectionString: withDatabase(process.env.DATABASE_URL!, 'postgres') });
  await admin.connect();
  try {
    const { rows } = await admin.query<{ datname: string }>('SELECT datname FROM pg_database WHERE datname LIKE $1', [`${TEST_DB_PREFIX}${runId()}\_%`]);
    for (const { datname } of rows) await admin.query(`DROP DATABASE IF EXISTS "${datname}" WITH (FORCE)`);
    await admin.query(`DROP DATABASE IF EXISTS "${templateDb()}" WITH (FORCE)`);
  } finally {
    await admin.end();
  }
  const pg = (globalThis as Record<string, unknown>).__DLXH_EMBEDDED__ as EmbeddedPostgres | undefined;
  if (pg) await pg.stop();
}
