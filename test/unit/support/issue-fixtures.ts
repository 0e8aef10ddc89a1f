/** Commands and events for issue specs: valid by default, overridable field by field. */
import type { ReportInput } from '../../../domain/issue/commands';
import type { Classification, IssueEvent, Report } from '../../../domain/issue/events';
import type { EscalationLevel, GuidanceKind, IssueStatus, Severity, VerificationOutcome } from '../../../domain/vocabulary';

export const ISSUE_ID = 'issue-1';
/** The time of the command under test (DEFAULT_CONTEXT.now). */
export const NOW = '2026-07-10T01:00:00.000Z';
/** The time of events in a history. */
export const EARLIER = '2026-07-05T02:00:00.000Z';
export const DEADLINE = '2026-07-20T10:00:00.000Z';

export function reportInput(overrides: Partial<ReportInput> = {}): ReportInput {
  return {
    reportId: 'report-1',
    kind: 'QUICK',
    channel: 'ZALO_GROUP',
    localityCode: '24781',
    provinceCode: '68',
    sectors: ['COMPENSATION_SITE_CLEARANCE', 'PLANNING_LAND'],
    title: 'Người dân phản ánh chậm chi trả tiền bồi thường',
    summary: 'Nhiều hộ dân phường Xuân Hương - Đà Lạt bức xúc vì chưa nhận tiền bồi thường sau 6 tháng.',
    peopleConcerned: 40,
    tendency: 'NEGATIVE',
    intensity: 'HIGH',
    sources: [{ url: 'https://baolamdong.vn/boi-thuong', outlet: 'Báo Lâm Đồng' }],
    sensitive: false,
    observedAt: '2026-07-08T02:30:00.000Z',
    reporterId: 'ctv-17',
    reporterRole: 'COLLABORATOR',
    ...overrides,
  };
}

/** The report as events carry it, for an input as `reportInput` gives (already normalised). */
export function report(overrides: Partial<Report> = {}, submittedAt = EARLIER): Report {
  const input = reportInput();
  return {
    reportId: input.reportId,
    kind: input.kind,
    channel: input.channel,
    localityCode: input.localityCode,
    provinceCode: input.provinceCode,
    sectors: input.sectors,
    title: input.title,
    summary: input.summary,
    peopleConcerned: 40,
    tendency: input.tendency,
    intensity: input.intensity,
    sources: [{ url: 'https://baolamdong.vn/boi-thuong', outlet: 'Báo Lâm Đồng' }],
    sensitive: false,
    observedAt: input.observedAt,
    submittedAt,
    reporterId: input.reporterId,
    reporterRole: 'COLLABORATOR',
    ...overrides,
  };
}

export const initialClassification: Classification = {
  sectors: ['COMPENSATION_SITE_CLEARANCE', 'PLANNING_LAND'],
  localityCode: '24781',
  provinceCode: '68',
  severity: 'NORMAL',
};

// Events of a history, as the decider would have written them.

export function submitted(overrides: Partial<Report> = {}): IssueEvent {
  const submittedReport = report(overrides);
  const classification: Classification = {
    sectors: submittedReport.sectors,
    localityCode: submittedReport.localityCode,
    provinceCode: submittedReport.provinceCode,
    severity: 'NORMAL',
  };
  return { type: 'ReportSubmitted', data: { issueId: ISSUE_ID, report: submittedReport, classification, status: 'RECEIVED' } };
}

export function attached(overrides: Partial<Report> = {}, mergedFromIssueId: string | null = null): IssueEvent {
  return {
    type: 'ReportAttached',
    data: { issueId: ISSUE_ID, report: report({ reportId: 'report-2', ...overrides }), mergedFromIssueId, attachedAt: EARLIER },
  };
}

export function classified(classification: Partial<Classification>, previousSeverity: Severity = 'NORMAL'): IssueEvent {
  return {
    type: 'IssueClassified',
    data: { issueId: ISSUE_ID, classification: { ...initialClassification, ...classification }, previousSeverity, classifiedAt: EARLIER },
  };
}

export function verified(outcome: VerificationOutcome, reportId = 'report-1'): IssueEvent {
  const status: IssueStatus = outcome === 'CONFIRMED' || outcome === 'PARTLY_CONFIRMED' ? 'VERIFIED' : 'RECEIVED';
  return {
    type: 'ReportVerified',
    data: {
      issueId: ISSUE_ID,
      reportId,
      outcome,
      method: 'Làm việc với UBND phường',
      evidence: 'Biên bản làm việc ngày 06/7/2026',
      verifierId: 'officer-2',
      verifiedAt: EARLIER,
      status,
    },
  };
}

export function referred(referralId = 'referral-1', agencyId = 'so-tai-nguyen-moi-truong'): IssueEvent {
  return {
    type: 'IssueReferred',
    data: {
      issueId: ISSUE_ID,
      referralId,
      agencyId,
      agencyName: null,
      deadline: DEADLINE,
      note: null,
      referredAt: EARLIER,
      status: 'REFERRED',
    },
  };
}

export function acknowledged(referralId = 'referral-1', agencyId = 'so-tai-nguyen-moi-truong'): IssueEvent {
  return {
    type: 'ReferralAcknowledged',
    data: { issueId: ISSUE_ID, referralId, agencyId, deadline: DEADLINE, acknowledgedAt: EARLIER },
  };
}

export function declined(referralId = 'referral-1', agencyId = 'so-tai-nguyen-moi-truong', status: IssueStatus = 'VERIFIED'): IssueEvent {
  return {
    type: 'ReferralDeclined',
    data: { issueId: ISSUE_ID, referralId, agencyId, reason: 'Không thuộc thẩm quyền', suggestedAgencyId: null, declinedAt: EARLIER, status },
  };
}

export function responded(referralId = 'referral-1', agencyId = 'so-tai-nguyen-moi-truong', status: IssueStatus = 'RESPONDED'): IssueEvent {
  return {
    type: 'ReferralResponded',
    data: {
      issueId: ISSUE_ID,
      referralId,
      agencyId,
      result: 'Đã chi trả đủ tiền bồi thường',
      resolved: true,
      deadline: DEADLINE,
      respondedAt: EARLIER,
      onTime: true,
      status,
    },
  };
}

export function feedbackDelivered(feedbackId = 'feedback-1'): IssueEvent {
  return {
    type: 'FeedbackDelivered',
    data: { issueId: ISSUE_ID, feedbackId, reportId: null, recipientIds: ['ctv-17'], content: 'Kết quả giải quyết', channel: null, deliveredAt: EARLIER },
  };
}

export function guidanceIssued(guidanceId = 'guidance-1', kind: GuidanceKind = 'ORIENTATION'): IssueEvent {
  return { type: 'GuidanceIssued', data: { issueId: ISSUE_ID, guidanceId, kind, content: 'Thông tin chính thức', issuedAt: EARLIER } };
}

export function escalated(level: EscalationLevel, previousSeverity: Severity, severity: Severity): IssueEvent {
  return { type: 'IssueEscalated', data: { issueId: ISSUE_ID, level, reason: 'Đông người tập trung', previousSeverity, severity, escalatedAt: EARLIER } };
}

export function merged(intoIssueId = 'issue-2', reports: Report[] = [report()]): IssueEvent {
  return {
    type: 'IssueMerged',
    data: {
      issueId: ISSUE_ID,
      intoIssueId,
      reason: null,
      reportIds: reports.map((r) => r.reportId),
      reports,
      mergedAt: EARLIER,
      status: 'MERGED',
    },
  };
}

export function closed(resolution = 'Đã giải quyết dứt điểm'): IssueEvent {
  return { type: 'IssueClosed', data: { issueId: ISSUE_ID, resolution, closedAt: EARLIER, status: 'CLOSED' } };
}

export function reopened(status: IssueStatus): IssueEvent {
  return { type: 'IssueReopened', data: { issueId: ISSUE_ID, reason: 'Phát sinh khiếu nại mới', reopenedAt: EARLIER, status } };
}
