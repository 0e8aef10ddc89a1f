import { fold } from '../../domain/decider';
import { IllegalStateError, NotFoundError, ValidationError } from '../../domain/errors';
import type { IssueCommand, ReportInput } from '../../domain/issue/commands';
import { ISSUE_COMMAND_TYPES } from '../../domain/issue/commands';
import { ISSUE_RULES, issueDecider } from '../../domain/issue/decider';
import { ISSUE_EVENT_TYPES } from '../../domain/issue/events';
import { initialIssueState } from '../../domain/issue/state';
import { given, rejectedRules } from './support/given-when-then';
import {
  acknowledged,
  attached,
  classified,
  closed,
  DEADLINE,
  declined,
  EARLIER,
  escalated,
  feedbackDelivered,
  guidanceIssued,
  initialClassification,
  ISSUE_ID,
  merged,
  NOW,
  referred,
  reopened,
  report,
  reportInput,
  responded,
  submitted,
  verified,
} from './support/issue-fixtures';

const AGENCY = 'so-tai-nguyen-moi-truong';
const issue = issueDecider;

/** A valid command of each type, for specs that apply to every command. */
const validCommands: { [T in IssueCommand['type']]: Extract<IssueCommand, { type: T }> } = {
  SubmitReport: { type: 'SubmitReport', issueId: ISSUE_ID, ...reportInput() },
  AttachReport: { type: 'AttachReport', issueId: ISSUE_ID, report: reportInput({ reportId: 'report-9' }) },
  ClassifyIssue: { type: 'ClassifyIssue', issueId: ISSUE_ID, severity: 'PROMINENT' },
  VerifyReport: {
    type: 'VerifyReport',
    issueId: ISSUE_ID,
    reportId: 'report-1',
    outcome: 'CONFIRMED',
    method: 'Làm việc với UBND phường',
    evidence: 'Biên bản làm việc',
    verifierId: 'officer-2',
  },
  ReferIssue: { type: 'ReferIssue', issueId: ISSUE_ID, referralId: 'referral-2', agencyId: 'ubnd-phuong', deadline: DEADLINE },
  AcknowledgeReferral: { type: 'AcknowledgeReferral', issueId: ISSUE_ID, referralId: 'referral-1' },
  DeclineReferral: { type: 'DeclineReferral', issueId: ISSUE_ID, referralId: 'referral-1', reason: 'Không thuộc thẩm quyền' },
  RespondToReferral: { type: 'RespondToReferral', issueId: ISSUE_ID, referralId: 'referral-1', result: 'Đã giải quyết' },
  DeliverFeedback: { type: 'DeliverFeedback', issueId: ISSUE_ID, feedbackId: 'feedback-1', content: 'Kết quả đã được giải quyết' },
  IssueGuidance: { type: 'IssueGuidance', issueId: ISSUE_ID, guidanceId: 'guidance-1', kind: 'ORIENTATION', content: 'Thông tin chính thức' },
  EscalateIssue: { type: 'EscalateIssue', issueId: ISSUE_ID, level: 'QUICK_REPORT', reason: 'Đông người tập trung' },
  MergeIssues: { type: 'MergeIssues', issueId: ISSUE_ID, intoIssueId: 'issue-2' },
  CloseIssue: { type: 'CloseIssue', issueId: ISSUE_ID, resolution: 'Đã giải quyết dứt điểm' },
  ReopenIssue: { type: 'ReopenIssue', issueId: ISSUE_ID, reason: 'Phát sinh khiếu nại mới' },
};

/** Builds a command from a valid one with some fields replaced by (possibly invalid) values. */
function withFields<T extends IssueCommand['type']>(type: T, fields: Record<string, unknown>): IssueCommand {
  return { ...validCommands[type], ...fields } as IssueCommand;
}

const submit = (overrides: Partial<ReportInput> | Record<string, unknown> = {}): IssueCommand =>
  ({ type: 'SubmitReport', issueId: ISSUE_ID, ...reportInput(), ...overrides }) as IssueCommand;

const verifiedIssue = [submitted(), verified('CONFIRMED')];
const referredIssue = [...verifiedIssue, referred()];
const acknowledgedIssue = [...referredIssue, acknowledged()];
const respondedIssue = [...acknowledgedIssue, responded()];

describe('every command but SubmitReport', () => {
  const others = ISSUE_COMMAND_TYPES.filter((type) => type !== 'SubmitReport');

  test.each(others)('%s on an issue that does not exist is NotFound', (type) => {
    given(issue, []).when(validCommands[type]).thenThrows(NotFoundError, `issue ${ISSUE_ID} not found`);
  });

  test.each(ISSUE_COMMAND_TYPES.filter((type) => type !== 'SubmitReport'))(
    '%s on a merged issue is rejected (ISSUE_MERGED)',
    (type) => {
      given(issue, [...respondedIssue, merged()]).when(validCommands[type]).thenThrows(IllegalStateError, 'ISSUE_MERGED');
    },
  );

  test.each(others.filter((type) => type !== 'ReopenIssue'))('%s on a closed issue is rejected (ISSUE_CLOSED)', (type) => {
    given(issue, [...respondedIssue, closed()]).when(validCommands[type]).thenThrows(IllegalStateError, 'ISSUE_CLOSED');
  });
});

describe('any command', () => {
  test('an unknown command type is a ValidationError', () => {
    given(issue, [submitted()])
      .when({ type: 'DeleteIssue', issueId: ISSUE_ID } as unknown as IssueCommand)
      .thenThrows(ValidationError, 'type: unknown command type');
  });

  test('a malformed issue id is a ValidationError', () => {
    given(issue, []).when(submit({ issueId: 'has spaces' })).thenThrows(ValidationError, 'issueId');
  });

  test('a command for another issue than the loaded stream is a programming error', () => {
    const state = fold(issue, [submitted()]);
    expect(() => issue.decide({ ...validCommands.ClassifyIssue, issueId: 'issue-other' }, state, ctx())).toThrow(
      'decided on the state of issue issue-1',
    );
  });
});

function ctx(now = NOW) {
  return { now, actorId: 'officer-1', actorRole: 'OFFICER' };
}

describe('SubmitReport', () => {
  test('opens an issue with the full report, classified from it at NORMAL severity', () => {
    const state = given(issue, [])
      .when(submit())
      .then([
        {
          type: 'ReportSubmitted',
          data: { issueId: ISSUE_ID, report: report({}, NOW), classification: initialClassification, status: 'RECEIVED' },
        },
      ]);
    expect(state).toMatchObject({ issueId: ISSUE_ID, status: 'RECEIVED', severity: 'NORMAL', localityCode: '24781', provinceCode: '68', openedAt: NOW });
  });

  test('trims texts, normalises times to UTC and fills absent optional fields with null or []', () => {
    given(issue, [])
      .when(
        submit({
          title: '  Khiếu nại về giá đất  ',
          observedAt: '2026-07-08T09:30:00+07:00',
          peopleConcerned: undefined,
          sources: undefined,
          reporterRole: undefined,
          localityCode: '68',
          provinceCode: '68',
        }),
      )
      .then([
        {
          type: 'ReportSubmitted',
          data: {
            issueId: ISSUE_ID,
            report: report(
              {
                title: 'Khiếu nại về giá đất',
                observedAt: '2026-07-08T02:30:00.000Z',
                peopleConcerned: null,
                sources: [],
                reporterRole: null,
                localityCode: '68',
                provinceCode: '68',
              },
              NOW,
            ),
            classification: { ...initialClassification, localityCode: '68', provinceCode: '68' },
            status: 'RECEIVED',
          },
        },
      ]);
  });

  test('a source may have only an outlet', () => {
    const [event] = issue.decide(submit({ sources: [{ outlet: 'Báo Lâm Đồng' }] }), initialIssueState, ctx());
    expect(event.type === 'ReportSubmitted' && event.data.report.sources).toEqual([{ url: null, outlet: 'Báo Lâm Đồng' }]);
  });

  test('is rejected on an issue that exists: every new report opens a new issue (ISSUE_ALREADY_EXISTS)', () => {
    given(issue, [submitted()]).when(submit({ reportId: 'report-2' })).thenThrows(IllegalStateError, 'ISSUE_ALREADY_EXISTS');
  });

  const tooMany = Array.from({ length: 21 }, (_, i) => ({ url: `https://example.vn/${i}` }));
  test.each<[string, Record<string, unknown>, string]>([
    ['reportId missing', { reportId: undefined }, 'reportId'],
    ['unknown kind', { kind: 'MONTHLY' }, 'kind: must be one of PERIODIC, QUICK, AD_HOC'],
    ['unknown channel', { channel: 'FAX' }, 'channel'],
    ['locality code of 3 digits', { localityCode: '123' }, 'localityCode'],
    ['locality code with letters', { localityCode: '2478a' }, 'localityCode'],
    ['provinceCode missing', { provinceCode: undefined }, 'provinceCode: must be a province code (2 digits)'],
    ['provinceCode null', { provinceCode: null }, 'provinceCode: must be a province code (2 digits)'],
    ['provinceCode of 1 digit', { provinceCode: '6' }, 'provinceCode: must be a province code (2 digits)'],
    ['provinceCode of 5 digits (a commune)', { provinceCode: '24781' }, 'provinceCode: must be a province code (2 digits)'],
    ['provinceCode not a text', { provinceCode: 68 }, 'provinceCode: must be a province code (2 digits)'],
    [
      'a province locality with another provinceCode',
      { localityCode: '68', provinceCode: '01' },
      'provinceCode: must equal localityCode when the locality is a province',
    ],
    ['no sectors', { sectors: [] }, 'sectors: must list at least one sector'],
    ['sectors not a list', { sectors: 'HEALTH' }, 'sectors'],
    ['unknown sector', { sectors: ['HEALTH', 'SPORTS'] }, 'sectors.1: must be one of'],
    ['a sector twice', { sectors: ['HEALTH', 'EDUCATION', 'HEALTH'] }, 'sectors.2: is listed twice'],
    ['blank title', { title: '   ' }, 'title: must not be empty'],
    ['title over 300 characters', { title: 'x'.repeat(301) }, 'title: must be at most 300 characters'],
    ['summary not a text', { summary: 42 }, 'summary: must be a text'],
    ['summary over 10,000 characters', { summary: 'x'.repeat(10_001) }, 'summary'],
    ['negative people concerned', { peopleConcerned: -1 }, 'peopleConcerned'],
    ['fractional people concerned', { peopleConcerned: 2.5 }, 'peopleConcerned'],
    ['unknown tendency', { tendency: 'ANGRY' }, 'tendency'],
    ['unknown intensity', { intensity: 'EXTREME' }, 'intensity'],
    ['more than 20 sources', { sources: tooMany }, 'sources: must have at most 20 sources'],
    ['a source that is not an object', { sources: ['https://example.vn'] }, 'sources.0: must be an object'],
    ['a source with neither url nor outlet', { sources: [{}] }, 'sources.0: needs a url or an outlet'],
    ['a non-http source url', { sources: [{ url: 'ftp://example.vn/file' }] }, 'sources.0.url: must be an http or https URL'],
    ['a source url that is no URL', { sources: [{ url: 'not a url' }] }, 'sources.0.url'],
    ['sensitive not a boolean', { sensitive: 'yes' }, 'sensitive: must be true or false'],
    ['observedAt without a time zone', { observedAt: '2026-07-08T09:30:00' }, 'observedAt: must be an ISO-8601'],
    ['observedAt on 30 February', { observedAt: '2026-02-30T09:30:00Z' }, 'observedAt'],
    ['observedAt in the future', { observedAt: '2026-07-10T01:00:01Z' }, 'observedAt: must not be in the future'],
    ['reporterId missing', { reporterId: '' }, 'reporterId'],
    ['unknown reporterRole', { reporterRole: 'CITIZEN' }, 'reporterRole'],
  ])('rejects %s with a ValidationError naming the field', (_case, fields, expected) => {
    given(issue, []).when(submit(fields)).thenThrows(ValidationError, expected);
  });

  test('the field path is machine-readable and the message does not echo the input', () => {
    const secretTitle = 'bí mật '.repeat(60);
    let error: unknown;
    try {
      issue.decide(submit({ title: secretTitle }), initialIssueState, ctx());
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).problems).toEqual([{ path: ['title'], message: 'must be at most 300 characters' }]);
    expect((error as ValidationError).message).not.toContain('bí mật');
  });

  test('a bad provinceCode is reported at the sibling path of localityCode', () => {
    let error: unknown;
    try {
      issue.decide(
        { type: 'AttachReport', issueId: ISSUE_ID, report: reportInput({ reportId: 'report-2', localityCode: '01', provinceCode: '68' }) },
        fold(issue, [submitted()]),
        ctx(),
      );
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).problems).toEqual([
      { path: ['report', 'provinceCode'], message: 'must equal localityCode when the locality is a province' },
    ]);
  });

  test('a report from a commune of another province carries that province', () => {
    const [event] = issue.decide(submit({ localityCode: '00004', provinceCode: '01' }), initialIssueState, ctx());
    expect(event).toMatchObject({
      type: 'ReportSubmitted',
      data: { report: { localityCode: '00004', provinceCode: '01' }, classification: { localityCode: '00004', provinceCode: '01' } },
    });
  });

  test('observedAt equal to now is accepted', () => {
    expect(issue.decide(submit({ observedAt: NOW }), initialIssueState, ctx())).toHaveLength(1);
  });
});

describe('AttachReport', () => {
  test('records a further report on the issue, submitted now', () => {
    const state = given(issue, [submitted()])
      .when({ type: 'AttachReport', issueId: ISSUE_ID, report: reportInput({ reportId: 'report-2', channel: 'HOTLINE' }) })
      .then([
        {
          type: 'ReportAttached',
          data: {
            issueId: ISSUE_ID,
            report: report({ reportId: 'report-2', channel: 'HOTLINE' }, NOW),
            mergedFromIssueId: null,
            attachedAt: NOW,
          },
        },
      ]);
    expect(state.reports.map((r) => [r.reportId, r.addedAt, r.mergedFromIssueId])).toEqual([
      ['report-1', EARLIER, null],
      ['report-2', NOW, null],
    ]);
  });

  test('a report moved by a merge keeps its original submission time', () => {
    given(issue, [submitted()])
      .when({
        type: 'AttachReport',
        issueId: ISSUE_ID,
        report: { ...reportInput({ reportId: 'report-7' }), submittedAt: '2026-07-03T08:00:00+07:00' },
        mergedFromIssueId: 'issue-7',
      })
      .then([
        {
          type: 'ReportAttached',
          data: {
            issueId: ISSUE_ID,
            report: report({ reportId: 'report-7' }, '2026-07-03T01:00:00.000Z'),
            mergedFromIssueId: 'issue-7',
            attachedAt: NOW,
          },
        },
      ]);
  });

  test('rejects a report already on the issue (REPORT_ALREADY_ON_ISSUE)', () => {
    given(issue, [submitted()])
      .when({ type: 'AttachReport', issueId: ISSUE_ID, report: reportInput() })
      .thenThrows(IllegalStateError, 'REPORT_ALREADY_ON_ISSUE');
  });

  test.each<[string, Record<string, unknown>, string]>([
    ['no report', { report: undefined }, 'report: must be an object'],
    ['a bad report field', { report: reportInput({ sectors: ['NOPE' as never] }) }, 'report.sectors.0'],
    ['a report without provinceCode', { report: { ...reportInput({ reportId: 'r-3' }), provinceCode: undefined } }, 'report.provinceCode: must be a province code'],
    ['a report with a malformed provinceCode', { report: reportInput({ reportId: 'r-3', provinceCode: '6a' }) }, 'report.provinceCode: must be a province code'],
    [
      'a province report with another provinceCode',
      { report: reportInput({ reportId: 'r-3', localityCode: '68', provinceCode: '01' }) },
      'report.provinceCode: must equal localityCode when the locality is a province',
    ],
    ['submittedAt without a merge', { report: { ...reportInput({ reportId: 'r-3' }), submittedAt: EARLIER } }, 'report.submittedAt: may be given only'],
    [
      'submittedAt in the future',
      { report: { ...reportInput({ reportId: 'r-3' }), submittedAt: '2026-08-01T00:00:00Z' }, mergedFromIssueId: 'issue-7' },
      'report.submittedAt: must not be in the future',
    ],
    ['a merge from itself', { mergedFromIssueId: ISSUE_ID }, 'mergedFromIssueId: must name another issue'],
    ['a malformed mergedFromIssueId', { mergedFromIssueId: ' ' }, 'mergedFromIssueId'],
  ])('rejects %s with a ValidationError', (_case, fields, expected) => {
    given(issue, [submitted()]).when(withFields('AttachReport', fields)).thenThrows(ValidationError, expected);
  });
});

describe('ClassifyIssue', () => {
  test('emits the full new classification when only the severity changes', () => {
    given(issue, [submitted()])
      .when({ type: 'ClassifyIssue', issueId: ISSUE_ID, severity: 'PROMINENT' })
      .then([
        {
          type: 'IssueClassified',
          data: {
            issueId: ISSUE_ID,
            classification: { ...initialClassification, severity: 'PROMINENT' },
            previousSeverity: 'NORMAL',
            classifiedAt: NOW,
          },
        },
      ]);
  });

  test('changes sectors and locality, keeping the severity', () => {
    const state = given(issue, [submitted(), classified({ severity: 'PRESSING' })])
      .when({ type: 'ClassifyIssue', issueId: ISSUE_ID, sectors: ['ENVIRONMENT'], localityCode: '24778', provinceCode: '68' })
      .then([
        {
          type: 'IssueClassified',
          data: {
            issueId: ISSUE_ID,
            classification: { sectors: ['ENVIRONMENT'], localityCode: '24778', provinceCode: '68', severity: 'PRESSING' },
            previousSeverity: 'PRESSING',
            classifiedAt: NOW,
          },
        },
      ]);
    expect(state).toMatchObject({ sectors: ['ENVIRONMENT'], localityCode: '24778', provinceCode: '68', severity: 'PRESSING' });
  });

  test('moves the issue to a locality in another province, carrying the new province', () => {
    const state = given(issue, [submitted()])
      .when({ type: 'ClassifyIssue', issueId: ISSUE_ID, localityCode: '00004', provinceCode: '01' })
      .then([
        {
          type: 'IssueClassified',
          data: {
            issueId: ISSUE_ID,
            classification: { ...initialClassification, localityCode: '00004', provinceCode: '01' },
            previousSeverity: 'NORMAL',
            classifiedAt: NOW,
          },
        },
      ]);
    expect(state).toMatchObject({ localityCode: '00004', provinceCode: '01' });
  });

  test('a classification without a locality keeps the province', () => {
    const [event] = issue.decide(
      { type: 'ClassifyIssue', issueId: ISSUE_ID, severity: 'PROMINENT' },
      fold(issue, [submitted(), classified({ localityCode: '01', provinceCode: '01' })]),
      ctx(),
    );
    expect(event).toMatchObject({ data: { classification: { localityCode: '01', provinceCode: '01', severity: 'PROMINENT' } } });
  });

  test('an officer may lower the severity', () => {
    const [event] = issue.decide(
      { type: 'ClassifyIssue', issueId: ISSUE_ID, severity: 'NORMAL' },
      fold(issue, [submitted(), escalated('HOTSPOT', 'NORMAL', 'HOTSPOT')]),
      ctx(),
    );
    expect(event.type === 'IssueClassified' && event.data.classification.severity).toBe('NORMAL');
  });

  test('rejects a classification that changes nothing (CLASSIFICATION_UNCHANGED)', () => {
    given(issue, [submitted()])
      .when({ type: 'ClassifyIssue', issueId: ISSUE_ID, severity: 'NORMAL', localityCode: '24781', provinceCode: '68' })
      .thenThrows(IllegalStateError, 'CLASSIFICATION_UNCHANGED');
  });

  test.each<[string, Record<string, unknown>, string]>([
    ['no field at all', { severity: undefined }, 'give at least one of sectors, localityCode or severity'],
    ['an unknown severity', { severity: 'CRITICAL' }, 'severity'],
    ['an empty sector list', { sectors: [] }, 'sectors'],
    ['a malformed locality', { localityCode: '1', provinceCode: '01' }, 'localityCode'],
    ['a locality without provinceCode', { localityCode: '24778' }, 'provinceCode: must be a province code (2 digits)'],
    ['a locality with a malformed provinceCode', { localityCode: '24778', provinceCode: '680' }, 'provinceCode: must be a province code (2 digits)'],
    [
      'a province locality with another provinceCode',
      { localityCode: '01', provinceCode: '68' },
      'provinceCode: must equal localityCode when the locality is a province',
    ],
    ['a provinceCode without a locality', { provinceCode: '01' }, 'provinceCode: may be given only with localityCode'],
  ])('rejects %s with a ValidationError', (_case, fields, expected) => {
    given(issue, [submitted()]).when(withFields('ClassifyIssue', fields)).thenThrows(ValidationError, expected);
  });
});

describe('VerifyReport', () => {
  test('a confirming verification moves the issue to VERIFIED', () => {
    const state = given(issue, [submitted()])
      .when(validCommands.VerifyReport)
      .then([
        {
          type: 'ReportVerified',
          data: {
            issueId: ISSUE_ID,
            reportId: 'report-1',
            outcome: 'CONFIRMED',
            method: 'Làm việc với UBND phường',
            evidence: 'Biên bản làm việc',
            verifierId: 'officer-2',
            verifiedAt: NOW,
            status: 'VERIFIED',
          },
        },
      ]);
    expect(state.status).toBe('VERIFIED');
  });

  test('an unfounded verification leaves the issue RECEIVED', () => {
    const [event] = issue.decide({ ...validCommands.VerifyReport, outcome: 'UNFOUNDED' }, fold(issue, [submitted()]), ctx());
    expect(event.type === 'ReportVerified' && event.data.status).toBe('RECEIVED');
  });

  test('rejects a report that is not on the issue (NotFound)', () => {
    given(issue, [submitted()]).when({ ...validCommands.VerifyReport, reportId: 'report-404' }).thenThrows(NotFoundError, 'report report-404');
  });

  test.each<[string, Record<string, unknown>, string]>([
    ['an unknown outcome', { outcome: 'TRUE' }, 'outcome'],
    ['no method', { method: undefined }, 'method'],
    ['blank evidence', { evidence: ' ' }, 'evidence: must not be empty'],
    ['no verifier', { verifierId: undefined }, 'verifierId'],
    ['no report id', { reportId: undefined }, 'reportId'],
  ])('rejects %s with a ValidationError', (_case, fields, expected) => {
    given(issue, [submitted()]).when(withFields('VerifyReport', fields)).thenThrows(ValidationError, expected);
  });
});

describe('ReferIssue', () => {
  const refer = { type: 'ReferIssue', issueId: ISSUE_ID, referralId: 'referral-1', agencyId: AGENCY, deadline: '2026-07-20T17:00:00+07:00' } as const;

  test('refers a verified issue to an agency with a deadline', () => {
    const state = given(issue, verifiedIssue)
      .when({ ...refer, agencyName: 'Sở Nông nghiệp và Môi trường', note: ' Khẩn ' })
      .then([
        {
          type: 'IssueReferred',
          data: {
            issueId: ISSUE_ID,
            referralId: 'referral-1',
            agencyId: AGENCY,
            agencyName: 'Sở Nông nghiệp và Môi trường',
            deadline: '2026-07-20T10:00:00.000Z',
            note: 'Khẩn',
            referredAt: NOW,
            status: 'REFERRED',
          },
        },
      ]);
    expect(state.status).toBe('REFERRED');
    expect(state.referrals['referral-1']).toMatchObject({ status: 'REFERRED', referredAt: NOW, deadline: '2026-07-20T10:00:00.000Z' });
  });

  test('a partly confirmed verification is enough', () => {
    expect(issue.decide(refer, fold(issue, [submitted(), verified('PARTLY_CONFIRMED')]), ctx())).toHaveLength(1);
  });

  test('refers to several agencies, and again to an agency whose earlier referral is answered', () => {
    expect(issue.decide({ ...refer, referralId: 'referral-2', agencyId: 'ubnd-phuong' }, fold(issue, referredIssue), ctx())).toHaveLength(1);
    expect(issue.decide({ ...refer, referralId: 'referral-2' }, fold(issue, respondedIssue), ctx())).toHaveLength(1);
  });

  test('rejects an issue with no verification (REFER_REQUIRES_CONFIRMED_VERIFICATION)', () => {
    given(issue, [submitted()]).when(refer).thenThrows(IllegalStateError, 'REFER_REQUIRES_CONFIRMED_VERIFICATION');
  });

  test('rejects an issue whose verifications found nothing confirmed (REFER_REQUIRES_CONFIRMED_VERIFICATION)', () => {
    given(issue, [submitted(), verified('UNFOUNDED'), verified('UNVERIFIABLE')])
      .when(refer)
      .thenThrows(IllegalStateError, 'REFER_REQUIRES_CONFIRMED_VERIFICATION');
  });

  test.each([
    ['referred', referredIssue],
    ['acknowledged', acknowledgedIssue],
  ])('rejects a second referral to an agency whose referral is %s (AGENCY_HAS_OPEN_REFERRAL)', (_status, history) => {
    given(issue, history).when({ ...refer, referralId: 'referral-2' }).thenThrows(IllegalStateError, 'AGENCY_HAS_OPEN_REFERRAL');
  });

  test('rejects a referral id already used (REFERRAL_ALREADY_EXISTS)', () => {
    given(issue, respondedIssue).when({ ...refer, agencyId: 'ubnd-phuong' }).thenThrows(IllegalStateError, 'REFERRAL_ALREADY_EXISTS');
  });

  test.each<[string, Record<string, unknown>, string]>([
    ['a deadline in the past', { deadline: '2026-07-01T00:00:00Z' }, 'deadline: must be in the future'],
    ['a deadline equal to now', { deadline: NOW }, 'deadline: must be in the future'],
    ['a date without a time', { deadline: '2026-07-20' }, 'deadline: must be an ISO-8601'],
    ['no agency', { agencyId: undefined }, 'agencyId'],
    ['no referral id', { referralId: 42 }, 'referralId'],
    ['an agency name over 300 characters', { agencyName: 'x'.repeat(301) }, 'agencyName'],
    ['a note over 2,000 characters', { note: 'x'.repeat(2001) }, 'note'],
  ])('rejects %s with a ValidationError', (_case, fields, expected) => {
    given(issue, verifiedIssue).when({ ...refer, ...fields } as IssueCommand).thenThrows(ValidationError, expected);
  });
});

describe('AcknowledgeReferral', () => {
  const acknowledge = { type: 'AcknowledgeReferral', issueId: ISSUE_ID, referralId: 'referral-1' } as const;

  test('the agency acknowledges a referral; the event carries the agency and the deadline', () => {
    const state = given(issue, referredIssue)
      .when(acknowledge)
      .then([
        {
          type: 'ReferralAcknowledged',
          data: { issueId: ISSUE_ID, referralId: 'referral-1', agencyId: AGENCY, deadline: DEADLINE, acknowledgedAt: NOW },
        },
      ]);
    expect(state.referrals['referral-1']).toMatchObject({ status: 'ACKNOWLEDGED', acknowledgedAt: NOW });
    expect(state.status).toBe('REFERRED');
  });

  test('rejects an unknown referral (NotFound)', () => {
    given(issue, referredIssue).when({ ...acknowledge, referralId: 'referral-9' }).thenThrows(NotFoundError, 'referral referral-9');
  });

  test('a referral id naming an Object.prototype member is not found either', () => {
    given(issue, referredIssue).when({ ...acknowledge, referralId: 'constructor' }).thenThrows(NotFoundError, 'referral constructor');
  });

  test('rejects a second acknowledgement (REFERRAL_ALREADY_ACKNOWLEDGED)', () => {
    given(issue, acknowledgedIssue).when(acknowledge).thenThrows(IllegalStateError, 'REFERRAL_ALREADY_ACKNOWLEDGED');
  });

  test.each([
    ['declined', [...referredIssue, declined()]],
    ['answered', respondedIssue],
  ])('rejects a referral that was %s (REFERRAL_NOT_OPEN)', (_status, history) => {
    given(issue, history).when(acknowledge).thenThrows(IllegalStateError, 'REFERRAL_NOT_OPEN');
  });

  test('rejects a malformed referral id', () => {
    given(issue, referredIssue).when({ ...acknowledge, referralId: '' }).thenThrows(ValidationError, 'referralId');
  });
});

describe('DeclineReferral', () => {
  const decline = {
    type: 'DeclineReferral',
    issueId: ISSUE_ID,
    referralId: 'referral-1',
    reason: 'Không thuộc thẩm quyền của Sở',
    suggestedAgencyId: 'ubnd-phuong',
  } as const;

  test('the agency declines a referred referral, saying why and where to go; the issue is VERIFIED again', () => {
    const state = given(issue, referredIssue)
      .when(decline)
      .then([
        {
          type: 'ReferralDeclined',
          data: {
            issueId: ISSUE_ID,
            referralId: 'referral-1',
            agencyId: AGENCY,
            reason: 'Không thuộc thẩm quyền của Sở',
            suggestedAgencyId: 'ubnd-phuong',
            declinedAt: NOW,
            status: 'VERIFIED',
          },
        },
      ]);
    expect(state.referrals['referral-1']).toMatchObject({ status: 'DECLINED', declineReason: 'Không thuộc thẩm quyền của Sở' });
    expect(state.status).toBe('VERIFIED');
  });

  test('an acknowledged referral can be declined too; another open referral keeps the issue REFERRED', () => {
    const history = [...acknowledgedIssue, referred('referral-2', 'ubnd-phuong')];
    const [event] = issue.decide({ ...decline, suggestedAgencyId: undefined }, fold(issue, history), ctx());
    expect(event).toMatchObject({ type: 'ReferralDeclined', data: { suggestedAgencyId: null, status: 'REFERRED' } });
  });

  test('rejects an unknown referral (NotFound)', () => {
    given(issue, referredIssue).when({ ...decline, referralId: 'referral-9' }).thenThrows(NotFoundError, 'referral-9');
  });

  test.each([
    ['declined', [...referredIssue, declined()]],
    ['answered', respondedIssue],
  ])('rejects a referral that was %s (REFERRAL_NOT_OPEN)', (_status, history) => {
    given(issue, history).when(decline).thenThrows(IllegalStateError, 'REFERRAL_NOT_OPEN');
  });

  test.each<[string, Record<string, unknown>, string]>([
    ['no reason', { reason: undefined }, 'reason'],
    ['suggesting the same agency', { suggestedAgencyId: AGENCY }, 'suggestedAgencyId: must name another agency'],
    ['a malformed suggested agency', { suggestedAgencyId: 'a b' }, 'suggestedAgencyId'],
  ])('rejects %s with a ValidationError', (_case, fields, expected) => {
    given(issue, referredIssue).when({ ...decline, ...fields } as IssueCommand).thenThrows(ValidationError, expected);
  });
});

describe('RespondToReferral', () => {
  const respond = { type: 'RespondToReferral', issueId: ISSUE_ID, referralId: 'referral-1', result: 'Đã chi trả đủ tiền bồi thường' } as const;

  test('the agency responds to an acknowledged referral on time; the issue is RESPONDED', () => {
    const state = given(issue, acknowledgedIssue)
      .when(respond)
      .then([
        {
          type: 'ReferralResponded',
          data: {
            issueId: ISSUE_ID,
            referralId: 'referral-1',
            agencyId: AGENCY,
            result: 'Đã chi trả đủ tiền bồi thường',
            resolved: true,
            deadline: DEADLINE,
            respondedAt: NOW,
            onTime: true,
            status: 'RESPONDED',
          },
        },
      ]);
    expect(state.referrals['referral-1']).toMatchObject({ status: 'RESPONDED', respondedAt: NOW, resolved: true, onTime: true });
    expect(state.status).toBe('RESPONDED');
  });

  test('a late, unresolved response is recorded as such', () => {
    const [event] = issue.decide({ ...respond, resolved: false }, fold(issue, acknowledgedIssue), ctx('2026-07-25T00:00:00Z'));
    expect(event).toMatchObject({ data: { resolved: false, onTime: false, respondedAt: '2026-07-25T00:00:00.000Z' } });
  });

  test('while another referral is open the issue stays REFERRED', () => {
    const history = [...acknowledgedIssue, referred('referral-2', 'ubnd-phuong')];
    const [event] = issue.decide(respond, fold(issue, history), ctx());
    expect(event).toMatchObject({ data: { status: 'REFERRED' } });
  });

  test('rejects a response before acknowledgement (RESPOND_REQUIRES_ACKNOWLEDGEMENT)', () => {
    given(issue, referredIssue).when(respond).thenThrows(IllegalStateError, 'RESPOND_REQUIRES_ACKNOWLEDGEMENT');
  });

  test.each([
    ['answered', respondedIssue],
    ['declined', [...acknowledgedIssue, declined()]],
  ])('rejects a referral already %s (REFERRAL_NOT_OPEN)', (_status, history) => {
    given(issue, history).when(respond).thenThrows(IllegalStateError, 'REFERRAL_NOT_OPEN');
  });

  test('rejects an unknown referral (NotFound)', () => {
    given(issue, acknowledgedIssue).when({ ...respond, referralId: 'referral-9' }).thenThrows(NotFoundError, 'referral-9');
  });

  test.each<[string, Record<string, unknown>, string]>([
    ['no result', { result: '' }, 'result: must not be empty'],
    ['a result over 10,000 characters', { result: 'x'.repeat(10_001) }, 'result'],
    ['resolved not a boolean', { resolved: 'yes' }, 'resolved: must be true or false'],
  ])('rejects %s with a ValidationError', (_case, fields, expected) => {
    given(issue, acknowledgedIssue).when({ ...respond, ...fields } as IssueCommand).thenThrows(ValidationError, expected);
  });
});

describe('DeliverFeedback', () => {
  const deliver = { type: 'DeliverFeedback', issueId: ISSUE_ID, feedbackId: 'feedback-1', content: 'UBND phường đã chi trả bồi thường' } as const;

  test('after an answered referral, feeds back to every reporter on the issue', () => {
    const history = [...respondedIssue, attached({ reportId: 'report-2', reporterId: 'ctv-20' }), attached({ reportId: 'report-3' })];
    const state = given(issue, history)
      .when({ ...deliver, channel: 'PHONE' })
      .then([
        {
          type: 'FeedbackDelivered',
          data: {
            issueId: ISSUE_ID,
            feedbackId: 'feedback-1',
            reportId: null,
            recipientIds: ['ctv-17', 'ctv-20'],
            content: 'UBND phường đã chi trả bồi thường',
            channel: 'PHONE',
            deliveredAt: NOW,
          },
        },
      ]);
    expect(state.feedback).toHaveLength(1);
    expect(state.status).toBe('RESPONDED');
  });

  test.each(['UNFOUNDED', 'UNVERIFIABLE'] as const)('after a verification found the report %s, feeds back to its reporter', (outcome) => {
    const [event] = issue.decide({ ...deliver, reportId: 'report-1' }, fold(issue, [submitted(), verified(outcome)]), ctx());
    expect(event).toMatchObject({ data: { reportId: 'report-1', recipientIds: ['ctv-17'], channel: null } });
  });

  test.each([
    ['nothing happened yet', [submitted()]],
    ['the only verification confirmed the report', verifiedIssue],
    ['the referral is still open', acknowledgedIssue],
    ['the only referral was declined', [...referredIssue, declined()]],
  ])('rejects feedback when %s (FEEDBACK_REQUIRES_OUTCOME)', (_case, history) => {
    given(issue, history).when(deliver).thenThrows(IllegalStateError, 'FEEDBACK_REQUIRES_OUTCOME');
  });

  test('rejects a feedback id already used (FEEDBACK_ALREADY_EXISTS)', () => {
    given(issue, [...respondedIssue, feedbackDelivered()]).when(deliver).thenThrows(IllegalStateError, 'FEEDBACK_ALREADY_EXISTS');
  });

  test('rejects a report that is not on the issue (NotFound)', () => {
    given(issue, respondedIssue).when({ ...deliver, reportId: 'report-404' }).thenThrows(NotFoundError, 'report-404');
  });

  test.each<[string, Record<string, unknown>, string]>([
    ['no content', { content: undefined }, 'content'],
    ['an unknown channel', { channel: 'PIGEON' }, 'channel'],
    ['a malformed feedback id', { feedbackId: '-x' }, 'feedbackId'],
  ])('rejects %s with a ValidationError', (_case, fields, expected) => {
    given(issue, respondedIssue).when({ ...deliver, ...fields } as IssueCommand).thenThrows(ValidationError, expected);
  });
});

describe('IssueGuidance', () => {
  const guide = { type: 'IssueGuidance', issueId: ISSUE_ID, guidanceId: 'guidance-1', kind: 'ORIENTATION', content: 'Thông tin chính thức về tiến độ chi trả' } as const;

  test('orientation guidance can be issued at any time', () => {
    const state = given(issue, [submitted()])
      .when(guide)
      .then([
        {
          type: 'GuidanceIssued',
          data: { issueId: ISSUE_ID, guidanceId: 'guidance-1', kind: 'ORIENTATION', content: 'Thông tin chính thức về tiến độ chi trả', issuedAt: NOW },
        },
      ]);
    expect(state.guidance).toEqual([{ guidanceId: 'guidance-1', kind: 'ORIENTATION', content: 'Thông tin chính thức về tiến độ chi trả', issuedAt: NOW }]);
  });

  test.each(['UNFOUNDED', 'PARTLY_CONFIRMED'] as const)('a rebuttal follows a verification that found the report %s', (outcome) => {
    expect(issue.decide({ ...guide, kind: 'REBUTTAL' }, fold(issue, [submitted(), verified(outcome)]), ctx())).toHaveLength(1);
  });

  test.each([
    ['nothing was verified', [submitted()]],
    ['the report was confirmed', verifiedIssue],
    ['the report could not be verified', [submitted(), verified('UNVERIFIABLE')]],
  ])('rejects a rebuttal when %s (REBUTTAL_REQUIRES_FALSE_INFORMATION)', (_case, history) => {
    given(issue, history).when({ ...guide, kind: 'REBUTTAL' }).thenThrows(IllegalStateError, 'REBUTTAL_REQUIRES_FALSE_INFORMATION');
  });

  test('rejects a guidance id already used (GUIDANCE_ALREADY_EXISTS)', () => {
    given(issue, [submitted(), guidanceIssued()]).when(guide).thenThrows(IllegalStateError, 'GUIDANCE_ALREADY_EXISTS');
  });

  test.each<[string, Record<string, unknown>, string]>([
    ['an unknown kind', { kind: 'PROPAGANDA' }, 'kind: must be one of ORIENTATION, REBUTTAL'],
    ['no content', { content: '  ' }, 'content'],
    ['no guidance id', { guidanceId: undefined }, 'guidanceId'],
  ])('rejects %s with a ValidationError', (_case, fields, expected) => {
    given(issue, [submitted()]).when({ ...guide, ...fields } as IssueCommand).thenThrows(ValidationError, expected);
  });
});

describe('EscalateIssue', () => {
  const escalate = { type: 'EscalateIssue', issueId: ISSUE_ID, level: 'QUICK_REPORT', reason: 'Đông người tập trung trước trụ sở' } as const;

  test('a quick report raises the severity to at least PRESSING', () => {
    const state = given(issue, [submitted()])
      .when(escalate)
      .then([
        {
          type: 'IssueEscalated',
          data: {
            issueId: ISSUE_ID,
            level: 'QUICK_REPORT',
            reason: 'Đông người tập trung trước trụ sở',
            previousSeverity: 'NORMAL',
            severity: 'PRESSING',
            escalatedAt: NOW,
          },
        },
      ]);
    expect(state.severity).toBe('PRESSING');
    expect(state.escalations).toHaveLength(1);
  });

  test('a quick report never lowers a hot spot, and may be repeated', () => {
    const history = [submitted(), escalated('HOTSPOT', 'NORMAL', 'HOTSPOT'), escalated('QUICK_REPORT', 'HOTSPOT', 'HOTSPOT')];
    const [event] = issue.decide(escalate, fold(issue, history), ctx());
    expect(event).toMatchObject({ data: { previousSeverity: 'HOTSPOT', severity: 'HOTSPOT' } });
  });

  test('marking a hot spot sets the severity to HOTSPOT', () => {
    const [event] = issue.decide({ ...escalate, level: 'HOTSPOT' }, fold(issue, [submitted(), classified({ severity: 'PROMINENT' })]), ctx());
    expect(event).toMatchObject({ data: { level: 'HOTSPOT', previousSeverity: 'PROMINENT', severity: 'HOTSPOT' } });
  });

  test('rejects marking a hot spot twice (ESCALATION_ALREADY_HOTSPOT)', () => {
    given(issue, [submitted(), classified({ severity: 'HOTSPOT' })])
      .when({ ...escalate, level: 'HOTSPOT' })
      .thenThrows(IllegalStateError, 'ESCALATION_ALREADY_HOTSPOT');
  });

  test.each<[string, Record<string, unknown>, string]>([
    ['an unknown level', { level: 'NATIONAL' }, 'level'],
    ['no reason', { reason: undefined }, 'reason'],
  ])('rejects %s with a ValidationError', (_case, fields, expected) => {
    given(issue, [submitted()]).when({ ...escalate, ...fields } as IssueCommand).thenThrows(ValidationError, expected);
  });
});

describe('MergeIssues', () => {
  const merge = { type: 'MergeIssues', issueId: ISSUE_ID, intoIssueId: 'issue-2', reason: 'Trùng vụ việc' } as const;

  test('the source issue becomes MERGED and carries full snapshots of its reports', () => {
    const moved = report({ reportId: 'report-5', reporterId: 'ctv-30' });
    const history = [...verifiedIssue, attached({ reportId: 'report-5', reporterId: 'ctv-30' }, 'issue-0')];
    const state = given(issue, history)
      .when(merge)
      .then([
        {
          type: 'IssueMerged',
          data: {
            issueId: ISSUE_ID,
            intoIssueId: 'issue-2',
            reason: 'Trùng vụ việc',
            reportIds: ['report-1', 'report-5'],
            reports: [report(), moved],
            mergedAt: NOW,
            status: 'MERGED',
          },
        },
      ]);
    expect(state).toMatchObject({ status: 'MERGED', mergedInto: 'issue-2', mergedAt: NOW });
  });

  test('an issue whose referrals are all settled can be merged', () => {
    expect(issue.decide(merge, fold(issue, respondedIssue), ctx())).toHaveLength(1);
  });

  test('rejects an issue with an open referral (MERGE_WITH_OPEN_REFERRALS)', () => {
    given(issue, acknowledgedIssue).when(merge).thenThrows(IllegalStateError, 'MERGE_WITH_OPEN_REFERRALS');
  });

  test.each<[string, Record<string, unknown>, string]>([
    ['a merge into itself', { intoIssueId: ISSUE_ID }, 'intoIssueId: must name another issue'],
    ['no target', { intoIssueId: undefined }, 'intoIssueId'],
  ])('rejects %s with a ValidationError', (_case, fields, expected) => {
    given(issue, [submitted()]).when({ ...merge, ...fields } as IssueCommand).thenThrows(ValidationError, expected);
  });

  test('a merged issue cannot even be reopened (ISSUE_MERGED)', () => {
    given(issue, [submitted(), merged()]).when(validCommands.ReopenIssue).thenThrows(IllegalStateError, 'ISSUE_MERGED');
  });
});

describe('CloseIssue', () => {
  const close = { type: 'CloseIssue', issueId: ISSUE_ID, resolution: 'Đã chi trả đủ, người dân đồng thuận' } as const;

  test('closes an issue with a resolution', () => {
    const state = given(issue, respondedIssue)
      .when(close)
      .then([{ type: 'IssueClosed', data: { issueId: ISSUE_ID, resolution: 'Đã chi trả đủ, người dân đồng thuận', closedAt: NOW, status: 'CLOSED' } }]);
    expect(state).toMatchObject({ status: 'CLOSED', closedAt: NOW, resolution: 'Đã chi trả đủ, người dân đồng thuận' });
  });

  test('an issue that was never referred can be closed (e.g. found unfounded)', () => {
    expect(issue.decide(close, fold(issue, [submitted(), verified('UNFOUNDED')]), ctx())).toHaveLength(1);
  });

  test.each([
    ['referred', referredIssue],
    ['acknowledged', acknowledgedIssue],
  ])('rejects an issue with a referral still %s (CLOSE_WITH_OPEN_REFERRALS)', (_status, history) => {
    given(issue, history).when(close).thenThrows(IllegalStateError, 'CLOSE_WITH_OPEN_REFERRALS');
  });

  test('rejects a missing resolution', () => {
    given(issue, respondedIssue).when({ ...close, resolution: '' }).thenThrows(ValidationError, 'resolution');
  });
});

describe('ReopenIssue', () => {
  const reopen = { type: 'ReopenIssue', issueId: ISSUE_ID, reason: 'Phát sinh khiếu nại mới' } as const;

  test('reopens a closed issue at the status its referrals imply, keeping the closure on record', () => {
    const state = given(issue, [...respondedIssue, closed()])
      .when(reopen)
      .then([{ type: 'IssueReopened', data: { issueId: ISSUE_ID, reason: 'Phát sinh khiếu nại mới', reopenedAt: NOW, status: 'RESPONDED' } }]);
    expect(state).toMatchObject({ status: 'RESPONDED', closedAt: null, resolution: null });
    expect(state.reopenings).toEqual([
      { reason: 'Phát sinh khiếu nại mới', reopenedAt: NOW, closedAt: EARLIER, resolution: 'Đã giải quyết dứt điểm' },
    ]);
  });

  test('an issue closed before verification reopens as RECEIVED', () => {
    const [event] = issue.decide(reopen, fold(issue, [submitted(), verified('UNFOUNDED'), closed()]), ctx());
    expect(event).toMatchObject({ data: { status: 'RECEIVED' } });
  });

  test('rejects an issue that is not closed (ISSUE_NOT_CLOSED)', () => {
    given(issue, respondedIssue).when(reopen).thenThrows(IllegalStateError, 'ISSUE_NOT_CLOSED');
  });

  test('rejects a missing reason', () => {
    given(issue, [submitted(), closed()]).when({ ...reopen, reason: undefined } as unknown as IssueCommand).thenThrows(ValidationError, 'reason');
  });
});

describe('evolve', () => {
  test('the whole Receive – Process – Respond loop, as an auditor replays it', () => {
    const history = [
      submitted(),
      attached(),
      classified({ severity: 'PROMINENT' }),
      verified('CONFIRMED'),
      referred(),
      acknowledged(),
      responded(),
      feedbackDelivered(),
      guidanceIssued(),
      escalated('QUICK_REPORT', 'PROMINENT', 'PRESSING'),
      closed(),
      reopened('RESPONDED'),
      closed('Kết thúc lần hai'),
    ];
    const statuses = history.map((_, i) => fold(issue, history.slice(0, i + 1)).status);
    expect(statuses).toEqual([
      'RECEIVED',
      'RECEIVED',
      'RECEIVED',
      'VERIFIED',
      'REFERRED',
      'REFERRED',
      'RESPONDED',
      'RESPONDED',
      'RESPONDED',
      'RESPONDED',
      'CLOSED',
      'RESPONDED',
      'CLOSED',
    ]);
    const state = fold(issue, history);
    expect(state).toMatchObject({
      issueId: ISSUE_ID,
      eventCount: history.length,
      severity: 'PRESSING',
      localityCode: '24781',
      provinceCode: '68',
      resolution: 'Kết thúc lần hai',
      openedAt: EARLIER,
      updatedAt: EARLIER,
    });
    expect(state.reports.map((r) => r.reportId)).toEqual(['report-1', 'report-2']);
    expect(state.referrals['referral-1']).toEqual({
      referralId: 'referral-1',
      agencyId: AGENCY,
      agencyName: null,
      note: null,
      status: 'RESPONDED',
      referredAt: EARLIER,
      deadline: DEADLINE,
      acknowledgedAt: EARLIER,
      respondedAt: EARLIER,
      result: 'Đã chi trả đủ tiền bồi thường',
      resolved: true,
      onTime: true,
      declinedAt: null,
      declineReason: null,
      suggestedAgencyId: null,
    });
    expect(state.verifications).toHaveLength(1);
    expect(state.feedback).toHaveLength(1);
    expect(state.guidance).toHaveLength(1);
    expect(state.escalations).toHaveLength(1);
    expect(state.reopenings).toHaveLength(1);
  });

  test('every referral declined brings the issue back to VERIFIED', () => {
    expect(fold(issue, [...referredIssue, declined()]).status).toBe('VERIFIED');
  });

  test('an unknown event type (from a newer version) leaves the state unchanged but counted', () => {
    const before = fold(issue, [submitted()]);
    const after = issue.evolve(before, { type: 'IssueTranslated', data: {} } as never);
    expect({ ...after, eventCount: before.eventCount }).toEqual(before);
    expect(after.eventCount).toBe(2);
  });

  test('does not mutate the state it is given', () => {
    const before = fold(issue, referredIssue);
    const snapshot = structuredClone(before);
    issue.evolve(before, acknowledged());
    expect(before).toEqual(snapshot);
  });

  test('isInitial is true only for a stream without events', () => {
    expect(issue.isInitial(issue.initialState)).toBe(true);
    expect(issue.isInitial(fold(issue, [submitted()]))).toBe(false);
  });

  test('ISSUE_EVENT_TYPES lists the DOMAIN.md event names', () => {
    expect([...ISSUE_EVENT_TYPES].sort()).toEqual(
      [
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
      ].sort(),
    );
  });
});

// Runs last (jest runs a file's tests in order): every rule must have been rejected by a spec above.
describe('ISSUE_RULES', () => {
  test('every rule has a rejecting spec', () => {
    const missing = ISSUE_RULES.map(({ rule }) => rule).filter((rule) => !rejectedRules().has(rule));
    expect(missing).toEqual([]);
  });

  test('every rule rejected by a spec is listed, with a description', () => {
    const listed = new Set<string>(ISSUE_RULES.map(({ rule }) => rule));
    expect([...rejectedRules()].filter((rule) => !listed.has(rule))).toEqual([]);
    for (const { description } of ISSUE_RULES) expect(description.length).toBeGreaterThan(10);
  });
});
