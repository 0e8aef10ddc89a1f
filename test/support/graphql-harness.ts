import http from 'node:http';
import express from 'express';
import type { GraphQLSchema } from 'graphql';
import knexFactory, { Knex } from 'knex';
import type { EventStore } from '../../eventstore/port';
import { CommandService } from '../../services/commands/command-service';
import { IssueCommands } from '../../services/commands/issue-commands';
import { CollaboratorCommands } from '../../services/commands/collaborator-commands';
import { loadLocalityCatalogue } from '../../services/localities';
import { loadConfig } from '../../services/config';
import { createLogger } from '../../services/logger';
import { ProjectionRunner } from '../../projections/runner';
import { PROJECTIONS } from '../../projections';
import { mountGraphQL, MountedGraphQL } from '../../graphql/server';
import type { ApiServices } from '../../graphql/context';
import type { AuthUser } from '../../graphql/auth/auth-user';
import { mintToken, TokenConfig } from '../../graphql/auth/tokens';
import { reporterPseudonymKey } from '../../graphql/reporter-identity';
import type { Role } from '../../domain/vocabulary';
import { createTestDatabase, TestDatabase } from './test-database';
import { upcastingStore } from '../../services/event-upcasting';
import { schemaVersionOf } from '../../domain/event-catalogue';

/**
 * A real API over HTTP for GraphQL tests: a fresh test database, the event store, the projections running in
 * this process (so mutations read their own writes), and mountGraphQL on an HTTP server at port 0.
 */

export const TEST_TOKENS: TokenConfig = { secret: 'graphql-harness-secret-of-at-least-32-characters', issuer: 'dlxh', audience: 'dlxh-api' };
export const PROVINCE = '68';
/** Communes of Lâm Đồng (68) and one of Hà Nội (01), from the catalogue. */
export const COMMUNE_A = '24781';
export const COMMUNE_B = '22918';
export const OTHER_PROVINCE_COMMUNE = '00004';

export interface GqlError {
  message: string;
  path?: (string | number)[];
  extensions: { code: string; fieldErrors?: { path: (string | number)[]; message: string }[]; rule?: string };
}

export interface GqlResponse<T> {
  status: number;
  data?: T;
  errors?: GqlError[];
  /** The response body exactly as received, e.g. to search it for a string that must not be there. */
  text: string;
}

export interface GraphQLHarness {
  db: TestDatabase;
  url: string;
  store: EventStore;
  /** The API's own connection pool, apart from the projections', so its queries can be counted. */
  apiKnex: Knex;
  issues: IssueCommands;
  collaborators: CollaboratorCommands;
  services: ApiServices;
  /** A signed-in user of the role, with province scope in 68 unless overridden (AGENCY: agency 'agency-1'). */
  user(role: Role, overrides?: Partial<AuthUser>): AuthUser;
  token(user: AuthUser): Promise<string>;
  /** A token for `user(role, overrides)`. */
  as(role: Role, overrides?: Partial<AuthUser>): Promise<string>;
  gql<T = Record<string, unknown>>(query: string, variables?: Record<string, unknown>, token?: string): Promise<GqlResponse<T>>;
  /** The event store's head position: unchanged when a rejected mutation wrote nothing. */
  head(): Promise<bigint>;
  /** Waits until every projection has caught up with the head. */
  settle(): Promise<void>;
  close(): Promise<void>;
}

export async function openGraphQLHarness(): Promise<GraphQLHarness> {
  const db = await createTestDatabase();
  const catalogue = loadLocalityCatalogue(loadConfig());
  // As services/runtime.ts builds them: reads upcast to the current schema versions, which new events are stamped with.
  const store = upcastingStore(db.eventStore(), catalogue);
  const apiKnex = knexFactory({ client: 'pg', connection: db.url, pool: { min: 0, max: 10 } });
  const commands = new CommandService(store, { schemaVersion: schemaVersionOf });
  const issues = new IssueCommands(commands, catalogue);
  const collaborators = new CollaboratorCommands(commands, catalogue);
  const runner = new ProjectionRunner({ store, knex: db.knex, projections: PROJECTIONS, batchSize: 500 });
  await runner.start();

  const services: ApiServices = {
    knex: apiKnex,
    store,
    issues,
    collaborators,
    catalogue,
    log: createLogger('silent'),
    pseudonymSecret: reporterPseudonymKey(TEST_TOKENS.secret),
    waitForProjections: (position) => runner.waitFor(position, 10_000),
  };
  const app = express();
  const server = http.createServer(app);
  const graphql: MountedGraphQL = await mountGraphQL(app, server, services, { production: false, tokens: TEST_TOKENS });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const url = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}/graphql`;

  const user = (role: Role, overrides: Partial<AuthUser> = {}): AuthUser => ({
    id: `${role.toLowerCase()}-1`,
    role,
    provinceCode: PROVINCE,
    communeCodes: null,
    agencyId: role === 'AGENCY' ? 'agency-1' : null,
    ...overrides,
  });
  const token = (u: AuthUser) => mintToken(TEST_TOKENS, u);

  return {
    db,
    url,
    store,
    apiKnex,
    issues,
    collaborators,
    services,
    user,
    token,
    as: (role, overrides) => token(user(role, overrides)),
    gql: async <T>(query: string, variables: Record<string, unknown> = {}, bearer?: string): Promise<GqlResponse<T>> => {
      const headers: Record<string, string> = { 'content-type': 'application/json' };
      if (bearer) headers.authorization = `Bearer ${bearer}`;
      const response = await fetch(url, { method: 'POST', headers, body: JSON.stringify({ query, variables }) });
      const text = await response.text();
      const body = JSON.parse(text) as { data?: T; errors?: GqlError[] };
      return { status: response.status, data: body.data ?? undefined, errors: body.errors, text };
    },
    head: () => store.headPosition(),
    settle: async () => {
      if (!(await runner.waitFor(await store.headPosition(), 10_000))) throw new Error('projections did not catch up');
    },
    close: async () => {
      await graphql.stop();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await runner.stop();
      await apiKnex.destroy();
      await db.drop();
    },
  };
}

// Documents and inputs shared by the GraphQL tests.

/** Every field of Issue, with its referrals and reports (and their reporter). */
export const ISSUE_FIELDS = `
  fragment IssueFields on Issue {
    id status statusLabel severity severityLabel sectors { code label } locality { code fullName provinceCode }
    title summary sensitive reportCount reporterCount firstReportAt lastReportAt
    latestVerification latestVerificationLabel latestVerifiedAt openReferralCount nextDeadline overdue
    mergedInto resolution closedAt createdAt updatedAt
    referrals { id issueId agency { id name } status statusLabel deadline referredAt acknowledgedAt respondedAt declinedAt onTime overdue }
    reports {
      id issueId kind kindLabel channel channelLabel tendency tendencyLabel intensity intensityLabel
      locality { code fullName provinceCode } sectors { code label } title summary peopleConcerned sensitive observedAt submittedAt
      verificationOutcome verificationOutcomeLabel verifiedAt mergedFromIssueId
      reporter { id pseudonym role roleLabel }
    }
  }`;

export const PAYLOAD_FIELDS = 'issueId position replayed readModelCurrent issue { ...IssueFields }';

export const SUBMIT_REPORT = `
  mutation Submit($input: SubmitReportInput!, $key: String) {
    submitReport(input: $input, idempotencyKey: $key) { reportId ${PAYLOAD_FIELDS} }
  }
  ${ISSUE_FIELDS}`;

export const hoursAgo = (hours: number) => new Date(Date.now() - hours * 3600_000).toISOString();
export const daysAhead = (days: number) => new Date(Date.now() + days * 86400_000).toISOString();

/** A valid SubmitReportInput (a collaborator's report from Xuân Hương - Đà Lạt), overridable field by field. */
export function reportInput(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    kind: 'QUICK',
    channel: 'ZALO_GROUP',
    localityCode: COMMUNE_A,
    sectors: ['COMPENSATION_SITE_CLEARANCE'],
    title: 'Người dân phản ánh chậm chi trả tiền bồi thường',
    summary: 'Nhiều hộ dân bức xúc vì chưa nhận tiền bồi thường giải phóng mặt bằng sau 6 tháng.',
    peopleConcerned: 40,
    tendency: 'NEGATIVE',
    intensity: 'HIGH',
    sources: [{ url: 'https://baolamdong.vn/boi-thuong', outlet: 'Báo Lâm Đồng' }],
    sensitive: false,
    observedAt: hoursAgo(2),
    ...overrides,
  };
}

/** A valid input for every mutation, aimed at an issue (and a referral, a report, a collaborator) that may not exist. */
export function sampleMutationInput(mutation: string, target: { issueId: string; reportId?: string; referralId?: string; collaboratorId?: string }): Record<string, unknown> {
  const { issueId, reportId = 'r-1', referralId = 'ref-1', collaboratorId = 'no-such-ctv' } = target;
  const inputs: Record<string, Record<string, unknown>> = {
    submitReport: reportInput(),
    attachReport: { issueId, report: reportInput() },
    classifyIssue: { issueId, severity: 'PROMINENT' },
    verifyReport: { issueId, reportId, outcome: 'CONFIRMED', method: 'Đối chiếu', evidence: 'Hồ sơ' },
    referIssue: { issueId, agencyId: 'so-tnmt', deadline: daysAhead(3) },
    acknowledgeReferral: { issueId, referralId },
    declineReferral: { issueId, referralId, reason: 'Không thuộc thẩm quyền' },
    respondToReferral: { issueId, referralId, result: 'Đã xử lý' },
    deliverFeedback: { issueId, content: 'Phản hồi' },
    issueGuidance: { issueId, kind: 'ORIENTATION', content: 'Định hướng' },
    escalateIssue: { issueId, level: 'QUICK_REPORT', reason: 'Khẩn' },
    mergeIssues: { issueId, intoIssueId: 'no-such-target' },
    closeIssue: { issueId, resolution: 'Xong' },
    reopenIssue: { issueId, reason: 'Mở lại' },
    enrollCollaborator: { fullName: 'Lê Văn Cường', level: 'COMMUNE', localityCode: COMMUNE_A },
    updateCollaborator: { collaboratorId, fullName: 'Lê Văn Cường' },
    deactivateCollaborator: { collaboratorId, reason: 'Nghỉ' },
    registerWebhook: { url: 'https://pakn.example.vn/dlxh-hook', filter: { types: ['ReportSubmitted'] }, secret: 'a-shared-secret-of-24-chars' },
    deactivateWebhook: { id: 'no-such-webhook' },
    openSurvey: {
      title: 'Khảo sát',
      targetLocalityCodes: [COMMUNE_A],
      questions: [{ questionId: 'q1', text: 'Có biết?', kind: 'SINGLE_CHOICE', required: true, options: [{ value: 'CO', label: 'Có' }, { value: 'KHONG', label: 'Không' }] }],
    },
    recordSurveyResponses: { surveyId: 'no-such-survey', responses: [{ responseId: 'r-1', localityCode: COMMUNE_A, answers: [{ questionId: 'q1', choice: 'CO' }] }] },
    recordSurveyResponse: { surveyId: 'no-such-survey', response: { responseId: 'r-1', localityCode: COMMUNE_A, answers: [{ questionId: 'q1', choice: 'CO' }] } },
    closeSurvey: { surveyId: 'no-such-survey' },
  };
  if (!Object.hasOwn(inputs, mutation)) throw new Error(`no sample input for mutation ${mutation}: add one`);
  return inputs[mutation];
}

/** `mutation($input: …!) { name(input: $input) { selection } }`, with the input type read from the schema. */
export function mutationDocument(schema: GraphQLSchema, name: string, selection: string): string {
  const field = schema.getMutationType()?.getFields()[name];
  const input = field?.args.find((arg) => arg.name === 'input');
  if (!input) throw new Error(`mutation ${name} has no input argument`);
  return `mutation($input: ${input.type.toString()}) { ${name}(input: $input) { ${selection} } }`;
}
