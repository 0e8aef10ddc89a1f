import { getSchema } from '../../graphql/schema';
import { OPERATION_ROLES, type Operation } from '../../graphql/auth/policy';
import { ROLES, type Role } from '../../domain/vocabulary';
import { GraphQLHarness, mutationDocument, openGraphQLHarness, sampleMutationInput } from '../support/graphql-harness';

/**
 * The authorization matrix: the issue queries and every mutation × every role, against OPERATION_ROLES.
 * A role the table allows is never FORBIDDEN (inputs are in scope; the issue ids do not exist, so most answers are
 * NOT_FOUND); a role it does not allow is FORBIDDEN and writes nothing; without a token it is UNAUTHENTICATED.
 */

interface Case {
  document: string;
  variables: Record<string, unknown>;
}

const MISSING = 'no-such-issue';
const schema = getSchema();
const MUTATIONS = Object.keys(schema.getMutationType()?.getFields() ?? {}).sort();

const CASES: Record<string, Case> = {
  issue: { document: 'query($id: ID!) { issue(id: $id) { id } }', variables: { id: MISSING } },
  issues: { document: 'query { issues(first: 1) { totalCount } }', variables: {} },
  hotspots: { document: 'query { hotspots(province: "68", first: 1) { id score } }', variables: {} },
  monthlySynthesis: { document: 'query($month: String!) { monthlySynthesis(province: "68", month: $month) { month } }', variables: { month: '2026-01' } },
  reportingCalendar: { document: 'query { reportingCalendar(province: "68") { today } }', variables: {} },
  similarIssues: { document: 'query($text: String!) { similarIssues(text: $text, province: "68", sector: ENVIRONMENT) { score } }', variables: { text: 'Ô nhiễm mùi hôi từ trại heo' } },
  suggestSectors: { document: 'query($text: String!) { suggestSectors(text: $text) { sector } }', variables: { text: 'Ô nhiễm mùi hôi từ trại heo' } },
  ...Object.fromEntries(
    MUTATIONS.map((name) => [name, { document: mutationDocument(schema, name, '__typename'), variables: { input: sampleMutationInput(name, { issueId: MISSING }) } }]),
  ),
};

const isOperation = (name: string): name is Operation => Object.hasOwn(OPERATION_ROLES, name);
const OPERATIONS = Object.keys(CASES).filter(isOperation);
const MATRIX: [Operation, Role, boolean][] = OPERATIONS.flatMap((op) => ROLES.map((role): [Operation, Role, boolean] => [op, role, (OPERATION_ROLES[op] as readonly Role[]).includes(role)]));

describe('authorization matrix: issue queries and every mutation × every role', () => {
  let h: GraphQLHarness;
  beforeAll(async () => {
    h = await openGraphQLHarness();
  });
  afterAll(async () => h.close());

  it('has a policy row for every mutation of the schema', () => {
    expect(Object.keys(CASES).filter((name) => !isOperation(name))).toEqual([]);
    expect(MUTATIONS.length).toBeGreaterThanOrEqual(17);
  });

  it.each(MATRIX)('%s as %s (allowed: %s)', async (op, role, allowed) => {
    const { document, variables } = CASES[op];
    const before = await h.head();
    const response = await h.gql<Record<string, unknown>>(document, variables, await h.as(role));
    const code = response.errors?.[0]?.extensions.code;
    if (allowed) {
      expect(code).not.toBe('FORBIDDEN');
      expect(code).not.toBe('UNAUTHENTICATED');
    } else {
      expect(code).toBe('FORBIDDEN');
      expect(response.data?.[op] ?? null).toBeNull();
      expect(await h.head()).toBe(before);
    }
  });

  it.each(OPERATIONS)('%s without a token is UNAUTHENTICATED', async (op) => {
    const before = await h.head();
    const response = await h.gql(CASES[op].document, CASES[op].variables);
    expect(response.errors?.[0]?.extensions.code).toBe('UNAUTHENTICATED');
    expect(await h.head()).toBe(before);
  });
});
