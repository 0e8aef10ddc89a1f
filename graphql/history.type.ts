import { Field, ID, Int, ObjectType } from 'type-graphql';
import { DateTimeResolver, JSONObjectResolver } from 'graphql-scalars';
import type { LocalityCatalogue } from '../domain/localities/catalogue';
import type { IssueReport, IssueState, Referral, Verification } from '../domain/issue/state';
import {
  CHANNEL_LABELS,
  ESCALATION_LEVEL_LABELS,
  GUIDANCE_KIND_LABELS,
  INTENSITY_LABELS,
  ISSUE_STATUS_LABELS,
  REFERRAL_STATUS_LABELS,
  REPORT_KIND_LABELS,
  SECTOR_LABELS,
  SEVERITY_LABELS,
  TENDENCY_LABELS,
  VERIFICATION_OUTCOME_LABELS,
  type Channel,
  type EscalationLevel,
  type GuidanceKind,
  type Intensity,
  type IssueStatus,
  type ReferralStatus,
  type ReportKind,
  type Severity,
  type Tendency,
  type VerificationOutcome,
} from '../domain/vocabulary';
import { Locality, toLocality } from './locality.type';
import { AgencyRef } from './referral.type';
import { ReporterIdentity, reporterIdentity, type ReporterViewer } from './reporter-identity';
import {
  ChannelEnum,
  EscalationLevelEnum,
  GuidanceKindEnum,
  IntensityEnum,
  IssueStatusEnum,
  Labelled,
  labelledValue,
  ReferralStatusEnum,
  ReportKindEnum,
  SeverityEnum,
  TendencyEnum,
  VerificationOutcomeEnum,
} from './vocabulary.type';

/**
 * An issue's state folded from its events by the domain's own `issueDecider.evolve` (history.resolver.ts), as a viewer
 * may see it: every person it names (reporters, verifiers, feedback recipients) goes through reporter-identity.ts.
 */

@ObjectType({ description: 'Nguồn tin of a report' })
export class SnapshotSource {
  @Field(() => String, { nullable: true })
  url!: string | null;

  @Field(() => String, { nullable: true })
  outlet!: string | null;
}

@ObjectType({ description: 'A report as the issue held it at that point' })
export class SnapshotReport {
  @Field(() => ID)
  id!: string;

  @Field(() => ReportKindEnum)
  kind!: ReportKind;

  @Field(() => String)
  kindLabel!: string;

  @Field(() => ChannelEnum)
  channel!: Channel;

  @Field(() => String)
  channelLabel!: string;

  @Field(() => Locality)
  locality!: Locality;

  @Field(() => [Labelled])
  sectors!: Labelled[];

  @Field(() => String)
  title!: string;

  @Field(() => String)
  summary!: string;

  @Field(() => Int, { nullable: true })
  peopleConcerned!: number | null;

  @Field(() => TendencyEnum)
  tendency!: Tendency;

  @Field(() => String)
  tendencyLabel!: string;

  @Field(() => IntensityEnum)
  intensity!: Intensity;

  @Field(() => String)
  intensityLabel!: string;

  @Field(() => [SnapshotSource])
  sources!: SnapshotSource[];

  @Field(() => Boolean)
  sensitive!: boolean;

  @Field(() => DateTimeResolver)
  observedAt!: Date;

  @Field(() => DateTimeResolver)
  submittedAt!: Date;

  @Field(() => DateTimeResolver, { description: 'When it was added to this issue' })
  addedAt!: Date;

  @Field(() => ID, { nullable: true, description: 'The issue a merge moved it from' })
  mergedFromIssueId!: string | null;

  @Field(() => ReporterIdentity, { nullable: true, description: 'As your role may know the reporter (reporter-identity rules)' })
  reporter!: ReporterIdentity | null;
}

@ObjectType({ description: 'Thẩm định, kiểm chứng' })
export class SnapshotVerification {
  @Field(() => ID)
  reportId!: string;

  @Field(() => VerificationOutcomeEnum)
  outcome!: VerificationOutcome;

  @Field(() => String)
  outcomeLabel!: string;

  @Field(() => String)
  method!: string;

  @Field(() => String)
  evidence!: string;

  @Field(() => ReporterIdentity, { nullable: true, description: 'The verifying officer, as your role may know them' })
  verifier!: ReporterIdentity | null;

  @Field(() => DateTimeResolver)
  verifiedAt!: Date;
}

@ObjectType({ description: 'A referral to an agency and how far it got' })
export class SnapshotReferral {
  @Field(() => ID)
  id!: string;

  @Field(() => AgencyRef)
  agency!: AgencyRef;

  @Field(() => ReferralStatusEnum)
  status!: ReferralStatus;

  @Field(() => String)
  statusLabel!: string;

  @Field(() => String, { nullable: true })
  note!: string | null;

  @Field(() => DateTimeResolver)
  referredAt!: Date;

  @Field(() => DateTimeResolver, { description: 'Hạn xử lý' })
  deadline!: Date;

  @Field(() => DateTimeResolver, { nullable: true })
  acknowledgedAt!: Date | null;

  @Field(() => DateTimeResolver, { nullable: true })
  respondedAt!: Date | null;

  @Field(() => String, { nullable: true })
  result!: string | null;

  @Field(() => Boolean, { nullable: true })
  resolved!: boolean | null;

  @Field(() => Boolean, { nullable: true })
  onTime!: boolean | null;

  @Field(() => DateTimeResolver, { nullable: true })
  declinedAt!: Date | null;

  @Field(() => String, { nullable: true })
  declineReason!: string | null;

  @Field(() => ID, { nullable: true })
  suggestedAgencyId!: string | null;
}

@ObjectType({ description: 'Phản hồi' })
export class SnapshotFeedback {
  @Field(() => ID)
  id!: string;

  @Field(() => ID, { nullable: true })
  reportId!: string | null;

  @Field(() => [ReporterIdentity], { description: 'The reporters it went to, as your role may know them (none for roles that may not)' })
  recipients!: ReporterIdentity[];

  @Field(() => String)
  content!: string;

  @Field(() => ChannelEnum, { nullable: true })
  channel!: Channel | null;

  @Field(() => DateTimeResolver)
  deliveredAt!: Date;
}

@ObjectType({ description: 'Định hướng thông tin' })
export class SnapshotGuidance {
  @Field(() => ID)
  id!: string;

  @Field(() => GuidanceKindEnum)
  kind!: GuidanceKind;

  @Field(() => String)
  kindLabel!: string;

  @Field(() => String)
  content!: string;

  @Field(() => DateTimeResolver)
  issuedAt!: Date;
}

@ObjectType({ description: 'Báo cáo vượt cấp or điểm nóng' })
export class SnapshotEscalation {
  @Field(() => EscalationLevelEnum)
  level!: EscalationLevel;

  @Field(() => String)
  levelLabel!: string;

  @Field(() => String)
  reason!: string;

  @Field(() => SeverityEnum)
  previousSeverity!: Severity;

  @Field(() => SeverityEnum)
  severity!: Severity;

  @Field(() => DateTimeResolver)
  escalatedAt!: Date;
}

@ObjectType({ description: 'A reopening, with the closure it undid' })
export class SnapshotReopening {
  @Field(() => String)
  reason!: string;

  @Field(() => DateTimeResolver)
  reopenedAt!: Date;

  @Field(() => DateTimeResolver, { nullable: true })
  closedAt!: Date | null;

  @Field(() => String, { nullable: true })
  resolution!: string | null;
}

@ObjectType({ description: 'Trạng thái vụ việc at one point of its history, folded from its events by the domain’s own rules' })
export class IssueSnapshot {
  @Field(() => ID)
  id!: string;

  @Field(() => IssueStatusEnum)
  status!: IssueStatus;

  @Field(() => String)
  statusLabel!: string;

  @Field(() => SeverityEnum)
  severity!: Severity;

  @Field(() => String)
  severityLabel!: string;

  @Field(() => [Labelled], { description: 'Lĩnh vực' })
  sectors!: Labelled[];

  @Field(() => Locality)
  locality!: Locality;

  @Field(() => Int)
  reportCount!: number;

  @Field(() => [SnapshotReport])
  reports!: SnapshotReport[];

  @Field(() => [SnapshotVerification])
  verifications!: SnapshotVerification[];

  @Field(() => [SnapshotReferral], { description: 'In the order they were made' })
  referrals!: SnapshotReferral[];

  @Field(() => [SnapshotFeedback])
  feedback!: SnapshotFeedback[];

  @Field(() => [SnapshotGuidance])
  guidance!: SnapshotGuidance[];

  @Field(() => [SnapshotEscalation])
  escalations!: SnapshotEscalation[];

  @Field(() => [SnapshotReopening])
  reopenings!: SnapshotReopening[];

  @Field(() => DateTimeResolver, { nullable: true })
  openedAt!: Date | null;

  @Field(() => DateTimeResolver, { nullable: true })
  updatedAt!: Date | null;

  @Field(() => DateTimeResolver, { nullable: true, description: 'Set while closed' })
  closedAt!: Date | null;

  @Field(() => String, { nullable: true })
  resolution!: string | null;

  @Field(() => ID, { nullable: true })
  mergedInto!: string | null;

  @Field(() => DateTimeResolver, { nullable: true })
  mergedAt!: Date | null;

  @Field(() => Int, { description: 'Events folded into this state' })
  eventCount!: number;

  @Field(() => String, { description: 'Global log position of the last event folded (a bigint, as text)' })
  position!: string;

  @Field(() => String, { description: 'Stream revision of the last event folded, from 0 (a bigint, as text)' })
  revision!: string;
}

@ObjectType({ description: 'One event of an issue’s history, with the issue’s state right after it' })
export class IssueHistoryEntry {
  @Field(() => String, { description: 'Global log position (a bigint, as text)' })
  position!: string;

  @Field(() => String, { description: 'Revision within the issue’s stream, from 0 (a bigint, as text)' })
  revision!: string;

  @Field(() => ID)
  eventId!: string;

  @Field(() => String, { description: "PascalCase past tense, e.g. 'ReportSubmitted'" })
  type!: string;

  @Field(() => Int, { description: 'Schema version of `data` as served (the current one: older events are upcast on read)' })
  schemaVersion!: number;

  @Field(() => Int, { nullable: true, description: 'The version the event was stored with, when it was upcast; null otherwise' })
  storedSchemaVersion!: number | null;

  @Field(() => DateTimeResolver, { nullable: true, description: 'When it happened (the command’s time, from the metadata)' })
  occurredAt!: Date | null;

  @Field(() => DateTimeResolver, { description: 'When the log stored it' })
  recordedAt!: Date;

  @Field(() => ReporterIdentity, { nullable: true, description: 'Who did it: the id for officers, a stable pseudonym for auditors (reporter-identity rules)' })
  actor!: ReporterIdentity | null;

  @Field(() => String, { nullable: true, description: "The command that produced it, e.g. 'VerifyReport'" })
  commandType!: string | null;

  @Field(() => String, { nullable: true })
  correlationId!: string | null;

  @Field(() => String, { nullable: true })
  causationId!: string | null;

  @Field(() => JSONObjectResolver, { description: 'The event’s metadata, with the people it names shown as your role allows' })
  metadata!: Record<string, unknown>;

  @Field(() => JSONObjectResolver, { description: 'The event’s own fields, with the people it names shown as your role allows' })
  data!: Record<string, unknown>;

  @Field(() => IssueSnapshot, { description: 'The issue right after this event' })
  state!: IssueSnapshot;
}

// ---------------------------------------------------------------------------------------------------------
// From the domain state

const date = (iso: string): Date => new Date(iso);
const optionalDate = (iso: string | null): Date | null => (iso === null ? null : new Date(iso));
const label = (labels: Readonly<Record<string, string>>, code: string): string => labels[code] ?? code;

/** A person the state names, through the one reporter-protection rule. */
function personAs(viewer: ReporterViewer, id: string, role: string | null = null): ReporterIdentity | null {
  return reporterIdentity(viewer, { reporter_id: id, reporter_role: role });
}

function toSnapshotReport(report: IssueReport, catalogue: LocalityCatalogue, viewer: ReporterViewer): SnapshotReport {
  return {
    id: report.reportId,
    kind: report.kind,
    kindLabel: label(REPORT_KIND_LABELS, report.kind),
    channel: report.channel,
    channelLabel: label(CHANNEL_LABELS, report.channel),
    locality: toLocality(catalogue, report.localityCode),
    sectors: report.sectors.map((sector) => labelledValue(SECTOR_LABELS, sector)),
    title: report.title,
    summary: report.summary,
    peopleConcerned: report.peopleConcerned,
    tendency: report.tendency,
    tendencyLabel: label(TENDENCY_LABELS, report.tendency),
    intensity: report.intensity,
    intensityLabel: label(INTENSITY_LABELS, report.intensity),
    sources: report.sources.map(({ url, outlet }) => ({ url, outlet })),
    sensitive: report.sensitive,
    observedAt: date(report.observedAt),
    submittedAt: date(report.submittedAt),
    addedAt: date(report.addedAt),
    mergedFromIssueId: report.mergedFromIssueId,
    reporter: personAs(viewer, report.reporterId, report.reporterRole),
  };
}

function toSnapshotVerification(verification: Verification, viewer: ReporterViewer): SnapshotVerification {
  return {
    reportId: verification.reportId,
    outcome: verification.outcome,
    outcomeLabel: label(VERIFICATION_OUTCOME_LABELS, verification.outcome),
    method: verification.method,
    evidence: verification.evidence,
    verifier: personAs(viewer, verification.verifierId),
    verifiedAt: date(verification.verifiedAt),
  };
}

function toSnapshotReferral(referral: Referral): SnapshotReferral {
  return {
    id: referral.referralId,
    agency: { id: referral.agencyId, name: referral.agencyName },
    status: referral.status,
    statusLabel: label(REFERRAL_STATUS_LABELS, referral.status),
    note: referral.note,
    referredAt: date(referral.referredAt),
    deadline: date(referral.deadline),
    acknowledgedAt: optionalDate(referral.acknowledgedAt),
    respondedAt: optionalDate(referral.respondedAt),
    result: referral.result,
    resolved: referral.resolved,
    onTime: referral.onTime,
    declinedAt: optionalDate(referral.declinedAt),
    declineReason: referral.declineReason,
    suggestedAgencyId: referral.suggestedAgencyId,
  };
}

/** Where the snapshot stands in the log: its last folded event. */
export interface SnapshotPoint {
  position: bigint;
  revision: bigint;
}

/** The GraphQL shape of a folded state (of an issue that exists: eventCount > 0). */
export function toIssueSnapshot(state: IssueState, at: SnapshotPoint, catalogue: LocalityCatalogue, viewer: ReporterViewer): IssueSnapshot {
  if (state.issueId === null) throw new Error('a snapshot needs an issue that exists');
  return {
    id: state.issueId,
    status: state.status,
    statusLabel: label(ISSUE_STATUS_LABELS, state.status),
    severity: state.severity,
    severityLabel: label(SEVERITY_LABELS, state.severity),
    sectors: state.sectors.map((sector) => labelledValue(SECTOR_LABELS, sector)),
    locality: toLocality(catalogue, state.localityCode),
    reportCount: state.reports.length,
    reports: state.reports.map((report) => toSnapshotReport(report, catalogue, viewer)),
    verifications: state.verifications.map((verification) => toSnapshotVerification(verification, viewer)),
    referrals: Object.values(state.referrals)
      .map(toSnapshotReferral)
      .sort((a, b) => a.referredAt.getTime() - b.referredAt.getTime()),
    feedback: state.feedback.map((feedback) => ({
      id: feedback.feedbackId,
      reportId: feedback.reportId,
      recipients: feedback.recipientIds.flatMap((id) => personAs(viewer, id) ?? []),
      content: feedback.content,
      channel: feedback.channel,
      deliveredAt: date(feedback.deliveredAt),
    })),
    guidance: state.guidance.map((guidance) => ({
      id: guidance.guidanceId,
      kind: guidance.kind,
      kindLabel: label(GUIDANCE_KIND_LABELS, guidance.kind),
      content: guidance.content,
      issuedAt: date(guidance.issuedAt),
    })),
    escalations: state.escalations.map((escalation) => ({
      level: escalation.level,
      levelLabel: label(ESCALATION_LEVEL_LABELS, escalation.level),
      reason: escalation.reason,
      previousSeverity: escalation.previousSeverity,
      severity: escalation.severity,
      escalatedAt: date(escalation.escalatedAt),
    })),
    reopenings: state.reopenings.map((reopening) => ({
      reason: reopening.reason,
      reopenedAt: date(reopening.reopenedAt),
      closedAt: optionalDate(reopening.closedAt),
      resolution: reopening.resolution,
    })),
    openedAt: optionalDate(state.openedAt),
    updatedAt: optionalDate(state.updatedAt),
    closedAt: optionalDate(state.closedAt),
    resolution: state.resolution,
    mergedInto: state.mergedInto,
    mergedAt: optionalDate(state.mergedAt),
    eventCount: state.eventCount,
    position: at.position.toString(),
    revision: at.revision.toString(),
  };
}
