/**
 * The `data` of each issue event, as JSON Schema: the published form of events.ts (and of upcasters.ts for earlier
 * versions). test/integration/schemas.test.ts validates events the decider produces against these, so the two
 * cannot drift apart unnoticed.
 */
import {
  CHANNELS,
  ESCALATION_LEVELS,
  GUIDANCE_KINDS,
  INTENSITIES,
  ISSUE_STATUSES,
  REPORT_KINDS,
  ROLES,
  SECTORS,
  SEVERITIES,
  TENDENCIES,
  VERIFICATION_OUTCOMES,
} from '../vocabulary';
import { arrayOf, boolean, EventDataSchema, id, instant, integer, JsonSchema, nullable, object, oneOf, ref, string } from '../json-schema';
import type { IssueEventType } from './events';

const localityCode = string({ pattern: '^\\d{2}(\\d{3})?$', description: 'A commune code (5 digits) or a province code (2 digits)' });
const provinceCode = string({ pattern: '^\\d{2}$', description: 'The province the locality belongs to' });
const sectors = arrayOf(oneOf(SECTORS), { minItems: 1, uniqueItems: true, description: 'Lĩnh vực' });
const status = oneOf(ISSUE_STATUSES, 'The issue status after this event');

/** The report's fields; v1 had no provinceCode. */
function reportSchema(version: 1 | 2): JsonSchema {
  return object(
    {
      reportId: id(),
      kind: oneOf(REPORT_KINDS),
      channel: oneOf(CHANNELS),
      localityCode,
      ...(version >= 2 ? { provinceCode } : {}),
      sectors,
      title: string({ minLength: 1 }),
      summary: string({ minLength: 1 }),
      peopleConcerned: nullable(integer({ minimum: 0 })),
      tendency: oneOf(TENDENCIES),
      intensity: oneOf(INTENSITIES),
      sources: arrayOf(object({ url: nullable(string()), outlet: nullable(string()) })),
      sensitive: boolean(),
      observedAt: instant('When the reporter observed the opinion'),
      submittedAt: instant('When the report reached the system'),
      reporterId: id('Protected: visible only to the Board’s officers; redacted in every other view of the event'),
      reporterRole: nullable(oneOf(ROLES)),
    },
    'Báo cáo, phản ánh',
  );
}

function classificationSchema(version: 1 | 2): JsonSchema {
  return object({ sectors, localityCode, ...(version >= 2 ? { provinceCode } : {}), severity: oneOf(SEVERITIES) });
}

const CURRENT_DEFS = { Report: reportSchema(2), Classification: classificationSchema(2) };

export const ISSUE_EVENT_SCHEMAS: readonly EventDataSchema<IssueEventType>[] = [
  {
    type: 'ReportSubmitted',
    version: 1,
    description: 'A new report opened this issue (v1: no provinceCode; read as v2 by the upcaster)',
    data: object({ issueId: id(), report: ref('Report'), classification: ref('Classification'), status }),
    $defs: { Report: reportSchema(1), Classification: classificationSchema(1) },
  },
  {
    type: 'ReportSubmitted',
    version: 2,
    description: 'A new report opened this issue; the issue starts with the report’s sectors and locality, severity NORMAL',
    data: object({ issueId: id(), report: ref('Report'), classification: ref('Classification'), status }),
    $defs: CURRENT_DEFS,
  },
  {
    type: 'ReportAttached',
    version: 1,
    description: 'A further report on an existing issue: recorded by an officer, or moved here from a merged issue',
    data: object({ issueId: id(), report: ref('Report'), mergedFromIssueId: nullable(id()), attachedAt: instant() }),
    $defs: { Report: CURRENT_DEFS.Report },
  },
  {
    type: 'IssueClassified',
    version: 1,
    description: 'The issue’s full classification (sectors, locality, severity) after the change',
    data: object({ issueId: id(), classification: ref('Classification'), previousSeverity: oneOf(SEVERITIES), classifiedAt: instant() }),
    $defs: { Classification: CURRENT_DEFS.Classification },
  },
  {
    type: 'ReportVerified',
    version: 1,
    description: 'Thẩm định: a report was verified with a method and evidence',
    data: object({
      issueId: id(),
      reportId: id(),
      outcome: oneOf(VERIFICATION_OUTCOMES),
      method: string({ minLength: 1 }),
      evidence: string({ minLength: 1 }),
      verifierId: id('The officer who verified'),
      verifiedAt: instant(),
      status,
    }),
  },
  {
    type: 'IssueReferred',
    version: 1,
    description: 'Chuyển cơ quan có thẩm quyền: the issue was referred to an agency with a deadline',
    data: object({
      issueId: id(),
      referralId: id(),
      agencyId: id(),
      agencyName: nullable(string()),
      deadline: instant('Hạn xử lý'),
      note: nullable(string()),
      referredAt: instant(),
      status,
    }),
  },
  {
    type: 'ReferralAcknowledged',
    version: 1,
    description: 'Tiếp nhận: the agency acknowledged the referral',
    data: object({ issueId: id(), referralId: id(), agencyId: id(), deadline: instant(), acknowledgedAt: instant() }),
  },
  {
    type: 'ReferralDeclined',
    version: 1,
    description: 'The agency declined the referral as outside its authority, saying why and, if it can, who should take it',
    data: object({
      issueId: id(),
      referralId: id(),
      agencyId: id(),
      reason: string({ minLength: 1 }),
      suggestedAgencyId: nullable(id()),
      declinedAt: instant(),
      status,
    }),
  },
  {
    type: 'ReferralResponded',
    version: 1,
    description: 'Báo cáo kết quả giải quyết: the agency reported the result; onTime compares it with the deadline',
    data: object({
      issueId: id(),
      referralId: id(),
      agencyId: id(),
      result: string({ minLength: 1 }),
      resolved: boolean(),
      deadline: instant(),
      respondedAt: instant(),
      onTime: boolean(),
      status,
    }),
  },
  {
    type: 'FeedbackDelivered',
    version: 1,
    description: 'Phản hồi: the Board fed the result back to the reporters concerned',
    data: object({
      issueId: id(),
      feedbackId: id(),
      reportId: nullable(id()),
      recipientIds: arrayOf(id(), { description: 'Protected like reporterId' }),
      content: string({ minLength: 1 }),
      channel: nullable(oneOf(CHANNELS)),
      deliveredAt: instant(),
    }),
  },
  {
    type: 'GuidanceIssued',
    version: 1,
    description: 'Định hướng thông tin: orientation guidance or a rebuttal of false information',
    data: object({ issueId: id(), guidanceId: id(), kind: oneOf(GUIDANCE_KINDS), content: string({ minLength: 1 }), issuedAt: instant() }),
  },
  {
    type: 'IssueEscalated',
    version: 1,
    description: 'A quick report to leadership, or marked as a hot spot (điểm nóng)',
    data: object({
      issueId: id(),
      level: oneOf(ESCALATION_LEVELS),
      reason: string({ minLength: 1 }),
      previousSeverity: oneOf(SEVERITIES),
      severity: oneOf(SEVERITIES),
      escalatedAt: instant(),
    }),
  },
  {
    type: 'IssueMerged',
    version: 1,
    description: 'This (source) issue was merged into another; it carries its reports, which are attached to the target',
    data: object({
      issueId: id(),
      intoIssueId: id(),
      reason: nullable(string()),
      reportIds: arrayOf(id()),
      reports: arrayOf(ref('Report')),
      mergedAt: instant(),
      status,
    }),
    $defs: { Report: CURRENT_DEFS.Report },
  },
  {
    type: 'IssueClosed',
    version: 1,
    description: 'The issue was closed with a resolution',
    data: object({ issueId: id(), resolution: string({ minLength: 1 }), closedAt: instant(), status }),
  },
  {
    type: 'IssueReopened',
    version: 1,
    description: 'The issue was reopened; status is the one its referrals and verifications imply',
    data: object({ issueId: id(), reason: string({ minLength: 1 }), reopenedAt: instant(), status }),
  },
];
