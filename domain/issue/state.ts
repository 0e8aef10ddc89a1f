/**
 * The issue's state, folded from its events. Rich enough that an auditor replaying the stream can see,
 * after every event, the reports, verifications, referrals, feedback, guidance, escalations and status.
 */
import type {
  Channel,
  EscalationLevel,
  GuidanceKind,
  IssueStatus,
  ReferralStatus,
  Sector,
  Severity,
  VerificationOutcome,
} from '../vocabulary';
import { OPEN_REFERRAL_STATUSES } from '../vocabulary';
import type { IssueEvent, Report } from './events';

/** A report on the issue, with when it was added here and, if a merge moved it, where from. */
export interface IssueReport extends Report {
  addedAt: string;
  mergedFromIssueId: string | null;
}

export interface Verification {
  reportId: string;
  outcome: VerificationOutcome;
  method: string;
  evidence: string;
  verifierId: string;
  verifiedAt: string;
}

export interface Referral {
  referralId: string;
  agencyId: string;
  agencyName: string | null;
  note: string | null;
  status: ReferralStatus;
  referredAt: string;
  deadline: string;
  acknowledgedAt: string | null;
  /** Set when the agency responded. */
  respondedAt: string | null;
  result: string | null;
  resolved: boolean | null;
  onTime: boolean | null;
  /** Set when the agency declined. */
  declinedAt: string | null;
  declineReason: string | null;
  suggestedAgencyId: string | null;
}

export interface Feedback {
  feedbackId: string;
  reportId: string | null;
  recipientIds: string[];
  content: string;
  channel: Channel | null;
  deliveredAt: string;
}

export interface Guidance {
  guidanceId: string;
  kind: GuidanceKind;
  content: string;
  issuedAt: string;
}

export interface Escalation {
  level: EscalationLevel;
  reason: string;
  previousSeverity: Severity;
  severity: Severity;
  escalatedAt: string;
}

/** A reopening, keeping the closure it undid. */
export interface Reopening {
  reason: string;
  reopenedAt: string;
  closedAt: string | null;
  resolution: string | null;
}

export interface IssueState {
  /** Null until the first event: the stream does not exist. */
  issueId: string | null;
  /** Meaningful once the issue exists. */
  status: IssueStatus;
  sectors: Sector[];
  /** '' until the issue exists. */
  localityCode: string;
  /** The locality's province; '' until the issue exists. */
  provinceCode: string;
  severity: Severity;
  reports: IssueReport[];
  verifications: Verification[];
  /** By referral id; look up with `findReferral`. */
  referrals: Readonly<Record<string, Referral>>;
  feedback: Feedback[];
  guidance: Guidance[];
  escalations: Escalation[];
  openedAt: string | null;
  updatedAt: string | null;
  /** The current closure; null while open (earlier closures are kept in `reopenings`). */
  closedAt: string | null;
  resolution: string | null;
  reopenings: Reopening[];
  mergedInto: string | null;
  mergedAt: string | null;
  /** How many events were folded: 0 means the stream does not exist. */
  eventCount: number;
}

export const initialIssueState: IssueState = {
  issueId: null,
  status: 'RECEIVED',
  sectors: [],
  localityCode: '',
  provinceCode: '',
  severity: 'NORMAL',
  reports: [],
  verifications: [],
  referrals: {},
  feedback: [],
  guidance: [],
  escalations: [],
  openedAt: null,
  updatedAt: null,
  closedAt: null,
  resolution: null,
  reopenings: [],
  mergedInto: null,
  mergedAt: null,
  eventCount: 0,
};

/** The referral with this id, if the issue has one (own properties only: ids are caller-chosen). */
export function findReferral(state: Pick<IssueState, 'referrals'>, referralId: string): Referral | undefined {
  return Object.hasOwn(state.referrals, referralId) ? state.referrals[referralId] : undefined;
}

export function isOpenReferral(referral: Referral): boolean {
  return OPEN_REFERRAL_STATUSES.includes(referral.status);
}

/** A confirmed or partly confirmed verification: the issue may be used to advise leadership and be referred. */
export function isConfirming(verification: Verification): boolean {
  return verification.outcome === 'CONFIRMED' || verification.outcome === 'PARTLY_CONFIRMED';
}

/**
 * The status an open (not closed, not merged) issue has, from its referrals and verifications:
 * REFERRED while any referral is open; RESPONDED when none is open and at least one was answered;
 * VERIFIED after a confirming verification; RECEIVED otherwise. Declined referrals count as not open.
 */
export function progressStatus(state: Pick<IssueState, 'referrals' | 'verifications'>): IssueStatus {
  const referrals = Object.values(state.referrals);
  if (referrals.some(isOpenReferral)) return 'REFERRED';
  if (referrals.some((referral) => referral.status === 'RESPONDED')) return 'RESPONDED';
  if (state.verifications.some(isConfirming)) return 'VERIFIED';
  return 'RECEIVED';
}

function statusOf(state: IssueState): IssueStatus {
  if (state.mergedInto !== null) return 'MERGED';
  if (state.closedAt !== null) return 'CLOSED';
  return progressStatus(state);
}

function updateReferral(state: IssueState, referralId: string, change: Partial<Referral>): IssueState {
  const referral = findReferral(state, referralId);
  if (referral === undefined) return state;
  return { ...state, referrals: { ...state.referrals, [referralId]: { ...referral, ...change } } };
}

/**
 * An event type this code does not know (e.g. one written by a newer version) leaves the state as it is.
 * The `never` parameter makes the switch below fail to compile when an event type is not handled.
 */
function ignoreUnknownEvent(_event: never, state: IssueState): IssueState {
  return state;
}

/** Folds the facts an event records into the state; status and the event count are derived after. */
function applyFacts(state: IssueState, event: IssueEvent): IssueState {
  switch (event.type) {
    case 'ReportSubmitted': {
      const { issueId, report, classification } = event.data;
      return {
        ...state,
        issueId,
        ...classification,
        reports: [...state.reports, { ...report, addedAt: report.submittedAt, mergedFromIssueId: null }],
        openedAt: report.submittedAt,
        updatedAt: report.submittedAt,
      };
    }
    case 'ReportAttached': {
      const { report, mergedFromIssueId, attachedAt } = event.data;
      return {
        ...state,
        reports: [...state.reports, { ...report, addedAt: attachedAt, mergedFromIssueId }],
        updatedAt: attachedAt,
      };
    }
    case 'IssueClassified': {
      const { classification, classifiedAt } = event.data;
      return { ...state, ...classification, updatedAt: classifiedAt };
    }
    case 'ReportVerified': {
      const { reportId, outcome, method, evidence, verifierId, verifiedAt } = event.data;
      return {
        ...state,
        verifications: [...state.verifications, { reportId, outcome, method, evidence, verifierId, verifiedAt }],
        updatedAt: verifiedAt,
      };
    }
    case 'IssueReferred': {
      const { referralId, agencyId, agencyName, note, deadline, referredAt } = event.data;
      const referral: Referral = {
        referralId,
        agencyId,
        agencyName,
        note,
        status: 'REFERRED',
        referredAt,
        deadline,
        acknowledgedAt: null,
        respondedAt: null,
        result: null,
        resolved: null,
        onTime: null,
        declinedAt: null,
        declineReason: null,
        suggestedAgencyId: null,
      };
      return { ...state, referrals: { ...state.referrals, [referralId]: referral }, updatedAt: referredAt };
    }
    case 'ReferralAcknowledged': {
      const { referralId, acknowledgedAt } = event.data;
      return { ...updateReferral(state, referralId, { status: 'ACKNOWLEDGED', acknowledgedAt }), updatedAt: acknowledgedAt };
    }
    case 'ReferralDeclined': {
      const { referralId, reason, suggestedAgencyId, declinedAt } = event.data;
      const change = { status: 'DECLINED' as const, declinedAt, declineReason: reason, suggestedAgencyId };
      return { ...updateReferral(state, referralId, change), updatedAt: declinedAt };
    }
    case 'ReferralResponded': {
      const { referralId, result, resolved, respondedAt, onTime } = event.data;
      const change = { status: 'RESPONDED' as const, respondedAt, result, resolved, onTime };
      return { ...updateReferral(state, referralId, change), updatedAt: respondedAt };
    }
    case 'FeedbackDelivered': {
      const { feedbackId, reportId, recipientIds, content, channel, deliveredAt } = event.data;
      return {
        ...state,
        feedback: [...state.feedback, { feedbackId, reportId, recipientIds, content, channel, deliveredAt }],
        updatedAt: deliveredAt,
      };
    }
    case 'GuidanceIssued': {
      const { guidanceId, kind, content, issuedAt } = event.data;
      return { ...state, guidance: [...state.guidance, { guidanceId, kind, content, issuedAt }], updatedAt: issuedAt };
    }
    case 'IssueEscalated': {
      const { level, reason, previousSeverity, severity, escalatedAt } = event.data;
      return {
        ...state,
        severity,
        escalations: [...state.escalations, { level, reason, previousSeverity, severity, escalatedAt }],
        updatedAt: escalatedAt,
      };
    }
    case 'IssueMerged': {
      const { intoIssueId, mergedAt } = event.data;
      return { ...state, mergedInto: intoIssueId, mergedAt, updatedAt: mergedAt };
    }
    case 'IssueClosed': {
      const { resolution, closedAt } = event.data;
      return { ...state, closedAt, resolution, updatedAt: closedAt };
    }
    case 'IssueReopened': {
      const { reason, reopenedAt } = event.data;
      const reopening: Reopening = { reason, reopenedAt, closedAt: state.closedAt, resolution: state.resolution };
      return { ...state, closedAt: null, resolution: null, reopenings: [...state.reopenings, reopening], updatedAt: reopenedAt };
    }
    default:
      return ignoreUnknownEvent(event, state);
  }
}

/** Total and deterministic: never throws, and the same events always fold to the same state. */
export function evolveIssue(state: IssueState, event: IssueEvent): IssueState {
  const next = applyFacts(state, event);
  return { ...next, status: statusOf(next), eventCount: state.eventCount + 1 };
}
