/**
 * bench/live-lag — how far the read models trail the log under a steady write load.
 *
 *   npm run bench:live-lag              (BENCH_RATE=500 events/s, BENCH_SECONDS=20; DATABASE_URL or embedded Postgres)
 *
 * Reports are decided by the domain (issueDecider) and appended straight to the event store at a fixed rate, so the
 * load measures the projections, not the command path. All projections tail the log in this process. The lag of an
 * event is the time from its append returning to the moment every projection has committed it.
 */
import { randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { openBenchDatabase, percentile, printTable } from './support/bench-database';
import { openRuntime } from '../services/runtime';
import { loadConfig } from '../services/config';
import { ProjectionRunner } from '../projections/runner';
import { PROJECTIONS } from '../projections';
import { issueDecider } from '../domain/issue/decider';
import type { SubmitReport } from '../domain/issue/commands';

const RATE = Number(process.env.BENCH_RATE || 500);
const SECONDS = Number(process.env.BENCH_SECONDS || 20);
const COMMUNES = ['24781', '24778', '24805', '24820', '24823', '24841', '24846', '24868'];
const SECTORS = ['ENVIRONMENT', 'HEALTH', 'EDUCATION', 'PLANNING_LAND', 'SECURITY_ORDER'] as const;

async function main() {
  const bench = await openBenchDatabase('dlxh_bench_live_lag');
  const runtime = await openRuntime({ ...loadConfig(), databaseUrl: bench.url, logLevel: 'silent' }, { migrate: true });
  const appendedAt = new Map<bigint, number>();
  const committed = new Map<string, bigint>(PROJECTIONS.map((p) => [p.name, 0n]));
  const lags: number[] = [];
  const settle = () => {
    let low: bigint | undefined;
    for (const v of committed.values()) if (low === undefined || v < low) low = v;
    const now = performance.now();
    for (const [position, at] of appendedAt) {
      if (position <= low!) {
        lags.push(now - at);
        appendedAt.delete(position);
      }
    }
  };
  const runner = new ProjectionRunner({
    store: runtime.store,
    knex: runtime.db.knex,
    projections: PROJECTIONS,
    onCommitted: (name, position) => {
      committed.set(name, position);
      settle();
    },
  });
  await runner.start();

  const started = performance.now();
  let sent = 0;
  let inFlight = 0;
  let maxInFlight = 0;
  const pending: Promise<void>[] = [];
  while (performance.now() - started < SECONDS * 1000) {
    const due = Math.floor(((performance.now() - started) / 1000) * RATE);
    while (sent < due) {
      const i = sent++;
      const issueId = randomUUID();
      inFlight++;
      maxInFlight = Math.max(maxInFlight, inFlight);
      const now = new Date().toISOString();
      const command: SubmitReport = {
        type: 'SubmitReport',
        issueId,
        reportId: `r-${issueId}`,
        kind: 'QUICK',
        channel: 'ZALO_GROUP',
        localityCode: COMMUNES[i % COMMUNES.length],
        provinceCode: '68',
        sectors: [SECTORS[i % SECTORS.length]],
        title: 'Người dân phản ánh',
        summary: 'Nội dung phản ánh của người dân địa phương.',
        tendency: i % 3 === 0 ? 'NEGATIVE' : 'NEUTRAL',
        intensity: i % 5 === 0 ? 'HIGH' : 'LOW',
        sensitive: false,
        observedAt: new Date(Date.now() - 3600_000).toISOString(),
        reporterId: `ctv-${i % 50}`,
        reporterRole: 'COLLABORATOR',
      };
      const events = issueDecider
        .decide(command, issueDecider.initialState, { now, actorId: command.reporterId, actorRole: 'COLLABORATOR' })
        .map((e) => ({ eventId: randomUUID(), type: e.type, data: e.data, metadata: { actorId: command.reporterId, actorRole: 'COLLABORATOR', occurredAt: now, schemaVersion: 1 } }));
      pending.push(
        runtime.store
          .append(`issue-${issueId}`, events, 'no_stream')
          .then((r) => {
            appendedAt.set(r.position, performance.now());
            settle();
          })
          .finally(() => inFlight--),
      );
    }
    await new Promise((r) => setTimeout(r, 2));
  }
  await Promise.all(pending);
  const elapsed = (performance.now() - started) / 1000;
  const deadline = performance.now() + 10_000;
  while (appendedAt.size > 0 && performance.now() < deadline) await new Promise((r) => setTimeout(r, 20));
  await runner.stop();
  lags.sort((a, b) => a - b);
  printTable(`bench/live-lag — target ${RATE} events/s for ${SECONDS}s, ${process.env.DATABASE_URL ? 'DATABASE_URL' : 'embedded Postgres'}, ${PROJECTIONS.length} projections in process`, [
    {
      'events appended': sent,
      'achieved events/s': Math.round(sent / elapsed),
      'events measured': lags.length,
      'lag p50 ms': +percentile(lags, 50).toFixed(1),
      'lag p95 ms': +percentile(lags, 95).toFixed(1),
      'lag p99 ms': +percentile(lags, 99).toFixed(1),
      'lag max ms': +(lags[lags.length - 1] ?? NaN).toFixed(1),
      'max writers in flight': maxInFlight,
      'never projected': appendedAt.size,
    },
  ]);
  await runtime.close();
  await bench.close();
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
