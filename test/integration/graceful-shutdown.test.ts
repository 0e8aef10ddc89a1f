import { ChildProcess, spawn } from 'node:child_process';
import net from 'node:net';
import path from 'node:path';
import WebSocket from 'ws';
import { openHarness, Harness, dumpProjection } from '../support/projection-harness';
import { traffic } from '../crash/projector-crash';
import { PROJECTIONS } from '../../projections';
import { rebuild } from '../../projections/rebuild';
import { readCheckpoints } from '../../projections/checkpoints';
import { ProjectionRunner } from '../../projections/runner';

const ROOT = path.resolve(__dirname, '..', '..');

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

async function until(check: () => Promise<boolean>, timeoutMs: number, what: string): Promise<number> {
  const started = Date.now();
  while (Date.now() - started < timeoutMs) {
    if (await check().catch(() => false)) return Date.now() - started;
    await new Promise((r) => setTimeout(r, 25));
  }
  throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
}

function dlxh(args: string[], env: Record<string, string>): ChildProcess {
  return spawn(process.execPath, [path.join(ROOT, 'bin', 'dlxh.js'), ...args], { cwd: ROOT, env: { ...process.env, LOG_LEVEL: 'silent', ...env }, stdio: 'ignore' });
}

function exited(child: ChildProcess): Promise<{ code: number | null; signal: NodeJS.Signals | null }> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve({ code: child.exitCode, signal: child.signalCode });
  return new Promise((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
}

const sigtermBound = 10_000;

describe('graceful shutdown on SIGTERM', () => {
  let h: Harness;
  const children: ChildProcess[] = [];
  beforeAll(async () => {
    h = await openHarness();
    let seed = 5;
    await traffic(h.issues, 40, () => ((seed = (seed * 16807) % 2147483647) / 2147483647));
  }, 60_000);
  afterAll(async () => {
    for (const c of children) if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL');
    await h?.close();
  });

  it('the API finishes the request in flight, refuses new connections, closes subscriptions with 1001, and exits 0', async () => {
    const port = await freePort();
    const api = dlxh(['start'], { DATABASE_URL: h.db.url, PORT: String(port), HOST: '127.0.0.1', PROJECTOR_MODE: 'inline' });
    children.push(api);
    const base = `http://127.0.0.1:${port}`;
    await until(async () => (await fetch(`${base}/ready`)).ok, 30_000, 'the API to be ready');

    // A graphql-ws client with a subscription running.
    const ws = new WebSocket(`ws://127.0.0.1:${port}/graphql`, 'graphql-transport-ws');
    const messages: { type: string }[] = [];
    ws.on('message', (data) => messages.push(JSON.parse(data.toString())));
    const closed = new Promise<{ code: number; reason: string }>((resolve) => ws.once('close', (code, reason) => resolve({ code, reason: reason.toString() })));
    await new Promise((resolve) => ws.once('open', resolve));
    ws.send(JSON.stringify({ type: 'connection_init', payload: {} }));
    await until(async () => messages.some((m) => m.type === 'connection_ack'), 5000, 'connection_ack');
    ws.send(JSON.stringify({ id: '1', type: 'subscribe', payload: { query: 'subscription { eventAppended { __typename } }' } }));

    // A slow client: the request headers and half of the body are sent before SIGTERM, the rest after.
    const body = JSON.stringify({ query: 'query Slow { __typename }' });
    const slow = net.connect(port, '127.0.0.1');
    let response = '';
    slow.on('data', (chunk) => (response += chunk.toString('utf8')));
    const answered = new Promise((resolve) => slow.once('end', resolve));
    await new Promise((resolve) => slow.once('connect', resolve));
    slow.write(
      `POST /graphql HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body.slice(0, 10)}`,
    );
    await new Promise((r) => setTimeout(r, 200));

    const signalled = Date.now();
    api.kill('SIGTERM');
    const exit = exited(api);

    // New connections are refused while the request in flight is still open.
    await until(
      () => fetch(`${base}/health`).then(() => false, (e: { cause?: { code?: string } }) => e.cause?.code === 'ECONNREFUSED'),
      5000,
      'new connections to be refused',
    );
    expect(await closed).toEqual({ code: 1001, reason: 'Going away' });
    expect(api.exitCode).toBeNull(); // still waiting for the slow request

    slow.write(body.slice(10));
    await answered;
    expect(response).toMatch(/^HTTP\/1\.1 200 OK/);
    expect(response).toContain('{"data":{"__typename":"Query"}}');

    expect(await exit).toEqual({ code: 0, signal: null });
    expect(Date.now() - signalled).toBeLessThan(sigtermBound);
  }, 60_000);

  it('the projector commits or abandons its batch: checkpoints stay consistent with the read models', async () => {
    const port = await freePort();
    const projector = dlxh(['projector'], { DATABASE_URL: h.db.url, PROJECTOR_PORT: String(port), PROJECTOR_MODE: 'off' });
    children.push(projector);
    await until(async () => (await fetch(`http://127.0.0.1:${port}/health`)).ok, 30_000, 'the projector to listen');

    // SIGTERM while batches are being folded: traffic keeps arriving.
    let seed = 9;
    const writing = traffic(h.issues, 40, () => ((seed = (seed * 16807) % 2147483647) / 2147483647));
    await new Promise((r) => setTimeout(r, 400));
    const signalled = Date.now();
    projector.kill('SIGTERM');
    expect(await exited(projector)).toEqual({ code: 0, signal: null });
    expect(Date.now() - signalled).toBeLessThan(sigtermBound);
    await writing;

    const checkpoints = await readCheckpoints(h.db.knex);
    expect(checkpoints.filter((c) => c.status !== 'running')).toEqual([]);
    // Carry on from the checkpoints the projector left: if any read model were ahead of or behind its checkpoint,
    // the result would differ from a clean rebuild.
    const runner = new ProjectionRunner({ store: h.store, knex: h.db.knex, projections: PROJECTIONS });
    await runner.start();
    expect(await runner.waitFor(await h.store.headPosition(), 30_000)).toBe(true);
    await runner.stop();
    const carriedOn = await Promise.all(PROJECTIONS.map((p) => dumpProjection(h.db.knex, p)));
    await rebuild({ store: h.store, knex: h.db.knex, projections: PROJECTIONS });
    expect(await Promise.all(PROJECTIONS.map((p) => dumpProjection(h.db.knex, p)))).toEqual(carriedOn);
  }, 60_000);
});
