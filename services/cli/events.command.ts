import fs from 'node:fs';
import { Command } from 'commander';
import type { Config } from '../config';
import { ValidationError } from '../../domain/errors';
import { openDatabase } from '../db/database';
import type { EventStore } from '../../eventstore/port';
import { PostgresEventStore } from '../../eventstore/postgres/postgres-event-store';
import { KurrentEventStore } from '../../eventstore/kurrent/kurrent-event-store';
import { exportEvents } from '../events/export';
import { importEvents } from '../events/import';
import { migrateEvents, MigrationInterruptedError, postgresCheckpoint, redactedAddress, verifyMigration } from '../events/migrate';
import { progressBar } from './progress';

/** Messages go to stderr: stdout carries the exported log. */
const say = (message: string) => console.error(message);

function positiveInt(name: string, raw: string): number {
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 1) throw ValidationError.field(name, 'must be a positive integer');
  return n;
}

/** The event store of the configuration (KurrentDB when EVENTSTORE_URL is set, else the Postgres log), and a close(). */
async function openEventLog(cfg: Config): Promise<{ store: EventStore; close(): Promise<void> }> {
  const db = await openDatabase(cfg, { migrate: true, applicationName: 'dlxh-events', log: say });
  const store: EventStore = cfg.eventStoreUrl
    ? new KurrentEventStore({ connectionString: cfg.eventStoreUrl, timeoutMs: cfg.eventStoreTimeoutMs })
    : new PostgresEventStore({ pool: db.pool, listenConnectionString: db.url });
  return {
    store,
    close: async () => {
      await store.close();
      await db.close();
    },
  };
}

/** A migration target: KurrentDB/EventStoreDB, or another Postgres database (migrated first). */
async function openTarget(url: string, cfg: Config): Promise<{ store: EventStore; close(): Promise<void> }> {
  const protocol = new URL(url).protocol;
  if (protocol === 'postgres:' || protocol === 'postgresql:') {
    const db = await openDatabase({ ...cfg, databaseUrl: url }, { migrate: true, applicationName: 'dlxh-migrate-target', log: say });
    const store = new PostgresEventStore({ pool: db.pool, listenConnectionString: db.url });
    return {
      store,
      close: async () => {
        await store.close();
        await db.close();
      },
    };
  }
  const store = new KurrentEventStore({ connectionString: url, timeoutMs: cfg.eventStoreTimeoutMs });
  return { store, close: () => store.close() };
}

export function registerEvents(program: Command, config: () => Config): void {
  const events = program.command('events').description('the event log: export, import, and migration into KurrentDB');

  events
    .command('export')
    .description('write the whole log (up to its head now) to stdout as NDJSON, one event per line in global order')
    .option('--batch-size <n>', 'events read per batch', '5000')
    .action(async (opts: { batchSize: string }) => {
      const batchSize = positiveInt('--batch-size', opts.batchSize);
      const log = await openEventLog(config());
      const bar = progressBar('export', 'events');
      try {
        bar.start(0);
        const result = await exportEvents(log.store, process.stdout, { batchSize, onProgress: (p) => bar.update(p.events, Number(p.head)) });
        bar.stop();
        say(`exported ${result.events} events (${(result.bytes / 1e6).toFixed(1)} MB) up to position ${result.head} in ${result.seconds.toFixed(1)} s`);
      } finally {
        bar.stop();
        await log.close();
      }
    });

  events
    .command('import')
    .description('append an exported log (stdin, or a file) to the Postgres event log with its own positions, ids and revisions; idempotent')
    .argument('[file]', 'the NDJSON file (default: stdin)')
    .option('--batch-size <n>', 'lines per transaction: a bad line stops the import before its batch is written', '1000')
    .action(async (file: string | undefined, opts: { batchSize: string }) => {
      const cfg = config();
      const batchSize = positiveInt('--batch-size', opts.batchSize);
      if (cfg.eventStoreUrl) {
        throw ValidationError.field('EVENTSTORE_URL', 'is set: import writes the Postgres event log; import into Postgres, then `dlxh events migrate --to` KurrentDB');
      }
      const input = file ? fs.createReadStream(file) : process.stdin;
      const stat = file ? fs.statSync(file) : fs.fstatSync(0);
      const totalKb = stat.isFile() ? Math.ceil(stat.size / 1024) : 0;
      const db = await openDatabase(cfg, { migrate: true, applicationName: 'dlxh-import', log: say });
      const bar = progressBar('import', 'KiB');
      try {
        bar.start(totalKb);
        const result = await importEvents(db.pool, input, { batchSize, onProgress: (p) => bar.update(Math.round(p.bytes / 1024), totalKb || Math.round(p.bytes / 1024)) });
        bar.stop();
        say(`imported ${result.lines} events in ${result.seconds.toFixed(1)} s: ${result.inserted} written, ${result.existing} already there`);
      } finally {
        bar.stop();
        await db.close();
      }
    });

  events
    .command('migrate')
    .description('copy the Postgres event log into KurrentDB (or another Postgres database), resumably, then verify the copy')
    .requiredOption('--to <url>', 'the target: kurrentdb://… / esdb://… (e.g. "$EVENTSTORE_URL"), or postgres://…')
    .option('--batch-size <n>', 'source events per batch (a checkpoint after each)', '500')
    .option('--no-verify', 'skip the verification of the copy')
    .action(async (opts: { to: string; batchSize: string; verify: boolean }) => {
      const cfg = config();
      const batchSize = positiveInt('--batch-size', opts.batchSize);
      // The source is always the Postgres log, even when EVENTSTORE_URL (often the target) is set.
      const db = await openDatabase(cfg, { migrate: true, applicationName: 'dlxh-migrate', log: say });
      const source = new PostgresEventStore({ pool: db.pool, listenConnectionString: db.url });
      const target = await openTarget(opts.to, cfg);
      const interrupt = new AbortController();
      const onSignal = () => interrupt.abort();
      process.once('SIGINT', onSignal);
      process.once('SIGTERM', onSignal);
      const bar = progressBar('migrate', 'events');
      try {
        const head = await source.headPosition();
        bar.start(Number(head));
        const result = await migrateEvents({
          source,
          target: target.store,
          checkpoint: postgresCheckpoint(db.pool, redactedAddress(opts.to)),
          batchSize,
          signal: interrupt.signal,
          onProgress: (p) => bar.update(Number(p.position), Number(p.head)),
        });
        bar.stop();
        say(
          `copied ${result.copied} events, ${result.alreadyThere} already there, up to source position ${result.position}` +
            `${result.resumedFrom > 0n ? ` (resumed after ${result.resumedFrom})` : ''} in ${result.seconds.toFixed(1)} s`,
        );
        if (opts.verify) {
          const check = await verifyMigration(source, target.store, result.position);
          say(`verified ${check.streams} streams, ${check.events} events: ${check.ok ? 'identical' : 'DIFFERENT'} (digest ${check.digest})`);
          if (!check.ok) {
            for (const m of check.mismatches) say(`  ${m.streamId}: ${m.sourceEvents} events in the source, ${m.targetEvents} in the target (or different content)`);
            process.exitCode = 3;
          }
        }
      } catch (error) {
        if (!(error instanceof MigrationInterruptedError)) throw error;
        bar.stop();
        say(error.message);
        process.exitCode = 130;
      } finally {
        bar.stop();
        process.off('SIGINT', onSignal);
        process.off('SIGTERM', onSignal);
        await source.close();
        await target.close();
        await db.close();
      }
    });
}
