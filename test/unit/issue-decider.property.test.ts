/**
 * Property: for any sequence of well-formed commands, whatever decide accepts, evolve folds without
 * throwing; folding is deterministic; and the status an event announces is the status evolve derives.
 * Ids come from small pools so that sequences hit the lifecycle rules often.
 */
import fc from 'fast-check';
import { fold } from '../../domain/decider';
import { DomainError } from '../../domain/errors';
import type { IssueCommand } from '../../domain/issue/commands';
import { issueDecider } from '../../domain/issue/decider';
import type { IssueEvent } from '../../domain/issue/events';
import { IssueState, isOpenReferral } from '../../domain/issue/state';
import {
  CHANNELS,
  ESCALATION_LEVELS,
  GUIDANCE_KINDS,
  INTENSITIES,
  REPORT_KINDS,
  SECTORS,
  SEVERITIES,
  TENDENCIES,
  VERIFICATION_OUTCOMES,
} from '../../domain/vocabulary';

const ISSUE_ID = 'issue-p';
const START = Date.parse('2026-07-01T00:00:00.000Z');
const HOUR = 3_600_000;

const pick = <T>(values: readonly T[]) => fc.constantFrom(...values);
const id = (prefix: string, count = 3) => pick(Array.from({ length: count }, (_, i) => `${prefix}-${i + 1}`));
const text = fc.string({ minLength: 1, maxLength: 40 }).filter((s) => s.trim() !== '');
const referralId = id('referral', 2);

/** Consistent (localityCode, provinceCode) pairs: provinces are their own province. */
const LOCALITIES = [
  ['68', '68'],
  ['24781', '68'],
  ['24778', '68'],
  ['01', '01'],
  ['00004', '01'],
] as const;
const locality = pick(LOCALITIES).map(([localityCode, provinceCode]) => ({ localityCode, provinceCode }));

const reportFields = fc.tuple(fc.record({
  reportId: id('report', 2),
  kind: pick(REPORT_KINDS),
  channel: pick(CHANNELS),
  sectors: fc.uniqueArray(pick(SECTORS), { minLength: 1, maxLength: 3 }),
  title: text,
  summary: text,
  peopleConcerned: fc.option(fc.nat(100_000), { nil: undefined }),
  tendency: pick(TENDENCIES),
  intensity: pick(INTENSITIES),
  sensitive: fc.boolean(),
  observedAt: fc.constant('2026-06-30T12:00:00+07:00'),
  reporterId: id('ctv'),
}), locality).map(([fields, place]) => ({ ...fields, ...place }));

const submitArb = reportFields.map((report): IssueCommand => ({ type: 'SubmitReport', issueId: ISSUE_ID, ...report }));

/** Weighted towards the Process – Respond steps; merging and closing end most sequences, so they are rarer. */
const weighted = (weight: number, arbitrary: fc.Arbitrary<IssueCommand>) => ({ weight, arbitrary });
const commandArb: fc.Arbitrary<IssueCommand> = fc.oneof(
  weighted(1, submitArb),
  weighted(2, fc
    .record({ report: reportFields, mergedFromIssueId: fc.option(pick(['issue-q', 'issue-r']), { nil: undefined }) })
    .map((fields): IssueCommand => ({ type: 'AttachReport', issueId: ISSUE_ID, ...fields }))),
  weighted(2, fc
    .record(
      { sectors: fc.uniqueArray(pick(SECTORS), { minLength: 1, maxLength: 2 }), severity: pick(SEVERITIES), place: locality },
      { requiredKeys: [] },
    )
    .map(({ place, ...fields }): IssueCommand => ({ type: 'ClassifyIssue', issueId: ISSUE_ID, ...fields, ...place }))),
  weighted(6, fc
    .record({ reportId: id('report', 2), outcome: pick(VERIFICATION_OUTCOMES), method: text, evidence: text, verifierId: id('officer') })
    .map((fields): IssueCommand => ({ type: 'VerifyReport', issueId: ISSUE_ID, ...fields }))),
  weighted(6, fc
    .record({ referralId, agencyId: id('agency', 2), deadlineHours: fc.integer({ min: -24, max: 24 * 30 }) })
    .map(({ deadlineHours, ...fields }): IssueCommand => ({
      type: 'ReferIssue',
      issueId: ISSUE_ID,
      ...fields,
      deadline: new Date(START + 24 * HOUR + deadlineHours * HOUR).toISOString(),
    }))),
  weighted(6, referralId.map((ref): IssueCommand => ({ type: 'AcknowledgeReferral', issueId: ISSUE_ID, referralId: ref }))),
  weighted(2, fc
    .record({ referralId, reason: text, suggestedAgencyId: fc.option(id('agency', 3), { nil: undefined }) })
    .map((fields): IssueCommand => ({ type: 'DeclineReferral', issueId: ISSUE_ID, ...fields }))),
  weighted(6, fc
    .record({ referralId, result: text, resolved: fc.option(fc.boolean(), { nil: undefined }) })
    .map((fields): IssueCommand => ({ type: 'RespondToReferral', issueId: ISSUE_ID, ...fields }))),
  weighted(3, fc
    .record({ feedbackId: id('feedback'), reportId: fc.option(id('report', 2), { nil: undefined }), content: text })
    .map((fields): IssueCommand => ({ type: 'DeliverFeedback', issueId: ISSUE_ID, ...fields }))),
  weighted(3, fc
    .record({ guidanceId: id('guidance'), kind: pick(GUIDANCE_KINDS), content: text })
    .map((fields): IssueCommand => ({ type: 'IssueGuidance', issueId: ISSUE_ID, ...fields }))),
  weighted(2, fc
    .record({ level: pick(ESCALATION_LEVELS), reason: text })
    .map((fields): IssueCommand => ({ type: 'EscalateIssue', issueId: ISSUE_ID, ...fields }))),
  weighted(1, fc.constant<IssueCommand>({ type: 'MergeIssues', issueId: ISSUE_ID, intoIssueId: 'issue-q' })),
  weighted(2, text.map((resolution): IssueCommand => ({ type: 'CloseIssue', issueId: ISSUE_ID, resolution }))),
  weighted(2, text.map((reason): IssueCommand => ({ type: 'ReopenIssue', issueId: ISSUE_ID, reason }))),
);

/** A SubmitReport that opens the issue, then any commands. */
const sequenceArb = fc
  .tuple(submitArb, fc.array(commandArb, { minLength: 1, maxLength: 80, size: 'max' }))
  .map(([opener, rest]) => [opener, ...rest]);

/** Runs the commands one hour apart, keeping the accepted events; checks invariants after each event. */
function run(commands: IssueCommand[]): { events: IssueEvent[]; state: IssueState } {
  let state = issueDecider.initialState;
  const events: IssueEvent[] = [];
  commands.forEach((command, step) => {
    const context = { now: new Date(START + step * HOUR).toISOString(), actorId: 'officer-1', actorRole: 'OFFICER' };
    let decided: IssueEvent[];
    try {
      decided = issueDecider.decide(command, state, context);
    } catch (error) {
      if (error instanceof DomainError) return; // a rejected command: fine, nothing is written
      throw error;
    }
    for (const event of decided) {
      state = issueDecider.evolve(state, event);
      events.push(event);
      if ('status' in event.data) expect(state.status).toBe(event.data.status);
      if (state.status === 'CLOSED') expect(Object.values(state.referrals).some(isOpenReferral)).toBe(false);
      // The issue's province always travels with its locality.
      expect(LOCALITIES.some(([l, p]) => l === state.localityCode && p === state.provinceCode)).toBe(true);
    }
  });
  return { events, state };
}

test('decide accepts only what evolve folds, deterministically, with consistent statuses', () => {
  fc.assert(
    fc.property(sequenceArb, (commands) => {
      const { events, state } = run(commands);
      expect(fold(issueDecider, events)).toEqual(state);
      expect(fold(issueDecider, events)).toEqual(fold(issueDecider, structuredClone(events)));
      expect(state.eventCount).toBe(events.length);
      // A merged issue is terminal: IssueMerged, if any, is the last event.
      const mergedAt = events.findIndex((event) => event.type === 'IssueMerged');
      expect(mergedAt === -1 || mergedAt === events.length - 1).toBe(true);
    }),
    { numRuns: 300 },
  );
});

test('the generated sequences reach every status and every event type', () => {
  const statuses = new Set<string>();
  const types = new Set<string>();
  fc.assert(
    fc.property(sequenceArb, (commands) => {
      const { events } = run(commands);
      events.forEach((event, i) => {
        types.add(event.type);
        statuses.add(fold(issueDecider, events.slice(0, i + 1)).status);
      });
    }),
    { numRuns: 300, seed: 20260710 },
  );
  expect([...statuses].sort()).toEqual(['CLOSED', 'MERGED', 'RECEIVED', 'REFERRED', 'RESPONDED', 'VERIFIED']);
  expect(types.size).toBe(14);
});
