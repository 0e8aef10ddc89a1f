import { COMMUNE_A, COMMUNE_B, daysAhead, GraphQLHarness, hoursAgo, openGraphQLHarness } from '../support/graphql-harness';

/**
 * DataLoader on every N+1 path: the SQL statements one `issues` request runs are counted on the API's own knex and
 * must stay bounded, whatever the number of issues on the page.
 */

const QUERY = `
  query($first: Int) {
    issues(first: $first) {
      edges { node { id referrals { agency { id } } reports { locality { code } reporter { id } } reporterCount } }
    }
  }`;

describe('DataLoader: SQL statements per issues request', () => {
  let h: GraphQLHarness;
  const ISSUES = 60;

  beforeAll(async () => {
    h = await openGraphQLHarness();
    const officer = { actorId: 'officer-1', actorRole: 'OFFICER' };
    for (let i = 0; i < ISSUES; i++) {
      const issueId = `dl-${i}`;
      const report = (n: number) => ({
        reportId: `${issueId}-r${n}`,
        kind: 'PERIODIC' as const,
        channel: 'MEETING' as const,
        localityCode: n === 1 ? COMMUNE_A : COMMUNE_B,
        sectors: ['ECONOMY_LIVELIHOOD' as const],
        title: `Giá cả thị trường ${i}`,
        summary: 'Giá thực phẩm tăng',
        tendency: 'NEGATIVE' as const,
        intensity: 'MEDIUM' as const,
        sensitive: false,
        observedAt: hoursAgo(5),
        reporterId: `ctv-${n}`,
        reporterRole: 'COLLABORATOR' as const,
      });
      await h.issues.execute({ type: 'SubmitReport', issueId, ...report(1) }, { actorId: 'ctv-1', actorRole: 'COLLABORATOR' });
      await h.issues.execute({ type: 'AttachReport', issueId, report: report(2) }, officer);
      await h.issues.execute({ type: 'VerifyReport', issueId, reportId: `${issueId}-r1`, outcome: 'CONFIRMED', method: 'Khảo sát', evidence: 'Bảng giá', verifierId: 'officer-1' }, officer);
      await h.issues.execute({ type: 'ReferIssue', issueId, referralId: `${issueId}-ref`, agencyId: `agency-${i % 5}`, deadline: daysAhead(10) }, officer);
    }
    await h.settle();
  });
  afterAll(async () => h.close());

  async function countStatements(first: number, role: 'OFFICER' | 'COLLABORATOR' = 'OFFICER') {
    const statements: string[] = [];
    const listener = (query: { sql: string }) => statements.push(query.sql);
    const token = await h.as(role, role === 'COLLABORATOR' ? { id: 'ctv-2' } : {});
    h.apiKnex.on('query', listener);
    try {
      const response = await h.gql<{ issues: { edges: { node: { referrals: unknown[]; reports: unknown[] } }[] } }>(QUERY, { first }, token);
      expect(response.errors).toBeUndefined();
      return { statements, edges: response.data!.issues.edges };
    } finally {
      h.apiKnex.off('query', listener);
    }
  }

  it('issues(first: 50) with referrals, reports and reporters: 3 statements (page, referrals, reports)', async () => {
    const { statements, edges } = await countStatements(50);
    expect(edges).toHaveLength(50);
    expect(edges.every((e) => e.node.referrals.length === 1 && e.node.reports.length === 2)).toBe(true);
    expect(statements.length).toBeLessThanOrEqual(6);
    expect(statements).toHaveLength(3);
  });

  it('the count does not grow with the page', async () => {
    const small = await countStatements(5);
    const large = await countStatements(60);
    expect(large.edges).toHaveLength(60);
    expect(large.statements.length).toBe(small.statements.length);
  });

  it('stays bounded for a collaborator, whose scope reads reports too', async () => {
    const { statements, edges } = await countStatements(50, 'COLLABORATOR');
    expect(edges).toHaveLength(50);
    expect(edges.every((e) => e.node.reports.length === 1)).toBe(true);
    expect(statements.length).toBeLessThanOrEqual(6);
  });
});
