import { ChildProcess, spawn } from 'node:child_process';
import net from 'node:net';
import path from 'node:path';
import { ApolloServer } from '@apollo/server';
import { createTestDatabase, TestDatabase } from '../support/test-database';
import { reportInput, SUBMIT_REPORT } from '../support/graphql-harness';
import { mintToken } from '../../graphql/auth/tokens';
import { graphqlMetricsPlugin } from '../../graphql/metrics.plugin';
import { Metrics } from '../../services/metrics';

const ROOT = path.resolve(__dirname, '..', '..');
const TOKENS = { secret: 'metrics-test-secret-of-at-least-32-characters', issuer: 'dlxh', audience: 'dlxh-api' };

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

async function until(check: () => Promise<boolean>, timeoutMs: number, what: string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await check().catch(() => false)) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
}

describe('metrics and request ids of a real `dlxh start`', () => {
  let db: TestDatabase;
  let api: ChildProcess;
  let base: string;
  let logs = '';

  beforeAll(async () => {
    db = await createTestDatabase();
    const port = await freePort();
    base = `http://127.0.0.1:${port}`;
    api = spawn(process.execPath, [path.join(ROOT, 'bin', 'dlxh.js'), 'start'], {
      cwd: ROOT,
      env: { ...process.env, DATABASE_URL: db.url, PORT: String(port), HOST: '127.0.0.1', PROJECTOR_MODE: 'inline', LOG_LEVEL: 'debug', JWT_SECRET: TOKENS.secret },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    api.stdout!.on('data', (chunk: Buffer) => (logs += chunk.toString('utf8')));
    await until(async () => (await fetch(`${base}/ready`)).ok, 30_000, 'the API to be ready');
  }, 60_000);

  afterAll(async () => {
    if (api && api.exitCode === null) {
      api.kill('SIGTERM');
      await new Promise((r) => api.once('exit', r));
    }
    await db?.drop();
  });

  it('exposes HTTP, append, projection-lag, pool and GraphQL metrics at /metrics after some traffic', async () => {
    const officer = await mintToken(TOKENS, { id: 'officer-1', role: 'OFFICER', provinceCode: '68', communeCodes: null, agencyId: null });
    await fetch(`${base}/health`);
    const submitted = await fetch(`${base}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${officer}` },
      body: JSON.stringify({ query: SUBMIT_REPORT, variables: { input: reportInput() } }),
    });
    expect(submitted.status).toBe(200);
    expect(((await submitted.json()) as { errors?: unknown }).errors).toBeUndefined();

    const text = await (await fetch(`${base}/metrics`)).text();
    expect(text).toMatch(/dlxh_http_request_duration_seconds_count\{method="GET",route="\/health",status="200"\} 1/);
    expect(text).toMatch(/dlxh_http_request_duration_seconds_count\{method="POST",route="\/graphql",status="200"\} 1/);
    expect(text).toMatch(/dlxh_append_duration_seconds_count [1-9]/);
    expect(text).toMatch(/dlxh_projection_lag_events\{projection="issues"\} \d+/);
    expect(text).toMatch(/dlxh_db_pool_connections\{pool="events",state="total"\} [1-9]/);
    expect(text).toMatch(/dlxh_db_pool_connections\{pool="read-models",state="waiting"\} 0/);
    expect(text).toContain('# TYPE dlxh_graphql_operation_duration_seconds histogram');
  }, 30_000);

  it('keeps a sensible X-Request-Id, makes one up otherwise, echoes it and logs with it', async () => {
    const kept = await fetch(`${base}/health`, { headers: { 'x-request-id': 'trace-abc.123' } });
    expect(kept.headers.get('x-request-id')).toBe('trace-abc.123');
    const made = await fetch(`${base}/health`, { headers: { 'x-request-id': 'not sensible!' } });
    expect(made.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
    await until(async () => logs.includes('trace-abc.123'), 5000, 'the request log line');
    const line = logs.split('\n').find((l) => l.includes('trace-abc.123'))!;
    expect(JSON.parse(line)).toMatchObject({ requestId: 'trace-abc.123', msg: 'request', route: '/health', status: 200 });
  }, 30_000);
});

describe('graphqlMetricsPlugin', () => {
  it('observes the latency of each operation by name, type and outcome', async () => {
    const metrics = new Metrics();
    const apollo = new ApolloServer({ typeDefs: 'type Query { hello: String, broken: String }', resolvers: { Query: { hello: () => 'xin chào', broken: () => { throw new Error('no'); } } }, plugins: [graphqlMetricsPlugin(metrics)] });
    await apollo.start();
    await apollo.executeOperation({ query: 'query Greeting { hello }' });
    await apollo.executeOperation({ query: 'query Broken { broken }' });
    await apollo.executeOperation({ query: '{ hello }' });
    await apollo.stop();
    const text = await metrics.registry.getSingleMetricAsString('dlxh_graphql_operation_duration_seconds');
    expect(text).toContain('dlxh_graphql_operation_duration_seconds_count{operation="Greeting",type="query",outcome="ok"} 1');
    expect(text).toContain('dlxh_graphql_operation_duration_seconds_count{operation="Broken",type="query",outcome="error"} 1');
    expect(text).toContain('dlxh_graphql_operation_duration_seconds_count{operation="anonymous",type="query",outcome="ok"} 1');
  });

  it('bounds the operation-name label values', () => {
    const metrics = new Metrics();
    for (let i = 0; i < 100; i++) expect(metrics.operationLabel(`Op${i}`)).toBe(`Op${i}`);
    expect(metrics.operationLabel('Op100')).toBe('other');
    expect(metrics.operationLabel('Op7')).toBe('Op7');
    expect(metrics.operationLabel('bad name')).toBe('other');
  });
});
