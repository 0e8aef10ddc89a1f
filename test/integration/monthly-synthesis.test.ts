import http from 'node:http';
import express from 'express';
import { mountGraphQL, MountedGraphQL } from '../../graphql/server';
import type { ApiServices } from '../../graphql/context';
import type { AuthUser } from '../../graphql/auth/auth-user';
import { mintToken, TokenConfig } from '../../graphql/auth/tokens';
import type { Role } from '../../domain/vocabulary';
import { loadLocalityCatalogue } from '../../services/localities';
import { loadConfig } from '../../services/config';
import { createLogger } from '../../services/logger';
import { buildMonthlySynthesis, type HotspotSummary, type MonthlySynthesis } from '../../services/reports/monthly-synthesis';
import { reportingCalendar } from '../../services/reports/reporting-calendar';
import { Harness, openHarness } from '../support/projection-harness';
import { STORY_IDS as ID, SYNTH_A, SYNTH_B, SYNTH_NOW, synthesisStory } from '../support/synthesis-story';

/**
 * The monthly synthesis of October 2026 over the story of test/support/synthesis-story.ts, read at 10 November 2026
 * (Vietnamese time): every figure below is worked out by hand from that story. Then the GraphQL fields
 * `monthlySynthesis` and `reportingCalendar`: roles, scope and argument errors.
 */

const TOKENS: TokenConfig = { secret: 'monthly-synthesis-test-secret-of-32-chars!', issuer: 'dlxh', audience: 'dlxh-api' };
const catalogue = loadLocalityCatalogue(loadConfig());

const WARNING: HotspotSummary = {
  localityCode: SYNTH_A,
  provinceCode: '68',
  sector: 'PLANNING_LAND',
  recentCount: 4,
  weightedCount: 6.5,
  baseline: 0.5,
  score: 5.2,
  windowStart: '2026-10-18T17:00:00.000Z',
  windowEnd: new Date('2026-10-31T17:00:00.000Z'),
  raisedAt: '2026-10-12T02:00:00.000Z',
  topIssues: [{ issueId: ID.i1, title: 'Chậm chi trả bồi thường dự án đường vành đai', reports: 3 }],
};

describe('monthly synthesis (báo cáo tổng hợp tháng)', () => {
  let h: Harness;
  let s: MonthlySynthesis;
  const hotspotCalls: [string, Date, Date][] = [];

  beforeAll(async () => {
    h = await openHarness();
    await synthesisStory(h);
    s = await buildMonthlySynthesis(
      {
        knex: h.db.knex,
        catalogue,
        now: () => SYNTH_NOW,
        hotspots: async (provinceCode, asOf, since) => {
          hotspotCalls.push([provinceCode, asOf, since]);
          return [WARNING];
        },
      },
      { provinceCode: '68', month: '2026-10' },
    );
  }, 120_000);

  afterAll(async () => h?.close());

  const figure = (code: string) => s.headline.find((f) => f.code === code)!;

  it('covers the Vietnamese month, names the province and the due date', () => {
    expect(s).toMatchObject({
      month: '2026-10',
      monthLabel: 'tháng 10/2026',
      periodStart: '2026-10-01',
      periodEnd: '2026-10-31',
      previousMonth: '2026-09',
      previousMonthLabel: 'tháng 9/2026',
      complete: true,
      dueDate: '2026-11-20',
      province: { code: '68', fullName: 'Tỉnh Lâm Đồng' },
    });
    expect(s.generatedAt).toEqual(SYNTH_NOW);
  });

  it('headline figures and their change against September', () => {
    expect(figure('REPORTS')).toEqual({ code: 'REPORTS', label: 'Số báo cáo, phản ánh dư luận', kind: 'COUNT', value: 7, previous: 2, absoluteChange: 5, percentChange: 250 });
    expect(figure('NEW_ISSUES')).toMatchObject({ value: 4, previous: 2, absoluteChange: 2, percentChange: 100 });
    expect(figure('NEGATIVE')).toMatchObject({ value: 4, previous: 1, absoluteChange: 3, percentChange: 300 });
    expect(figure('NEGATIVE_SHARE').kind).toBe('RATE');
    expect(figure('NEGATIVE_SHARE').value).toBeCloseTo(4 / 7);
    expect(figure('NEGATIVE_SHARE').previous).toBeCloseTo(1 / 2);
    expect(figure('NEGATIVE_SHARE').absoluteChange).toBeCloseTo(4 / 7 - 1 / 2);
    expect(figure('NEGATIVE_SHARE').percentChange).toBeNull();
    expect(figure('HIGH_INTENSITY')).toMatchObject({ value: 3, previous: 1 });
    expect(figure('CONFIRMED')).toMatchObject({ value: 2, previous: 1 }); // o1 and o3 (partly) in October; s1 in September
    expect(figure('UNFOUNDED')).toMatchObject({ value: 1, previous: 0, percentChange: null });
    expect(figure('REFERRALS')).toMatchObject({ value: 6, previous: 1 });
    expect(figure('RESPONDED')).toMatchObject({ value: 4, previous: 0 });
    // KPI: October deadlines of PROMINENT-and-above issues: 2 on time, 1 late, 1 overdue; September: 1 late
    expect(figure('ON_TIME_RATE')).toMatchObject({ kind: 'RATE', value: 0.5, previous: 0, absoluteChange: 0.5 });
  });

  it('days are Vietnamese days: 1 October 00:30 counts in October, 1 November 00:10 does not', () => {
    expect(s.daily).toHaveLength(31);
    expect(s.daily[0]).toEqual({ date: '2026-10-01', reports: 1, negative: 1, highIntensity: 1 });
    expect(s.daily[30]).toEqual({ date: '2026-10-31', reports: 1, negative: 0, highIntensity: 0 });
    expect(s.daily.reduce((n, d) => n + d.reports, 0)).toBe(7);
    expect(s.previousDaily).toHaveLength(30);
    expect(s.previousDaily.filter((d) => d.reports > 0).map((d) => d.date)).toEqual(['2026-09-10', '2026-09-12']);
  });

  it('by sector: counts, change and the most notable issues of each', () => {
    expect(s.sectors.map((x) => [x.sector.code, x.reports, x.previousReports])).toEqual([
      ['PLANNING_LAND', 4, 1],
      ['COMPENSATION_SITE_CLEARANCE', 1, 0],
      ['EDUCATION', 1, 0],
      ['ENVIRONMENT', 1, 0],
      ['HEALTH', 1, 1],
    ]);
    const land = s.sectors[0];
    expect(land).toMatchObject({ sector: { label: 'Quy hoạch, đất đai' }, negative: 3, highIntensity: 2, newIssues: 1, confirmed: 1, change: { absolute: 3, percent: 300 } });
    expect(land.issues.map((i) => i.issueId)).toEqual([ID.i1, ID.s1]);
    expect(s.sectors[1].change).toEqual({ absolute: 1, percent: null });
    expect(s.sectors.find((x) => x.sector.code === 'HEALTH')!.change).toEqual({ absolute: 0, percent: 0 });
  });

  it('by locality: the communes (and the province level) with reports, busiest first', () => {
    expect(s.localitiesWithReports).toBe(3);
    expect(s.localities.map((l) => [l.locality.code, l.reports, l.previousReports])).toEqual([
      [SYNTH_A, 5, 1],
      [SYNTH_B, 1, 1], // ties with the province level on reports, has more negative ones
      ['68', 1, 0],
    ]);
    expect(s.localities[0].locality.fullName).toBe('Phường Xuân Hương - Đà Lạt');
    expect(s.localities[0].issues.map((i) => i.issueId)).toEqual([ID.i1, ID.s1]);
  });

  it('notable issues: most severe first, then most reported in the month; merged and November issues left out', () => {
    expect(s.issuesWithReports).toBe(5);
    expect(s.notableIssues.map((i) => i.issueId)).toEqual([ID.i2, ID.i1, ID.s1, ID.i3, ID.i4]);
    const [hot, i1, s1] = s.notableIssues;
    expect(hot).toMatchObject({ severity: { code: 'HOTSPOT', label: 'Điểm nóng' }, newInMonth: true, reportsInMonth: 1, locality: { code: SYNTH_B } });
    expect(i1).toMatchObject({ severity: { code: 'PROMINENT', label: 'Nổi cộm' }, reportsInMonth: 3, negativeInMonth: 2, totalReports: 3, latestVerification: { code: 'CONFIRMED' }, openReferrals: 1 });
    expect(i1.sectors.map((x) => x.code)).toEqual(['PLANNING_LAND', 'COMPENSATION_SITE_CLEARANCE']);
    expect(s1).toMatchObject({ newInMonth: false, reportsInMonth: 1, totalReports: 2 });
  });

  it('verification outcomes of the month, press and cyberspace, and what is still unverified', () => {
    expect(s.verification.verified).toBe(3);
    expect(s.verification.previousVerified).toBe(1);
    expect(s.verification.outcomes.map((o) => [o.outcome.code, o.reports, o.previous])).toEqual([
      ['CONFIRMED', 1, 1],
      ['PARTLY_CONFIRMED', 1, 0],
      ['UNFOUNDED', 1, 0],
      ['UNVERIFIABLE', 0, 0], // o5 was verified on 1 November
    ]);
    expect(s.verification.outcomes[2]).toMatchObject({ outcome: { label: 'Sai sự thật, xuyên tạc' } });
    expect(s.verification.outcomes[0].share).toBeCloseTo(1 / 3);
    expect(s.verification).toMatchObject({ pressAndSocialVerified: 1, pressAndSocialUnfounded: 1, unverifiedReports: 3 });
  });

  it('responses: the on-time KPI per agency against the >90% target, and the overdue referrals', () => {
    const r = s.response;
    expect(r).toMatchObject({ referralsMade: 6, previousReferralsMade: 1, responded: 4, previousResponded: 0, declined: 1, target: 0.9, meetsTarget: false, agenciesBelowTarget: 1 });
    expect(r.total).toMatchObject({ due: 5, answeredOnTime: 2, answeredLate: 1, overdue: 1, declined: 1, open: 1 });
    expect(r.totalProminentAndAbove.onTimeRate).toBe(0.5);
    expect(r.agencies.map((a) => [a.agency.id, a.agency.name, a.all.due, a.prominentAndAbove.onTimeRate, a.meetsTarget])).toEqual([
      ['agency-y', 'UBND phường Xuân Hương - Đà Lạt', 2, 0, false],
      ['agency-x', 'Sở Xây dựng', 2, 1, true],
      ['agency-z', 'Sở Y tế', 1, null, null],
    ]);
    expect(r.overdueTotal).toBe(1);
    expect(r.overdue).toHaveLength(1);
    expect(r.overdue[0]).toMatchObject({ referralId: 'ref-i2-y', issueId: ID.i2, issueTitle: 'Sốt xuất huyết gia tăng tại phường Mũi Né', issueSeverity: { code: 'HOTSPOT' }, status: { code: 'REFERRED' } });
    expect(r.overdue[0].daysOverdue).toBeCloseTo(15.7, 1); // 25 October 17:00 → 10 November 10:00
  });

  it('hot spots: the injected early-warning read at the end of the month, and the HOTSPOT issues', () => {
    expect(hotspotCalls).toEqual([['68', new Date('2026-10-31T17:00:00.000Z'), new Date('2026-09-30T17:00:00.000Z')]]);
    expect(s.hotspots.warningsAvailable).toBe(true);
    expect(s.hotspots.asOf).toEqual(new Date('2026-10-31T17:00:00.000Z'));
    expect(s.hotspots.warnings).toEqual([
      {
        locality: expect.objectContaining({ code: SYNTH_A, fullName: 'Phường Xuân Hương - Đà Lạt' }),
        sector: { code: 'PLANNING_LAND', label: 'Quy hoạch, đất đai' },
        recentCount: 4,
        weightedCount: 6.5,
        baseline: 0.5,
        score: 5.2,
        windowStart: new Date('2026-10-18T17:00:00.000Z'),
        windowEnd: new Date('2026-10-31T17:00:00.000Z'),
        raisedAt: new Date('2026-10-12T02:00:00.000Z'),
        topIssues: WARNING.topIssues,
      },
    ]);
    expect(s.hotspots.issueCount).toBe(1);
    expect(s.hotspots.issues.map((i) => i.issueId)).toEqual([ID.i2]);
  });

  it('without the early-warning read the warnings say "no data", not "no warnings"', async () => {
    const without = await buildMonthlySynthesis({ knex: h.db.knex, catalogue, now: () => SYNTH_NOW }, { provinceCode: '68', month: '2026-10' });
    expect(without.hotspots).toMatchObject({ warningsAvailable: false, warnings: [], issueCount: 1 });
    expect(without.outlook.map((o) => o.code)).not.toContain('HOTSPOT_WARNINGS');
    expect(without.headline).toEqual(s.headline);
  });

  it('surveys open during the month, with their results so far', () => {
    expect(s.surveys.map((x) => x.surveyId)).toEqual([ID.surveyOctober]);
    const [survey] = s.surveys;
    expect(survey).toMatchObject({ title: 'Khảo sát về phương án bồi thường đường vành đai', status: { code: 'CLOSED' }, responseCount: 3 });
    const [q1] = survey.results;
    expect(q1.question.text).toBe('Ông/bà có đồng tình với phương án bồi thường?');
    expect(q1.overall.respondents).toBe(3);
    expect(q1.overall.shares.map((x) => [x.label, x.count])).toEqual([
      ['Đồng tình', 2],
      ['Không đồng tình', 1],
    ]);
    expect(q1.overall.shares[0].share).toBeCloseTo(2 / 3);
    expect(q1.overall.shares[0].marginOfError).toBeCloseTo(1.96 * Math.sqrt((2 / 3) * (1 / 3) / 3));
  });

  it('collaborator activity: the roster at the end of the month and the reports submitted in it', () => {
    const c = s.collaborators;
    expect(c).toMatchObject({ active: 5, enrolled: 1, deactivated: 1, reporting: 3, previousReporting: 2, reports: 7, previousReports: 2, timelyReports: 6, verifiedReports: 4, confirmedReports: 2 });
    expect(c.timelyRate).toBeCloseTo(6 / 7);
    expect(c.confirmedShare).toBe(0.5);
    expect(c.byLevel).toEqual([
      { level: { code: 'PROVINCE', label: 'Cấp tỉnh' }, active: 1, reporting: 1, reports: 1, timelyRate: 1 },
      { level: { code: 'COMMUNE', label: 'Cấp xã' }, active: 4, reporting: 2, reports: 6, timelyRate: 5 / 6 },
    ]);
  });

  it('forecasts and recommendations follow from the figures', () => {
    expect(s.outlook.map((o) => [o.code, o.kind])).toEqual([
      ['RISING_SECTOR', 'FORECAST'],
      ['HOTSPOT_WARNINGS', 'FORECAST'],
      ['HOTSPOT_ISSUES', 'RECOMMENDATION'],
      ['KPI_BELOW_TARGET', 'RECOMMENDATION'],
      ['OVERDUE_REFERRALS', 'RECOMMENDATION'],
      ['UNVERIFIED', 'RECOMMENDATION'],
    ]);
    expect(s.outlook[0].text).toContain('quy hoạch, đất đai');
    expect(s.outlook[0].text).toContain('tăng 300,0% so với tháng 9/2026');
    expect(s.outlook[3].text).toContain('UBND phường Xuân Hương - Đà Lạt (0,0%)');
    expect(s.outlook[3].text).toContain('trên 90%');
  });

  it('a month still running is read up to now, and its hot spots stand at now', async () => {
    const now = new Date('2026-10-20T03:00:00Z');
    const calls: Date[] = [];
    const running = await buildMonthlySynthesis(
      { knex: h.db.knex, catalogue, now: () => now, hotspots: async (_p, asOf) => (calls.push(asOf), []) },
      { provinceCode: '68', month: '2026-10' },
    );
    expect(running.complete).toBe(false);
    expect(calls).toEqual([now]);
    expect(running.hotspots).toMatchObject({ warningsAvailable: true, warnings: [] });
  });

  it('rejects a malformed month, a month still to come and an unknown province, naming the argument', async () => {
    const deps = { knex: h.db.knex, catalogue, now: () => SYNTH_NOW };
    await expect(buildMonthlySynthesis(deps, { provinceCode: '68', month: '2026-13' })).rejects.toMatchObject({ code: 'BAD_USER_INPUT', problems: [{ path: ['month'] }] });
    await expect(buildMonthlySynthesis(deps, { provinceCode: '68', month: '2026-12' })).rejects.toMatchObject({ code: 'BAD_USER_INPUT', problems: [{ path: ['month'], message: 'has not started yet' }] });
    await expect(buildMonthlySynthesis(deps, { provinceCode: '99', month: '2026-10' })).rejects.toMatchObject({ code: 'BAD_USER_INPUT', problems: [{ path: ['province'] }] });
  });

  describe('GraphQL', () => {
    let server: http.Server;
    let mounted: MountedGraphQL;
    let url: string;

    beforeAll(async () => {
      const services: ApiServices = {
        knex: h.db.knex,
        store: h.store,
        issues: h.issues,
        collaborators: h.collaborators,
        catalogue,
        log: createLogger('silent'),
        pseudonymSecret: 'synthesis-test-pseudonym-key',
        waitForProjections: async () => true,
      };
      const app = express();
      server = http.createServer(app);
      mounted = await mountGraphQL(app, server, services, { production: false, tokens: TOKENS });
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
      const address = server.address();
      url = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}/graphql`;
    });

    afterAll(async () => {
      await mounted?.stop();
      await new Promise((resolve) => server?.close(resolve));
    });

    const token = (role: Role, overrides: Partial<AuthUser> = {}) =>
      mintToken(TOKENS, { id: `${role.toLowerCase()}-1`, role, provinceCode: '68', communeCodes: null, agencyId: role === 'AGENCY' ? 'agency-x' : null, ...overrides });
    async function gql(query: string, variables: Record<string, unknown>, bearer?: string): Promise<{ data?: any; errors?: { message: string; extensions: { code: string; fieldErrors?: { path: (string | number)[] }[] } }[] }> {
      const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...(bearer ? { authorization: `Bearer ${bearer}` } : {}) }, body: JSON.stringify({ query, variables }) });
      return res.json() as never;
    }
    const codes = (r: { errors?: { extensions: { code: string } }[] }) => r.errors?.map((e) => e.extensions.code);

    const SYNTHESIS = `query($province: String!, $month: String!) {
      monthlySynthesis(province: $province, month: $month) {
        province { code fullName } month monthLabel dueDate complete
        headline { code label kind value previous absoluteChange percentChange }
        daily { date reports }
        sectors { sector { code label } reports previousReports change { absolute percent } issues { issueId title severity { code label } } }
        localities { locality { code fullName } reports }
        notableIssues { issueId severity { code label } status { code label } sectors { code label } locality { code fullName } reportsInMonth newInMonth }
        verification { verified outcomes { outcome { code label } reports share } unverifiedReports }
        response { referralsMade target meetsTarget agencies { agency { id name } prominentAndAbove { onTimeRate } meetsTarget } overdueTotal overdue { referralId issueSeverity { code label } } }
        hotspots { warningsAvailable issueCount issues { issueId } }
        surveys { surveyId title status { code label } results { question { text } overall { respondents shares { label count share marginOfError } } } }
        collaborators { active reporting reports byLevel { level { code label } active } }
        outlook { code kind text }
      }
    }`;

    it('LEADER and OFFICER read the structured synthesis, with Vietnamese labels next to codes', async () => {
      for (const role of ['LEADER', 'OFFICER'] as Role[]) {
        const r = await gql(SYNTHESIS, { province: '68', month: '2026-10' }, await token(role));
        expect(r.errors).toBeUndefined();
        const m = r.data.monthlySynthesis;
        expect(m).toMatchObject({ province: { code: '68', fullName: 'Tỉnh Lâm Đồng' }, month: '2026-10', monthLabel: 'tháng 10/2026', dueDate: '2026-11-20', complete: true });
        expect(m.headline.find((f: any) => f.code === 'REPORTS')).toEqual({ code: 'REPORTS', label: 'Số báo cáo, phản ánh dư luận', kind: 'COUNT', value: 7, previous: 2, absoluteChange: 5, percentChange: 250 });
        expect(m.daily).toHaveLength(31);
        expect(m.sectors[0]).toMatchObject({ sector: { code: 'PLANNING_LAND', label: 'Quy hoạch, đất đai' }, reports: 4, change: { absolute: 3, percent: 300 } });
        expect(m.notableIssues[0]).toMatchObject({ issueId: ID.i2, severity: { code: 'HOTSPOT', label: 'Điểm nóng' }, status: { code: 'REFERRED' }, locality: { fullName: 'Phường Mũi Né' } });
        expect(m.verification.outcomes.map((o: any) => o.outcome.label)).toEqual(['Đúng sự thật', 'Đúng một phần', 'Sai sự thật, xuyên tạc', 'Không thể kiểm chứng']);
        expect(m.response).toMatchObject({ referralsMade: 6, target: 0.9, meetsTarget: false });
        expect(m.response.agencies.map((a: any) => [a.agency.id, a.meetsTarget])).toEqual([
          ['agency-y', false],
          ['agency-x', true],
          ['agency-z', null],
        ]);
        expect(m.response.overdue[0]).toMatchObject({ referralId: 'ref-i2-y', issueSeverity: { label: 'Điểm nóng' } });
        expect(m.hotspots).toMatchObject({ issueCount: 1, issues: [{ issueId: ID.i2 }] });
        expect(typeof m.hotspots.warningsAvailable).toBe('boolean');
        expect(m.surveys[0].results[0].overall.shares.map((x: any) => x.count)).toEqual([2, 1]);
        expect(m.collaborators).toMatchObject({ active: 5, reporting: 3, reports: 7 });
        expect(m.outlook.map((o: any) => o.code)).toContain('KPI_BELOW_TARGET');
      }
    });

    it('a malformed month is BAD_USER_INPUT with the field path; a month to come too', async () => {
      const t = await token('OFFICER');
      for (const month of ['2026-1', '10/2026', '2026-00', 'x']) {
        const r = await gql(SYNTHESIS, { province: '68', month }, t);
        expect(codes(r)).toEqual(['BAD_USER_INPUT']);
        expect(r.errors![0].extensions.fieldErrors).toEqual([expect.objectContaining({ path: ['month'] })]);
        expect(r.errors![0].message).not.toContain(month === 'x' ? '"x"' : month);
      }
      const future = await gql(SYNTHESIS, { province: '68', month: '2999-01' }, t);
      expect(codes(future)).toEqual(['BAD_USER_INPUT']);
      expect(future.errors![0].extensions.fieldErrors).toEqual([expect.objectContaining({ path: ['month'] })]);
    });

    it('scope: another province and a commune-scoped officer are FORBIDDEN; other roles too', async () => {
      expect(codes(await gql(SYNTHESIS, { province: '01', month: '2026-10' }, await token('LEADER')))).toEqual(['FORBIDDEN']);
      expect(codes(await gql(SYNTHESIS, { province: '68', month: '2026-10' }, await token('OFFICER', { communeCodes: [SYNTH_A] })))).toEqual(['FORBIDDEN']);
      for (const role of ['COLLABORATOR', 'AGENCY', 'AUDITOR', 'INTEGRATION'] as Role[]) {
        expect(codes(await gql(SYNTHESIS, { province: '68', month: '2026-10' }, await token(role)))).toEqual(['FORBIDDEN']);
      }
      expect(codes(await gql(SYNTHESIS, { province: '68', month: '2026-10' }))).toEqual(['UNAUTHENTICATED']);
    });

    const CALENDAR = `query($province: String!, $from: String, $months: Int) {
      reportingCalendar(province: $province, from: $from, months: $months) {
        province { code fullName } today dueDay
        current { month dueDate status statusLabel daysLeft overdue dueSoon }
        periods { month label periodStart periodEnd dueDate dueAt status statusLabel daysLeft monthEnded dueSoon overdue }
      }
    }`;

    it('reportingCalendar: each month due on the 20th of the next, as the calendar computes it now', async () => {
      const r = await gql(CALENDAR, { province: '68', from: '2026-09', months: 3 }, await token('OFFICER'));
      expect(r.errors).toBeUndefined();
      const c = r.data.reportingCalendar;
      const expected = reportingCalendar(new Date(), { from: '2026-09', months: 3 });
      expect(c).toMatchObject({ province: { code: '68' }, dueDay: 20, today: expected.today, current: { month: expected.current.month, status: expected.current.status } });
      expect(c.periods.map((p: any) => [p.month, p.dueDate, p.dueAt])).toEqual([
        ['2026-09', '2026-10-20', '2026-10-20T17:00:00.000Z'],
        ['2026-10', '2026-11-20', '2026-11-20T17:00:00.000Z'],
        ['2026-11', '2026-12-20', '2026-12-20T17:00:00.000Z'],
      ]);
      expect(c.periods.map((p: any) => [p.status, p.daysLeft])).toEqual(expected.periods.map((p) => [p.status, p.daysLeft]));
      expect(c.periods[0].label).toBe('tháng 9/2026');
      const leader = await gql(CALENDAR, { province: '68' }, await token('LEADER'));
      expect(leader.data.reportingCalendar.periods).toHaveLength(3);
    });

    it('reportingCalendar: bad arguments name the argument; another province and other roles are FORBIDDEN', async () => {
      const t = await token('OFFICER');
      const badFrom = await gql(CALENDAR, { province: '68', from: '2026/09' }, t);
      expect(codes(badFrom)).toEqual(['BAD_USER_INPUT']);
      expect(badFrom.errors![0].extensions.fieldErrors).toEqual([expect.objectContaining({ path: ['from'] })]);
      const badMonths = await gql(CALENDAR, { province: '68', months: 25 }, t);
      expect(badMonths.errors![0].extensions.fieldErrors).toEqual([expect.objectContaining({ path: ['months'] })]);
      expect(codes(await gql(CALENDAR, { province: '01' }, t))).toEqual(['FORBIDDEN']);
      expect(codes(await gql(CALENDAR, { province: '68' }, await token('AGENCY')))).toEqual(['FORBIDDEN']);
    });
  });
});
