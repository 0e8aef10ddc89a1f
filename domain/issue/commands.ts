/**
 * Commands on the issue aggregate. Every command names its issue, and carries the ids of anything it
 * creates (report, referral, feedback, guidance): the domain never generates ids. Times come from the
 * CommandContext, except times that describe the world (observedAt, deadline).
 */
import type {
  Channel,
  EscalationLevel,
  GuidanceKind,
  Intensity,
  ReportKind,
  Role,
  Sector,
  Severity,
  Tendency,
  VerificationOutcome,
} from '../vocabulary';

export interface ReportSourceInput {
  /** http or https. */
  url?: string | null;
  /** e.g. a newspaper or a social-media page. */
  outlet?: string | null;
}

/** The fields of a report as submitted. */
export interface ReportInput {
  reportId: string;
  kind: ReportKind;
  channel: Channel;
  /** A commune code (5 digits) or a province code (2 digits); its existence is checked by the service. */
  localityCode: string;
  /** The province the locality belongs to; the service fills it from the locality catalogue. */
  provinceCode: string;
  /** At least one, no duplicates. */
  sectors: Sector[];
  /** 1..300 characters after trimming. */
  title: string;
  /** 1..10,000 characters after trimming. */
  summary: string;
  peopleConcerned?: number | null;
  tendency: Tendency;
  intensity: Intensity;
  /** At most 20. */
  sources?: ReportSourceInput[];
  sensitive: boolean;
  /** ISO-8601 with a time zone; not after the command's time. */
  observedAt: string;
  reporterId: string;
  reporterRole?: Role | null;
}

/** Opens a new issue with its first report. Only on a stream that does not exist yet. */
export interface SubmitReport extends ReportInput {
  type: 'SubmitReport';
  issueId: string;
}

/**
 * Records a further report on an existing issue: an officer attaching one directly, or the merge process
 * moving one from a merged issue (then `mergedFromIssueId` names it and `report.submittedAt` keeps the
 * original submission time; without a merge the report is submitted now).
 */
export interface AttachReport {
  type: 'AttachReport';
  issueId: string;
  report: ReportInput & { submittedAt?: string };
  mergedFromIssueId?: string | null;
}

/** Changes any of sectors, locality and severity; at least one must be given. */
export interface ClassifyIssue {
  type: 'ClassifyIssue';
  issueId: string;
  sectors?: Sector[];
  localityCode?: string;
  /** The province of `localityCode`: required with it, forbidden without it. */
  provinceCode?: string;
  severity?: Severity;
}

export interface VerifyReport {
  type: 'VerifyReport';
  issueId: string;
  reportId: string;
  outcome: VerificationOutcome;
  /** How it was verified, e.g. 'Làm việc với UBND xã, đối chiếu hồ sơ'. */
  method: string;
  evidence: string;
  verifierId: string;
}

export interface ReferIssue {
  type: 'ReferIssue';
  issueId: string;
  referralId: string;
  agencyId: string;
  agencyName?: string | null;
  /** Hạn xử lý: ISO-8601 with a time zone, after the command's time. */
  deadline: string;
  note?: string | null;
}

export interface AcknowledgeReferral {
  type: 'AcknowledgeReferral';
  issueId: string;
  referralId: string;
}

export interface DeclineReferral {
  type: 'DeclineReferral';
  issueId: string;
  referralId: string;
  reason: string;
  /** Where the agency says the issue should go instead. */
  suggestedAgencyId?: string | null;
}

export interface RespondToReferral {
  type: 'RespondToReferral';
  issueId: string;
  referralId: string;
  result: string;
  /** Whether the matter was settled; defaults to true. A response ends the referral either way. */
  resolved?: boolean;
}

export interface DeliverFeedback {
  type: 'DeliverFeedback';
  issueId: string;
  feedbackId: string;
  /** The report whose reporter gets the feedback; absent means every reporter on the issue. */
  reportId?: string | null;
  content: string;
  channel?: Channel | null;
}

export interface IssueGuidance {
  type: 'IssueGuidance';
  issueId: string;
  guidanceId: string;
  kind: GuidanceKind;
  content: string;
}

export interface EscalateIssue {
  type: 'EscalateIssue';
  issueId: string;
  level: EscalationLevel;
  reason: string;
}

/** Decided on the source issue: it becomes MERGED and its reports move to `intoIssueId`. */
export interface MergeIssues {
  type: 'MergeIssues';
  issueId: string;
  intoIssueId: string;
  reason?: string | null;
}

export interface CloseIssue {
  type: 'CloseIssue';
  issueId: string;
  resolution: string;
}

export interface ReopenIssue {
  type: 'ReopenIssue';
  issueId: string;
  reason: string;
}

export type IssueCommand =
  | SubmitReport
  | AttachReport
  | ClassifyIssue
  | VerifyReport
  | ReferIssue
  | AcknowledgeReferral
  | DeclineReferral
  | RespondToReferral
  | DeliverFeedback
  | IssueGuidance
  | EscalateIssue
  | MergeIssues
  | CloseIssue
  | ReopenIssue;

export type IssueCommandType = IssueCommand['type'];

/** Every command type, e.g. to reject an unknown one arriving at run time. */
export const ISSUE_COMMAND_TYPES = [
  'SubmitReport',
  'AttachReport',
  'ClassifyIssue',
  'VerifyReport',
  'ReferIssue',
  'AcknowledgeReferral',
  'DeclineReferral',
  'RespondToReferral',
  'DeliverFeedback',
  'IssueGuidance',
  'EscalateIssue',
  'MergeIssues',
  'CloseIssue',
  'ReopenIssue',
] as const satisfies readonly IssueCommandType[];
