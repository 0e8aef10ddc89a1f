import { randomUUID } from 'node:crypto';
import type { Sector } from '../../domain/vocabulary';
import { COMMUNE_A, COMMUNE_B, GraphQLHarness, hoursAgo, openGraphQLHarness } from '../support/graphql-harness';

/**
 * The `hotspots` query over HTTP: a province with five weeks of history, then a burst of negative, intense reports
 * about the environment in one commune. Reasons and labels, `asOf`, scope and bad input.
 */

const HOTSPOTS = `
  query($province: String!, $asOf: DateTime, $first: Int) {
    hotspots(province: $province, asOf: $asOf, first: $first) {
      id locality { code fullName provinceCode } sector { code label }
      raisedAt activeUntil windowStart windowEnd
      recentCount weightedCount baseline baselineCount baselineDays ratio score peakScore reason
      topIssues { issueId title summary reports }
    }
  }`;

interface Warning {
  id: string;
  locality: { code: string; fullName: string; provinceCode: string };
  sector: { code: string; label: string };
  raisedAt: string;
  activeUntil: string;
  windowStart: string;
  windowEnd: string;
  recentCount: number;
  weightedCount: number;
  baseline: number;
  baselineCount: number;
  baselineDays: number;
  ratio: number;
  score: number;
  peakScore: number;
  reason: string;
  topIssues: { issueId: string; title: string; summary: string; reports: number }[];
}

const daysAgo = (days: number) => hoursAgo(24 * days);

describe('GraphQL: hotspots', () => {
  let h: GraphQLHarness;
  const issueId = randomUUID();
  const reporter = `ctv-${randomUUID()}`;

  beforeAll(async () => {
    h = await openGraphQLHarness();
    const report = (observedAt: string, localityCode = COMMUNE_A, sectors: Sector[] = ['ENVIRONMENT']) => ({
      reportId: randomUUID(),
      kind: 'QUICK' as const,
      channel: 'PHONE' as const,
      localityCode,
      sectors,
      title: 'Cá chết hàng loạt trên hồ, nghi do nước thải',
      summary: 'Người dân phản ánh cá chết nổi trắng mặt hồ, mùi hôi nồng nặc.',
      tendency: 'NEGATIVE' as const,
      intensity: 'HIGH' as const,
      sensitive: false,
      observedAt,
      reporterId: reporter,
      reporterRole: 'COLLABORATOR' as const,
    });
    // History: the province's first report five weeks ago (a periodic report, sent today).
    await h.issues.execute({ type: 'SubmitReport', issueId: randomUUID(), ...report(daysAgo(36), COMMUNE_B, ['HEALTH']), kind: 'PERIODIC' }, { actorId: reporter, actorRole: 'COLLABORATOR' });
    await h.issues.execute({ type: 'SubmitReport', issueId, ...report(hoursAgo(9)) }, { actorId: reporter, actorRole: 'COLLABORATOR' });
    for (let i = 0; i < 5; i++) await h.issues.execute({ type: 'AttachReport', issueId, report: report(hoursAgo(8 - i)) }, { actorId: 'officer-1', actorRole: 'OFFICER' });
    await h.settle();
  }, 60_000);
  afterAll(async () => h?.close());

  const hotspots = async (variables: Record<string, unknown>, token?: string) => h.gql<{ hotspots: Warning[] }>(HOTSPOTS, { province: '68', ...variables }, token);

  it('ranks the warnings active now, each with its reasons in the domain’s words and the issues behind it', async () => {
    const response = await hotspots({}, await h.as('LEADER'));
    expect(response.errors).toBeUndefined();
    const [warning, ...others] = response.data!.hotspots;
    expect(others).toEqual([]);
    expect(warning).toMatchObject({
      locality: { code: COMMUNE_A, provinceCode: '68' },
      sector: { code: 'ENVIRONMENT', label: 'Môi trường' },
      recentCount: 6,
      weightedCount: 6,
      baseline: 0.5,
      baselineCount: 0,
      ratio: 12,
      topIssues: [{ issueId, title: 'Cá chết hàng loạt trên hồ, nghi do nước thải', reports: 6 }],
    });
    expect(warning.score).toBeGreaterThanOrEqual(3.5);
    expect(warning.peakScore).toBeGreaterThanOrEqual(warning.score);
    expect(warning.baselineDays).toBeGreaterThanOrEqual(28);
    expect(warning.reason).toMatch(/^6 phản ánh từ \d\d\/\d\d\/\d{4} đến \d\d\/\d\d\/\d{4} \(có trọng số: 6\), gấp 12 lần mức nền 0,5 của \d+ ngày trước đó; điểm cảnh báo [\d,]+\.$/);
    const now = Date.now();
    expect(Date.parse(warning.raisedAt)).toBeLessThanOrEqual(now);
    expect(Date.parse(warning.activeUntil)).toBeGreaterThan(now);
    expect(Date.parse(warning.windowEnd) - Date.parse(warning.windowStart)).toBe(7 * 86_400_000);
    expect(Date.parse(warning.windowStart)).toBeLessThanOrEqual(Date.parse(hoursAgo(9)));
    // Raised by the fifth report; the sixth kept the same warning going.
    expect(Date.parse(warning.raisedAt)).toBeGreaterThanOrEqual(Date.parse(hoursAgo(4)) - 3_600_000);
    expect(response.text).not.toContain(reporter); // the reporter is never named
  });

  it('asOf: nothing was active before the burst; officers and auditors read it too', async () => {
    expect((await hotspots({ asOf: daysAgo(2) }, await h.as('LEADER'))).data!.hotspots).toEqual([]);
    expect((await hotspots({ asOf: new Date().toISOString() }, await h.as('OFFICER'))).data!.hotspots).toHaveLength(1);
    expect((await hotspots({ first: 1 }, await h.as('AUDITOR'))).data!.hotspots).toHaveLength(1);
  });

  it('scope: a commune-scoped officer sees only their communes; another province is FORBIDDEN', async () => {
    expect((await hotspots({}, await h.as('OFFICER', { communeCodes: [COMMUNE_B] }))).data!.hotspots).toEqual([]);
    expect((await hotspots({}, await h.as('OFFICER', { communeCodes: [COMMUNE_A] }))).data!.hotspots).toHaveLength(1);
    const other = await hotspots({ province: '01' }, await h.as('LEADER'));
    expect(other.errors?.[0].extensions.code).toBe('FORBIDDEN');
    expect(other.data?.hotspots ?? null).toBeNull();
  });

  it('bad input is a typed error, never a 500', async () => {
    const token = await h.as('LEADER');
    const cases: [Record<string, unknown>, string][] = [
      [{ province: 'xx' }, 'BAD_USER_INPUT'],
      [{ first: 0 }, 'BAD_USER_INPUT'],
      [{ first: 101 }, 'BAD_USER_INPUT'],
      [{ asOf: 'yesterday' }, 'BAD_USER_INPUT'],
    ];
    for (const [variables, code] of cases) {
      const response = await hotspots(variables, token);
      expect([variables, response.errors?.[0].extensions.code]).toEqual([variables, code]);
      expect(response.status).not.toBe(500);
    }
    const unknownProvince = await hotspots({ province: 'xx' }, token);
    expect(unknownProvince.errors?.[0].extensions.fieldErrors).toEqual([{ path: ['province'], message: 'is not a province code' }]);
  });
});
