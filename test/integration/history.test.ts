import 'reflect-metadata';
import { randomUUID } from 'node:crypto';
import { issueDecider } from '../../domain/issue/decider';
import type { IssueEvent, ReportSubmitted } from '../../domain/issue/events';
import type { ReportSubmittedV1 } from '../../domain/issue/upcasters';
import type { RecordedEvent } from '../../eventstore/port';
import { reporterPseudonym } from '../../graphql/reporter-identity';
import { issueStream } from '../../services/commands/issue-commands';
import { GraphQLHarness, openGraphQLHarness } from '../support/graphql-harness';
import { lifecycleReport, runIssueLifecycle } from '../support/lifecycles';

/**
 * issueHistory and issueAsOf: the issue replayed with the domain's own evolve, people shown per role, scope as for
 * `issue`; and the upcaster at work on a stored v1 event (store reads, subscription, projections, history).
 */

const SNAPSHOT = `
  id status statusLabel severity severityLabel sectors { code label } locality { code fullName provinceCode } reportCount
  reports { id kind kindLabel channel channelLabel locality { code } sectors { code } title summary peopleConcerned tendency tendencyLabel
            intensity intensityLabel sources { url outlet } sensitive observedAt submittedAt addedAt mergedFromIssueId
            reporter { id pseudonym role roleLabel } }
  verifications { reportId outcome outcomeLabel method evidence verifier { id pseudonym } verifiedAt }
  referrals { id agency { id name } status statusLabel note referredAt deadline acknowledgedAt respondedAt result resolved onTime declinedAt declineReason suggestedAgencyId }
  feedback { id reportId recipients { id pseudonym } content channel deliveredAt }
  guidance { id kind kindLabel content issuedAt }
  escalations { level levelLabel reason previousSeverity severity escalatedAt }
  reopenings { reason reopenedAt closedAt resolution }
  openedAt updatedAt closedAt resolution mergedInto mergedAt eventCount position revision`;

const HISTORY = `query($id: ID!) { issueHistory(id: $id) {
  position revision eventId type schemaVersion storedSchemaVersion occurredAt recordedAt
  actor { id pseudonym role roleLabel } commandType correlationId causationId metadata data
  state { ${SNAPSHOT} } } }`;

const AS_OF = `query($id: ID!, $at: DateTime!) { issueAsOf(id: $id, at: $at) { ${SNAPSHOT} } }`;

interface Person {
  id: string | null;
  pseudonym: string | null;
  role?: string | null;
}

interface Snapshot {
  id: string;
  status: string;
  statusLabel: string;
  severity: string;
  reportCount: number;
  locality: { code: string; provinceCode: string | null };
  reports: { id: string; reporter: Person | null; mergedFromIssueId: string | null }[];
  verifications: { outcome: string; verifier: Person | null }[];
  referrals: { id: string; status: string; agency: { id: string } }[];
  feedback: { recipients: Person[] }[];
  escalations: { severity: string }[];
  reopenings: { resolution: string | null }[];
  closedAt: string | null;
  eventCount: number;
  position: string;
  revision: string;
}

interface Entry {
  position: string;
  revision: string;
  eventId: string;
  type: string;
  schemaVersion: number;
  storedSchemaVersion: number | null;
  occurredAt: string | null;
  recordedAt: string;
  actor: Person | null;
  commandType: string | null;
  correlationId: string | null;
  causationId: string | null;
  metadata: Record<string, unknown>;
  data: Record<string, unknown>;
  state: Snapshot;
}

describe('issue history and as-of state', () => {
  let h: GraphQLHarness;
  const issueId = randomUUID();
  const duplicateId = randomUUID();
  const reporterA = `ctv-${randomUUID()}`;
  const reporterB = `ctv-${randomUUID()}`;
  let stored: RecordedEvent[];

  beforeAll(async () => {
    h = await openGraphQLHarness();
    await runIssueLifecycle(h.issues, { issueId, duplicateId, reporterA, reporterB });
    await h.settle();
    stored = await h.store.readStream(issueStream(issueId));
  });
  afterAll(async () => h.close());

  const history = async (role: Parameters<GraphQLHarness['as']>[0], id: string = issueId, overrides = {}) =>
    h.gql<{ issueHistory: Entry[] }>(HISTORY, { id }, await h.as(role, overrides));

  describe('issueHistory', () => {
    it('lists every event of the issue in stream order, with its metadata', async () => {
      const { data, errors } = await history('OFFICER');
      expect(errors).toBeUndefined();
      const entries = data!.issueHistory;
      expect(entries.map((e) => e.type)).toEqual(stored.map((e) => e.type));
      expect(entries.map((e) => e.revision)).toEqual(stored.map((_, i) => String(i)));
      expect(entries.map((e) => e.position)).toEqual(stored.map((e) => e.position.toString()));
      expect(new Set(entries.map((e) => e.type)).size).toBe(13); // every issue event type but IssueMerged (on the duplicate)
      entries.forEach((entry, i) => {
        const event = stored[i];
        expect(entry).toMatchObject({
          eventId: event.eventId,
          schemaVersion: event.type === 'ReportSubmitted' ? 2 : 1,
          storedSchemaVersion: null,
          occurredAt: new Date(event.metadata.occurredAt as string).toISOString(),
          recordedAt: event.recordedAt.toISOString(),
          commandType: event.metadata.commandType,
          correlationId: event.metadata.correlationId,
          causationId: event.metadata.causationId,
        });
      });
    });

    it('gives the state after each event as the domain’s own evolve folds it', async () => {
      const entries = (await history('OFFICER')).data!.issueHistory;
      let state = issueDecider.initialState;
      entries.forEach((entry, i) => {
        state = issueDecider.evolve(state, { type: stored[i].type, data: stored[i].data } as IssueEvent);
        expect({ type: entry.type, status: entry.state.status, severity: entry.state.severity, reports: entry.state.reportCount, events: entry.state.eventCount }).toEqual({
          type: stored[i].type,
          status: state.status,
          severity: state.severity,
          reports: state.reports.length,
          events: i + 1,
        });
        expect(entry.state.referrals.map((r) => [r.id, r.status])).toEqual(Object.values(state.referrals).map((r) => [r.referralId, r.status]));
        expect(entry.state.position).toBe(entry.position);
      });
      const statusAfter = (type: string) => entries.find((e) => e.type === type)!.state.status;
      expect(statusAfter('ReportSubmitted')).toBe('RECEIVED');
      expect(statusAfter('ReportVerified')).toBe('VERIFIED');
      expect(statusAfter('IssueReferred')).toBe('REFERRED');
      expect(statusAfter('ReferralResponded')).toBe('RESPONDED');
      expect(statusAfter('IssueClosed')).toBe('CLOSED');
      expect(entries.find((e) => e.type === 'IssueEscalated')!.state.severity).toBe('HOTSPOT');
      const last = entries[entries.length - 1].state;
      expect(last).toMatchObject({ id: issueId, status: 'RESPONDED', statusLabel: expect.any(String), reportCount: 3, closedAt: null, locality: { code: '24781', provinceCode: '68' } });
      expect(last.reopenings).toEqual([{ reason: 'Người dân tiếp tục phản ánh', reopenedAt: expect.any(String), closedAt: expect.any(String), resolution: 'Đã giải quyết xong' }]);
      expect(last.reports.map((r) => r.mergedFromIssueId)).toEqual([null, null, duplicateId]);
    });

    it('shows officers the actors and reporters by id', async () => {
      const entries = (await history('OFFICER')).data!.issueHistory;
      expect(entries[0].actor).toEqual({ id: reporterA, pseudonym: null, role: 'COLLABORATOR', roleLabel: expect.any(String) });
      expect(entries[1].actor).toMatchObject({ id: 'officer-1', role: 'OFFICER' });
      expect((entries[0].data.report as { reporterId: string }).reporterId).toBe(reporterA);
      const last = entries[entries.length - 1].state;
      expect(last.reports.map((r) => r.reporter!.id)).toEqual([reporterA, reporterB, reporterB]);
      expect(last.verifications[0].verifier).toEqual({ id: 'officer-1', pseudonym: null });
      expect(last.feedback[0].recipients.map((r) => r.id)).toEqual([reporterA, reporterB]);
    });

    it('shows auditors stable pseudonyms instead, and no raw id anywhere', async () => {
      const response = await history('AUDITOR');
      expect(response.errors).toBeUndefined();
      for (const raw of [reporterA, reporterB, 'officer-1', 'so-tnmt-user']) expect({ raw, leaked: response.text.includes(raw) }).toEqual({ raw, leaked: false });
      const pseudonym = (id: string) => reporterPseudonym(h.services.pseudonymSecret, id);
      const entries = response.data!.issueHistory;
      expect(entries[0].actor).toEqual({ id: null, pseudonym: pseudonym(reporterA), role: 'COLLABORATOR', roleLabel: expect.any(String) });
      expect(entries[0].metadata).toMatchObject({ actorPseudonym: pseudonym(reporterA), actorRole: 'COLLABORATOR', schemaVersion: 2 });
      expect(entries[0].metadata.actorId ?? null).toBeNull();
      expect(entries[0].data.report).toMatchObject({ reporterPseudonym: pseudonym(reporterA) });
      const last = entries[entries.length - 1].state;
      expect(last.reports.map((r) => r.reporter)).toEqual([
        { id: null, pseudonym: pseudonym(reporterA), role: 'COLLABORATOR', roleLabel: expect.any(String) },
        { id: null, pseudonym: pseudonym(reporterB), role: 'COLLABORATOR', roleLabel: expect.any(String) },
        { id: null, pseudonym: pseudonym(reporterB), role: 'COLLABORATOR', roleLabel: expect.any(String) },
      ]);
      expect(last.verifications[0].verifier).toEqual({ id: null, pseudonym: pseudonym('officer-1') });
      expect(last.feedback[0].recipients).toEqual([{ id: null, pseudonym: pseudonym(reporterA) }, { id: null, pseudonym: pseudonym(reporterB) }]);
    });

    it.each(['COLLABORATOR', 'AGENCY', 'LEADER', 'INTEGRATION'] as const)('is FORBIDDEN to %s', async (role) => {
      const response = await history(role);
      expect(response.errors?.[0].extensions.code).toBe('FORBIDDEN');
      expect(response.data?.issueHistory ?? null).toBeNull();
    });

    it('is UNAUTHENTICATED without a token', async () => {
      expect((await h.gql(HISTORY, { id: issueId })).errors?.[0].extensions.code).toBe('UNAUTHENTICATED');
    });

    it('is NOT_FOUND for an unknown issue and for one outside your scope (existence is not revealed)', async () => {
      const codes = async (...args: Parameters<typeof history>) => (await history(...args)).errors?.map((e) => e.extensions.code);
      expect(await codes('AUDITOR', 'no-such-issue')).toEqual(['NOT_FOUND']);
      expect(await codes('AUDITOR', issueId, { provinceCode: '01' })).toEqual(['NOT_FOUND']);
      expect(await codes('OFFICER', issueId, { communeCodes: ['22918'] })).toEqual(['NOT_FOUND']);
      expect(await codes('OFFICER', issueId, { communeCodes: ['24781'] })).toBeUndefined();
    });

    it('shows a merged issue’s history up to its merge', async () => {
      const entries = (await history('OFFICER', duplicateId)).data!.issueHistory;
      expect(entries.map((e) => e.type)).toEqual(['ReportSubmitted', 'IssueMerged']);
      expect(entries[1].state).toMatchObject({ status: 'MERGED', mergedInto: issueId });
    });
  });

  describe('issueAsOf', () => {
    const asOf = async (at: string, role: Parameters<GraphQLHarness['as']>[0] = 'AUDITOR', id: string = issueId) =>
      h.gql<{ issueAsOf: Snapshot }>(AS_OF, { id, at }, await h.as(role));

    it('is the state after the last event recorded at or before `at`', async () => {
      const entries = (await history('AUDITOR')).data!.issueHistory;
      // Entries whose successor was recorded strictly later: `at` = their recordedAt cuts right after them.
      const cuts = entries.map((entry, i) => ({ entry, i })).filter(({ entry, i }) => i === entries.length - 1 || entries[i + 1].recordedAt > entry.recordedAt);
      expect(cuts.length).toBeGreaterThan(3);
      for (const { entry } of cuts) {
        const { data, errors } = await asOf(entry.recordedAt);
        expect(errors).toBeUndefined();
        expect(data!.issueAsOf).toEqual(entry.state);
      }
    });

    it('between two events, is the state after the earlier one', async () => {
      const entries = (await history('AUDITOR')).data!.issueHistory;
      const closed = entries.findIndex((e) => e.type === 'IssueClosed');
      const between = new Date(new Date(entries[closed + 1].recordedAt).getTime() - 1).toISOString();
      if (between >= entries[closed].recordedAt) {
        expect((await asOf(between)).data!.issueAsOf).toMatchObject({ status: 'CLOSED', closedAt: expect.any(String) });
      }
      expect((await asOf(new Date().toISOString())).data!.issueAsOf).toEqual(entries[entries.length - 1].state);
    });

    it('is NOT_FOUND before the issue existed, and BAD_USER_INPUT for a future or malformed instant', async () => {
      const first = new Date(stored[0].recordedAt.getTime() - 1).toISOString();
      expect((await asOf(first)).errors?.[0].extensions.code).toBe('NOT_FOUND');
      const future = await asOf(new Date(Date.now() + 3600_000).toISOString());
      expect(future.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', fieldErrors: [{ path: ['at'], message: 'must not be in the future' }] });
      expect((await asOf('last tuesday')).errors?.[0].extensions.code).toBe('BAD_USER_INPUT');
    });

    it('lets leaders read a past state without reporter identities, and refuses agencies, collaborators and integrations', async () => {
      const leader = await asOf(new Date().toISOString(), 'LEADER');
      expect(leader.errors).toBeUndefined();
      expect(leader.data!.issueAsOf.reports.map((r) => r.reporter)).toEqual([null, null, null]);
      expect(leader.data!.issueAsOf.feedback[0].recipients).toEqual([]);
      expect(leader.text).not.toContain(reporterA);
      for (const role of ['AGENCY', 'COLLABORATOR', 'INTEGRATION'] as const) expect((await asOf(new Date().toISOString(), role)).errors?.[0].extensions.code).toBe('FORBIDDEN');
    });

    it('is NOT_FOUND outside your scope', async () => {
      const response = await h.gql(AS_OF, { id: issueId, at: new Date().toISOString() }, await h.as('OFFICER', { provinceCode: '01' }));
      expect(response.errors?.[0].extensions.code).toBe('NOT_FOUND');
    });
  });

  describe('a stored ReportSubmitted v1 (no provinceCode) is read as v2 everywhere', () => {
    const v1Id = randomUUID();
    let v1Position: bigint;

    /** The event as the v1 writer stored it: schemaVersion 1 in the metadata, no province on report or classification. */
    function v1Event(): { eventId: string; type: string; data: ReportSubmittedV1['data']; metadata: Record<string, unknown> } {
      const { reporterId, reporterRole, ...fields } = lifecycleReport(`${v1Id}-a`, reporterA);
      const submittedAt = new Date(Date.now() - 60_000).toISOString();
      return {
        eventId: randomUUID(),
        type: 'ReportSubmitted',
        data: {
          issueId: v1Id,
          report: { ...fields, peopleConcerned: 25, submittedAt, reporterId, reporterRole },
          classification: { sectors: fields.sectors, localityCode: fields.localityCode, severity: 'NORMAL' },
          status: 'RECEIVED',
        },
        metadata: { actorId: reporterA, actorRole: 'COLLABORATOR', correlationId: randomUUID(), causationId: randomUUID(), schemaVersion: 1, occurredAt: submittedAt },
      };
    }

    const expectV2 = (event: RecordedEvent) => {
      const data = event.data as ReportSubmitted['data'];
      expect({ version: event.metadata.schemaVersion, stored: event.metadata.storedSchemaVersion, report: data.report.provinceCode, classification: data.classification.provinceCode }).toEqual({
        version: 2,
        stored: 1,
        report: '68',
        classification: '68',
      });
    };

    beforeAll(async () => {
      const raw = h.db.eventStore(); // no upcasting: writes and reads the stored bytes
      v1Position = (await raw.append(issueStream(v1Id), [v1Event()], 'no_stream')).position;
      await h.settle();
    });

    it('is stored as v1: nothing rewrites it', async () => {
      const [event] = await h.db.eventStore().readStream(issueStream(v1Id));
      expect(event.metadata.schemaVersion).toBe(1);
      expect((event.data as ReportSubmittedV1['data']).report).not.toHaveProperty('provinceCode');
    });

    it('readStream and readAll return it as v2', async () => {
      expectV2((await h.store.readStream(issueStream(v1Id)))[0]);
      expectV2((await h.store.readAll({ after: v1Position - 1n, maxCount: 1 }))[0]);
    });

    it('a subscription delivers it as v2', async () => {
      const received: RecordedEvent[] = [];
      let caughtUp!: () => void;
      const done = new Promise<void>((resolve) => (caughtUp = resolve));
      const subscription = h.store.subscribeToAll({ after: v1Position - 1n, onEvents: (events) => void received.push(...events), onCaughtUp: () => caughtUp() });
      await done;
      await subscription.close();
      expectV2(received.find((e) => e.streamId === issueStream(v1Id))!);
    });

    it('the projections fold it: the issue is in its province and visible in scope', async () => {
      const row = await h.db.knex('issues').where('issue_id', v1Id).first();
      expect(row).toMatchObject({ province_code: '68', commune_code: '24781' });
      expect(await h.db.knex('reports').where('issue_id', v1Id).first()).toMatchObject({ province_code: '68' });
      const response = await h.gql<{ issue: { id: string; locality: { provinceCode: string } } }>(
        'query($id: ID!) { issue(id: $id) { id locality { provinceCode } } }',
        { id: v1Id },
        await h.as('OFFICER'),
      );
      expect(response.data?.issue).toEqual({ id: v1Id, locality: { provinceCode: '68' } });
    });

    it('history shows it as v2, saying it was stored as v1', async () => {
      const entries = (await history('AUDITOR', v1Id)).data!.issueHistory;
      expect(entries[0]).toMatchObject({ type: 'ReportSubmitted', schemaVersion: 2, storedSchemaVersion: 1, state: { locality: { code: '24781', provinceCode: '68' } } });
      expect(entries[0].data).toMatchObject({ report: { provinceCode: '68' }, classification: { provinceCode: '68' } });
      expect(entries[0].metadata).toMatchObject({ schemaVersion: 2, storedSchemaVersion: 1 });
    });

    it('commands decide on it, and new events are stamped with the current version', async () => {
      await h.issues.execute({ type: 'AttachReport', issueId: v1Id, report: lifecycleReport(`${v1Id}-b`, reporterB) }, { actorId: 'officer-1', actorRole: 'OFFICER' });
      await h.issues.execute({ type: 'SubmitReport', issueId: randomUUID(), ...lifecycleReport(`${v1Id}-new`, reporterB) }, { actorId: reporterB, actorRole: 'COLLABORATOR' });
      const state = await h.issues.load(v1Id);
      expect(state).toMatchObject({ provinceCode: '68', eventCount: 2 });
      const [latest] = await h.db.eventStore().readAll({ after: (await h.head()) - 1n, maxCount: 1 });
      expect(latest).toMatchObject({ type: 'ReportSubmitted', metadata: { schemaVersion: 2 } });
      expect(latest.metadata).not.toHaveProperty('storedSchemaVersion');
    });
  });
});
