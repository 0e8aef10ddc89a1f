import type { Sector } from '../../domain/vocabulary';
import { COMMUNE_A, COMMUNE_B, GqlResponse, GraphQLHarness, ISSUE_FIELDS, openGraphQLHarness, PROVINCE } from '../support/graphql-harness';

/** Issues built directly with the command service at fixed times, then read through GraphQL. */

const at = (day: string, hour = 3) => `2026-${day}T${String(hour).padStart(2, '0')}:00:00.000Z`;
const officerEnvelope = (now: string) => ({ actorId: 'officer-1', actorRole: 'OFFICER', now });

const ISSUE = `query($id: ID!) { issue(id: $id) { ...IssueFields } } ${ISSUE_FIELDS}`;
const ISSUES = `
  query($filter: IssueFilter, $orderBy: IssueOrder, $first: Int, $after: String) {
    issues(filter: $filter, orderBy: $orderBy, first: $first, after: $after) {
      totalCount
      pageInfo { hasNextPage endCursor }
      edges { cursor node { id severity overdue lastReportAt firstReportAt } }
    }
  }`;

type Connection = {
  totalCount: number;
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
  edges: { cursor: string; node: { id: string; severity: string; overdue: boolean; lastReportAt: string; firstReportAt: string } }[];
};

describe('GraphQL issue queries (real Postgres, real HTTP)', () => {
  let h: GraphQLHarness;
  let officer: string;
  const BULK = 25;

  async function fixtureIssue(id: string, localityCode: string, sectors: Sector[], title: string, summary: string, submittedAt: string, reporterId = 'ctv-1') {
    await h.issues.execute(
      {
        type: 'SubmitReport',
        issueId: id,
        reportId: `${id}-r1`,
        kind: 'PERIODIC',
        channel: 'MEETING',
        localityCode,
        sectors,
        title,
        summary,
        tendency: 'NEGATIVE',
        intensity: 'MEDIUM',
        sensitive: false,
        observedAt: submittedAt,
        reporterId,
        reporterRole: 'COLLABORATOR',
      },
      { actorId: reporterId, actorRole: 'COLLABORATOR', now: submittedAt },
    );
  }

  async function referred(id: string, day: string, deadline: string, agencyId = 'so-tnmt') {
    await h.issues.execute({ type: 'VerifyReport', issueId: id, reportId: `${id}-r1`, outcome: 'CONFIRMED', method: 'Kiểm tra thực địa', evidence: 'Biên bản', verifierId: 'officer-1' }, officerEnvelope(at(day, 4)));
    await h.issues.execute({ type: 'ReferIssue', issueId: id, referralId: `${id}-ref`, agencyId, agencyName: 'Sở Nông nghiệp và Môi trường', deadline }, officerEnvelope(at(day, 5)));
  }

  beforeAll(async () => {
    h = await openGraphQLHarness();
    officer = await h.as('OFFICER');
    await fixtureIssue('i1', COMMUNE_A, ['ENVIRONMENT'], 'Ô nhiễm môi trường tại bãi rác', 'Người dân phản ánh mùi hôi từ bãi rác', at('10-01'));
    await fixtureIssue('i2', COMMUNE_B, ['EDUCATION'], 'Phụ huynh phản ánh thiếu giáo viên', 'Trường tiểu học thiếu 3 giáo viên', at('10-05'));
    await h.issues.execute({ type: 'EscalateIssue', issueId: 'i2', level: 'HOTSPOT', reason: 'Tụ tập đông người' }, officerEnvelope(at('10-05', 6)));
    await fixtureIssue('i3', COMMUNE_A, ['COMPENSATION_SITE_CLEARANCE'], 'Chậm chi trả tiền bồi thường', 'Hộ dân chưa nhận tiền bồi thường giải phóng mặt bằng', at('10-10'));
    await referred('i3', '10-10', at('10-15')); // long past its deadline: overdue
    await fixtureIssue('i4', PROVINCE, ['HEALTH'], 'Quá tải bệnh viện tỉnh', 'Bệnh nhân phải nằm ghép', at('10-15'));
    await referred('i4', '10-15', '2027-06-01T00:00:00.000Z', 'so-yte');
    await fixtureIssue('i5', COMMUNE_A, ['ENVIRONMENT'], 'Khói bụi nhà máy xi măng', 'Khói bụi ảnh hưởng sức khỏe', at('10-20'), 'ctv-2');
    await h.issues.execute({ type: 'AttachReport', issueId: 'i5', report: { reportId: 'i5-r2', kind: 'QUICK', channel: 'PHONE', localityCode: COMMUNE_A, sectors: ['ENVIRONMENT'], title: 'Khói bụi', summary: 'Thêm phản ánh', tendency: 'NEGATIVE', intensity: 'HIGH', sensitive: false, observedAt: at('10-20', 7), reporterId: 'ctv-1', reporterRole: 'COLLABORATOR' } }, officerEnvelope(at('10-20', 8)));
    await h.issues.execute({ type: 'CloseIssue', issueId: 'i5', resolution: 'Nhà máy đã lắp đặt hệ thống lọc bụi' }, officerEnvelope(at('10-21')));
    for (let i = 0; i < BULK; i++) {
      await fixtureIssue(`bulk-${String(i).padStart(2, '0')}`, COMMUNE_B, ['OTHER'], `Ý kiến khác số ${i}`, 'Nội dung chung', `2026-09-01T00:${String(i).padStart(2, '0')}:00.000Z`);
    }
    await h.settle();
  });
  afterAll(async () => h.close());

  const issues = async (variables: Record<string, unknown>, token = officer) => (await h.gql<{ issues: Connection }>(ISSUES, variables, token));
  const ids = async (filter: Record<string, unknown>, token = officer) => {
    const response = await issues({ filter, first: 100 }, token);
    expect(response.errors).toBeUndefined();
    return response.data!.issues.edges.map((e) => e.node.id).sort();
  };
  const codeOf = (response: GqlResponse<unknown>) => response.errors?.[0]?.extensions.code;

  describe('issue(id)', () => {
    it('returns the issue with labels, locality name, referrals and reports', async () => {
      const response = await h.gql<{ issue: Record<string, unknown> }>(ISSUE, { id: 'i3' }, officer);
      expect(response.errors).toBeUndefined();
      expect(response.data!.issue).toMatchObject({
        id: 'i3',
        status: 'REFERRED',
        statusLabel: 'Đã chuyển cơ quan có thẩm quyền',
        severity: 'NORMAL',
        severityLabel: 'Bình thường',
        locality: { code: COMMUNE_A, fullName: expect.stringMatching(/^Phường /), provinceCode: PROVINCE },
        latestVerification: 'CONFIRMED',
        latestVerificationLabel: 'Đúng sự thật',
        reportCount: 1,
        reporterCount: 1,
        overdue: true,
        nextDeadline: '2026-10-15T03:00:00.000Z',
        referrals: [{ id: 'i3-ref', agency: { id: 'so-tnmt', name: 'Sở Nông nghiệp và Môi trường' }, status: 'REFERRED', statusLabel: 'Đã chuyển, chờ tiếp nhận', overdue: true, onTime: null }],
        reports: [{ id: 'i3-r1', kind: 'PERIODIC', kindLabel: 'Báo cáo định kỳ', channel: 'MEETING', channelLabel: 'Hội nghị giao ban', tendencyLabel: 'Tiêu cực', intensityLabel: 'Trung bình', verificationOutcome: 'CONFIRMED', reporter: { id: 'ctv-1', pseudonym: null, role: 'COLLABORATOR' } }],
      });
    });

    it('is NOT_FOUND when missing or outside the scope, alike', async () => {
      expect(codeOf(await h.gql(ISSUE, { id: 'nope' }, officer))).toBe('NOT_FOUND');
      expect(codeOf(await h.gql(ISSUE, { id: 'i1' }, await h.as('OFFICER', { id: 'o-b', communeCodes: [COMMUNE_B] })))).toBe('NOT_FOUND');
      expect(codeOf(await h.gql(ISSUE, { id: 'i1' }, await h.as('LEADER', { provinceCode: '01' })))).toBe('NOT_FOUND');
      expect(codeOf(await h.gql(ISSUE, { id: 'i1' }, await h.as('AGENCY', { agencyId: 'so-tnmt' })))).toBe('NOT_FOUND');
      expect(codeOf(await h.gql(ISSUE, { id: 'i3' }, await h.as('AGENCY', { agencyId: 'so-tnmt' })))).toBeUndefined();
    });

    it('UNAUTHENTICATED without a token', async () => {
      expect(codeOf(await h.gql(ISSUE, { id: 'i1' }))).toBe('UNAUTHENTICATED');
    });
  });

  describe('issues: pagination', () => {
    it('walks every page with opaque cursors: no duplicates, nothing skipped, newest report first', async () => {
      const seen: string[] = [];
      const times: string[] = [];
      let after: string | null = null;
      let pages = 0;
      for (;;) {
        const response: GqlResponse<{ issues: Connection }> = await issues({ first: 7, after });
        expect(response.errors).toBeUndefined();
        const page: Connection = response.data!.issues;
        expect(page.totalCount).toBe(BULK + 5);
        seen.push(...page.edges.map((e) => e.node.id));
        times.push(...page.edges.map((e) => e.node.lastReportAt));
        pages++;
        if (page.edges.length) expect(page.pageInfo.endCursor).toBe(page.edges.at(-1)!.cursor);
        if (!page.pageInfo.hasNextPage) break;
        after = page.pageInfo.endCursor;
      }
      expect(pages).toBe(Math.ceil((BULK + 5) / 7));
      expect(new Set(seen).size).toBe(BULK + 5);
      expect([...times].sort().reverse()).toEqual(times);
      expect(seen.slice(0, 2)).toEqual(['i5', 'i4']);
    });

    it('orders by first report ascending across pages, and by severity (most severe first)', async () => {
      const first = (await issues({ orderBy: { field: 'FIRST_REPORT_AT', direction: 'ASC' }, first: 20 })).data!.issues;
      const second = (await issues({ orderBy: { field: 'FIRST_REPORT_AT', direction: 'ASC' }, first: 20, after: first.pageInfo.endCursor })).data!.issues;
      const order = [...first.edges, ...second.edges].map((e) => e.node.firstReportAt);
      expect(order).toHaveLength(BULK + 5);
      expect([...order].sort()).toEqual(order);
      const bySeverity = (await issues({ orderBy: { field: 'SEVERITY', direction: 'DESC' }, first: 2 })).data!.issues;
      expect(bySeverity.edges[0].node).toMatchObject({ id: 'i2', severity: 'HOTSPOT' });
      const rest = (await issues({ orderBy: { field: 'SEVERITY', direction: 'DESC' }, first: 100, after: bySeverity.pageInfo.endCursor })).data!.issues;
      expect(rest.edges).toHaveLength(BULK + 5 - 2);
      expect(rest.edges.map((e) => e.node.id)).not.toContain('i2');
    });

    it('defaults to 20 per page and caps first at 100', async () => {
      expect((await issues({})).data!.issues.edges).toHaveLength(20);
      expect((await issues({ first: 100 })).data!.issues.edges).toHaveLength(BULK + 5);
      expect(codeOf(await issues({ first: 101 }))).toBe('BAD_USER_INPUT');
      const zero = await issues({ first: 0 });
      expect(zero.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', fieldErrors: [{ path: ['first'] }] });
      expect(codeOf(await issues({ first: -1 }))).toBe('BAD_USER_INPUT');
    });

    it('rejects malformed, tampered and foreign cursors with BAD_USER_INPUT', async () => {
      const page = (await issues({ first: 1 })).data!.issues;
      const tampered = Buffer.from(JSON.stringify(['LAST_REPORT_AT:DESC', ["2026-13-45T99:00:00+00:00"], 'i1'])).toString('base64url');
      const wrongShape = Buffer.from(JSON.stringify({ id: 'i1' })).toString('base64url');
      for (const after of ['not a cursor!', 'e30', tampered, wrongShape, Buffer.from('garbage').toString('base64url')]) {
        const response = await issues({ first: 1, after });
        expect(codeOf(response)).toBe('BAD_USER_INPUT');
        expect(response.errors![0].extensions.fieldErrors![0].path).toEqual(['after']);
      }
      const foreign = await issues({ first: 1, after: page.pageInfo.endCursor, orderBy: { field: 'UPDATED_AT', direction: 'DESC' } });
      expect(codeOf(foreign)).toBe('BAD_USER_INPUT');
    });
  });

  describe('issues: filters', () => {
    it('by status, severity, sector, commune, province and period', async () => {
      expect(await ids({ status: ['CLOSED'] })).toEqual(['i5']);
      expect(await ids({ status: ['REFERRED', 'CLOSED'] })).toEqual(['i3', 'i4', 'i5']);
      expect(await ids({ severity: ['HOTSPOT'] })).toEqual(['i2']);
      expect(await ids({ sector: ['ENVIRONMENT'] })).toEqual(['i1', 'i5']);
      expect(await ids({ sector: ['ENVIRONMENT', 'HEALTH'] })).toEqual(['i1', 'i4', 'i5']);
      expect(await ids({ communeCode: COMMUNE_A })).toEqual(['i1', 'i3', 'i5']);
      expect((await ids({ provinceCode: PROVINCE })).length).toBe(BULK + 5);
      expect(await ids({ period: { from: at('10-04'), to: at('10-12') } })).toEqual(['i2', 'i3']);
      expect(await ids({ communeCode: COMMUNE_A, sector: ['ENVIRONMENT'], status: ['RECEIVED'] })).toEqual(['i1']);
    });

    it('by text, ignoring case and diacritics', async () => {
      expect(await ids({ text: 'bồi thường' })).toEqual(['i3']);
      expect(await ids({ text: 'boi thuong' })).toEqual(['i3']);
      expect(await ids({ text: 'BỒI THƯỜNG' })).toEqual(['i3']);
      expect(await ids({ text: 'benh vien' })).toEqual(['i4']);
      expect(await ids({ text: 'khoi bui xi mang' })).toEqual(['i5']);
      expect(await ids({ text: 'thêm phản ánh' })).toEqual(['i5']); // the attached report's summary counts too
      expect(await ids({ text: 'giáo viên bệnh viện' })).toEqual([]);
      expect(await ids({ text: '100%_' })).toEqual([]);
    });

    it('by overdue, computed against the current time', async () => {
      expect(await ids({ overdue: true })).toEqual(['i3']);
      const notOverdue = await ids({ overdue: false });
      expect(notOverdue).toHaveLength(BULK + 4);
      expect(notOverdue).not.toContain('i3');
    });

    it('counts only what the filter matches', async () => {
      expect((await issues({ filter: { sector: ['ENVIRONMENT'] }, first: 1 })).data!.issues).toMatchObject({ totalCount: 2, pageInfo: { hasNextPage: true } });
    });

    it('rejects malformed filters with field paths', async () => {
      const commune = await issues({ filter: { communeCode: 'abc' } });
      expect(commune.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', fieldErrors: [{ path: ['filter', 'communeCode'] }] });
      const period = await issues({ filter: { period: { from: at('10-12'), to: at('10-04') } } });
      expect(period.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', fieldErrors: [{ path: ['filter', 'period'] }] });
      expect(codeOf(await issues({ filter: { text: 'x'.repeat(201) } }))).toBe('BAD_USER_INPUT');
    });

    it('FORBIDDEN for a province or commune outside the scope', async () => {
      expect(codeOf(await issues({ filter: { provinceCode: '01' } }))).toBe('FORBIDDEN');
      const communeOfficer = await h.as('OFFICER', { id: 'o-a', communeCodes: [COMMUNE_A] });
      expect(codeOf(await issues({ filter: { communeCode: COMMUNE_B } }, communeOfficer))).toBe('FORBIDDEN');
      expect(await ids({ communeCode: COMMUNE_A, provinceCode: PROVINCE }, communeOfficer)).toEqual(['i1', 'i3', 'i5']);
    });
  });

  describe('issues: scope', () => {
    it('a commune officer sees only their communes', async () => {
      expect(await ids({}, await h.as('OFFICER', { id: 'o-a', communeCodes: [COMMUNE_A] }))).toEqual(['i1', 'i3', 'i5']);
    });

    it('an agency sees only issues referred to it, and only its own referrals', async () => {
      const token = await h.as('AGENCY', { agencyId: 'so-yte' });
      expect(await ids({}, token)).toEqual(['i4']);
      const issue = await h.gql<{ issue: { referrals: { agency: { id: string } }[] } }>(ISSUE, { id: 'i4' }, token);
      expect(issue.data!.issue.referrals.map((r) => r.agency.id)).toEqual(['so-yte']);
    });

    it('a collaborator sees only issues with a report of theirs, and only their own reports', async () => {
      const token = await h.as('COLLABORATOR', { id: 'ctv-2' });
      expect(await ids({}, token)).toEqual(['i5']);
      const issue = await h.gql<{ issue: { reports: { id: string; reporter: { id: string } }[]; reporterCount: number | null } }>(ISSUE, { id: 'i5' }, token);
      expect(issue.data!.issue.reports).toEqual([expect.objectContaining({ id: 'i5-r1', reporter: expect.objectContaining({ id: 'ctv-2' }) })]);
      expect(issue.data!.issue.reporterCount).toBeNull();
    });

    it('another province sees nothing', async () => {
      const response = await issues({}, await h.as('LEADER', { provinceCode: '01' }));
      expect(response.data!.issues).toMatchObject({ totalCount: 0, edges: [] });
    });
  });
});
