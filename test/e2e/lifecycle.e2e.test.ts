import 'reflect-metadata';
import { randomUUID } from 'node:crypto';
import type { Client } from 'graphql-ws';
import { mintToken } from '../../graphql/auth/tokens';
import type { AuthUser } from '../../graphql/auth/auth-user';
import type { Role } from '../../domain/vocabulary';
import type { PostgresEventStore } from '../../eventstore/postgres/postgres-event-store';
import { reporterPseudonym, reporterPseudonymKey } from '../../graphql/reporter-identity';
import { createTestDatabase, TestDatabase } from '../support/test-database';
import { COMMUNE_A, COMMUNE_B, daysAhead, GqlResponse, OTHER_PROVINCE_COMMUNE, PROVINCE, reportInput, TEST_TOKENS } from '../support/graphql-harness';
import { ApiProcess, collect, Collected, connectionCloseCode, gql, ready, startApi, wsClient } from './support/api-process';

/**
 * End to end against the real `dlxh start` (projections in-process) over HTTP and WebSocket: one issue's whole
 * Receive – Process – Respond lifecycle, each step as its role, watched live through issueChanged and eventAppended;
 * then what is refused, with which code, and that a refusal writes nothing.
 */

const CTV = `ctv-${randomUUID()}`;
const user = (role: Role, overrides: Partial<AuthUser> = {}): AuthUser => ({
  id: `${role.toLowerCase()}-e2e`,
  role,
  provinceCode: PROVINCE,
  communeCodes: null,
  agencyId: role === 'AGENCY' ? 'so-tnmt' : null,
  ...overrides,
});
const token = (role: Role, overrides: Partial<AuthUser> = {}) => mintToken(TEST_TOKENS, user(role, overrides));

const PAYLOAD = 'issueId position issue { id status }';
const MUTATIONS = {
  submitReport: `mutation($input: SubmitReportInput!) { submitReport(input: $input) { reportId ${PAYLOAD} } }`,
  verifyReport: `mutation($input: VerifyReportInput!) { verifyReport(input: $input) { ${PAYLOAD} } }`,
  referIssue: `mutation($input: ReferIssueInput!) { referIssue(input: $input) { referralId ${PAYLOAD} } }`,
  acknowledgeReferral: `mutation($input: AcknowledgeReferralInput!) { acknowledgeReferral(input: $input) { ${PAYLOAD} } }`,
  respondToReferral: `mutation($input: RespondToReferralInput!) { respondToReferral(input: $input) { ${PAYLOAD} } }`,
  deliverFeedback: `mutation($input: DeliverFeedbackInput!) { deliverFeedback(input: $input) { ${PAYLOAD} } }`,
  closeIssue: `mutation($input: CloseIssueInput!) { closeIssue(input: $input) { ${PAYLOAD} } }`,
};
type Mutation = keyof typeof MUTATIONS;
type Payload = { issueId: string; position: string; reportId?: string; referralId?: string; issue: { id: string; status: string } | null };

const ISSUE_CHANGED = `subscription($filter: IssueChangedFilter) {
  issueChanged(filter: $filter) { id status updatedAt referrals { status } reports { id reporter { id pseudonym } } }
}`;
const EVENT_APPENDED = `subscription($filter: EventAppendedFilter) {
  eventAppended(filter: $filter) { position eventId streamId category revision type occurredAt recordedAt metadata data }
}`;
type IssueItem = { id: string; status: string; updatedAt: string; referrals: { status: string }[]; reports: { id: string; reporter: { id: string | null; pseudonym: string | null } | null }[] };
type EventItem = { position: string; streamId: string | null; category: string; revision: string; type: string; occurredAt: string | null; metadata: Record<string, unknown>; data: Record<string, unknown> };

const LIFECYCLE_TYPES = ['ReportSubmitted', 'ReportVerified', 'IssueReferred', 'ReferralAcknowledged', 'ReferralResponded', 'FeedbackDelivered', 'IssueClosed'];

describe('e2e: one issue from report to closing, over HTTP and WebSocket against `dlxh start`', () => {
  let db: TestDatabase;
  let store: PostgresEventStore;
  let api: ApiProcess;
  const clients: Client[] = [];
  const client = (t: string) => {
    const c = wsClient(api.ws, t);
    clients.push(c);
    return c;
  };
  const head = () => store.headPosition();

  async function run(mutation: Mutation, input: Record<string, unknown>, as: string): Promise<GqlResponse<Record<string, Payload>>> {
    return gql<Record<string, Payload>>(api.url, MUTATIONS[mutation], { input }, as);
  }
  async function ok(mutation: Mutation, input: Record<string, unknown>, as: string): Promise<Payload> {
    const response = await run(mutation, input, as);
    expect(response.errors).toBeUndefined();
    return response.data![mutation];
  }
  /** Expects `code` and no event written. */
  async function refused(code: string, attempt: () => Promise<GqlResponse<unknown>>) {
    const before = await head();
    const response = await attempt();
    expect(response.errors?.map((e) => e.extensions.code)).toEqual([code]);
    expect(await head()).toBe(before);
    return response.errors![0];
  }

  let issueId: string;

  beforeAll(async () => {
    db = await createTestDatabase();
    store = db.eventStore();
    api = await startApi(db.url);
  }, 90_000);
  afterAll(async () => {
    await Promise.all(clients.map((c) => c.dispose()));
    await api?.stop();
    await db?.drop();
  });

  it('each step as its role; an OFFICER sees every change live, and an INTEGRATION sees the events redacted', async () => {
    const [ctv, officer, agency, integration, auditor] = await Promise.all([
      token('COLLABORATOR', { id: CTV, communeCodes: [COMMUNE_A] }),
      token('OFFICER'),
      token('AGENCY'),
      token('INTEGRATION', { id: 'pakn-portal' }),
      token('AUDITOR'),
    ]);
    const officerWs = client(officer);
    const integrationWs = client(integration);
    const auditorWs = client(auditor);
    const changes: Collected<IssueItem> = collect(officerWs, ISSUE_CHANGED);
    const events: Collected<EventItem> = collect(officerWs, EVENT_APPENDED, { filter: { categories: ['issue'] } });
    const redacted: Collected<EventItem> = collect(integrationWs, EVENT_APPENDED);
    const pseudonymised: Collected<EventItem> = collect(auditorWs, EVENT_APPENDED, { filter: { provinceCode: PROVINCE } });
    await Promise.all([ready(officerWs), ready(integrationWs), ready(auditorWs)]);

    // One step, then wait until the officer's issueChanged shows it: each change is seen on its own.
    const steps: [string, string | undefined][] = [];
    const step = async (mutation: Mutation, input: Record<string, unknown>, as: string, expected: [string, string | undefined]) => {
      const payload = await ok(mutation, input, as);
      steps.push(expected);
      await changes.until((items) => items.length === steps.length);
      return payload;
    };

    const submitted = await step('submitReport', reportInput({ localityCode: COMMUNE_A }), ctv, ['RECEIVED', undefined]);
    issueId = submitted.issueId;
    expect(submitted.issue).toEqual({ id: issueId, status: 'RECEIVED' });
    await step('verifyReport', { issueId, reportId: submitted.reportId, outcome: 'CONFIRMED', method: 'Làm việc với UBND phường', evidence: 'Biên bản' }, officer, ['VERIFIED', undefined]);
    const { referralId } = await step('referIssue', { issueId, agencyId: 'so-tnmt', agencyName: 'Sở Nông nghiệp và Môi trường', deadline: daysAhead(10) }, officer, ['REFERRED', 'REFERRED']);
    await step('acknowledgeReferral', { issueId, referralId }, agency, ['REFERRED', 'ACKNOWLEDGED']);
    await step('respondToReferral', { issueId, referralId, result: 'Đã chi trả tiền bồi thường cho các hộ' }, agency, ['RESPONDED', 'RESPONDED']);
    await step('deliverFeedback', { issueId, content: 'Đã thông tin kết quả cho người phản ánh' }, officer, ['RESPONDED', 'RESPONDED']);
    const closed = await step('closeIssue', { issueId, resolution: 'Đã giải quyết xong' }, officer, ['CLOSED', 'RESPONDED']);
    expect(closed.issue).toEqual({ id: issueId, status: 'CLOSED' });

    // issueChanged: one change per step, in order, each a later state; the officer sees the reporter's id.
    expect(changes.items.map((c) => [c.status, c.referrals[0]?.status])).toEqual(steps);
    expect(changes.items.every((c) => c.id === issueId)).toBe(true);
    const times = changes.items.map((c) => Date.parse(c.updatedAt));
    expect(times).toEqual([...times].sort((a, b) => a - b));
    expect(changes.items[0].reports).toEqual([{ id: submitted.reportId, reporter: { id: CTV, pseudonym: null } }]);

    // eventAppended: every event of the lifecycle, in log order, as stored.
    await events.until((items) => items.length === LIFECYCLE_TYPES.length);
    expect(events.items.map((e) => e.type)).toEqual(LIFECYCLE_TYPES);
    expect(events.items.map((e) => e.revision)).toEqual(LIFECYCLE_TYPES.map((_, i) => String(i)));
    const positions = events.items.map((e) => BigInt(e.position));
    expect(positions.every((p, i) => i === 0 || p > positions[i - 1])).toBe(true);
    expect(positions[positions.length - 1]).toBe(BigInt(closed.position));
    expect(events.items.every((e) => e.streamId === `issue-${issueId}` && e.category === 'issue' && e.occurredAt !== null)).toBe(true);
    expect(events.items[0].data).toMatchObject({ issueId, report: { reporterId: CTV, reporterRole: 'COLLABORATOR' } });
    expect(events.items[0].metadata).toMatchObject({ actorId: CTV, actorRole: 'COLLABORATOR' });
    expect(events.items[5].data).toMatchObject({ recipientIds: [CTV] });

    // INTEGRATION: the same events, with no person's id anywhere.
    await redacted.until((items) => items.length === LIFECYCLE_TYPES.length);
    expect(redacted.items.map((e) => e.type)).toEqual(LIFECYCLE_TYPES);
    expect(redacted.items.map((e) => e.position)).toEqual(events.items.map((e) => e.position));
    for (const text of redacted.texts) {
      expect(text).not.toContain(CTV);
      expect(text).not.toContain('officer-e2e');
      expect(text).not.toContain('agency-e2e');
    }
    expect(redacted.items[0].data.report).toMatchObject({ reporterId: null, reporterRole: null });
    expect(redacted.items[0].metadata).toMatchObject({ actorId: null, actorRole: null });
    expect(redacted.items[1].data.verifierId).toBeNull();
    expect(redacted.items[5].data).toMatchObject({ recipientIds: [] });
    expect(redacted.texts.join('\n')).not.toContain('Pseudonym');
    expect(redacted.items[0].data.report).toMatchObject({ title: reportInput().title, localityCode: COMMUNE_A });

    // AUDITOR: stable pseudonyms instead of ids.
    await pseudonymised.until((items) => items.length === LIFECYCLE_TYPES.length);
    const pseudonym = reporterPseudonym(reporterPseudonymKey(TEST_TOKENS.secret), CTV);
    expect(pseudonymised.texts.join('\n')).not.toContain(CTV);
    expect(pseudonymised.items[0].data.report).toMatchObject({ reporterId: null, reporterPseudonym: pseudonym, reporterRole: 'COLLABORATOR' });
    expect(pseudonymised.items[0].metadata).toMatchObject({ actorPseudonym: pseudonym, actorRole: 'COLLABORATOR' });
    expect(pseudonymised.items[1].data.verifierPseudonym).toBe(reporterPseudonym(reporterPseudonymKey(TEST_TOKENS.secret), 'officer-e2e'));
    expect(pseudonymised.items[5].data.recipientPseudonyms).toEqual([pseudonym]);
  });

  describe('refusals: the right code, and nothing written', () => {
    it('BAD_USER_INPUT with field paths, without echoing the input', async () => {
      const officer = await token('OFFICER');
      const error = await refused('BAD_USER_INPUT', () => run('submitReport', reportInput({ title: '  ' }), officer));
      expect(error.extensions.fieldErrors!.map((f) => f.path.join('.'))).toEqual(['input.title']);
      const coercion = await refused('BAD_USER_INPUT', () => run('submitReport', reportInput({ kind: 'WEEKLY_SECRET_KIND' }), officer));
      expect(coercion.message).not.toContain('WEEKLY_SECRET_KIND');
    });

    it('FORBIDDEN for a role that may not, or a locality outside the scope', async () => {
      await refused('FORBIDDEN', async () => run('submitReport', reportInput(), await token('LEADER')));
      await refused('FORBIDDEN', async () => run('closeIssue', { issueId, resolution: 'x' }, await token('AGENCY')));
      await refused('FORBIDDEN', async () => run('verifyReport', { issueId, reportId: 'r', outcome: 'CONFIRMED', method: 'x', evidence: 'x' }, await token('COLLABORATOR', { id: CTV })));
      await refused('FORBIDDEN', async () => run('submitReport', reportInput({ localityCode: OTHER_PROVINCE_COMMUNE }), await token('OFFICER')));
      await refused('FORBIDDEN', async () => run('submitReport', reportInput({ localityCode: COMMUNE_A }), await token('OFFICER', { communeCodes: [COMMUNE_B] })));
    });

    it('NOT_FOUND for an issue outside the scope (existence is not revealed) or missing', async () => {
      await refused('NOT_FOUND', async () => run('closeIssue', { issueId, resolution: 'x' }, await token('OFFICER', { provinceCode: '01' })));
      await refused('NOT_FOUND', async () => run('deliverFeedback', { issueId, content: 'x' }, await token('OFFICER', { communeCodes: [COMMUNE_B] })));
      await refused('NOT_FOUND', async () => run('acknowledgeReferral', { issueId, referralId: 'x' }, await token('AGENCY', { agencyId: 'so-khac' })));
      await refused('NOT_FOUND', async () => run('closeIssue', { issueId: randomUUID(), resolution: 'x' }, await token('OFFICER')));
    });

    it('UNAUTHENTICATED without a token or with a bad one', async () => {
      await refused('UNAUTHENTICATED', () => run('submitReport', reportInput(), ''));
      const forged = await mintToken({ ...TEST_TOKENS, secret: 'another-secret-of-at-least-32-characters!' }, user('OFFICER'));
      await refused('UNAUTHENTICATED', () => run('submitReport', reportInput(), forged));
    });

    it('subscriptions: UNAUTHENTICATED, FORBIDDEN and BAD_USER_INPUT when subscribing', async () => {
      const cases: [string | undefined, string, Record<string, unknown>, string][] = [
        [undefined, ISSUE_CHANGED, {}, 'UNAUTHENTICATED'],
        [await token('AGENCY'), EVENT_APPENDED, {}, 'FORBIDDEN'],
        [await token('INTEGRATION'), ISSUE_CHANGED, {}, 'FORBIDDEN'],
        [await token('OFFICER'), EVENT_APPENDED, { filter: { provinceCode: '01' } }, 'FORBIDDEN'],
        [await token('OFFICER', { communeCodes: [COMMUNE_B] }), ISSUE_CHANGED, { filter: { communeCodes: [COMMUNE_A] } }, 'FORBIDDEN'],
        [await token('OFFICER'), EVENT_APPENDED, { filter: { types: ['ReportSubmited'] } }, 'BAD_USER_INPUT'],
        [await token('OFFICER'), ISSUE_CHANGED, { filter: { communeCodes: [OTHER_PROVINCE_COMMUNE] } }, 'BAD_USER_INPUT'],
      ];
      for (const [bearer, query, variables, code] of cases) {
        const subscription = collect(client(bearer ?? ''), query, variables);
        await subscription.ended();
        expect({ query: query.slice(0, 40), variables, codes: subscription.errors.map((e) => e.extensions.code) }).toEqual({ query: query.slice(0, 40), variables, codes: [code] });
        expect(subscription.items.filter((item) => item !== null)).toEqual([]);
      }
    });

    it('a WebSocket connection with a bad token is refused (4403)', async () => {
      const forged = await mintToken({ ...TEST_TOKENS, secret: 'another-secret-of-at-least-32-characters!' }, user('OFFICER'));
      expect(await connectionCloseCode(api.ws, forged)).toBe(4403);
      expect(await connectionCloseCode(api.ws, 'not-a-jwt')).toBe(4403);
    });
  });
});
