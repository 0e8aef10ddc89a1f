import { randomUUID } from 'node:crypto';
import { getNamedType, GraphQLObjectType, GraphQLSchema, isObjectType } from 'graphql';
import { getSchema } from '../../graphql/schema';
import { allows, type Operation } from '../../graphql/auth/policy';
import { reporterPseudonym } from '../../graphql/reporter-identity';
import type { Role } from '../../domain/vocabulary';
import { COMMUNE_A, daysAhead, GraphQLHarness, hoursAgo, mutationDocument, openGraphQLHarness, sampleMutationInput } from '../support/graphql-harness';

/**
 * Reporter protection: walks every query and mutation path of the schema that reaches a Report, as AGENCY, LEADER,
 * AUDITOR and INTEGRATION, and searches each serialized response for the raw reporter ids. The paths are discovered
 * from the schema, so a new path to a report fails here until it is walked.
 */

const PROTECTED: Role[] = ['AGENCY', 'LEADER', 'AUDITOR', 'INTEGRATION'];
const REPORT_FIELDS = 'id title summary locality { code fullName } reporter { id pseudonym role roleLabel }';
const AGENCY_ID = 'so-tnmt';

/** Every path from Query or Mutation to a field of type Report, e.g. ['Query', 'issues', 'edges', 'node', 'reports']. */
function reportPaths(schema: GraphQLSchema): string[][] {
  const paths: string[][] = [];
  const walk = (type: GraphQLObjectType, path: string[], seen: ReadonlySet<string>) => {
    for (const field of Object.values(type.getFields())) {
      const named = getNamedType(field.type);
      if (!isObjectType(named)) continue;
      if (named.name === 'Report') paths.push([...path, field.name]);
      else if (!seen.has(named.name)) walk(named, [...path, field.name], new Set([...seen, named.name]));
    }
  };
  for (const root of [schema.getQueryType(), schema.getMutationType()]) if (root) walk(root, [root.name], new Set([root.name]));
  return paths;
}

/** `a { b { c { …Report } } }` for the fields of a path after its root field. */
const nested = (fields: string[]): string => (fields.length === 0 ? REPORT_FIELDS : `${fields[0]} { ${nested(fields.slice(1))} }`);

describe('reporter identity never reaches AGENCY, LEADER, AUDITOR or INTEGRATION', () => {
  const schema = getSchema();
  const paths = reportPaths(schema);
  const reporterA = `ctv-${randomUUID()}`;
  const reporterB = `ctv-${randomUUID()}`;
  let h: GraphQLHarness;
  let issueId: string;

  /** An issue with reports from two collaborators, verified and referred to AGENCY_ID; `acknowledged` acknowledges it. */
  async function fixtureIssue(acknowledged = false): Promise<{ issueId: string; referralId: string }> {
    const id = randomUUID();
    const report = (reportId: string, reporterId: string) => ({
      reportId,
      kind: 'QUICK' as const,
      channel: 'ZALO_GROUP' as const,
      localityCode: COMMUNE_A,
      sectors: ['ENVIRONMENT' as const],
      title: 'Người dân phản ánh ô nhiễm',
      summary: 'Mùi hôi từ bãi rác',
      tendency: 'NEGATIVE' as const,
      intensity: 'HIGH' as const,
      sensitive: true,
      observedAt: hoursAgo(3),
      reporterId,
      reporterRole: 'COLLABORATOR' as const,
    });
    const officer = { actorId: 'officer-1', actorRole: 'OFFICER' };
    await h.issues.execute({ type: 'SubmitReport', issueId: id, ...report(`${id}-a`, reporterA) }, { actorId: reporterA, actorRole: 'COLLABORATOR' });
    await h.issues.execute({ type: 'AttachReport', issueId: id, report: report(`${id}-b`, reporterB) }, officer);
    await h.issues.execute({ type: 'AttachReport', issueId: id, report: report(`${id}-c`, reporterA) }, officer);
    await h.issues.execute({ type: 'VerifyReport', issueId: id, reportId: `${id}-a`, outcome: 'CONFIRMED', method: 'Kiểm tra', evidence: 'Ảnh chụp', verifierId: 'officer-1' }, officer);
    await h.issues.execute({ type: 'ReferIssue', issueId: id, referralId: `${id}-ref`, agencyId: AGENCY_ID, deadline: daysAhead(7) }, officer);
    if (acknowledged) await h.issues.execute({ type: 'AcknowledgeReferral', issueId: id, referralId: `${id}-ref` }, { actorId: 'agency-user', actorRole: 'AGENCY' });
    await h.settle();
    return { issueId: id, referralId: `${id}-ref` };
  }

  /** Variables for a root field as `role`: a real target where the role may run it, so the payload has reports. */
  async function variablesFor(root: 'Query' | 'Mutation', field: string, role: Role): Promise<Record<string, unknown>> {
    if (root === 'Query') {
      if (field === 'issue') return { id: issueId };
      if (field === 'issues') return {};
      if (field === 'similarIssues') return { text: 'ô nhiễm, mùi hôi từ bãi rác', province: '68' };
      throw new Error(`Query.${field} reaches a Report: add it to this walk`);
    }
    if (!allows(role, field as Operation)) return { input: sampleMutationInput(field, { issueId }) };
    const target = await fixtureIssue(field === 'respondToReferral');
    return { input: sampleMutationInput(field, target) };
  }

  function documentFor(path: string[]): string {
    const [root, field, ...rest] = path;
    if (root === 'Mutation') return mutationDocument(schema, field, nested(rest));
    if (field === 'similarIssues') return `query($text: String!, $province: String!) { similarIssues(text: $text, province: $province, first: 50) { ${nested(rest)} } }`;
    return field === 'issue' ? `query($id: ID!) { issue(id: $id) { ${nested(rest)} } }` : `query { ${field}(first: 50) { ${nested(rest)} } }`;
  }

  beforeAll(async () => {
    h = await openGraphQLHarness();
    ({ issueId } = await fixtureIssue());
  });
  afterAll(async () => h.close());

  it('finds the paths to a report: issue, issues and every mutation payload', () => {
    const names = paths.map((p) => p.join('.'));
    expect(names).toEqual(expect.arrayContaining(['Query.issue.reports', 'Query.issues.edges.node.reports', 'Mutation.submitReport.issue.reports', 'Mutation.acknowledgeReferral.issue.reports']));
    const identityFields = Object.values(schema.getTypeMap())
      .filter(isObjectType)
      .flatMap((type) => Object.values(type.getFields()).filter((f) => getNamedType(f.type).name === 'ReporterIdentity').map((f) => `${type.name}.${f.name}`));
    // Replayed history and as-of states show people through the same rule; test/integration/history.test.ts walks them.
    const replayed = ['IssueHistoryEntry.actor', 'SnapshotReport.reporter', 'SnapshotVerification.verifier', 'SnapshotFeedback.recipients'];
    expect(identityFields.sort()).toEqual(['Report.reporter', ...replayed].sort());
  });

  it('the search would see a leak: an officer gets the raw ids', async () => {
    const response = await h.gql(documentFor(['Query', 'issue', 'reports']), { id: issueId }, await h.as('OFFICER'));
    expect(response.text).toContain(reporterA);
    expect(response.text).toContain(reporterB);
  });

  for (const role of PROTECTED) {
    it(`${role}: no raw reporter id on any path`, async () => {
      const token = await h.as(role, role === 'AGENCY' ? { agencyId: AGENCY_ID } : {});
      let reportsSeen = 0;
      for (const path of paths) {
        const response = await h.gql(documentFor(path), await variablesFor(path[0] as 'Query' | 'Mutation', path[1], role), token);
        expect({ path: path.join('.'), leaked: response.text.includes(reporterA) || response.text.includes(reporterB) }).toEqual({ path: path.join('.'), leaked: false });
        if (allows(role, path[1] as Operation)) expect({ path: path.join('.'), errors: response.errors }).toEqual({ path: path.join('.'), errors: undefined });
        reportsSeen += (response.text.match(/"reporter":/g) ?? []).length;
      }
      if (role !== 'INTEGRATION') expect(reportsSeen).toBeGreaterThan(0); // the walk really reached reports
    });
  }

  it('LEADER sees counts only; AUDITOR a stable pseudonym; AGENCY nothing', async () => {
    const query = `query($id: ID!) { issue(id: $id) { reporterCount reports { reporter { id pseudonym role } } } }`;
    type Answer = { issue: { reporterCount: number | null; reports: { reporter: { id: string | null; pseudonym: string | null; role: string | null } | null }[] } };
    const leader = await h.gql<Answer>(query, { id: issueId }, await h.as('LEADER'));
    expect(leader.data!.issue).toEqual({ reporterCount: 2, reports: [{ reporter: null }, { reporter: null }, { reporter: null }] });

    const auditor = await h.gql<Answer>(query, { id: issueId }, await h.as('AUDITOR'));
    const pseudonyms = auditor.data!.issue.reports.map((r) => r.reporter!.pseudonym);
    expect(auditor.data!.issue.reports.every((r) => r.reporter!.id === null && r.reporter!.role === 'COLLABORATOR')).toBe(true);
    expect(pseudonyms[0]).toBe(reporterPseudonym(h.services.pseudonymSecret, reporterA));
    expect(pseudonyms).toEqual([pseudonyms[0], expect.not.stringMatching(pseudonyms[0]!), pseudonyms[0]]); // stable per reporter, distinct across
    const again = await h.gql<Answer>(query, { id: (await fixtureIssue()).issueId }, await h.as('AUDITOR'));
    expect(again.data!.issue.reports[0].reporter!.pseudonym).toBe(pseudonyms[0]); // stable across issues

    const agency = await h.gql<Answer>(query, { id: issueId }, await h.as('AGENCY', { agencyId: AGENCY_ID }));
    expect(agency.data!.issue).toEqual({ reporterCount: null, reports: [{ reporter: null }, { reporter: null }, { reporter: null }] });
  });

  it('COLLABORATOR sees only their own reports, with their own id', async () => {
    const query = `query($id: ID!) { issue(id: $id) { reporterCount reports { reporter { id } } } }`;
    const response = await h.gql<{ issue: { reporterCount: number | null; reports: { reporter: { id: string } }[] } }>(query, { id: issueId }, await h.as('COLLABORATOR', { id: reporterB }));
    expect(response.data!.issue).toEqual({ reporterCount: null, reports: [{ reporter: { id: reporterB } }] });
    expect(response.text).not.toContain(reporterA);
  });
});
