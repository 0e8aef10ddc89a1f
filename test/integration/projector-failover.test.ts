import { ChildProcess, spawn } from 'node:child_process';
import net from 'node:net';
import path from 'node:path';
import { openHarness, Harness, dumpProjection } from '../support/projection-harness';
import { traffic } from '../crash/projector-crash';
import { PROJECTIONS } from '../../projections';
import { rebuild } from '../../projections/rebuild';
import { readCheckpoints } from '../../projections/checkpoints';

const ROOT = path.resolve(__dirname, '..', '..');

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

function projector(url: string, port: number): ChildProcess {
  return spawn(process.execPath, [path.join(ROOT, 'bin', 'dlxh.js'), 'projector'], {
    cwd: ROOT,
    env: { ...process.env, DATABASE_URL: url, PROJECTOR_PORT: String(port), LOG_LEVEL: 'silent' },
    stdio: 'ignore',
  });
}

async function roles(port: number): Promise<Record<string, string> | undefined> {
  try {
    const res = await fetch(`http://127.0.0.1:${port}/health`);
    return ((await res.json()) as { projections: Record<string, string> }).projections;
  } catch {
    return undefined;
  }
}

async function until(check: () => Promise<boolean>, timeoutMs: number, what: string): Promise<number> {
  const started = Date.now();
  while (Date.now() - started < timeoutMs) {
    if (await check()) return Date.now() - started;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
}

const allAre = (r: Record<string, string> | undefined, role: string) => !!r && PROJECTIONS.every((p) => r[p.name] === role);

describe('single active projector with failover (two real processes)', () => {
  let h: Harness;
  const children: ChildProcess[] = [];
  beforeAll(async () => {
    h = await openHarness();
  });
  afterAll(async () => {
    for (const c of children) if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL');
    await h?.close();
  });

  it('has one active runner per projection; the standby takes over within 5 s of a SIGKILL; read models end equal to a rebuild', async () => {
    let seed = 1;
    const random = () => ((seed = (seed * 16807) % 2147483647) / 2147483647);
    await traffic(h.issues, 30, random);
    const [portA, portB] = [await freePort(), await freePort()];
    const a = projector(h.db.url, portA);
    children.push(a);
    await until(async () => allAre(await roles(portA), 'active'), 30_000, 'process A to run every projection');
    const b = projector(h.db.url, portB);
    children.push(b);
    await until(async () => allAre(await roles(portB), 'standby'), 30_000, 'process B to stand by');

    // Traffic while A works, then SIGKILL A in the middle of it.
    const writing = traffic(h.issues, 60, random);
    await new Promise((r) => setTimeout(r, 300));
    a.kill('SIGKILL');
    const failoverMs = await until(async () => allAre(await roles(portB), 'active'), 10_000, 'process B to take over');
    console.info(`[failover] standby took over every projection ${failoverMs} ms after SIGKILL of the active projector`);
    expect(failoverMs).toBeLessThan(5000);
    await writing;

    const head = await h.store.headPosition();
    await until(async () => (await readCheckpoints(h.db.knex)).filter((c) => c.position >= head).length >= PROJECTIONS.length, 30_000, 'B to catch up');
    b.kill('SIGTERM');
    await new Promise((r) => b.once('exit', r));
    const live = await Promise.all(PROJECTIONS.map((p) => dumpProjection(h.db.knex, p)));
    await rebuild({ store: h.store, knex: h.db.knex, projections: PROJECTIONS });
    expect(await Promise.all(PROJECTIONS.map((p) => dumpProjection(h.db.knex, p)))).toEqual(live);
  }, 120_000);
});
