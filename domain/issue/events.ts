/**
 * Events of the issue stream (`issue-<id>`), the contract other systems depend on.
 *
 * Each event's data is self-contained: a projection can update its read model from one event without
 * reading earlier ones. So every event carries the `issueId`, the time it happened (from the command
 * context), and the ids a read model keys on (referral events carry the `agencyId`). Events that can change
 * the issue's status carry `status`: the status after the event. Absent optional values are `null`.
 * The actor (user id and role) travels in the event metadata, not here.
 */
import type {
  Channel,
  EscalationLevel,
  GuidanceKind,
  Intensity,
  IssueStatus,
  ReportKind,
  Role,
  Sector,
  Severity,
  Tendency,
  VerificationOutcome,
} from '../vocabulary';

export interface ReportSource {
  url: string | null;
  outlet: string | null;
}

/** A report (báo cáo, phản ánh) as recorded: the evidence an issue is built on. */
export interface Report {
  reportId: string;
  kind: ReportKind;
  channel: Channel;
  /** A commune code (5 digits) or a province code (2 digits). */
  localityCode: string;
  /** The province the locality belongs to (equal to `localityCode` for a province). */
  provinceCode: string;
  sectors: Sector[];
  title: string;
  summary: string;
  peopleConcerned: number | null;
  tendency: Tendency;
  intensity: Intensity;
  sources: ReportSource[];
  sensitive: boolean;
  /** When the reporter observed the opinion. */
  observedAt: string;
  /** When the report reached the system; kept unchanged when a merge moves the report. */
  submittedAt: string;
  /** Visible only to the Board's officers: read models must redact it for everyone else. */
  reporterId: string;
  reporterRole: Role | null;
}

/** Sectors, locality and severity of the issue: what trends and hot-spot maps group by. */
export interface Classification {
  sectors: Sector[];
  localityCode: string;
  /** The province the locality belongs to (equal to `localityCode` for a province). */
  provinceCode: string;
  severity: Severity;
}

/** A new report opened this issue; the issue starts with the report's sectors and locality, severity NORMAL. */
export type ReportSubmitted = {
  type: 'ReportSubmitted';
  data: { issueId: string; report: Report; classification: Classification; status: IssueStatus };
};

/** A further report on an existing issue: recorded by an officer, or moved here from a merged issue. */
export type ReportAttached = {
  type: 'ReportAttached';
  data: { issueId: string; report: Report; mergedFromIssueId: string | null; attachedAt: string };
};

/** The issue's full classification after the change. */
export type IssueClassified = {
  type: 'IssueClassified';
  data: { issueId: string; classification: Classification; previousSeverity: Severity; classifiedAt: string };
};

export type ReportVerified = {
  type: 'ReportVerified';
  data: {
    issueId: string;
    reportId: string;
    outcome: VerificationOutcome;
    method: string;
    evidence: string;
    verifierId: string;
    verifiedAt: string;
    status: IssueStatus;
  };
};

export type IssueReferred = {
  type: 'IssueReferred';
  data: {
    issueId: string;
    referralId: string;
    agencyId: string;
    agencyName: string | null;
    deadline: string;
    note: string | null;
    referredAt: string;
    status: IssueStatus;
  };
};

export type ReferralAcknowledged = {
  type: 'ReferralAcknowledged';
  data: { issueId: string; referralId: string; agencyId: string; deadline: string; acknowledgedAt: string };
};

/** The agency declined the referral as outside its authority, saying why and, if it can, who should take it. */
export type ReferralDeclined = {
  type: 'ReferralDeclined';
  data: {
    issueId: string;
    referralId: string;
    agencyId: string;
    reason: string;
    suggestedAgencyId: string | null;
    declinedAt: string;
    status: IssueStatus;
  };
};

/** The agency reported the result. `onTime` compares the response with the referral's deadline (KPI). */
export type ReferralResponded = {
  type: 'ReferralResponded';
  data: {
    issueId: string;
    referralId: string;
    agencyId: string;
    result: string;
    resolved: boolean;
    deadline: string;
    respondedAt: string;
    onTime: boolean;
    status: IssueStatus;
  };
};

/** The Board fed the result back; `recipientIds` are the reporters concerned (redact like `reporterId`). */
export type FeedbackDelivered = {
  type: 'FeedbackDelivered';
  data: {
    issueId: string;
    feedbackId: string;
    reportId: string | null;
    recipientIds: string[];
    content: string;
    channel: Channel | null;
    deliveredAt: string;
  };
};

export type GuidanceIssued = {
  type: 'GuidanceIssued';
  data: { issueId: string; guidanceId: string; kind: GuidanceKind; content: string; issuedAt: string };
};

export type IssueEscalated = {
  type: 'IssueEscalated';
  data: {
    issueId: string;
    level: EscalationLevel;
    reason: string;
    previousSeverity: Severity;
    severity: Severity;
    escalatedAt: string;
  };
};

/**
 * This (source) issue was merged into another. It carries full snapshots of its reports so the service can
 * attach each to the target with AttachReport(mergedFromIssueId) without reading this stream again.
 */
export type IssueMerged = {
  type: 'IssueMerged';
  data: {
    issueId: string;
    intoIssueId: string;
    reason: string | null;
    reportIds: string[];
    reports: Report[];
    mergedAt: string;
    status: IssueStatus;
  };
};

export type IssueClosed = {
  type: 'IssueClosed';
  data: { issueId: string; resolution: string; closedAt: string; status: IssueStatus };
};

/** `status` is the status the issue's referrals and verifications imply once reopened. */
export type IssueReopened = {
  type: 'IssueReopened';
  data: { issueId: string; reason: string; reopenedAt: string; status: IssueStatus };
};

export type IssueEvent =
  | ReportSubmitted
  | ReportAttached
  | IssueClassified
  | ReportVerified
  | IssueReferred
  | ReferralAcknowledged
  | ReferralDeclined
  | ReferralResponded
  | FeedbackDelivered
  | GuidanceIssued
  | IssueEscalated
  | IssueMerged
  | IssueClosed
  | IssueReopened;

export type IssueEventType = IssueEvent['type'];

export const ISSUE_EVENT_TYPES = [
  'ReportSubmitted',
  'ReportAttached',
  'IssueClassified',
  'ReportVerified',
  'IssueReferred',
  'ReferralAcknowledged',
  'ReferralDeclined',
  'ReferralResponded',
  'FeedbackDelivered',
  'GuidanceIssued',
  'IssueEscalated',
  'IssueMerged',
  'IssueClosed',
  'IssueReopened',
] as const satisfies readonly IssueEventType[];

/** Compile-time check that ISSUE_EVENT_TYPES names every event type. */
type AllListed<Missing extends never> = Missing;
export type IssueEventTypesComplete = AllListed<Exclude<IssueEventType, (typeof ISSUE_EVENT_TYPES)[number]>>;
