/**
 * Crash test for the projections: kills the projector (and rebuilds) with SIGKILL at random points, restarts it,
 * and at the end compares every read model with a clean rebuild.
 *
 *   node bin/run-ts.js test/crash/projector-crash.ts [rounds=20]      (DATABASE_URL's server, or embedded Postgres)
 *
 * The jest suite runs a shortened form (test/crash/projector-crash.test.ts).
 */
import { ChildProcess, spawn } from 'node:child_process';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import type { Knex } from 'knex';
import { PROJECTIONS } from '../../projections';
import { rebuild } from '../../projections/rebuild';
import { readCheckpoints } from '../../projections/checkpoints';
import type { EventStore } from '../../eventstore/port';
import type { IssueCommands } from '../../services/commands/issue-commands';
import { dumpProjection } from '../support/projection-harness';
import { openBenchDatabase } from '../../bench/support/bench-database';
import { openRuntime } from '../../services/runtime';
import { loadConfig } from '../../services/config';

const ROOT = path.resolve(__dirname, '..', '..');

export interface CrashDeps {
  url: string;
  knex: Knex;
  store: EventStore;
  issues: IssueCommands;
  log?: (line: string) => void;
}

/** A deterministic pseudo-random source, so a failing round can be replayed. */
function rng(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function dlxh(url: string, args: string[]): ChildProcess {
  return spawn(process.execPath, [path.join(ROOT, 'bin', 'dlxh.js'), ...args], {
    cwd: ROOT,
    env: { ...process.env, DATABASE_URL: url, PROJECTOR_PORT: '0', LOG_LEVEL: 'silent', PROJECTOR_MODE: 'off' },
    stdio: 'ignore',
  });
}

async function killAfter(child: ChildProcess, ms: number): Promise<void> {
  await new Promise((r) => setTimeout(r, ms));
  if (child.exitCode === null) child.kill('SIGKILL');
  await new Promise<void>((resolve) => (child.exitCode !== null || child.signalCode !== null ? resolve() : child.once('exit', () => resolve())));
}

/** Some lifecycle traffic: a report, and for some issues verification, referral and response. */
export async function traffic(issues: IssueCommands, count: number, random: () => number): Promise<void> {
  const officer = { actorId: 'officer-1', actorRole: 'OFFICER', now: '2026-10-10T03:00:00.000Z' };
  for (let i = 0; i < count; i++) {
    const issueId = randomUUID();
    await issues.execute(
      {
        type: 'SubmitReport',
        issueId,
        reportId: `r-${issueId}`,
        kind: 'QUICK',
        channel: 'HOTLINE',
        localityCode: random() < 0.5 ? '24781' : '24778',
        sectors: random() < 0.5 ? ['HEALTH'] : ['ENVIRONMENT', 'ECONOMY_LIVELIHOOD'],
        title: `Phản ánh số ${i}`,
        summary: 'Người dân phản ánh tình trạng ô nhiễm và giá cả tăng.',
        tendency: random() < 0.6 ? 'NEGATIVE' : 'NEUTRAL',
        intensity: random() < 0.3 ? 'HIGH' : 'LOW',
        sensitive: false,
        observedAt: '2026-10-09T03:00:00.000Z',
        reporterId: `ctv-${i % 7}`,
        reporterRole: 'COLLABORATOR',
      },
      { actorId: `ctv-${i % 7}`, actorRole: 'COLLABORATOR', now: '2026-10-09T04:00:00.000Z' },
    );
    if (random() < 0.5) {
      await issues.execute({ type: 'VerifyReport', issueId, reportId: `r-${issueId}`, outcome: 'CONFIRMED', method: 'Xác minh', evidence: 'Biên bản', verifierId: 'officer-1' }, officer);
      await issues.execute({ type: 'ReferIssue', issueId, referralId: `ref-${issueId}`, agencyId: 'so-y-te', deadline: '2026-10-20T00:00:00.000Z' }, officer);
      await issues.execute({ type: 'AcknowledgeReferral', issueId, referralId: `ref-${issueId}` }, { actorId: 'so-y-te', actorRole: 'AGENCY', now: '2026-10-11T00:00:00.000Z' });
    }
  }
}

async function waitCaughtUp(knex: Knex, store: EventStore, timeoutMs: number): Promise<void> {
  const head = await store.headPosition();
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    const rows = await readCheckpoints(knex);
    if (PROJECTIONS.every((p) => (rows.find((r) => r.name === p.name)?.position ?? 0n) >= head)) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`projections did not catch up to ${head} within ${timeoutMs} ms`);
}

/**
 * Runs `rounds` kill/restart rounds, alternating between killing a projector tailing the log while traffic flows and
 * killing a `projections rebuild`. Returns whether the read models then equal a clean rebuild.
 */
export async function crashRounds(deps: CrashDeps, rounds: number, seed = 7): Promise<{ rounds: number; equal: boolean }> {
  const random = rng(seed);
  const log = deps.log ?? (() => {});
  for (let round = 0; round < rounds; round++) {
    const duringRebuild = round % 2 === 1;
    const delay = Math.floor(200 + random() * 1500);
    if (duringRebuild) {
      const child = dlxh(deps.url, ['projections', 'rebuild']);
      await killAfter(child, delay);
      log(`round ${round + 1}: rebuild killed after ${delay} ms`);
    } else {
      const child = dlxh(deps.url, ['projector']);
      const writes = traffic(deps.issues, 10 + Math.floor(random() * 20), random);
      await killAfter(child, delay);
      await writes;
      log(`round ${round + 1}: live projector killed after ${delay} ms`);
    }
  }
  // Let a projector finish the tail, then compare with a clean rebuild.
  const last = dlxh(deps.url, ['projector']);
  try {
    await waitCaughtUp(deps.knex, deps.store, 60_000);
  } finally {
    last.kill('SIGTERM');
    await new Promise((r) => last.once('exit', r));
  }
  const before = await Promise.all(PROJECTIONS.map((p) => dumpProjection(deps.knex, p)));
  await rebuild({ store: deps.store, knex: deps.knex, projections: PROJECTIONS });
  const after = await Promise.all(PROJECTIONS.map((p) => dumpProjection(deps.knex, p)));
  const equal = JSON.stringify(before) === JSON.stringify(after);
  return { rounds, equal };
}

if (process.argv[1] === __filename) {
  // Run as a script (node bin/run-ts.js test/crash/projector-crash.ts), not when the jest test imports it.
  (async () => {
    // A database of its own (dropped and recreated), so the run never touches the test suite's databases.
    const bench = await openBenchDatabase('dlxh_crash_test');
    const runtime = await openRuntime({ ...loadConfig(), databaseUrl: bench.url, logLevel: 'silent' }, { migrate: true });
    try {
      const rounds = Number(process.argv[2] || 20);
      await traffic(runtime.issues, 100, rng(1));
      const deps = { url: bench.url, knex: runtime.db.knex, store: runtime.store, issues: runtime.issues, log: console.log };
      const result = await crashRounds(deps, rounds);
      console.log(`${result.rounds} rounds: read models ${result.equal ? 'EQUAL' : 'DIFFERENT'} to a clean rebuild`);
      process.exitCode = result.equal ? 0 : 1;
    } finally {
      await runtime.close();
      await bench.close();
    }
  })().catch((error) => {
    console.error(error);
    process.exitCode = 1;
  });
}
