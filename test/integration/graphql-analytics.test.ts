import http from 'node:http';
import { randomUUID } from 'node:crypto';
import express from 'express';
import { PROJECTIONS } from '../../projections';
import { mountGraphQL, MountedGraphQL } from '../../graphql/server';
import type { ApiServices } from '../../graphql/context';
import type { AuthUser } from '../../graphql/auth/auth-user';
import { mintToken, TokenConfig } from '../../graphql/auth/tokens';
import { loadLocalityCatalogue } from '../../services/localities';
import { loadConfig } from '../../services/config';
import { createLogger } from '../../services/logger';
import type { Role } from '../../domain/vocabulary';
import { applyInBatches, Harness, openHarness } from '../support/projection-harness';

/**
 * Read-side queries (trends, SLA, collaborators, localities) over HTTP against read models built from a known story
 * with the real command service and projections.
 */

const TOKENS: TokenConfig = { secret: 'analytics-test-secret-of-at-least-32-chars', issuer: 'dlxh', audience: 'dlxh-api' };
const A = '24781'; // Phường Xuân Hương - Đà Lạt (68)
const B = '22918'; // Phường Mũi Né (68)
const officer = { actorId: 'officer-1', actorRole: 'OFFICER' };
/** 10:00 in Vietnam on a day of 2025. */
const at = (month: number, day: number) => new Date(Date.UTC(2025, month - 1, day, 3)).toISOString();

type Sector = 'PLANNING_LAND' | 'HEALTH' | 'EDUCATION' | 'COMPENSATION_SITE_CLEARANCE';

async function story(h: Harness) {
  const ctv = { hoa: `ctv-hoa-${randomUUID()}`, an: `ctv-an-${randomUUID()}`, thuy: `ctv-thuy-${randomUUID()}` };
  await h.collaborators.execute({ type: 'EnrollCollaborator', collaboratorId: ctv.hoa, fullName: 'Nguyễn Thị Hoà', level: 'COMMUNE', localityCode: A, phone: '0912345678', unit: 'Hội Phụ nữ phường' } as never, { ...officer, now: at(6, 1) });
  await h.collaborators.execute({ type: 'EnrollCollaborator', collaboratorId: ctv.an, fullName: 'Lê Văn An', level: 'COMMUNE', localityCode: B } as never, { ...officer, now: at(6, 1) });
  await h.collaborators.execute({ type: 'EnrollCollaborator', collaboratorId: ctv.thuy, fullName: 'Trần Văn Thuỷ', level: 'PROVINCE', localityCode: '68' } as never, { ...officer, now: at(6, 1) });

  const report = (reporterId: string, o: { locality?: string; sectors: Sector[]; tendency?: string; intensity?: string; observedAt: string }) => ({
    reportId: `r-${randomUUID()}`,
    kind: 'QUICK' as const,
    channel: 'ZALO_GROUP' as const,
    localityCode: o.locality ?? A,
    sectors: o.sectors,
    title: 'Người dân phản ánh',
    summary: 'Nội dung phản ánh của người dân.',
    tendency: (o.tendency ?? 'NEGATIVE') as 'NEGATIVE',
    intensity: (o.intensity ?? 'HIGH') as 'HIGH',
    sensitive: false,
    observedAt: o.observedAt,
    reporterId,
    reporterRole: 'COLLABORATOR' as const,
  });
  const submit = async (reporter: string, o: Parameters<typeof report>[1]) => {
    const issueId = randomUUID();
    const r = report(reporter, o);
    await h.issues.execute({ type: 'SubmitReport', issueId, ...r }, { actorId: reporter, actorRole: 'COLLABORATOR', now: o.observedAt });
    return { issueId, reportId: r.reportId };
  };

  // Trends story: September → November 2025 (nothing in August, so September has no previous period).
  const i1 = await submit(ctv.hoa, { sectors: ['PLANNING_LAND'], observedAt: at(9, 20) });
  await submit(ctv.hoa, { sectors: ['HEALTH'], observedAt: at(10, 12) });
  await h.issues.execute({ type: 'AttachReport', issueId: i1.issueId, report: report(ctv.an, { sectors: ['PLANNING_LAND'], tendency: 'NEUTRAL', intensity: 'MEDIUM', observedAt: at(10, 15) }) }, { ...officer, now: at(10, 15) });
  const i3 = await submit(ctv.an, { locality: B, sectors: ['HEALTH'], tendency: 'MIXED', intensity: 'LOW', observedAt: at(10, 18) });
  await submit(ctv.thuy, { locality: '68', sectors: ['EDUCATION'], tendency: 'POSITIVE', intensity: 'LOW', observedAt: at(10, 20) });
  await h.issues.execute({ type: 'VerifyReport', issueId: i3.issueId, reportId: i3.reportId, outcome: 'UNFOUNDED', method: 'Kiểm tra', evidence: 'Ảnh', verifierId: 'officer-1' }, { ...officer, now: at(10, 21) });
  await submit(ctv.hoa, { sectors: ['PLANNING_LAND', 'COMPENSATION_SITE_CLEARANCE'], observedAt: at(11, 3) });
  await h.issues.execute({ type: 'VerifyReport', issueId: i1.issueId, reportId: i1.reportId, outcome: 'CONFIRMED', method: 'Làm việc', evidence: 'Biên bản', verifierId: 'officer-1' }, { ...officer, now: at(11, 5) });

  // SLA story: referrals due in July 2025, to agencies X and Y.
  const sla = async (severity: string) => {
    const s = await submit(ctv.hoa, { sectors: ['PLANNING_LAND'], observedAt: at(7, 1) });
    await h.issues.execute({ type: 'VerifyReport', issueId: s.issueId, reportId: s.reportId, outcome: 'CONFIRMED', method: 'Làm việc', evidence: 'Biên bản', verifierId: 'officer-1' }, { ...officer, now: at(7, 2) });
    if (severity !== 'NORMAL') await h.issues.execute({ type: 'ClassifyIssue', issueId: s.issueId, severity } as never, { ...officer, now: at(7, 2) });
    return s.issueId;
  };
  const refer = async (issueId: string, agencyId: string, deadline: string) => {
    const referralId = `ref-${randomUUID()}`;
    await h.issues.execute({ type: 'ReferIssue', issueId, referralId, agencyId, deadline, agencyName: agencyId === 'agency-x' ? 'Sở Xây dựng' : 'UBND phường' }, { ...officer, now: at(7, 3) });
    return referralId;
  };
  const asAgency = (agencyId: string, now: string) => ({ actorId: agencyId, actorRole: 'AGENCY', now });
  const ack = (issueId: string, referralId: string, agencyId: string) => h.issues.execute({ type: 'AcknowledgeReferral', issueId, referralId }, asAgency(agencyId, at(7, 5)));
  const respond = (issueId: string, referralId: string, agencyId: string, when: string) =>
    h.issues.execute({ type: 'RespondToReferral', issueId, referralId, result: 'Đã giải quyết' }, asAgency(agencyId, when));

  const s1 = await sla('PROMINENT');
  const s1x = await refer(s1, 'agency-x', at(7, 20));
  await ack(s1, s1x, 'agency-x');
  await respond(s1, s1x, 'agency-x', at(7, 10)); // on time
  const s1y = await refer(s1, 'agency-y', at(7, 30));
  await ack(s1, s1y, 'agency-y');
  await respond(s1, s1y, 'agency-y', at(7, 12)); // on time
  const s2 = await sla('HOTSPOT');
  const s2x = await refer(s2, 'agency-x', at(7, 20));
  await ack(s2, s2x, 'agency-x');
  await respond(s2, s2x, 'agency-x', at(7, 25)); // late
  const s3 = await sla('PRESSING');
  const s3x = await refer(s3, 'agency-x', at(7, 25)); // never answered: overdue
  const s4 = await sla('NORMAL');
  const s4x = await refer(s4, 'agency-x', at(7, 15));
  await ack(s4, s4x, 'agency-x');
  await respond(s4, s4x, 'agency-x', at(7, 14)); // on time
  const s5 = await sla('PROMINENT');
  const s5x = await refer(s5, 'agency-x', at(7, 28));
  await h.issues.execute({ type: 'DeclineReferral', issueId: s5, referralId: s5x, reason: 'Không thuộc thẩm quyền' }, asAgency('agency-x', at(7, 6)));
  const s7 = await sla('NORMAL');
  const s7y = await refer(s7, 'agency-y', at(7, 18)); // acknowledged, never answered: overdue, the oldest
  await ack(s7, s7y, 'agency-y');
  const s8 = await sla('PROMINENT');
  await refer(s8, 'agency-x', new Date(Date.UTC(2099, 0, 1)).toISOString()); // open, not yet due
  return { ctv, s3, s3x, s7, s7y };
}

describe('GraphQL analytics: trends, SLA, collaborators, localities', () => {
  let h: Harness;
  let ids: Awaited<ReturnType<typeof story>>;
  let server: http.Server;
  let mounted: MountedGraphQL;
  let url: string;
  let services: ApiServices;

  beforeAll(async () => {
    h = await openHarness();
    ids = await story(h);
    const events = await h.events();
    for (const p of PROJECTIONS) await applyInBatches(h.db.knex, p, events);
    services = {
      knex: h.db.knex,
      store: h.store,
      issues: h.issues,
      collaborators: h.collaborators,
      catalogue: loadLocalityCatalogue(loadConfig()),
      log: createLogger('silent'),
      pseudonymSecret: 'analytics-test-pseudonym-key',
      waitForProjections: async () => true,
    };
    const app = express();
    server = http.createServer(app);
    mounted = await mountGraphQL(app, server, services, { production: false, tokens: TOKENS });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const address = server.address();
    url = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}/graphql`;
  }, 60_000);

  afterAll(async () => {
    await mounted?.stop();
    await new Promise((resolve) => server?.close(resolve));
    await h?.close();
  });

  const token = (role: Role, overrides: Partial<AuthUser> = {}) =>
    mintToken(TOKENS, { id: `${role.toLowerCase()}-1`, role, provinceCode: '68', communeCodes: null, agencyId: role === 'AGENCY' ? 'agency-x' : null, ...overrides });

  async function gql<T = any>(query: string, variables: Record<string, unknown> = {}, bearer?: string): Promise<{ data?: T; errors?: { message: string; extensions: { code: string } }[] }> {
    const res = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(bearer ? { authorization: `Bearer ${bearer}` } : {}) },
      body: JSON.stringify({ query, variables }),
    });
    return res.json() as never;
  }
  const codes = (r: { errors?: { extensions: { code: string } }[] }) => r.errors?.map((e) => e.extensions.code);

  describe('trends', () => {
    const TRENDS = `query($from: LocalDate!, $to: LocalDate!, $groupBy: [TrendGroupBy!], $granularity: TrendGranularity, $filter: TrendFilterInput) {
      trends(from: $from, to: $to, groupBy: $groupBy, granularity: $granularity, filter: $filter) {
        from to granularity groupBy
        points {
          period periodEnd partial
          sector { code label }
          locality { code fullName typeLabel }
          counts { reports negative highIntensity newIssues confirmed unfounded }
          change { reports { absolute percent } negative { absolute percent } confirmed { absolute percent } }
        }
      }
    }`;

    it('by month: exact totals from the ALL rows, and the change against the previous month', async () => {
      const r = await gql(TRENDS, { from: '2025-09-01', to: '2025-11-30', groupBy: ['PERIOD'], granularity: 'MONTH' }, await token('LEADER'));
      expect(r.errors).toBeUndefined();
      const points = r.data.trends.points;
      expect(points.map((p: any) => [p.period, p.periodEnd, p.partial])).toEqual([
        ['2025-09-01', '2025-09-30', false],
        ['2025-10-01', '2025-10-31', false],
        ['2025-11-01', '2025-11-30', false],
      ]);
      expect(points.map((p: any) => p.counts)).toEqual([
        { reports: 1, negative: 1, highIntensity: 1, newIssues: 1, confirmed: 0, unfounded: 0 },
        { reports: 4, negative: 1, highIntensity: 1, newIssues: 3, confirmed: 0, unfounded: 1 },
        { reports: 1, negative: 1, highIntensity: 1, newIssues: 1, confirmed: 1, unfounded: 0 },
      ]);
      expect(points[0].change).toBeNull(); // nothing in August
      expect(points[1].change.reports).toEqual({ absolute: 3, percent: 300 });
      expect(points[2].change.reports).toEqual({ absolute: -3, percent: -75 });
      expect(points[2].change.confirmed).toEqual({ absolute: 1, percent: null }); // previous was 0
      expect(points.every((p: any) => p.sector === null && p.locality === null)).toBe(true);
    });

    it('a range starting mid-period: the first period is partial and still compared with the whole previous one', async () => {
      const r = await gql(TRENDS, { from: '2025-10-13', to: '2025-10-31', groupBy: ['PERIOD'], granularity: 'MONTH' }, await token('OFFICER'));
      const [oct] = r.data.trends.points;
      expect(oct).toMatchObject({ period: '2025-10-01', partial: true, counts: { reports: 3 } }); // the report of 12 October is outside
      expect(oct.change.reports).toEqual({ absolute: 2, percent: 200 }); // September (before `from`) had 1
    });

    it('by sector: sector rows only (a two-sector report counts in each), with Vietnamese labels', async () => {
      const r = await gql(TRENDS, { from: '2025-10-01', to: '2025-11-30', groupBy: ['SECTOR', 'PERIOD'], granularity: 'MONTH' }, await token('AUDITOR'));
      const cells = Object.fromEntries(r.data.trends.points.map((p: any) => [`${p.sector.code}@${p.period}`, p.counts.reports]));
      expect(cells).toEqual({
        'COMPENSATION_SITE_CLEARANCE@2025-11-01': 1,
        'EDUCATION@2025-10-01': 1,
        'HEALTH@2025-10-01': 2,
        'PLANNING_LAND@2025-10-01': 1,
        'PLANNING_LAND@2025-11-01': 1,
      });
      const land = r.data.trends.points.find((p: any) => p.sector.code === 'PLANNING_LAND' && p.period === '2025-11-01');
      expect(land.sector.label).toMatch(/đất đai/i);
      expect(land.counts.confirmed).toBe(1);
      expect(land.change.reports).toEqual({ absolute: 0, percent: 0 });
    });

    it('one sector without grouping by sector; several need groupBy SECTOR', async () => {
      const one = await gql(TRENDS, { from: '2025-10-01', to: '2025-10-31', groupBy: ['PERIOD'], filter: { sectors: ['HEALTH'] } }, await token('OFFICER'));
      expect(one.data.trends.points.map((p: any) => p.counts.reports)).toEqual([2]);
      const several = await gql(TRENDS, { from: '2025-10-01', to: '2025-10-31', groupBy: ['PERIOD'], filter: { sectors: ['HEALTH', 'EDUCATION'] } }, await token('OFFICER'));
      expect(codes(several)).toEqual(['BAD_USER_INPUT']);
    });

    it('by commune over the whole range (no PERIOD): one point per locality, province-level reports on their own', async () => {
      const r = await gql(TRENDS, { from: '2025-09-01', to: '2025-11-30', groupBy: ['COMMUNE'] }, await token('OFFICER'));
      const byLocality = Object.fromEntries(r.data.trends.points.map((p: any) => [p.locality.code, p.counts.reports]));
      expect(byLocality).toEqual({ '68': 1, [A]: 4, [B]: 1 });
      const a = r.data.trends.points.find((p: any) => p.locality.code === A);
      expect(a).toMatchObject({ period: '2025-09-01', periodEnd: '2025-11-30', partial: false, change: null, locality: { fullName: 'Phường Xuân Hương - Đà Lạt', typeLabel: 'Phường' } });
    });

    it('by province, and by day and week (Monday-based) within the range limits', async () => {
      const province = await gql(TRENDS, { from: '2025-10-01', to: '2025-10-31', groupBy: ['PROVINCE', 'PERIOD'], granularity: 'YEAR' }, await token('OFFICER'));
      expect(province.data.trends.points).toEqual([expect.objectContaining({ period: '2025-01-01', periodEnd: '2025-12-31', partial: true, locality: expect.objectContaining({ code: '68' }) })]);
      const days = await gql(TRENDS, { from: '2025-10-01', to: '2025-10-31', groupBy: ['PERIOD'], granularity: 'DAY' }, await token('OFFICER'));
      expect(days.data.trends.points.map((p: any) => [p.period, p.counts.reports])).toEqual([
        ['2025-10-12', 1],
        ['2025-10-15', 1],
        ['2025-10-18', 1],
        ['2025-10-20', 1],
        ['2025-10-21', 0], // the unfounded verification
      ]);
      expect(days.data.trends.points[1].change).toBeNull(); // the 14th had nothing
      const weeks = await gql(TRENDS, { from: '2025-10-01', to: '2025-10-31', groupBy: ['PERIOD'], granularity: 'WEEK' }, await token('OFFICER'));
      expect(weeks.data.trends.points.map((p: any) => [p.period, p.periodEnd, p.counts.reports])).toEqual([
        ['2025-10-06', '2025-10-12', 1],
        ['2025-10-13', '2025-10-19', 2],
        ['2025-10-20', '2025-10-26', 1],
      ]);
      expect(weeks.data.trends.points[1].change.reports).toEqual({ absolute: 1, percent: 100 });
    });

    it('rejects a reversed range and a range too long for the granularity', async () => {
      const t = await token('OFFICER');
      expect(codes(await gql(TRENDS, { from: '2025-10-31', to: '2025-10-01' }, t))).toEqual(['BAD_USER_INPUT']);
      expect(codes(await gql(TRENDS, { from: '2024-01-01', to: '2025-06-30', granularity: 'DAY' }, t))).toEqual(['BAD_USER_INPUT']);
      expect(codes(await gql(TRENDS, { from: '2024-01-01', to: '2025-06-30', granularity: 'WEEK' }, t))).toBeUndefined();
      expect(codes(await gql(TRENDS, { from: '2025-02-30', to: '2025-03-01' }, t))).toEqual(['BAD_USER_INPUT']);
    });

    it('scope: a commune-scoped user sees only their communes; other communes and provinces are FORBIDDEN', async () => {
      const communeB = await token('OFFICER', { communeCodes: [B] });
      const mine = await gql(TRENDS, { from: '2025-09-01', to: '2025-11-30', groupBy: ['COMMUNE'] }, communeB);
      expect(mine.data.trends.points.map((p: any) => [p.locality.code, p.counts.reports])).toEqual([[B, 1]]);
      const total = await gql(TRENDS, { from: '2025-09-01', to: '2025-11-30', groupBy: ['PERIOD'] }, communeB);
      expect(total.data.trends.points.map((p: any) => p.counts.reports)).toEqual([1]); // only Mũi Né's October report
      expect(codes(await gql(TRENDS, { from: '2025-09-01', to: '2025-11-30', filter: { communeCodes: [A] } }, communeB))).toEqual(['FORBIDDEN']);
      expect(codes(await gql(TRENDS, { from: '2025-09-01', to: '2025-11-30', filter: { provinceCode: '01' } }, await token('LEADER')))).toEqual(['FORBIDDEN']);
      expect(codes(await gql(TRENDS, { from: '2025-09-01', to: '2025-11-30', filter: { communeCodes: ['00004'] } }, await token('LEADER')))).toEqual(['BAD_USER_INPUT']);
    });

    it('roles: OFFICER, LEADER and AUDITOR only', async () => {
      for (const role of ['COLLABORATOR', 'AGENCY', 'INTEGRATION'] as Role[]) {
        expect(codes(await gql(TRENDS, { from: '2025-09-01', to: '2025-09-30' }, await token(role)))).toEqual(['FORBIDDEN']);
      }
      expect(codes(await gql(TRENDS, { from: '2025-09-01', to: '2025-09-30' }))).toEqual(['UNAUTHENTICATED']);
    });
  });

  describe('SLA', () => {
    const SUMMARY = `query($agencyId: ID, $month: String, $period: SlaPeriodInput) {
      slaSummary(agencyId: $agencyId, month: $month, period: $period) {
        agency { id name } month target meetsTarget
        all { due acknowledged answeredOnTime answeredLate open overdue declined onTimeRate }
        prominentAndAbove { due answeredOnTime answeredLate open overdue declined onTimeRate }
      }
    }`;

    it('per agency and month: due, on time, late, open, overdue, declined, and the >90% KPI for prominent-and-above issues', async () => {
      const r = await gql(SUMMARY, { month: '2025-07' }, await token('LEADER'));
      expect(r.errors).toBeUndefined();
      const [x, y] = r.data.slaSummary;
      expect(x).toEqual({
        agency: { id: 'agency-x', name: 'Sở Xây dựng' },
        month: '2025-07-01',
        target: 0.9,
        meetsTarget: false,
        all: { due: 5, acknowledged: 3, answeredOnTime: 2, answeredLate: 1, open: 1, overdue: 1, declined: 1, onTimeRate: 0.5 },
        prominentAndAbove: { due: 4, answeredOnTime: 1, answeredLate: 1, open: 1, overdue: 1, declined: 1, onTimeRate: 1 / 3 },
      });
      expect(y).toMatchObject({
        agency: { id: 'agency-y' },
        meetsTarget: true,
        all: { due: 2, answeredOnTime: 1, overdue: 1, onTimeRate: 0.5 },
        prominentAndAbove: { due: 1, answeredOnTime: 1, onTimeRate: 1 },
      });
      const period = await gql(SUMMARY, { period: { from: '2025-07-01', to: '2099-12-31' } }, await token('OFFICER'));
      expect(codes(period)).toEqual(['BAD_USER_INPUT']); // longer than 3 years
      const both = await gql(SUMMARY, { month: '2025-07', period: { from: '2025-07-01', to: '2025-07-31' } }, await token('OFFICER'));
      expect(codes(both)).toEqual(['BAD_USER_INPUT']);
      const range = await gql(SUMMARY, { agencyId: 'agency-x', period: { from: '2025-07-21', to: '2025-07-31' } }, await token('OFFICER'));
      expect(range.data.slaSummary.map((m: any) => m.all.due)).toEqual([2]); // s3 (25th) and s5 (28th)
    });

    it('an AGENCY user sees only its own agency', async () => {
      const agencyX = await token('AGENCY');
      const own = await gql(SUMMARY, { month: '2025-07' }, agencyX);
      expect(own.data.slaSummary.map((m: any) => m.agency.id)).toEqual(['agency-x']);
      expect(codes(await gql(SUMMARY, { month: '2025-07', agencyId: 'agency-y' }, agencyX))).toEqual(['FORBIDDEN']);
      expect(codes(await gql(SUMMARY, { month: '2025-07' }, await token('COLLABORATOR')))).toEqual(['FORBIDDEN']);
    });

    const OVERDUE = `query($filter: OverdueReferralFilterInput, $first: Int) {
      overdueReferrals(filter: $filter, first: $first) {
        referralId issueId issueTitle agency { id } status { code label } issueSeverity { code } locality { code } deadline acknowledgedAt daysOverdue
      }
    }`;

    it('overdueReferrals: open referrals past their deadline, oldest first, within scope', async () => {
      const r = await gql(OVERDUE, {}, await token('OFFICER'));
      expect(r.errors).toBeUndefined();
      expect(r.data.overdueReferrals.map((o: any) => o.referralId)).toEqual([ids.s7y, ids.s3x]);
      expect(r.data.overdueReferrals[0]).toMatchObject({ issueId: ids.s7, agency: { id: 'agency-y' }, status: { code: 'ACKNOWLEDGED' }, issueSeverity: { code: 'NORMAL' }, locality: { code: A } });
      expect(r.data.overdueReferrals[0].deadline).toBe(at(7, 18));
      expect(r.data.overdueReferrals[0].daysOverdue).toBeGreaterThan(300);
      expect((await gql(OVERDUE, { first: 1 }, await token('OFFICER'))).data.overdueReferrals).toHaveLength(1);
      expect((await gql(OVERDUE, { filter: { severities: ['PRESSING', 'HOTSPOT'] } }, await token('OFFICER'))).data.overdueReferrals.map((o: any) => o.referralId)).toEqual([ids.s3x]);
      expect((await gql(OVERDUE, {}, await token('AGENCY'))).data.overdueReferrals.map((o: any) => o.referralId)).toEqual([ids.s3x]);
      expect((await gql(OVERDUE, {}, await token('OFFICER', { communeCodes: [B] }))).data.overdueReferrals).toEqual([]);
      expect(codes(await gql(OVERDUE, { filter: { agencyId: 'agency-y' } }, await token('AGENCY')))).toEqual(['FORBIDDEN']);
    });
  });

  describe('collaborators', () => {
    const ROSTER = `query($filter: CollaboratorFilterInput, $first: Int, $after: String) {
      collaborators(filter: $filter, first: $first, after: $after) {
        totalCount
        pageInfo { hasNextPage endCursor }
        edges { cursor node {
          id fullName unit phone identityRedacted level { code label } locality { code } active
          activity(from: "2025-01-01", to: "2025-12-31") { month reports timelyReports timelyRate verifiedReports confirmedReports confirmedShare }
        } }
      }
    }`;

    it('officers: the roster by name, with monthly activity', async () => {
      const r = await gql(ROSTER, {}, await token('OFFICER'));
      expect(r.errors).toBeUndefined();
      const nodes = r.data.collaborators.edges.map((e: any) => e.node);
      expect(r.data.collaborators.totalCount).toBe(3);
      expect(nodes.map((n: any) => n.fullName)).toEqual(['Lê Văn An', 'Nguyễn Thị Hoà', 'Trần Văn Thuỷ']);
      const hoa = nodes[1];
      expect(hoa).toMatchObject({ id: ids.ctv.hoa, phone: '0912345678', unit: 'Hội Phụ nữ phường', identityRedacted: false, level: { code: 'COMMUNE' }, locality: { code: A }, active: true });
      const september = hoa.activity.find((m: any) => m.month === '2025-09-01');
      expect(september).toEqual({ month: '2025-09-01', reports: 1, timelyReports: 1, timelyRate: 1, verifiedReports: 1, confirmedReports: 1, confirmedShare: 1 });
      const october = nodes[0].activity.find((m: any) => m.month === '2025-10-01');
      expect(october).toMatchObject({ reports: 2, verifiedReports: 1, confirmedReports: 0, confirmedShare: 0 }); // attached report + Mũi Né (unfounded)
    });

    it('activity comes through one batched query for the whole page (DataLoader)', async () => {
      const queries: string[] = [];
      const listener = (q: { sql: string }) => queries.push(q.sql);
      services.knex.on('query', listener);
      try {
        await gql(ROSTER, {}, await token('OFFICER'));
      } finally {
        services.knex.removeListener('query', listener);
      }
      expect(queries.filter((sql) => /collaborator_activity/.test(sql))).toHaveLength(1);
      expect(queries).toHaveLength(2);
    });

    it('search ignores diacritics and tone-mark placement; pages follow the cursor', async () => {
      const t = await token('OFFICER');
      for (const text of ['nguyen thi hoa', 'Hòa', 'HOÀ', 'phu nu']) {
        const r = await gql(ROSTER, { filter: { text } }, t);
        expect(r.data.collaborators.edges.map((e: any) => e.node.id)).toEqual([ids.ctv.hoa]);
      }
      const first = await gql(ROSTER, { first: 2 }, t);
      expect(first.data.collaborators.pageInfo.hasNextPage).toBe(true);
      const next = await gql(ROSTER, { first: 2, after: first.data.collaborators.pageInfo.endCursor }, t);
      expect(next.data.collaborators.edges.map((e: any) => e.node.fullName)).toEqual(['Trần Văn Thuỷ']);
      expect(next.data.collaborators).toMatchObject({ totalCount: 3, pageInfo: { hasNextPage: false } });
      expect(codes(await gql(ROSTER, { after: 'not-a-cursor' }, t))).toEqual(['BAD_USER_INPUT']);
    });

    it('scope: a commune filter, and a commune-scoped officer sees only their communes', async () => {
      const byCommune = await gql(ROSTER, { filter: { communeCode: A } }, await token('OFFICER'));
      expect(byCommune.data.collaborators.edges.map((e: any) => e.node.id)).toEqual([ids.ctv.hoa]);
      const communeB = await gql(ROSTER, {}, await token('OFFICER', { communeCodes: [B] }));
      expect(communeB.data.collaborators.edges.map((e: any) => e.node.id)).toEqual([ids.ctv.an]);
      expect(codes(await gql(ROSTER, { filter: { communeCode: A } }, await token('OFFICER', { communeCodes: [B] })))).toEqual(['FORBIDDEN']);
    });

    it('leaders get counts, never identities (reporter protection); other roles are FORBIDDEN', async () => {
      const r = await gql(ROSTER, {}, await token('LEADER'));
      expect(r.errors).toBeUndefined();
      const nodes = r.data.collaborators.edges.map((e: any) => e.node);
      expect(nodes).toHaveLength(3);
      for (const n of nodes) expect(n).toMatchObject({ id: null, fullName: null, unit: null, phone: null, identityRedacted: true });
      expect(nodes.flatMap((n: any) => n.activity).reduce((sum: number, m: any) => sum + m.reports, 0)).toBe(13); // 6 in the trends story, 7 in the SLA story
      const text = JSON.stringify(r);
      for (const secret of [ids.ctv.hoa, 'Nguyễn', '0912345678', 'Phụ nữ']) expect(text).not.toContain(secret);
      for (const cursor of r.data.collaborators.edges.map((e: any) => e.cursor)) expect(Buffer.from(cursor, 'base64url').toString()).not.toMatch(/ctv|Nguy/);
      expect(codes(await gql(ROSTER, { filter: { text: 'hoa' } }, await token('LEADER')))).toEqual(['FORBIDDEN']);
      for (const role of ['AUDITOR', 'AGENCY', 'COLLABORATOR', 'INTEGRATION'] as Role[]) expect(codes(await gql(ROSTER, {}, await token(role)))).toEqual(['FORBIDDEN']);
    });
  });

  describe('localities', () => {
    const LOCALITIES = `query($parentCode: String, $search: String, $first: Int) {
      localities(parentCode: $parentCode, search: $search, first: $first) { code name type typeLabel fullName provinceCode isProvince province { code name } }
    }`;

    it('a tree: the 34 provinces, each with its communes as children', async () => {
      const t = await token('COLLABORATOR');
      const r = await gql(`{ localities { code typeLabel children { code typeLabel province { code } children { code } } } }`, {}, t);
      expect(r.errors).toBeUndefined();
      expect(r.data.localities).toHaveLength(34);
      expect(new Set(r.data.localities.map((p: any) => p.typeLabel))).toEqual(new Set(['Tỉnh', 'Thành phố']));
      const lamDong = r.data.localities.find((p: any) => p.code === '68');
      expect(lamDong.children).toHaveLength(124);
      expect(new Set(lamDong.children.map((c: any) => c.typeLabel))).toEqual(new Set(['Xã', 'Phường', 'Đặc khu']));
      expect(lamDong.children.every((c: any) => c.province.code === '68' && c.children.length === 0)).toBe(true);
      const communes = await gql(LOCALITIES, { parentCode: '68', first: 5 }, t);
      expect(communes.data.localities).toHaveLength(5);
      expect(codes(await gql(LOCALITIES, { parentCode: A }, t))).toEqual(['BAD_USER_INPUT']);
      expect(codes(await gql(LOCALITIES, { parentCode: '99' }, t))).toEqual(['BAD_USER_INPUT']);
    });

    it("search ignores diacritics and tone-mark placement: 'Xuan Huong', 'Hoa' / 'Hoà' / 'Hòa'", async () => {
      const t = await token('AGENCY');
      const xuanHuong = await gql(LOCALITIES, { search: 'Xuan Huong' }, t);
      expect(xuanHuong.data.localities[0]).toEqual({
        code: A,
        name: 'Xuân Hương - Đà Lạt',
        type: 'PHUONG',
        typeLabel: 'Phường',
        fullName: 'Phường Xuân Hương - Đà Lạt',
        provinceCode: '68',
        isProvince: false,
        province: { code: '68', name: 'Lâm Đồng' },
      });
      const search = async (text: string) => (await gql(LOCALITIES, { search: text, first: 100 }, t)).data.localities.map((l: any) => l.code);
      const [plain, newStyle, oldStyle] = [await search('Hoa'), await search('Hoà'), await search('Hòa')];
      expect(plain.length).toBeGreaterThan(20);
      expect(newStyle).toEqual(plain);
      expect(oldStyle).toEqual(plain);
      const khanhHoa = await gql(LOCALITIES, { search: 'Khánh Hòa' }, t);
      expect(khanhHoa.data.localities[0]).toMatchObject({ code: '56', name: 'Khánh Hoà', typeLabel: 'Tỉnh', isProvince: true, province: null });
      const inProvince = await gql(LOCALITIES, { search: 'xa tan hoa', parentCode: '68' }, t);
      expect(inProvince.data.localities.every((l: any) => l.provinceCode === '68')).toBe(true);
      expect((await gql(LOCALITIES, { search: 'Hoa' }, t)).data.localities).toHaveLength(20); // the default
    });
  });
});
