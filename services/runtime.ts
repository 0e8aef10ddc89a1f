import { Config } from './config';
import { Database, openDatabase } from './db/database';
import { EventStore } from '../eventstore/port';
import { PostgresEventStore } from '../eventstore/postgres/postgres-event-store';
import { KurrentEventStore } from '../eventstore/kurrent/kurrent-event-store';
import { createLogger, Logger } from './logger';
import { CommandService } from './commands/command-service';
import { IssueCommands } from './commands/issue-commands';
import { CollaboratorCommands } from './commands/collaborator-commands';
import { SurveyCommands } from './commands/survey-commands';
import { LocalityCatalogue } from '../domain/localities/catalogue';
import { loadLocalityCatalogue } from './localities';
import { upcastingStore } from './event-upcasting';
import { schemaVersionOf } from '../domain/event-catalogue';

/** Everything a process needs: database, event store, command service, logger; and one close() for all of it. */
export interface Runtime {
  config: Config;
  log: Logger;
  db: Database;
  store: EventStore;
  commands: CommandService;
  catalogue: LocalityCatalogue;
  issues: IssueCommands;
  collaborators: CollaboratorCommands;
  surveys: SurveyCommands;
  close(): Promise<void>;
}

export async function openRuntime(config: Config, options: { migrate?: boolean; applicationName?: string } = {}): Promise<Runtime> {
  const log = createLogger(config.logLevel);
  const catalogue = loadLocalityCatalogue(config);
  const db = await openDatabase(config, {
    migrate: options.migrate ?? true,
    applicationName: options.applicationName,
    log: (message) => log.info(message),
  });
  // Readers get every event at its current schema version (stored v1 events are upcast on read).
  const store: EventStore = upcastingStore(
    config.eventStoreUrl
      ? new KurrentEventStore({ connectionString: config.eventStoreUrl, timeoutMs: config.eventStoreTimeoutMs })
      : new PostgresEventStore({ pool: db.pool, listenConnectionString: db.url }),
    catalogue,
  );
  const commands = new CommandService(store, { retries: config.commandRetries, schemaVersion: schemaVersionOf });
  let closing: Promise<void> | undefined;
  return {
    config,
    log,
    db,
    store,
    commands,
    catalogue,
    issues: new IssueCommands(commands, catalogue),
    collaborators: new CollaboratorCommands(commands, catalogue),
    surveys: new SurveyCommands(commands, catalogue, { retries: config.commandRetries, schemaVersion: schemaVersionOf }),
    close: () =>
      (closing ??= (async () => {
        await store.close().catch((err) => log.warn({ err }, 'closing the event store failed'));
        await db.close();
      })()),
  };
}
