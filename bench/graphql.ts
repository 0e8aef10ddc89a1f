/**
 * bench/graphql — the GraphQL API under load, against the same SQL run directly.
 *
 *   npm run bench:graphql     (BENCH_EVENTS=1000000, BENCH_SECONDS=10, BENCH_CONNECTIONS=50; DATABASE_URL or embedded Postgres)
 *
 * 1. A bench database holds the deterministic demo province (bench/support/demo-log.ts) with about BENCH_EVENTS events
 *    and its read models rebuilt from the log. It is kept between runs and reused while its recorded size matches.
 * 2. The API runs in this process (mountGraphQL on port 0, production settings, the real services; no projections
 *    needed); autocannon fires from a worker thread, so the load generator does not share the server's event loop.
 * 3. For each query, BENCH_CONNECTIONS concurrent clients for BENCH_SECONDS:
 *    - trends for province 68, MONTH × SECTOR over one year;
 *    - issues(first: 50) filtered (negative-leaning statuses and severities in the province);
 *    - issue(id) with its referrals and reports, rotating over 1,000 issue ids.
 *    Then the SQL that resolver ran (captured from knex's 'query' events during one request) is replayed straight
 *    through pg, at the same concurrency, with a pool the size of the API's, for the same time.
 * The table gives p50/p99 latency and requests per second for both, and GraphQL's p99 over direct SQL's.
 */
import { randomBytes } from 'node:crypto';
import http from 'node:http';
import { performance } from 'node:perf_hooks';
import express from 'express';
import autocannon from 'autocannon';
import { Client, Pool } from 'pg';
import knexFactory from 'knex';
import { loadConfig } from '../services/config';
import { openRuntime } from '../services/runtime';
import { startEmbeddedPostgres, EmbeddedPostgres } from '../services/db/embedded-postgres';
import { migrateToLatest } from '../migrations';
import { readYourWrites } from '../services/read-your-writes';
import { PostgresEventStore } from '../eventstore/postgres/postgres-event-store';
import { PROJECTIONS } from '../projections';
import { rebuild } from '../projections/rebuild';
import { mountGraphQL } from '../graphql/server';
import { mintToken } from '../graphql/auth/tokens';
import { reporterPseudonymKey } from '../graphql/reporter-identity';
import { loadDemoLog } from './support/demo-log';
import { percentile, printTable } from './support/bench-database';

const EVENTS = Number(process.env.BENCH_EVENTS || 1_000_000);
const SECONDS = Number(process.env.BENCH_SECONDS || 10);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS || 50);
/** Demo reports needed per event (measured on the demo province). */
const EVENTS_PER_REPORT = 4.6;
const PROVINCE = '68';
const DATABASE = `dlxh_bench_graphql_${EVENTS}`;
const ROTATE_IDS = 1000;

interface Measured {
  p50: number;
  p99: number;
  rps: number;
  /** Failed requests (socket errors, timeouts after autocannon's 10 s, non-2xx answers). */
  failed: number;
}

interface Case {
  name: string;
  /** One request body per rotation step (autocannon cycles through them). */
  bodies: string[];
  /** The id each body is about, substituted into the captured SQL's bindings; empty when nothing rotates. */
  ids: string[];
}

/**
 * The configuration, as production has it (the npm script sets NODE_ENV=production, which also turns off graphql-js's
 * development checks): production requires JWT_SECRET, so a run without one signs its tokens with a random key.
 */
const benchConfig = () => loadConfig({ ...process.env, JWT_SECRET: process.env.JWT_SECRET || randomBytes(32).toString('hex') });

/** The bench database: reused when it holds the size asked for (recorded as a comment once complete), else filled anew. */
async function benchDatabase(): Promise<{ url: string; close(): Promise<void> }> {
  const config = benchConfig();
  let embedded: EmbeddedPostgres | undefined;
  let base = config.databaseUrl;
  if (!base) {
    embedded = await startEmbeddedPostgres({ dataDir: config.dataDir, port: config.embeddedPgPort, database: 'postgres' });
    base = embedded.url;
  }
  const at = (db: string) => Object.assign(new URL(base!), { pathname: `/${db}` }).toString();
  const marker = `dlxh bench/graphql: BENCH_EVENTS=${EVENTS}, read models rebuilt`;
  const admin = new Client({ connectionString: at('postgres') });
  await admin.connect();
  try {
    const existing = await admin.query(`SELECT shobj_description(oid, 'pg_database') AS comment FROM pg_database WHERE datname = $1`, [DATABASE]);
    if (existing.rows[0]?.comment === marker) {
      console.log(`reusing ${DATABASE}`);
    } else {
      await admin.query(`DROP DATABASE IF EXISTS "${DATABASE}" WITH (FORCE)`);
      await admin.query(`CREATE DATABASE "${DATABASE}"`);
      const knex = knexFactory({ client: 'pg', connection: at(DATABASE), pool: { min: 0, max: 4 } });
      const pool = new Pool({ connectionString: at(DATABASE), max: 4 });
      const store = new PostgresEventStore({ pool, listenConnectionString: at(DATABASE) });
      try {
        await migrateToLatest(knex);
        let started = performance.now();
        const events = await loadDemoLog(at(DATABASE), Math.ceil(EVENTS / EVENTS_PER_REPORT));
        console.log(`filled ${DATABASE}: ${events} events in ${((performance.now() - started) / 1000).toFixed(0)} s`);
        started = performance.now();
        await rebuild({ store, knex, projections: PROJECTIONS, batchSize: 5000 });
        await knex.raw('VACUUM ANALYZE');
        console.log(`read models rebuilt in ${((performance.now() - started) / 1000).toFixed(0)} s`);
      } finally {
        await store.close();
        await pool.end();
        await knex.destroy();
      }
      await admin.query(`COMMENT ON DATABASE "${DATABASE}" IS '${marker}'`);
    }
  } finally {
    await admin.end();
  }
  return { url: at(DATABASE), close: async () => embedded?.stop() };
}

/** GraphQL over HTTP with autocannon: the bodies in turn, CONNECTIONS connections, SECONDS seconds. */
async function overGraphQL(url: string, token: string, bodies: string[]): Promise<Measured> {
  const result = await autocannon({
    url,
    connections: CONNECTIONS,
    duration: SECONDS,
    workers: 1,
    requests: bodies.map((body) => ({ method: 'POST', path: '/graphql', headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` }, body })),
  });
  return { p50: result.latency.p50, p99: result.latency.p99, rps: result['2xx'] / SECONDS, failed: result.errors + result.non2xx };
}

interface CapturedQuery {
  sql: string;
  bindings: unknown[];
}

/** The SQL one resolver runs, replayed through pg: CONNECTIONS loops, each request its queries in order. */
async function overSql(pool: Pool, queries: CapturedQuery[], ids: string[]): Promise<Measured> {
  const requestFor = (i: number) =>
    queries.map((q) => ({ text: q.sql, values: ids.length === 0 ? q.bindings : q.bindings.map((b) => (b === ids[0] ? ids[i % ids.length] : b)) }));
  const latencies: number[] = [];
  const end = performance.now() + SECONDS * 1000;
  await Promise.all(
    Array.from({ length: CONNECTIONS }, async (_, worker) => {
      for (let i = worker; performance.now() < end; i += CONNECTIONS) {
        const started = performance.now();
        for (const query of requestFor(i)) await pool.query(query);
        latencies.push(performance.now() - started);
      }
    }),
  );
  latencies.sort((a, b) => a - b);
  return { p50: percentile(latencies, 50), p99: percentile(latencies, 99), rps: latencies.length / SECONDS, failed: 0 };
}

async function main() {
  const db = await benchDatabase();
  const runtime = await openRuntime({ ...benchConfig(), databaseUrl: db.url, logLevel: 'silent', nodeEnv: 'production' }, { migrate: false });
  const { knex } = runtime.db;
  const app = express();
  const server = http.createServer(app);
  const graphql = await mountGraphQL(
    app,
    server,
    {
      knex,
      store: runtime.store,
      issues: runtime.issues,
      collaborators: runtime.collaborators,
      catalogue: runtime.catalogue,
      log: runtime.log,
      pseudonymSecret: reporterPseudonymKey(runtime.config.jwt.secret),
      waitForProjections: readYourWrites(knex, undefined, runtime.config.readYourWritesTimeoutMs),
    },
    { production: true, tokens: runtime.config.jwt },
  );
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
  const token = await mintToken(runtime.config.jwt, { id: 'bench-officer', role: 'OFFICER', provinceCode: PROVINCE, communeCodes: null, agencyId: null });
  const directPool = new Pool({ connectionString: db.url, max: (knex.client.pool as { max: number }).max });

  try {
    const { count } = (await knex('events').count({ count: '*' }))[0] as { count: string };
    const to = ((await knex.raw(`SELECT max(day)::text AS last FROM trends_daily WHERE province_code = ?`, [PROVINCE])).rows[0] as { last: string }).last;
    // Twelve calendar months ending with the last month the demo has data for.
    const from = new Date(Date.UTC(Number(to.slice(0, 4)), Number(to.slice(5, 7)) - 12, 1)).toISOString().slice(0, 10);
    const issueIds = (await knex('issues').where('province_code', PROVINCE).orderBy('issue_id').limit(ROTATE_IDS).pluck('issue_id')) as string[];
    const body = (query: string, variables: Record<string, unknown>) => JSON.stringify({ query, variables });

    const cases: Case[] = [
      {
        name: `trends ${PROVINCE}, MONTH × SECTOR, ${from}…${to}`,
        bodies: [
          body(
            `query($from: LocalDate!, $to: LocalDate!) { trends(from: $from, to: $to, granularity: MONTH, groupBy: [PERIOD, SECTOR], filter: { provinceCode: "${PROVINCE}" }) {
              points { period sector { code } counts { reports negative highIntensity newIssues confirmed unfounded } change { reports { absolute percent } } } } }`,
            { from, to },
          ),
        ],
        ids: [],
      },
      {
        name: 'issues(first: 50, filter)',
        bodies: [
          body(
            `query($filter: IssueFilter) { issues(first: 50, filter: $filter) { totalCount edges { cursor node { id status severity title locality { code fullName } reportCount lastReportAt } } pageInfo { hasNextPage endCursor } } }`,
            { filter: { provinceCode: PROVINCE, status: ['RECEIVED', 'VERIFIED', 'REFERRED'], severity: ['PROMINENT', 'PRESSING', 'HOTSPOT'] } },
          ),
        ],
        ids: [],
      },
      {
        name: `issue(id), ${issueIds.length} ids in turn`,
        bodies: issueIds.map((id) =>
          body(
            `query($id: ID!) { issue(id: $id) { id status severity title summary locality { code fullName } reportCount
              referrals { id status deadline agency { id name } } reports { id kind channel title submittedAt reporter { id role } } } }`,
            { id },
          ),
        ),
        ids: issueIds,
      },
    ];

    const rows: Record<string, string | number>[] = [];
    for (const c of cases) {
      // One request with knex's query events on: its answer must be clean, and its SQL is what direct runs replay.
      const captured: CapturedQuery[] = [];
      const capture = (q: { sql: string; bindings?: unknown[] }) => captured.push({ sql: q.sql, bindings: q.bindings ?? [] });
      knex.on('query', capture);
      const probe = await fetch(`${url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` }, body: c.bodies[0] });
      knex.off('query', capture);
      const answer = (await probe.json()) as { errors?: unknown[] };
      if (answer.errors) throw new Error(`${c.name}: ${JSON.stringify(answer.errors)}`);
      const toPg = captured.map((q) => ({ sql: knex.client.positionBindings(q.sql) as string, bindings: q.bindings }));

      const api = await overGraphQL(url, token, c.bodies);
      const sql = await overSql(directPool, toPg, c.ids);
      rows.push({
        query: c.name,
        'SQL statements': toPg.length,
        'GraphQL p50 ms': api.p50,
        'GraphQL p99 ms': api.p99,
        'GraphQL req/s': Math.round(api.rps),
        'GraphQL failed': api.failed,
        'SQL p50 ms': Number(sql.p50.toFixed(1)),
        'SQL p99 ms': Number(sql.p99.toFixed(1)),
        'SQL req/s': Math.round(sql.rps),
        'p99 ratio': Number((api.p99 / sql.p99).toFixed(2)),
        'req/s ratio': Number((sql.rps / api.rps).toFixed(2)),
      });
    }
    printTable(
      `bench/graphql: ${Number(count).toLocaleString('en')} events, ${CONNECTIONS} connections × ${SECONDS} s each (API knex pool and direct pg pool: ${directPool.options.max} connections)`,
      rows,
    );
    console.log('targets: trends p99 ≤ 50 ms; GraphQL ≤ 2× direct SQL (ratios above); issue(id) ≥ 1,500 req/s');
  } finally {
    await directPool.end();
    await graphql.stop();
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
    await runtime.close();
    await db.close();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
