/**
 * The issue aggregate's decisions: the "Receive – Process – Respond" lifecycle rules.
 *
 * Order of checks for every command: the stream's existence and terminal states (NotFoundError,
 * ISSUE_MERGED, ISSUE_CLOSED), then the command's fields (ValidationError with a field path), then the
 * lifecycle rules (IllegalStateError with a rule name from ISSUE_RULES). Authorization (who may do what,
 * and which agency may touch which referral) and the existence of localities are checked by the service.
 */
import type { CommandContext, Decider } from '../decider';
import { IllegalStateError, NotFoundError, ValidationError } from '../errors';
import {
  CHANNELS,
  ESCALATION_LEVELS,
  GUIDANCE_KINDS,
  INTENSITIES,
  maxSeverity,
  REPORT_KINDS,
  ROLES,
  SECTORS,
  Sector,
  SEVERITIES,
  TENDENCIES,
  VERIFICATION_OUTCOMES,
} from '../vocabulary';
import {
  contextInstant,
  FieldPath,
  optionalId,
  optionalNonNegativeInteger,
  optionalOneOf,
  optionalText,
  parseInstant,
  requireBoolean,
  requireHttpUrl,
  requireId,
  requireInstant,
  requireLocality,
  requireObject,
  requireOneOf,
  requireText,
} from '../validation';
import { ISSUE_COMMAND_TYPES } from './commands';
import type {
  AcknowledgeReferral,
  AttachReport,
  ClassifyIssue,
  CloseIssue,
  DeclineReferral,
  DeliverFeedback,
  EscalateIssue,
  IssueCommand,
  IssueGuidance,
  MergeIssues,
  ReferIssue,
  ReopenIssue,
  ReportInput,
  RespondToReferral,
  SubmitReport,
  VerifyReport,
} from './commands';
import type { Classification, IssueEvent, Report, ReportSource } from './events';
import {
  evolveIssue,
  findReferral,
  initialIssueState,
  IssueReport,
  IssueState,
  isConfirming,
  isOpenReferral,
  progressStatus,
  Referral,
} from './state';

/** Every lifecycle rule, by the name IllegalStateError carries. Each has a rejecting spec in the unit tests. */
export const ISSUE_RULES = [
  {
    rule: 'ISSUE_ALREADY_EXISTS',
    description: 'Every new report opens a new issue: SubmitReport needs a stream that does not exist.',
  },
  {
    rule: 'ISSUE_MERGED',
    description: 'A merged issue takes no further commands; its reports live on in the target issue.',
  },
  { rule: 'ISSUE_CLOSED', description: 'A closed issue takes no commands except ReopenIssue.' },
  { rule: 'ISSUE_NOT_CLOSED', description: 'Only a closed issue can be reopened.' },
  { rule: 'REPORT_ALREADY_ON_ISSUE', description: 'A report is recorded on an issue at most once.' },
  {
    rule: 'CLASSIFICATION_UNCHANGED',
    description: 'A classification must change the sectors, the locality or the severity.',
  },
  {
    rule: 'REFER_REQUIRES_CONFIRMED_VERIFICATION',
    description: 'An issue is referred only after a report on it was verified as confirmed or partly confirmed.',
  },
  { rule: 'REFERRAL_ALREADY_EXISTS', description: 'Referral ids are unique within an issue.' },
  {
    rule: 'AGENCY_HAS_OPEN_REFERRAL',
    description: 'An agency has at most one open (referred or acknowledged) referral per issue.',
  },
  { rule: 'REFERRAL_ALREADY_ACKNOWLEDGED', description: 'A referral is acknowledged once.' },
  {
    rule: 'REFERRAL_NOT_OPEN',
    description: 'A declined or answered referral takes no further acknowledgement, decline or response.',
  },
  {
    rule: 'RESPOND_REQUIRES_ACKNOWLEDGEMENT',
    description: 'An agency cannot respond before it acknowledges the referral.',
  },
  {
    rule: 'FEEDBACK_REQUIRES_OUTCOME',
    description:
      'Feedback needs something to feed back: an answered referral, or a verification found unfounded or unverifiable.',
  },
  { rule: 'FEEDBACK_ALREADY_EXISTS', description: 'Feedback ids are unique within an issue.' },
  { rule: 'GUIDANCE_ALREADY_EXISTS', description: 'Guidance ids are unique within an issue.' },
  {
    rule: 'REBUTTAL_REQUIRES_FALSE_INFORMATION',
    description: 'A rebuttal needs a verification that found the information unfounded or only partly confirmed.',
  },
  {
    rule: 'ESCALATION_ALREADY_HOTSPOT',
    description: 'An issue that is already a hot spot cannot be escalated to a hot spot again.',
  },
  {
    rule: 'MERGE_WITH_OPEN_REFERRALS',
    description: 'An issue with open referrals cannot be merged: they would be orphaned.',
  },
  { rule: 'CLOSE_WITH_OPEN_REFERRALS', description: 'An issue cannot be closed while a referral is still open.' },
] as const;
export type IssueRule = (typeof ISSUE_RULES)[number]['rule'];

const TITLE_MAX = 300;
const LONG_TEXT_MAX = 10_000;
const SHORT_TEXT_MAX = 2_000;
const NAME_MAX = 300;
const MAX_SOURCES = 20;

function violated(rule: IssueRule, message: string): IllegalStateError {
  return new IllegalStateError(rule, message);
}

// ---------------------------------------------------------------------------------------------------------
// Field validation

function validateSectors(value: unknown, path: FieldPath): Sector[] {
  if (!Array.isArray(value) || value.length === 0) throw ValidationError.field(path, 'must list at least one sector');
  const sectors = value.map((sector, index) => requireOneOf(SECTORS, sector, [...path, index]));
  sectors.forEach((sector, index) => {
    if (sectors.indexOf(sector) !== index) throw ValidationError.field([...path, index], 'is listed twice');
  });
  return sectors;
}

function validateSources(value: unknown, path: FieldPath): ReportSource[] {
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value)) throw ValidationError.field(path, 'must be a list');
  if (value.length > MAX_SOURCES) throw ValidationError.field(path, `must have at most ${MAX_SOURCES} sources`);
  return value.map((item, index) => {
    const source = requireObject(item, [...path, index]);
    const url = source.url === undefined || source.url === null ? null : requireHttpUrl(source.url, [...path, index, 'url']);
    const outlet = optionalText(source.outlet, [...path, index, 'outlet'], NAME_MAX);
    if (url === null && outlet === null) throw ValidationError.field([...path, index], 'needs a url or an outlet');
    return { url, outlet };
  });
}

/** A report's fields as they arrive, before validation. */
type UncheckedReport = { [Field in keyof ReportInput | 'submittedAt']?: unknown };

/** A report's fields (all but submittedAt) under `path`; `at` is the command's time. */
function validateReport(input: UncheckedReport, path: FieldPath, at: string): Omit<Report, 'submittedAt'> {
  const observedAt = requireInstant(input.observedAt, [...path, 'observedAt']);
  if (observedAt > at) throw ValidationError.field([...path, 'observedAt'], 'must not be in the future');
  return {
    reportId: requireId(input.reportId, [...path, 'reportId']),
    kind: requireOneOf(REPORT_KINDS, input.kind, [...path, 'kind']),
    channel: requireOneOf(CHANNELS, input.channel, [...path, 'channel']),
    ...requireLocality(input.localityCode, input.provinceCode, [...path, 'localityCode']),
    sectors: validateSectors(input.sectors, [...path, 'sectors']),
    title: requireText(input.title, [...path, 'title'], TITLE_MAX),
    summary: requireText(input.summary, [...path, 'summary'], LONG_TEXT_MAX),
    peopleConcerned: optionalNonNegativeInteger(input.peopleConcerned, [...path, 'peopleConcerned']),
    tendency: requireOneOf(TENDENCIES, input.tendency, [...path, 'tendency']),
    intensity: requireOneOf(INTENSITIES, input.intensity, [...path, 'intensity']),
    sources: validateSources(input.sources, [...path, 'sources']),
    sensitive: requireBoolean(input.sensitive, [...path, 'sensitive']),
    observedAt,
    reporterId: requireId(input.reporterId, [...path, 'reporterId']),
    reporterRole: optionalOneOf(ROLES, input.reporterRole, [...path, 'reporterRole']),
  };
}

// ---------------------------------------------------------------------------------------------------------
// Guards

/** Any command but SubmitReport needs the issue to exist, not be merged and (except reopening) not be closed. */
function guardExistingIssue(command: IssueCommand, state: IssueState): void {
  if (state.eventCount === 0) throw new NotFoundError(`issue ${command.issueId} not found`);
  if (state.issueId !== command.issueId) {
    // The service loaded the wrong stream: a programming error, not a user's.
    throw new Error(`command for issue ${command.issueId} decided on the state of issue ${state.issueId}`);
  }
  if (state.status === 'MERGED') {
    throw violated('ISSUE_MERGED', `issue ${command.issueId} was merged into issue ${state.mergedInto}`);
  }
  if (state.status === 'CLOSED' && command.type !== 'ReopenIssue') {
    throw violated('ISSUE_CLOSED', `issue ${command.issueId} is closed; reopen it first`);
  }
}

function requireReport(state: IssueState, reportId: string): IssueReport {
  const report = state.reports.find((candidate) => candidate.reportId === reportId);
  if (report === undefined) throw new NotFoundError(`report ${reportId} is not on issue ${state.issueId}`);
  return report;
}

function requireReferral(state: IssueState, referralId: string): Referral {
  const referral = findReferral(state, referralId);
  if (referral === undefined) throw new NotFoundError(`referral ${referralId} not found on issue ${state.issueId}`);
  return referral;
}

function requireOpenReferral(referral: Referral): void {
  if (!isOpenReferral(referral)) {
    throw violated('REFERRAL_NOT_OPEN', `referral ${referral.referralId} is ${referral.status.toLowerCase()}`);
  }
}

/** The report as carried by events, without the issue-specific bookkeeping. */
function reportSnapshot({ addedAt: _addedAt, mergedFromIssueId: _from, ...report }: IssueReport): Report {
  return report;
}

// ---------------------------------------------------------------------------------------------------------
// Command handlers

function submitReport(command: SubmitReport, state: IssueState, at: string): IssueEvent[] {
  if (state.eventCount > 0) {
    throw violated('ISSUE_ALREADY_EXISTS', `issue ${command.issueId} already exists; a new report opens a new issue`);
  }
  const report: Report = { ...validateReport(command, [], at), submittedAt: at };
  const classification: Classification = {
    sectors: report.sectors,
    localityCode: report.localityCode,
    provinceCode: report.provinceCode,
    severity: 'NORMAL',
  };
  return [{ type: 'ReportSubmitted', data: { issueId: command.issueId, report, classification, status: 'RECEIVED' } }];
}

function attachReport(command: AttachReport, state: IssueState, at: string): IssueEvent[] {
  const input: UncheckedReport = requireObject(command.report, ['report']);
  const fields = validateReport(input, ['report'], at);
  const mergedFromIssueId = optionalId(command.mergedFromIssueId, ['mergedFromIssueId']);
  if (mergedFromIssueId === command.issueId) {
    throw ValidationError.field(['mergedFromIssueId'], 'must name another issue');
  }
  let submittedAt = at;
  if (input.submittedAt !== undefined && input.submittedAt !== null) {
    // Only a merge keeps the original submission time; a report attached directly is submitted now.
    if (mergedFromIssueId === null) {
      throw ValidationError.field(['report', 'submittedAt'], 'may be given only when a merge moves the report');
    }
    submittedAt = requireInstant(input.submittedAt, ['report', 'submittedAt']);
    if (submittedAt > at) throw ValidationError.field(['report', 'submittedAt'], 'must not be in the future');
  }
  if (state.reports.some((report) => report.reportId === fields.reportId)) {
    throw violated('REPORT_ALREADY_ON_ISSUE', `report ${fields.reportId} is already on issue ${command.issueId}`);
  }
  const report: Report = { ...fields, submittedAt };
  return [{ type: 'ReportAttached', data: { issueId: command.issueId, report, mergedFromIssueId, attachedAt: at } }];
}

function classifyIssue(command: ClassifyIssue, state: IssueState, at: string): IssueEvent[] {
  const { sectors, localityCode, provinceCode, severity } = command;
  if (sectors === undefined && localityCode === undefined && severity === undefined) {
    throw new ValidationError('give at least one of sectors, localityCode or severity', [
      { path: [], message: 'give at least one of sectors, localityCode or severity' },
    ]);
  }
  // The province travels with its locality: it is given with a new locality and never alone.
  if (localityCode === undefined && provinceCode !== undefined) {
    throw ValidationError.field(['provinceCode'], 'may be given only with localityCode');
  }
  const locality =
    localityCode === undefined
      ? { localityCode: state.localityCode, provinceCode: state.provinceCode }
      : requireLocality(localityCode, provinceCode, ['localityCode']);
  // Officers may also lower the severity here (e.g. once a matter has cooled down); escalation never lowers it.
  const classification: Classification = {
    sectors: sectors === undefined ? state.sectors : validateSectors(sectors, ['sectors']),
    ...locality,
    severity: severity === undefined ? state.severity : requireOneOf(SEVERITIES, severity, ['severity']),
  };
  const unchanged =
    classification.sectors.join() === state.sectors.join() &&
    classification.localityCode === state.localityCode &&
    classification.provinceCode === state.provinceCode &&
    classification.severity === state.severity;
  if (unchanged) throw violated('CLASSIFICATION_UNCHANGED', 'the classification is already so');
  return [
    {
      type: 'IssueClassified',
      data: { issueId: command.issueId, classification, previousSeverity: state.severity, classifiedAt: at },
    },
  ];
}

function verifyReport(command: VerifyReport, state: IssueState, at: string): IssueEvent[] {
  const reportId = requireId(command.reportId, ['reportId']);
  const verification = {
    reportId,
    outcome: requireOneOf(VERIFICATION_OUTCOMES, command.outcome, ['outcome']),
    method: requireText(command.method, ['method'], SHORT_TEXT_MAX),
    evidence: requireText(command.evidence, ['evidence'], LONG_TEXT_MAX),
    verifierId: requireId(command.verifierId, ['verifierId']),
    verifiedAt: at,
  };
  requireReport(state, reportId);
  const status = progressStatus({ ...state, verifications: [...state.verifications, verification] });
  return [{ type: 'ReportVerified', data: { issueId: command.issueId, ...verification, status } }];
}

function referIssue(command: ReferIssue, state: IssueState, at: string): IssueEvent[] {
  const referralId = requireId(command.referralId, ['referralId']);
  const agencyId = requireId(command.agencyId, ['agencyId']);
  const agencyName = optionalText(command.agencyName, ['agencyName'], NAME_MAX);
  const deadline = requireInstant(command.deadline, ['deadline']);
  if (deadline <= at) throw ValidationError.field(['deadline'], 'must be in the future');
  const note = optionalText(command.note, ['note'], SHORT_TEXT_MAX);

  if (findReferral(state, referralId) !== undefined) {
    throw violated('REFERRAL_ALREADY_EXISTS', `referral ${referralId} already exists on issue ${command.issueId}`);
  }
  // Information must not be acted on before it is verified (DOMAIN: verification before referral).
  if (!state.verifications.some(isConfirming)) {
    throw violated(
      'REFER_REQUIRES_CONFIRMED_VERIFICATION',
      'refer an issue only after a report on it was verified as confirmed or partly confirmed',
    );
  }
  const open = Object.values(state.referrals).find((referral) => referral.agencyId === agencyId && isOpenReferral(referral));
  if (open !== undefined) {
    throw violated('AGENCY_HAS_OPEN_REFERRAL', `agency ${agencyId} already has open referral ${open.referralId}`);
  }
  return [
    {
      type: 'IssueReferred',
      data: { issueId: command.issueId, referralId, agencyId, agencyName, deadline, note, referredAt: at, status: 'REFERRED' },
    },
  ];
}

function acknowledgeReferral(command: AcknowledgeReferral, state: IssueState, at: string): IssueEvent[] {
  const referral = requireReferral(state, requireId(command.referralId, ['referralId']));
  if (referral.status === 'ACKNOWLEDGED') {
    throw violated('REFERRAL_ALREADY_ACKNOWLEDGED', `referral ${referral.referralId} was already acknowledged`);
  }
  requireOpenReferral(referral);
  const { referralId, agencyId, deadline } = referral;
  return [{ type: 'ReferralAcknowledged', data: { issueId: command.issueId, referralId, agencyId, deadline, acknowledgedAt: at } }];
}

function declineReferral(command: DeclineReferral, state: IssueState, at: string): IssueEvent[] {
  const referral = requireReferral(state, requireId(command.referralId, ['referralId']));
  const reason = requireText(command.reason, ['reason'], SHORT_TEXT_MAX);
  const suggestedAgencyId = optionalId(command.suggestedAgencyId, ['suggestedAgencyId']);
  if (suggestedAgencyId === referral.agencyId) {
    throw ValidationError.field(['suggestedAgencyId'], 'must name another agency');
  }
  requireOpenReferral(referral);
  const { referralId, agencyId } = referral;
  const referrals = { ...state.referrals, [referralId]: { ...referral, status: 'DECLINED' as const } };
  return [
    {
      type: 'ReferralDeclined',
      data: {
        issueId: command.issueId,
        referralId,
        agencyId,
        reason,
        suggestedAgencyId,
        declinedAt: at,
        status: progressStatus({ ...state, referrals }),
      },
    },
  ];
}

function respondToReferral(command: RespondToReferral, state: IssueState, at: string): IssueEvent[] {
  const referral = requireReferral(state, requireId(command.referralId, ['referralId']));
  const result = requireText(command.result, ['result'], LONG_TEXT_MAX);
  const resolved = command.resolved === undefined ? true : requireBoolean(command.resolved, ['resolved']);
  // DOMAIN: the agency acknowledges (tiếp nhận), then responds (báo cáo kết quả giải quyết).
  if (referral.status === 'REFERRED') {
    throw violated('RESPOND_REQUIRES_ACKNOWLEDGEMENT', `referral ${referral.referralId} must be acknowledged before a response`);
  }
  requireOpenReferral(referral);
  const { referralId, agencyId, deadline } = referral;
  const referrals = { ...state.referrals, [referralId]: { ...referral, status: 'RESPONDED' as const } };
  return [
    {
      type: 'ReferralResponded',
      data: {
        issueId: command.issueId,
        referralId,
        agencyId,
        result,
        resolved,
        deadline,
        respondedAt: at,
        onTime: parseInstant(at) <= parseInstant(deadline),
        status: progressStatus({ ...state, referrals }),
      },
    },
  ];
}

function deliverFeedback(command: DeliverFeedback, state: IssueState, at: string): IssueEvent[] {
  const feedbackId = requireId(command.feedbackId, ['feedbackId']);
  const reportId = optionalId(command.reportId, ['reportId']);
  const content = requireText(command.content, ['content'], LONG_TEXT_MAX);
  const channel = optionalOneOf(CHANNELS, command.channel, ['channel']);
  const reports = reportId === null ? state.reports : [requireReport(state, reportId)];

  if (state.feedback.some((feedback) => feedback.feedbackId === feedbackId)) {
    throw violated('FEEDBACK_ALREADY_EXISTS', `feedback ${feedbackId} already exists on issue ${command.issueId}`);
  }
  const answered = Object.values(state.referrals).some((referral) => referral.status === 'RESPONDED');
  const settledByVerification = state.verifications.some(
    (verification) => verification.outcome === 'UNFOUNDED' || verification.outcome === 'UNVERIFIABLE',
  );
  if (!answered && !settledByVerification) {
    throw violated(
      'FEEDBACK_REQUIRES_OUTCOME',
      'nothing to feed back yet: no referral was answered and no verification found the report unfounded or unverifiable',
    );
  }
  const recipientIds = [...new Set(reports.map((report) => report.reporterId))];
  return [
    {
      type: 'FeedbackDelivered',
      data: { issueId: command.issueId, feedbackId, reportId, recipientIds, content, channel, deliveredAt: at },
    },
  ];
}

function issueGuidance(command: IssueGuidance, state: IssueState, at: string): IssueEvent[] {
  const guidanceId = requireId(command.guidanceId, ['guidanceId']);
  const kind = requireOneOf(GUIDANCE_KINDS, command.kind, ['kind']);
  const content = requireText(command.content, ['content'], LONG_TEXT_MAX);
  if (state.guidance.some((guidance) => guidance.guidanceId === guidanceId)) {
    throw violated('GUIDANCE_ALREADY_EXISTS', `guidance ${guidanceId} already exists on issue ${command.issueId}`);
  }
  // A rebuttal declares information false or distorted, which only a verification can establish.
  const falseInformationFound = state.verifications.some(
    (verification) => verification.outcome === 'UNFOUNDED' || verification.outcome === 'PARTLY_CONFIRMED',
  );
  if (kind === 'REBUTTAL' && !falseInformationFound) {
    throw violated(
      'REBUTTAL_REQUIRES_FALSE_INFORMATION',
      'a rebuttal needs a verification that found the information unfounded or only partly confirmed',
    );
  }
  return [{ type: 'GuidanceIssued', data: { issueId: command.issueId, guidanceId, kind, content, issuedAt: at } }];
}

/**
 * HOTSPOT marks the issue a hot spot (điểm nóng). QUICK_REPORT (báo cáo nhanh to leadership) raises the
 * severity to at least PRESSING (bức xúc), since a matter worth a quick report is at least that. Escalation
 * never lowers the severity; quick reports may be repeated as a matter develops.
 */
function escalateIssue(command: EscalateIssue, state: IssueState, at: string): IssueEvent[] {
  const level = requireOneOf(ESCALATION_LEVELS, command.level, ['level']);
  const reason = requireText(command.reason, ['reason'], SHORT_TEXT_MAX);
  if (level === 'HOTSPOT' && state.severity === 'HOTSPOT') {
    throw violated('ESCALATION_ALREADY_HOTSPOT', `issue ${command.issueId} is already a hot spot`);
  }
  const severity = level === 'HOTSPOT' ? 'HOTSPOT' : maxSeverity(state.severity, 'PRESSING');
  return [
    {
      type: 'IssueEscalated',
      data: { issueId: command.issueId, level, reason, previousSeverity: state.severity, severity, escalatedAt: at },
    },
  ];
}

/**
 * Decided on the source issue. The service first checks that the target exists and accepts reports, then
 * attaches each report carried by IssueMerged to it with AttachReport(mergedFromIssueId).
 */
function mergeIssues(command: MergeIssues, state: IssueState, at: string): IssueEvent[] {
  const intoIssueId = requireId(command.intoIssueId, ['intoIssueId']);
  if (intoIssueId === command.issueId) throw ValidationError.field(['intoIssueId'], 'must name another issue');
  const reason = optionalText(command.reason, ['reason'], SHORT_TEXT_MAX);
  if (Object.values(state.referrals).some(isOpenReferral)) {
    throw violated('MERGE_WITH_OPEN_REFERRALS', `issue ${command.issueId} has open referrals; settle them before merging`);
  }
  const reports = state.reports.map(reportSnapshot);
  return [
    {
      type: 'IssueMerged',
      data: {
        issueId: command.issueId,
        intoIssueId,
        reason,
        reportIds: reports.map((report) => report.reportId),
        reports,
        mergedAt: at,
        status: 'MERGED',
      },
    },
  ];
}

function closeIssue(command: CloseIssue, state: IssueState, at: string): IssueEvent[] {
  const resolution = requireText(command.resolution, ['resolution'], LONG_TEXT_MAX);
  const open = Object.values(state.referrals).filter(isOpenReferral);
  if (open.length > 0) {
    throw violated('CLOSE_WITH_OPEN_REFERRALS', `issue ${command.issueId} has ${open.length} open referral(s)`);
  }
  return [{ type: 'IssueClosed', data: { issueId: command.issueId, resolution, closedAt: at, status: 'CLOSED' } }];
}

function reopenIssue(command: ReopenIssue, state: IssueState, at: string): IssueEvent[] {
  const reason = requireText(command.reason, ['reason'], SHORT_TEXT_MAX);
  if (state.status !== 'CLOSED') throw violated('ISSUE_NOT_CLOSED', `issue ${command.issueId} is not closed`);
  // Reopening returns to the status the referrals and verifications imply.
  return [{ type: 'IssueReopened', data: { issueId: command.issueId, reason, reopenedAt: at, status: progressStatus(state) } }];
}

function unknownCommand(command: never): never {
  throw ValidationError.field(['type'], `unknown command type ${String((command as { type?: unknown }).type)}`);
}

function decideIssue(command: IssueCommand, state: IssueState, context: CommandContext): IssueEvent[] {
  requireObject(command, ['command']);
  if (!(ISSUE_COMMAND_TYPES as readonly unknown[]).includes(command.type)) unknownCommand(command as never);
  requireId(command.issueId, ['issueId']);
  const at = contextInstant(context.now);
  if (command.type !== 'SubmitReport') guardExistingIssue(command, state);

  switch (command.type) {
    case 'SubmitReport':
      return submitReport(command, state, at);
    case 'AttachReport':
      return attachReport(command, state, at);
    case 'ClassifyIssue':
      return classifyIssue(command, state, at);
    case 'VerifyReport':
      return verifyReport(command, state, at);
    case 'ReferIssue':
      return referIssue(command, state, at);
    case 'AcknowledgeReferral':
      return acknowledgeReferral(command, state, at);
    case 'DeclineReferral':
      return declineReferral(command, state, at);
    case 'RespondToReferral':
      return respondToReferral(command, state, at);
    case 'DeliverFeedback':
      return deliverFeedback(command, state, at);
    case 'IssueGuidance':
      return issueGuidance(command, state, at);
    case 'EscalateIssue':
      return escalateIssue(command, state, at);
    case 'MergeIssues':
      return mergeIssues(command, state, at);
    case 'CloseIssue':
      return closeIssue(command, state, at);
    case 'ReopenIssue':
      return reopenIssue(command, state, at);
    default:
      return unknownCommand(command);
  }
}

export const issueDecider: Decider<IssueCommand, IssueEvent, IssueState> = {
  decide: decideIssue,
  evolve: evolveIssue,
  initialState: initialIssueState,
  isInitial: (state) => state.eventCount === 0,
};
