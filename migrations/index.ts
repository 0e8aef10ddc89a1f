import type { Knex } from 'knex';
import * as m001 from './001-events';
import * as m002 from './002-projection-checkpoints';
import * as m003 from './003-read-models';
import * as m004 from './004-import';
import * as m005 from './005-hash-chain';
import * as m006 from './006-integrations';
import * as m008 from './008-surveys';
import * as m009 from './009-trends-province';
import * as m010 from './010-read-horizon';
import * as m011 from './011-hotspots';

/**
 * Every migration, in order. Listed explicitly (instead of scanning a folder) so the same list works
 * under the CLI, jest and a bundled build.
 */
const migrations: Record<string, { up(knex: Knex): Promise<void>; down(knex: Knex): Promise<void> }> = {
  '001-events': m001,
  '002-projection-checkpoints': m002,
  '003-read-models': m003,
  '004-import': m004,
  '005-hash-chain': m005,
  '006-integrations': m006,
  '008-surveys': m008,
  '009-trends-province': m009,
  '010-read-horizon': m010,
  '011-hotspots': m011,
};

export const migrationSource: Knex.MigrationSource<string> = {
  getMigrations: async () => Object.keys(migrations),
  getMigrationName: (name) => name,
  getMigration: async (name) => migrations[name],
};

export const MIGRATIONS_TABLE = 'knex_migrations';

export async function migrateToLatest(knex: Knex): Promise<string[]> {
  const [, applied] = await knex.migrate.latest({ migrationSource, tableName: MIGRATIONS_TABLE });
  return applied as string[];
}

/** True when every known migration has been applied (used by readiness). */
export async function migrationsAreCurrent(knex: Knex): Promise<boolean> {
  const [, pending] = (await knex.migrate.list({ migrationSource, tableName: MIGRATIONS_TABLE })) as [unknown[], unknown[]];
  return pending.length === 0;
}
