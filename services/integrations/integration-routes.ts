import type { Express } from 'express';
import type { Knex } from 'knex';
import type { LocalityCatalogue } from '../../domain/localities/catalogue';
import type { TokenConfig } from '../../graphql/auth/tokens';
import { reporterPseudonymKey } from '../../graphql/reporter-identity';
import { exportRouter } from '../api/export.routes';
import type { IssueCommands } from '../commands/issue-commands';
import type { Logger } from '../logger';
import { open311Router } from './open311/open311.router';
import { WebhookDeliveryWorker } from './webhooks/delivery-worker';
import { SecretBox } from './webhooks/secret-box';

/** The HTTP surfaces for other systems, next to GraphQL: Open311 intake at /open311/v2 and CSV exports at /export. */
export function mountIntegrationRoutes(
  app: Express,
  deps: { knex: Knex; catalogue: LocalityCatalogue; issues: IssueCommands; log: Logger; tokens: TokenConfig; waitForProjections: (position: bigint) => Promise<boolean> },
): void {
  app.use('/open311/v2', open311Router(deps));
  app.use('/export', exportRouter(deps));
}

/** Starts sending webhooks from this process (where the projections run); stop() it before closing the database. */
export async function startWebhookDelivery(deps: { knex: Knex; log: Logger; jwtSecret: string; listenUrl: string }): Promise<WebhookDeliveryWorker> {
  const worker = new WebhookDeliveryWorker({ knex: deps.knex, log: deps.log, secrets: new SecretBox(reporterPseudonymKey(deps.jwtSecret)), listenUrl: deps.listenUrl });
  await worker.start();
  return worker;
}
