import 'reflect-metadata';
import { randomUUID } from 'node:crypto';
import type { Client } from 'graphql-ws';
import { OPERATION_ROLES } from '../../graphql/auth/policy';
import { ROLES, type Role } from '../../domain/vocabulary';
import { reporterPseudonym } from '../../graphql/reporter-identity';
import { Changefeed, SubscriptionOverflowError } from '../../graphql/changefeed';
import { createLogger } from '../../services/logger';
import {
  COMMUNE_A,
  COMMUNE_B,
  daysAhead,
  GraphQLHarness,
  hoursAgo,
  ISSUE_FIELDS,
  openGraphQLHarness,
  OTHER_PROVINCE_COMMUNE,
  reportInput,
  SUBMIT_REPORT,
} from '../support/graphql-harness';
import { ApiProcess, collect, Collected, ready, startApi, wsClient } from './support/api-process';

/**
 * Subscriptions over WebSocket against a real API (the GraphQL harness: HTTP server, test database, projections in
 * process): who may subscribe, what each role receives (scope, filters, reporter protection), the changefeed's bounded
 * buffers, and a second API process (`dlxh start` without projections) whose subscribers see writes made elsewhere.
 */

const SUBSCRIPTIONS = {
  issueChanged: `subscription($filter: IssueChangedFilter) { issueChanged(filter: $filter) { ...IssueFields } } ${ISSUE_FIELDS}`,
  eventAppended: `subscription($filter: EventAppendedFilter) {
    eventAppended(filter: $filter) { position eventId streamId category revision type occurredAt recordedAt metadata data }
  }`,
} as const;
type SubscriptionName = keyof typeof SUBSCRIPTIONS;
type IssueItem = { id: string; status: string; reports: { reporter: { id: string | null; pseudonym: string | null } | null }[] };
type EventItem = { position: string; streamId: string | null; category: string; type: string; metadata: Record<string, unknown>; data: Record<string, unknown> };

const PROTECTED: Role[] = ['AGENCY', 'LEADER', 'AUDITOR', 'INTEGRATION'];
const AGENCY_ID = 'agency-1';

describe('subscriptions over WebSocket', () => {
  let h: GraphQLHarness;
  let ws: string;
  const clients: Client[] = [];
  const client = async (role: Role, overrides: Parameters<GraphQLHarness['user']>[1] = {}) => {
    const c = wsClient(ws, await h.as(role, overrides));
    clients.push(c);
    return c;
  };

  beforeAll(async () => {
    h = await openGraphQLHarness();
    ws = h.url.replace(/^http/, 'ws');
  });
  afterAll(async () => {
    await Promise.all(clients.map((c) => c.dispose()));
    await h.close();
  });

  const report = (reportId: string, reporterId: string, localityCode = COMMUNE_A) => ({
    reportId,
    kind: 'QUICK' as const,
    channel: 'ZALO_GROUP' as const,
    localityCode,
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

  describe('every role, both subscriptions, one lifecycle: authorization, scope, filters and reporter protection', () => {
    const reporterA = `ctv-${randomUUID()}`;
    const reporterB = `ctv-${randomUUID()}`;
    const issueId = randomUUID();
    const sentinelB = randomUUID(); // an issue in commune B
    const sentinelOther = randomUUID(); // an issue in another province
    const matrix = new Map<string, Collected<unknown>>();
    const at = (name: SubscriptionName, role: Role) => matrix.get(`${name}:${role}`)!;
    let officerChanges: Collected<IssueItem>;
    let filtered: Record<string, Collected<unknown>>;
    let outOfScope: Record<string, Collected<unknown>>;

    beforeAll(async () => {
      for (const role of ROLES) {
        // The collaborator is reporter A; the agency is the one the issue is referred to.
        const c = await client(role, role === 'COLLABORATOR' ? { id: reporterA } : role === 'AGENCY' ? { agencyId: AGENCY_ID } : {});
        for (const name of Object.keys(SUBSCRIPTIONS) as SubscriptionName[]) matrix.set(`${name}:${role}`, collect(c, SUBSCRIPTIONS[name]));
        await ready(c);
      }
      const officerWs = await client('OFFICER');
      officerChanges = collect<IssueItem>(officerWs, SUBSCRIPTIONS.issueChanged);
      filtered = {
        referredOnly: collect(officerWs, SUBSCRIPTIONS.eventAppended, { filter: { types: ['IssueReferred'] } }),
        collaboratorsOnly: collect(officerWs, SUBSCRIPTIONS.eventAppended, { filter: { categories: ['collaborator'] } }),
        statusReferred: collect(officerWs, SUBSCRIPTIONS.issueChanged, { filter: { statuses: ['REFERRED'] } }),
        oneIssue: collect(officerWs, SUBSCRIPTIONS.issueChanged, { filter: { issueIds: [issueId] } }),
        communeB: collect(officerWs, SUBSCRIPTIONS.issueChanged, { filter: { communeCodes: [COMMUNE_B] } }),
      };
      await ready(officerWs);
      const communeOfficer = await client('OFFICER', { id: 'officer-b', communeCodes: [COMMUNE_B] });
      const otherProvince = await client('OFFICER', { id: 'officer-01', provinceCode: '01' });
      outOfScope = {
        communeEvents: collect(communeOfficer, SUBSCRIPTIONS.eventAppended),
        communeIssues: collect(communeOfficer, SUBSCRIPTIONS.issueChanged),
        provinceEvents: collect(otherProvince, SUBSCRIPTIONS.eventAppended),
        provinceIssues: collect(otherProvince, SUBSCRIPTIONS.issueChanged),
      };
      await Promise.all([ready(communeOfficer), ready(otherProvince)]);

      // The lifecycle, one command at a time; each issue change is awaited so none is coalesced with the next.
      let changes = 0;
      const step = async (command: Parameters<GraphQLHarness['issues']['execute']>[0], envelope: Parameters<GraphQLHarness['issues']['execute']>[1]) => {
        await h.issues.execute(command, envelope);
        changes += 1;
        await officerChanges.until((items) => items.length === changes);
      };
      await step({ type: 'SubmitReport', issueId, ...report(`${issueId}-a`, reporterA) }, { actorId: reporterA, actorRole: 'COLLABORATOR' });
      await step({ type: 'AttachReport', issueId, report: report(`${issueId}-b`, reporterB) }, officer);
      await step({ type: 'VerifyReport', issueId, reportId: `${issueId}-a`, outcome: 'CONFIRMED', method: 'Kiểm tra', evidence: 'Ảnh chụp', verifierId: 'officer-1' }, officer);
      await step({ type: 'ReferIssue', issueId, referralId: `${issueId}-ref`, agencyId: AGENCY_ID, deadline: daysAhead(7) }, officer);
      await step({ type: 'AcknowledgeReferral', issueId, referralId: `${issueId}-ref` }, { actorId: 'agency-user', actorRole: 'AGENCY' });
      await step({ type: 'RespondToReferral', issueId, referralId: `${issueId}-ref`, result: 'Đã xử lý', resolved: true }, { actorId: 'agency-user', actorRole: 'AGENCY' });
      await step({ type: 'DeliverFeedback', issueId, feedbackId: `${issueId}-fb`, content: 'Đã phản hồi', reportId: null, channel: null }, officer);
      await h.collaborators.execute(
        { type: 'EnrollCollaborator', collaboratorId: reporterA, fullName: 'Nguyễn Văn An', level: 'COMMUNE', localityCode: COMMUNE_A, unit: 'Đảng ủy phường', phone: '0912345678', email: 'an@example.vn' },
        officer,
      );
      // Sentinels, last in the log: once a subscriber has its sentinel, it was offered everything before it.
      await step({ type: 'SubmitReport', issueId: sentinelB, ...report(`${sentinelB}-a`, 'ctv-b', COMMUNE_B) }, { actorId: 'ctv-b', actorRole: 'COLLABORATOR' });
      await h.issues.execute({ type: 'SubmitReport', issueId: sentinelOther, ...report(`${sentinelOther}-a`, 'ctv-01', OTHER_PROVINCE_COMMUNE) }, { actorId: 'ctv-01', actorRole: 'COLLABORATOR' });
      await outOfScope.provinceIssues.until((items) => items.length === 1);
    }, 60_000);

    it.each(ROLES.flatMap((role) => (Object.keys(SUBSCRIPTIONS) as SubscriptionName[]).map((name) => [name, role] as const)))('%s as %s', async (name, role) => {
      const subscription = at(name, role);
      if ((OPERATION_ROLES[name] as readonly Role[]).includes(role)) {
        await subscription.until((items) => items.length > 0);
        expect(subscription.errors).toEqual([]);
      } else {
        await subscription.ended();
        expect(subscription.errors.map((e) => e.extensions.code)).toEqual(['FORBIDDEN']);
        expect(subscription.items.filter((item) => item !== null)).toEqual([]);
      }
    });

    it('an AGENCY sees the issue only once it is referred to it; a COLLABORATOR only issues with a report of theirs', async () => {
      const agency = at('issueChanged', 'AGENCY').items as IssueItem[];
      expect(agency.map((i) => [i.id, i.status])).toEqual([
        [issueId, 'REFERRED'],
        [issueId, 'REFERRED'],
        [issueId, 'RESPONDED'],
        [issueId, 'RESPONDED'],
      ]);
      const collaborator = at('issueChanged', 'COLLABORATOR').items as IssueItem[];
      expect(new Set(collaborator.map((i) => i.id))).toEqual(new Set([issueId]));
      expect(collaborator.every((i) => i.reports.length === 1 && i.reports[0].reporter?.id === reporterA)).toBe(true);
    });

    it('scope: a commune-scoped officer and another province’s officer receive only what lies in their scope', async () => {
      await outOfScope.communeIssues.until((items) => items.length === 1);
      expect((outOfScope.communeIssues.items as IssueItem[]).map((i) => i.id)).toEqual([sentinelB]);
      await outOfScope.communeEvents.until((items) => items.length === 1);
      expect((outOfScope.communeEvents.items as EventItem[]).map((e) => e.streamId)).toEqual([`issue-${sentinelB}`]);
      expect((outOfScope.provinceIssues.items as IssueItem[]).map((i) => i.id)).toEqual([sentinelOther]);
      await outOfScope.provinceEvents.until((items) => items.length === 1);
      expect((outOfScope.provinceEvents.items as EventItem[]).map((e) => e.streamId)).toEqual([`issue-${sentinelOther}`]);
      // …and the province's officers never see the other province's issue
      expect(officerChanges.items.map((i) => i.id)).not.toContain(sentinelOther);
    });

    it('filters: event types, categories, statuses, issue ids and communes', async () => {
      expect((filtered.referredOnly.items as EventItem[]).map((e) => e.type)).toEqual(['IssueReferred']);
      expect((filtered.collaboratorsOnly.items as EventItem[]).map((e) => [e.type, e.streamId])).toEqual([['CollaboratorEnrolled', `collaborator-${reporterA}`]]);
      expect((filtered.statusReferred.items as IssueItem[]).map((i) => i.status)).toEqual(['REFERRED', 'REFERRED']);
      expect(new Set((filtered.oneIssue.items as IssueItem[]).map((i) => i.id))).toEqual(new Set([issueId]));
      expect(filtered.oneIssue.items).toHaveLength(7);
      await filtered.communeB.until((items) => items.length === 1);
      expect((filtered.communeB.items as IssueItem[]).map((i) => i.id)).toEqual([sentinelB]);
    });

    it('reporter identity: no raw reporter id reaches AGENCY, LEADER, AUDITOR or INTEGRATION through issueChanged or eventAppended', async () => {
      const officerText = [...at('issueChanged', 'OFFICER').texts, ...at('eventAppended', 'OFFICER').texts].join('\n');
      expect(officerText).toContain(reporterA); // the search would see a leak
      expect(officerText).toContain(reporterB);
      for (const role of PROTECTED) {
        for (const name of Object.keys(SUBSCRIPTIONS) as SubscriptionName[]) {
          const subscription = at(name, role);
          const text = subscription.texts.join('\n');
          expect({ role, name, leaked: text.includes(reporterA) || text.includes(reporterB) }).toEqual({ role, name, leaked: false });
          expect({ role, name, contacts: /0912345678|an@example\.vn|Nguyễn Văn An/.test(text) }).toEqual({ role, name, contacts: false });
        }
      }
      expect((at('issueChanged', 'LEADER').items as IssueItem[]).flatMap((i) => i.reports.map((r) => r.reporter))).toEqual(expect.arrayContaining([null]));
      expect((at('issueChanged', 'LEADER').items as IssueItem[]).every((i) => i.reports.every((r) => r.reporter === null))).toBe(true);
    });

    it('AUDITOR: stable pseudonyms in issues and events alike; the collaborator stream by pseudonym, without name or contacts', async () => {
      const pseudonymA = reporterPseudonym(h.services.pseudonymSecret, reporterA);
      const issues = at('issueChanged', 'AUDITOR').items as IssueItem[];
      expect(issues.find((i) => i.id === issueId)!.reports[0].reporter).toEqual(expect.objectContaining({ id: null, pseudonym: pseudonymA }));
      const events = at('eventAppended', 'AUDITOR').items as EventItem[];
      expect(events.find((e) => e.type === 'ReportSubmitted')!.data.report).toMatchObject({ reporterId: null, reporterPseudonym: pseudonymA });
      const enrolled = events.find((e) => e.type === 'CollaboratorEnrolled')!;
      expect(enrolled.streamId).toBe(`collaborator-${pseudonymA}`);
      expect(enrolled.data).toMatchObject({
        collaboratorId: null,
        collaboratorPseudonym: pseudonymA,
        profile: { fullName: null, phone: null, email: null, unit: null, level: 'COMMUNE', localityCode: COMMUNE_A },
      });
      expect(enrolled.metadata).toMatchObject({ actorId: null, actorPseudonym: reporterPseudonym(h.services.pseudonymSecret, 'officer-1'), actorRole: 'OFFICER' });
      const integration = (at('eventAppended', 'INTEGRATION').items as EventItem[]).find((e) => e.type === 'CollaboratorEnrolled')!;
      expect(integration.streamId).toBeNull();
      expect(integration.data).toMatchObject({ collaboratorId: null, profile: { fullName: null, phone: null, email: null } });
      expect(integration.data).not.toHaveProperty('collaboratorPseudonym');
    });
  });

  describe('the changefeed', () => {
    it('a subscriber that falls behind gets what it had buffered, then SUBSCRIPTION_OVERFLOW; a subscriber that keeps up gets everything', async () => {
      const feed = new Changefeed({ store: h.store, knex: h.apiKnex, log: createLogger('silent'), waitForProjections: h.services.waitForProjections, bufferSize: 3 });
      await feed.start();
      try {
        const fast = feed.events(() => true, (item) => item.event.eventId);
        const slow = feed.events(() => true, (item) => item.event.eventId);
        const ids: string[] = [];
        for (let i = 0; i < 5; i++) {
          const issueId = randomUUID();
          await h.issues.execute({ type: 'SubmitReport', issueId, ...report(`${issueId}-a`, 'ctv-x') }, { actorId: 'ctv-x', actorRole: 'COLLABORATOR' });
          ids.push((await fast.next()).value as string);
        }
        const received: string[] = [];
        const overflow = await (async () => {
          for await (const id of slow) received.push(id);
        })().catch((error: unknown) => error);
        expect(overflow).toBeInstanceOf(SubscriptionOverflowError);
        expect((overflow as SubscriptionOverflowError).extensions.code).toBe('SUBSCRIPTION_OVERFLOW');
        expect(received).toEqual(ids.slice(0, 3));
      } finally {
        await feed.stop();
      }
    });

    it('stop() ends every subscription, and a subscription after stop ends at once', async () => {
      const feed = new Changefeed({ store: h.store, knex: h.apiKnex, log: createLogger('silent'), waitForProjections: h.services.waitForProjections });
      await feed.start();
      const events = feed.events(() => true, (item) => item);
      const issues = feed.issueChanges(() => true, (item) => item);
      const pending = Promise.all([events.next(), issues.next()]);
      await feed.stop();
      expect(await pending).toEqual([
        { done: true, value: undefined },
        { done: true, value: undefined },
      ]);
      expect(await feed.events(() => true, (item) => item).next()).toEqual({ done: true, value: undefined });
    });
  });

  describe('several API processes', () => {
    let second: ApiProcess;
    beforeAll(async () => {
      second = await startApi(h.db.url, { PROJECTOR_MODE: 'off' });
    }, 90_000);
    afterAll(async () => second?.stop());

    it('a subscriber of another API process (without projections) sees a write made through this one', async () => {
      const c = wsClient(second.ws, await h.as('OFFICER'));
      const changes = collect<IssueItem>(c, SUBSCRIPTIONS.issueChanged);
      const events = collect<EventItem>(c, SUBSCRIPTIONS.eventAppended, { filter: { types: ['ReportSubmitted'] } });
      await ready(c);
      const submitted = await h.gql<{ submitReport: { issueId: string; position: string } }>(SUBMIT_REPORT, { input: reportInput() }, await h.as('COLLABORATOR'));
      const { issueId, position } = submitted.data!.submitReport;
      expect((await changes.until((items) => items.length === 1))[0]).toMatchObject({ id: issueId, status: 'RECEIVED' });
      expect((await events.until((items) => items.length === 1))[0]).toMatchObject({ position, streamId: `issue-${issueId}`, type: 'ReportSubmitted' });
      await c.dispose();
    });
  });
});
