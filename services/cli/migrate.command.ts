import { Command } from 'commander';
import type { Config } from '../config';
import { openDatabase } from '../db/database';
import { migrateToLatest } from '../../migrations';

export function registerMigrate(program: Command, config: () => Config): void {
  program
    .command('migrate')
    .description('apply every pending database migration (events table and read models)')
    .action(async () => {
      const db = await openDatabase(config(), { log: (m) => console.error(m) });
      try {
        const applied = await migrateToLatest(db.knex);
        console.log(applied.length ? `applied: ${applied.join(', ')}` : 'already up to date');
      } finally {
        await db.close();
      }
    });
}
