import type { Knex } from 'knex';
import type { EventStore } from '../eventstore/port';
import type { IssueCommands } from '../services/commands/issue-commands';
import type { CollaboratorCommands } from '../services/commands/collaborator-commands';
import type { LocalityCatalogue } from '../domain/localities/catalogue';
import type { Logger } from '../services/logger';
import type { AuthUser } from './auth/auth-user';
import { createLoaders, Loaders } from './loaders';
import type { Changefeed } from './changefeed';

/** What the API needs from the rest of the system. */
export interface ApiServices {
  knex: Knex;
  store: EventStore;
  issues: IssueCommands;
  collaborators: CollaboratorCommands;
  catalogue: LocalityCatalogue;
  log: Logger;
  /** Key of the stable reporter pseudonyms auditors see (HMAC-SHA256); derive it with `reporterPseudonymKey(jwtSecret)`. */
  pseudonymSecret: string;
  /** Resolves true once every read model has reached `position` (read-your-writes), false after the bounded wait. */
  waitForProjections(position: bigint): Promise<boolean>;
}

export interface GraphQLContext {
  user: AuthUser | null;
  services: ApiServices;
  loaders: Loaders;
  requestId: string;
  /** The process's live feed of the log, for subscriptions. */
  changefeed: Changefeed;
}

export function createContext(services: ApiServices, changefeed: Changefeed, user: AuthUser | null, requestId: string): GraphQLContext {
  return { user, services, loaders: createLoaders(services.knex), requestId, changefeed };
}
