import 'reflect-metadata';
import { randomUUID } from 'node:crypto';
import type { Client } from 'graphql-ws';
import type { Role, Sector } from '../../domain/vocabulary';
import { COMMUNE_A, COMMUNE_B, GraphQLHarness, hoursAgo, openGraphQLHarness, reportInput, SUBMIT_REPORT } from '../support/graphql-harness';
import { ApiProcess, collect, Collected, ready, startApi, wsClient } from './support/api-process';

/**
 * The `hotspotRaised` subscription over WebSocket: fed by the log and the hotspots read model (never by a resolver),
 * so a subscriber of another API process without projections hears of a warning raised by a write made here. Each
 * warning is announced once, while its cell stays hot; scope and roles are checked when subscribing and per item.
 */

const HOTSPOT_RAISED = `subscription($province: String) {
  hotspotRaised(province: $province) { id locality { code } sector { code label } recentCount weightedCount baseline score reason topIssues { issueId reports } }
}`;
type Raised = { id: string; locality: { code: string }; sector: { code: string; label: string }; recentCount: number; score: number; topIssues: { issueId: string; reports: number }[] };

describe('hotspotRaised over WebSocket', () => {
  let h: GraphQLHarness;
  let second: ApiProcess;
  const clients: Client[] = [];
  const client = async (url: string, role: Role, overrides: Parameters<GraphQLHarness['user']>[1] = {}) => {
    const c = wsClient(url, await h.as(role, overrides));
    clients.push(c);
    return c;
  };
  const reporter = `ctv-${randomUUID()}`;
  const report = (observedAt: string, localityCode: string, sectors: Sector[]) => ({
    reportId: randomUUID(),
    kind: 'QUICK' as const,
    channel: 'HOTLINE' as const,
    localityCode,
    sectors,
    title: 'Người dân tụ tập phản đối dự án',
    summary: 'Nhiều hộ dân kéo đến trụ sở phản đối việc thu hồi đất.',
    tendency: 'NEGATIVE' as const,
    intensity: 'HIGH' as const,
    sensitive: false,
    observedAt,
    reporterId: reporter,
    reporterRole: 'COLLABORATOR' as const,
  });
  /** An issue in the cell with `n` reports, one command at a time. */
  const burst = async (localityCode: string, sector: Sector, n: number) => {
    const issueId = randomUUID();
    await h.issues.execute({ type: 'SubmitReport', issueId, ...report(hoursAgo(n + 1), localityCode, [sector]) }, { actorId: reporter, actorRole: 'COLLABORATOR' });
    for (let i = 1; i < n; i++) await h.issues.execute({ type: 'AttachReport', issueId, report: report(hoursAgo(n + 1 - i), localityCode, [sector]) }, { actorId: 'officer-1', actorRole: 'OFFICER' });
    return issueId;
  };

  beforeAll(async () => {
    h = await openGraphQLHarness();
    second = await startApi(h.db.url, { PROJECTOR_MODE: 'off' });
    // The province's history begins five weeks ago.
    await h.issues.execute({ type: 'SubmitReport', issueId: randomUUID(), ...report(hoursAgo(24 * 36), COMMUNE_B, ['HEALTH']), kind: 'PERIODIC' }, { actorId: reporter, actorRole: 'COLLABORATOR' });
    await h.settle();
  }, 90_000);
  afterAll(async () => {
    await Promise.all(clients.map((c) => c.dispose()));
    await second?.stop();
    await h?.close();
  });

  it('announces each new warning once, to every allowed subscriber in scope, on this API process and another', async () => {
    const ws = h.url.replace(/^http/, 'ws');
    const leader = await client(ws, 'LEADER');
    const onLeader = collect<Raised>(leader, HOTSPOT_RAISED);
    const withProvince = collect<Raised>(leader, HOTSPOT_RAISED, { province: '68' });
    const communeB = await client(ws, 'OFFICER', { id: 'officer-b', communeCodes: [COMMUNE_B] });
    const onCommuneB = collect<Raised>(communeB, HOTSPOT_RAISED);
    const elsewhere = await client(second.ws, 'OFFICER');
    const onSecond = collect<Raised>(elsewhere, HOTSPOT_RAISED);
    await Promise.all([ready(leader), ready(communeB), ready(elsewhere)]);

    // Seven reports in commune A: the fifth raises the warning; the sixth and seventh keep it hot, and are not announced.
    const a = await burst(COMMUNE_A, 'COMPENSATION_SITE_CLEARANCE', 7);
    // Then a burst in commune B, last in the log: once it is heard, everything before it was offered.
    const b = await burst(COMMUNE_B, 'SECURITY_ORDER', 5);
    // A report through the API, after both, that changes nothing: still two warnings.
    await h.gql(SUBMIT_REPORT, { input: reportInput({ observedAt: hoursAgo(1) }) }, await h.as('COLLABORATOR'));

    for (const subscription of [onLeader, withProvince, onSecond]) {
      const items = await subscription.until((received) => received.length >= 2, 20_000);
      expect(items.map((w) => [w.locality.code, w.sector.code])).toEqual([
        [COMMUNE_A, 'COMPENSATION_SITE_CLEARANCE'],
        [COMMUNE_B, 'SECURITY_ORDER'],
      ]);
      // The reasons are those that raised it; the issues behind it are read when it is announced (later reports may count).
      expect(items[0]).toMatchObject({ sector: { label: 'Bồi thường, giải phóng mặt bằng' }, recentCount: 5, weightedCount: 5, baseline: 0.5, topIssues: [{ issueId: a }] });
      expect(items[0].topIssues[0].reports).toBeGreaterThanOrEqual(5);
      expect(items[1]).toMatchObject({ recentCount: 5, topIssues: [{ issueId: b, reports: 5 }] });
      expect(items[0].score).toBeGreaterThanOrEqual(3.5);
      expect(subscription.errors).toEqual([]);
    }
    // The commune-B officer hears only of commune B.
    expect((await onCommuneB.until((received) => received.length >= 1)).map((w) => w.locality.code)).toEqual([COMMUNE_B]);
    await h.settle();
    await new Promise((r) => setTimeout(r, 300));
    expect(onLeader.items).toHaveLength(2);
    expect(onCommuneB.items).toHaveLength(1);
    expect(onLeader.texts.join('')).not.toContain(reporter);
  }, 60_000);

  it.each([
    ['COLLABORATOR', {}, {}, 'FORBIDDEN'],
    ['AGENCY', {}, {}, 'FORBIDDEN'],
    ['AUDITOR', {}, {}, 'FORBIDDEN'],
    ['INTEGRATION', {}, {}, 'FORBIDDEN'],
    ['OFFICER', {}, { province: '01' }, 'FORBIDDEN'],
    ['LEADER', {}, { province: 'zz' }, 'BAD_USER_INPUT'],
  ] as [Role, object, Record<string, unknown>, string][])('as %s %j with %j: %s', async (role, overrides, variables, code) => {
    const c = await client(h.url.replace(/^http/, 'ws'), role, overrides);
    const subscription: Collected<unknown> = collect(c, HOTSPOT_RAISED, variables);
    await subscription.ended();
    expect(subscription.errors.map((e) => e.extensions.code)).toEqual([code]);
    expect(subscription.items.filter((item) => item !== null)).toEqual([]);
  });

  it('without a token is UNAUTHENTICATED', async () => {
    const c = wsClient(h.url.replace(/^http/, 'ws'));
    clients.push(c);
    const subscription = collect(c, HOTSPOT_RAISED);
    await subscription.ended();
    expect(subscription.errors.map((e) => e.extensions.code)).toEqual(['UNAUTHENTICATED']);
  });
});
