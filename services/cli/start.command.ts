import { Command } from 'commander';
import type { Config } from '../config';
import { openRuntime, Runtime } from '../runtime';
import { createApp, listen } from '../api/http-server';
import { migrationsAreCurrent } from '../../migrations';
import { knexPoolUsage, Metrics } from '../metrics';
import { createProjector, projectionStatus } from '../projector';
import type { ProjectionRunner } from '../../projections/runner';
import http from 'node:http';
import { mountGraphQL } from '../../graphql/server';
import { readYourWrites } from '../read-your-writes';
import { reporterPseudonymKey } from '../../graphql/reporter-identity';
import { mountIntegrationRoutes, startWebhookDelivery } from '../integrations/integration-routes';
import { startSealJob } from '../audit/seal-job';

/** Readiness: migrations applied, database answering, and (where projections run here) none stopped. */
function readiness(runtime: Runtime, runner?: ProjectionRunner) {
  return async () => {
    const problems: string[] = [];
    if (!(await migrationsAreCurrent(runtime.db.knex))) problems.push('migrations pending');
    await runtime.db.pool.query('SELECT 1');
    for (const p of runner?.projections ?? []) {
      if (runner!.role(p.name) === 'standby') continue; // another process runs it
      const failure = runner!.failure(p.name);
      if (failure) problems.push(`projection ${p.name} stopped: ${failure.message}`);
      else if (!runner!.isCaughtUp(p.name)) problems.push(`projection ${p.name} catching up`);
    }
    return problems;
  };
}

/** Starts the process: runtime, metrics, optionally the projections, and an HTTP server; stops it all on SIGINT/SIGTERM. */
async function serve(cfg: Config, role: 'api' | 'projector'): Promise<void> {
  const runtime = await openRuntime(cfg, { migrate: true, applicationName: `dlxh-${role}` });
  const { log } = runtime;
  const metrics = new Metrics();
  metrics.watchPool('events', () => runtime.db.pool);
  metrics.watchPool('read-models', () => knexPoolUsage(runtime.db.knex));
  runtime.commands.onAppend((seconds) => metrics.appendLatency.observe(seconds));
  const runsProjections = role === 'projector' || cfg.projectorMode === 'inline';
  const runner = runsProjections
    ? createProjector({ store: runtime.store, knex: runtime.db.knex, log, metrics, poison: cfg.poisonPolicy, leaseUrl: runtime.db.url })
    : undefined;
  const details = () => ({ pid: process.pid, role, projections: Object.fromEntries((runner?.projections ?? []).map((p) => [p.name, runner!.role(p.name)])) });
  const app = createApp({ ready: readiness(runtime, runner), details }, log, metrics, async () => {
    for (const s of await projectionStatus(runtime.db.knex, runtime.store)) metrics.projectionLag.set({ projection: s.name }, Number(s.lag));
  });
  await runner?.start();
  const server = http.createServer(app);
  const graphql =
    role === 'api'
      ? await mountGraphQL(
          app,
          server,
          {
            knex: runtime.db.knex,
            store: runtime.store,
            issues: runtime.issues,
            collaborators: runtime.collaborators,
            catalogue: runtime.catalogue,
            log,
            pseudonymSecret: reporterPseudonymKey(cfg.jwt.secret),
            waitForProjections: readYourWrites(runtime.db.knex, runner, cfg.readYourWritesTimeoutMs),
          },
          { production: cfg.nodeEnv === 'production', tokens: cfg.jwt, metrics },
        )
      : undefined;
  if (role === 'api') {
    const waitForProjections = readYourWrites(runtime.db.knex, runner, cfg.readYourWritesTimeoutMs);
    mountIntegrationRoutes(app, { knex: runtime.db.knex, catalogue: runtime.catalogue, issues: runtime.issues, log, tokens: cfg.jwt, waitForProjections });
  }
  const webhooks = runsProjections ? await startWebhookDelivery({ knex: runtime.db.knex, log, jwtSecret: cfg.jwt.secret, listenUrl: runtime.db.url }) : undefined;
  // Daily tamper-evidence seals, where the projections run (idempotent and locked, so a standby running it is harmless).
  const seals = runsProjections ? startSealJob({ store: runtime.store, knex: runtime.db.knex, log }) : undefined;
  const port = role === 'api' ? cfg.port : cfg.projectorPort;
  const listening = await listen(server, port, cfg.host);
  log.info(
    { url: `http://${cfg.host}:${listening.port}`, role, projections: runsProjections ? 'in this process' : 'elsewhere', embedded: Boolean(runtime.db.embedded), store: runtime.store.name },
    `dlxh ${role} listening`,
  );
  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    log.info({ signal }, 'shutting down');
    try {
      await graphql?.stop();
      log.debug('graphql stopped');
      await listening.close();
      log.debug('http server closed');
      await webhooks?.stop();
      await seals?.stop();
      await runner?.stop();
      log.debug('projections stopped');
      await runtime.close();
      log.info('stopped cleanly');
      process.exit(0);
    } catch (err) {
      log.error({ err }, 'shutdown failed');
      process.exit(1);
    }
  };
  process.on('SIGINT', () => void shutdown('SIGINT'));
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
}

export function registerStart(program: Command, config: () => Config): void {
  program
    .command('start')
    .description('start the API, migrating first (embedded Postgres when DATABASE_URL is unset; projections in-process unless PROJECTOR_MODE=off)')
    .option('-p, --port <port>', 'HTTP port (default: $PORT or 4000)')
    .action(async (opts: { port?: string }) => {
      const cfg = config();
      if (opts.port !== undefined) cfg.port = Number(opts.port);
      await serve(cfg, 'api');
    });
  program
    .command('projector')
    .description('run the projections as their own process (health and metrics on $PROJECTOR_PORT, default 4001)')
    .action(async () => serve(config(), 'projector'));
}
