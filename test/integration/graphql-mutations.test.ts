import { randomUUID } from 'node:crypto';
import {
  COMMUNE_A,
  COMMUNE_B,
  daysAhead,
  GqlResponse,
  GraphQLHarness,
  hoursAgo,
  ISSUE_FIELDS,
  openGraphQLHarness,
  OTHER_PROVINCE_COMMUNE,
  PAYLOAD_FIELDS,
  reportInput,
  SUBMIT_REPORT,
} from '../support/graphql-harness';

/** A mutation document taking `input` and `idempotencyKey`, answering with the issue payload. */
const mutation = (name: string, inputType: string, extra = '') =>
  `mutation M($input: ${inputType}!, $key: String) { ${name}(input: $input, idempotencyKey: $key) { ${extra} ${PAYLOAD_FIELDS} } } ${ISSUE_FIELDS}`;

const COLLABORATOR_MUTATION = (name: string, inputType: string) =>
  `mutation M($input: ${inputType}!, $key: String) { ${name}(input: $input, idempotencyKey: $key) { collaboratorId active position replayed readModelCurrent } }`;

type Payload = {
  issueId: string;
  position: string;
  replayed: boolean;
  readModelCurrent: boolean;
  reportId?: string;
  referralId?: string;
  issue: {
    id: string;
    status: string;
    statusLabel: string;
    severity: string;
    reportCount: number;
    latestVerification: string | null;
    mergedInto: string | null;
    resolution: string | null;
    closedAt: string | null;
    locality: { code: string; fullName: string };
    sectors: { code: string; label: string }[];
    referrals: { id: string; status: string; statusLabel: string; agency: { id: string; name: string | null }; onTime: boolean | null; overdue: boolean }[];
    reports: { id: string; reporter: { id: string | null } | null; verificationOutcome: string | null; mergedFromIssueId: string | null }[];
  } | null;
};

function only<T>(response: GqlResponse<Record<string, T>>): T {
  expect(response.errors).toBeUndefined();
  return Object.values(response.data!)[0];
}

function errorOf(response: GqlResponse<unknown>) {
  expect(response.errors).toHaveLength(1);
  return response.errors![0];
}

describe('GraphQL mutations (real Postgres, real HTTP)', () => {
  let h: GraphQLHarness;
  let ctv: string;
  let officer: string;
  let agency: string;

  beforeAll(async () => {
    h = await openGraphQLHarness();
    ctv = await h.as('COLLABORATOR', { id: 'ctv-17' });
    officer = await h.as('OFFICER');
    agency = await h.as('AGENCY', { id: 'so-tnmt-user', agencyId: 'so-tnmt' });
  });
  afterAll(async () => h.close());

  const submit = async (token = ctv, overrides: Record<string, unknown> = {}, key?: string) =>
    only<Payload>(await h.gql(SUBMIT_REPORT, { input: reportInput(overrides), key }, token));

  const run = async (name: string, inputType: string, input: Record<string, unknown>, token = officer, key?: string, extra = '') =>
    h.gql<Record<string, Payload>>(mutation(name, inputType, extra), { input, key }, token);

  /** Expects the mutation to fail with `code` and to have written nothing. */
  async function rejected(code: string, attempt: () => Promise<GqlResponse<unknown>>) {
    const before = await h.head();
    const error = errorOf(await attempt());
    expect(error.extensions.code).toBe(code);
    expect(await h.head()).toBe(before);
    return error;
  }

  /** An issue that is verified as confirmed and referred to agency so-tnmt. */
  async function referredIssue() {
    const submitted = await submit();
    const issueId = submitted.issueId;
    only(await run('verifyReport', 'VerifyReportInput', { issueId, reportId: submitted.reportId, outcome: 'CONFIRMED', method: 'Làm việc với UBND phường', evidence: 'Biên bản làm việc' }));
    const referred = only(await run('referIssue', 'ReferIssueInput', { issueId, agencyId: 'so-tnmt', agencyName: 'Sở Nông nghiệp và Môi trường', deadline: daysAhead(10) }, officer, undefined, 'referralId'));
    return { issueId, reportId: submitted.reportId!, referralId: referred.referralId! };
  }

  describe('happy paths', () => {
    it('submitReport: a collaborator reports as themself; the issue is read back from the read model', async () => {
      const payload = await submit();
      expect(payload.readModelCurrent).toBe(true);
      expect(payload.replayed).toBe(false);
      expect(BigInt(payload.position)).toBeGreaterThan(0n);
      expect(payload.issue).toMatchObject({
        id: payload.issueId,
        status: 'RECEIVED',
        statusLabel: 'Đã tiếp nhận',
        severity: 'NORMAL',
        reportCount: 1,
        locality: { code: COMMUNE_A },
        sectors: [{ code: 'COMPENSATION_SITE_CLEARANCE', label: 'Bồi thường, giải phóng mặt bằng' }],
      });
      expect(payload.issue!.reports).toEqual([expect.objectContaining({ id: payload.reportId, reporter: expect.objectContaining({ id: 'ctv-17' }) })]);
    });

    it('submitReport: an integration reports as itself, and gets no issue back (it may not read issues)', async () => {
      const integration = await h.as('INTEGRATION', { id: 'pakn-portal' });
      const payload = await submit(integration, { channel: 'HOTLINE' });
      expect(payload.issue).toBeNull();
      const state = await h.issues.load(payload.issueId);
      expect(state.reports[0]).toMatchObject({ reporterId: 'pakn-portal', reporterRole: 'INTEGRATION' });
    });

    it('submitReport with an idempotency key: a resubmission returns the first result and writes nothing', async () => {
      const key = `phone-${randomUUID()}`;
      const input = reportInput();
      const first = only<Payload>(await h.gql(SUBMIT_REPORT, { input, key }, ctv));
      const head = await h.head();
      const again = only<Payload>(await h.gql(SUBMIT_REPORT, { input, key }, ctv));
      expect(again).toMatchObject({ issueId: first.issueId, reportId: first.reportId, position: first.position, replayed: true });
      expect(await h.head()).toBe(head);
    });

    it('runs the lifecycle: attach, classify, verify, refer, acknowledge, respond, feedback, guidance, escalate, close, reopen', async () => {
      const { issueId, referralId } = await referredIssue();
      let p = only(await run('attachReport', 'AttachReportInput', { issueId, report: reportInput({ localityCode: COMMUNE_A, channel: 'PRESS' }) }, officer, undefined, 'reportId'));
      expect(p.issue!.reportCount).toBe(2);
      expect(p.issue!.reports.find((r) => r.id === p.reportId)!.reporter).toEqual(expect.objectContaining({ id: 'officer-1' }));

      p = only(await run('classifyIssue', 'ClassifyIssueInput', { issueId, severity: 'PROMINENT', sectors: ['PLANNING_LAND', 'COMPENSATION_SITE_CLEARANCE'] }));
      expect(p.issue).toMatchObject({ severity: 'PROMINENT', sectors: [{ code: 'PLANNING_LAND' }, { code: 'COMPENSATION_SITE_CLEARANCE' }] });

      p = only(await run('acknowledgeReferral', 'AcknowledgeReferralInput', { issueId, referralId }, agency));
      expect(p.issue!.referrals).toEqual([expect.objectContaining({ id: referralId, status: 'ACKNOWLEDGED', statusLabel: 'Đã tiếp nhận, đang xử lý', agency: { id: 'so-tnmt', name: 'Sở Nông nghiệp và Môi trường' } })]);

      p = only(await run('respondToReferral', 'RespondToReferralInput', { issueId, referralId, result: 'Đã chi trả tiền bồi thường cho 40 hộ dân' }, agency));
      expect(p.issue!.status).toBe('RESPONDED');
      expect(p.issue!.referrals[0]).toMatchObject({ status: 'RESPONDED', onTime: true, overdue: false });

      p = only(await run('deliverFeedback', 'DeliverFeedbackInput', { issueId, content: 'Đã phản hồi kết quả cho cộng tác viên', channel: 'PHONE' }));
      expect(p.issue!.id).toBe(issueId);
      p = only(await run('issueGuidance', 'IssueGuidanceInput', { issueId, kind: 'ORIENTATION', content: 'Thông tin chính thức về tiến độ chi trả' }));
      p = only(await run('escalateIssue', 'EscalateIssueInput', { issueId, level: 'HOTSPOT', reason: 'Tụ tập đông người' }));
      expect(p.issue!.severity).toBe('HOTSPOT');

      p = only(await run('closeIssue', 'CloseIssueInput', { issueId, resolution: 'Đã giải quyết xong' }));
      expect(p.issue).toMatchObject({ status: 'CLOSED', resolution: 'Đã giải quyết xong' });
      expect(p.issue!.closedAt).not.toBeNull();

      p = only(await run('reopenIssue', 'ReopenIssueInput', { issueId, reason: 'Người dân tiếp tục phản ánh' }));
      expect(p.issue).toMatchObject({ status: 'RESPONDED', closedAt: null });
    });

    it('declineReferral: the agency declines a referral addressed to it', async () => {
      const { issueId, referralId } = await referredIssue();
      const p = only(await run('declineReferral', 'DeclineReferralInput', { issueId, referralId, reason: 'Không thuộc thẩm quyền', suggestedAgencyId: 'ubnd-xa' }, agency));
      expect(p.issue!.referrals[0]).toMatchObject({ status: 'DECLINED', statusLabel: 'Từ chối do không thuộc thẩm quyền' });
      expect(p.issue!.status).toBe('VERIFIED');
    });

    it('mergeIssues: answers with the issue that stays, holding both reports', async () => {
      const kept = await submit();
      const duplicate = await submit();
      const p = only(await run('mergeIssues', 'MergeIssuesInput', { issueId: duplicate.issueId, intoIssueId: kept.issueId, reason: 'Trùng nội dung' }));
      expect(p.issueId).toBe(kept.issueId);
      expect(p.issue!.reportCount).toBe(2);
      expect(p.issue!.reports.map((r) => r.mergedFromIssueId)).toEqual([null, duplicate.issueId]);
      const source = await h.gql<{ issue: { status: string; mergedInto: string } }>(`query($id: ID!) { issue(id: $id) { status mergedInto } }`, { id: duplicate.issueId }, officer);
      expect(source.data!.issue).toEqual({ status: 'MERGED', mergedInto: kept.issueId });
    });

    it('verifyReport records the outcome on the report and the issue', async () => {
      const submitted = await submit();
      const p = only(await run('verifyReport', 'VerifyReportInput', { issueId: submitted.issueId, reportId: submitted.reportId, outcome: 'UNFOUNDED', method: 'Đối chiếu', evidence: 'Hồ sơ' }));
      expect(p.issue).toMatchObject({ latestVerification: 'UNFOUNDED', status: 'RECEIVED' });
      expect(p.issue!.reports[0].verificationOutcome).toBe('UNFOUNDED');
    });

    it('collaborator mutations: enroll, update, deactivate', async () => {
      const enrolled = only<{ collaboratorId: string; active: boolean; readModelCurrent: boolean }>(
        await h.gql(COLLABORATOR_MUTATION('enrollCollaborator', 'EnrollCollaboratorInput'), { input: { fullName: 'Nguyễn Văn An', level: 'COMMUNE', localityCode: COMMUNE_A, phone: '0912345678' } }, officer),
      );
      expect(enrolled).toMatchObject({ active: true, readModelCurrent: true });
      const row = await h.apiKnex('collaborators').where({ collaborator_id: enrolled.collaboratorId }).first();
      expect(row).toMatchObject({ full_name: 'Nguyễn Văn An', locality_code: COMMUNE_A, phone: '0912345678' });

      only(await h.gql(COLLABORATOR_MUTATION('updateCollaborator', 'UpdateCollaboratorInput'), { input: { collaboratorId: enrolled.collaboratorId, localityCode: COMMUNE_B, phone: null } }, officer));
      expect(await h.apiKnex('collaborators').where({ collaborator_id: enrolled.collaboratorId }).first()).toMatchObject({ locality_code: COMMUNE_B, phone: null });

      const deactivated = only<{ active: boolean }>(
        await h.gql(COLLABORATOR_MUTATION('deactivateCollaborator', 'DeactivateCollaboratorInput'), { input: { collaboratorId: enrolled.collaboratorId, reason: 'Nghỉ hưu' } }, officer),
      );
      expect(deactivated.active).toBe(false);
    });
  });

  describe('errors: the right code, and nothing written', () => {
    it('UNAUTHENTICATED without a token', async () => {
      await rejected('UNAUTHENTICATED', () => h.gql(SUBMIT_REPORT, { input: reportInput() }));
    });

    it('FORBIDDEN for a role the policy does not allow', async () => {
      await rejected('FORBIDDEN', async () => h.gql(SUBMIT_REPORT, { input: reportInput() }, await h.as('LEADER')));
      const { issueId } = await submit();
      await rejected('FORBIDDEN', () => run('closeIssue', 'CloseIssueInput', { issueId, resolution: 'x' }, agency));
    });

    it('FORBIDDEN for a locality outside the scope (another province, or another commune for commune scope)', async () => {
      await rejected('FORBIDDEN', () => h.gql(SUBMIT_REPORT, { input: reportInput({ localityCode: OTHER_PROVINCE_COMMUNE }) }, officer));
      const communeOfficer = await h.as('OFFICER', { id: 'officer-xa', communeCodes: [COMMUNE_A] });
      await rejected('FORBIDDEN', () => h.gql(SUBMIT_REPORT, { input: reportInput({ localityCode: COMMUNE_B }) }, communeOfficer));
      const { issueId } = await submit();
      await rejected('FORBIDDEN', () => run('classifyIssue', 'ClassifyIssueInput', { issueId, localityCode: COMMUNE_B }, communeOfficer));
      await rejected('FORBIDDEN', () => h.gql(COLLABORATOR_MUTATION('enrollCollaborator', 'EnrollCollaboratorInput'), { input: { fullName: 'Trần Thị Bình', level: 'COMMUNE', localityCode: COMMUNE_B } }, communeOfficer));
    });

    it('FORBIDDEN when a collaborator reports on behalf of someone else', async () => {
      await rejected('FORBIDDEN', () => h.gql(SUBMIT_REPORT, { input: reportInput({ reporterId: 'ctv-other' }) }, ctv));
    });

    it('BAD_USER_INPUT with the field path inside the arguments', async () => {
      let error = await rejected('BAD_USER_INPUT', () => h.gql(SUBMIT_REPORT, { input: reportInput({ title: '   ' }) }, ctv));
      expect(error.extensions.fieldErrors).toEqual([{ path: ['input', 'title'], message: 'must not be empty' }]);
      error = await rejected('BAD_USER_INPUT', () => h.gql(SUBMIT_REPORT, { input: reportInput({ observedAt: daysAhead(1) }) }, ctv));
      expect(error.extensions.fieldErrors![0].path).toEqual(['input', 'observedAt']);
      error = await rejected('BAD_USER_INPUT', () => h.gql(SUBMIT_REPORT, { input: reportInput({ localityCode: '99999' }) }, ctv));
      expect(error.extensions.fieldErrors![0].path).toEqual(['input', 'localityCode']);
      error = await rejected('BAD_USER_INPUT', () => h.gql(SUBMIT_REPORT, { input: reportInput(), key: 'has spaces' }, ctv));
      expect(error.extensions.fieldErrors![0].path).toEqual(['idempotencyKey']);
      const { issueId } = await submit();
      error = await rejected('BAD_USER_INPUT', () => run('attachReport', 'AttachReportInput', { issueId, report: reportInput({ summary: '' }) }));
      expect(error.extensions.fieldErrors![0].path).toEqual(['input', 'report', 'summary']);
      error = await rejected('BAD_USER_INPUT', () => run('referIssue', 'ReferIssueInput', { issueId, agencyId: 'so-tnmt', deadline: hoursAgo(1) }));
      expect(error.extensions.fieldErrors![0].path).toEqual(['input', 'deadline']);
    });

    it('BAD_USER_INPUT for a value GraphQL itself rejects, without echoing the input', async () => {
      const summary = `nội dung ${randomUUID()}`;
      const response = await h.gql(SUBMIT_REPORT, { input: reportInput({ channel: 'CARRIER_PIGEON', summary }) }, ctv);
      expect(errorOf(response).extensions.code).toBe('BAD_USER_INPUT');
      expect(response.text).not.toContain(summary);
    });

    it('errors never echo the input back', async () => {
      const secret = `bí mật ${randomUUID()}`;
      const response = await h.gql(SUBMIT_REPORT, { input: reportInput({ summary: secret, localityCode: '99999' }) }, ctv);
      expect(response.errors?.[0].extensions.code).toBe('BAD_USER_INPUT');
      expect(response.text).not.toContain(secret);
    });

    it('NOT_FOUND for a missing issue, an issue outside the scope, and another agency’s referral', async () => {
      await rejected('NOT_FOUND', () => run('closeIssue', 'CloseIssueInput', { issueId: randomUUID(), resolution: 'x' }));
      const { issueId, referralId } = await referredIssue();
      const communeOfficer = await h.as('OFFICER', { id: 'officer-xa-b', communeCodes: [COMMUNE_B] });
      await rejected('NOT_FOUND', () => run('escalateIssue', 'EscalateIssueInput', { issueId, level: 'QUICK_REPORT', reason: 'x' }, communeOfficer));
      const otherAgency = await h.as('AGENCY', { id: 'so-yte-user', agencyId: 'so-yte' });
      await rejected('NOT_FOUND', () => run('acknowledgeReferral', 'AcknowledgeReferralInput', { issueId, referralId }, otherAgency));
      const otherProvinceOfficer = await h.as('OFFICER', { id: 'officer-hn', provinceCode: '01' });
      await rejected('NOT_FOUND', () => run('closeIssue', 'CloseIssueInput', { issueId, resolution: 'x' }, otherProvinceOfficer));
    });

    it('ILLEGAL_STATE with the broken rule', async () => {
      const { issueId } = await submit();
      let error = await rejected('ILLEGAL_STATE', () => run('referIssue', 'ReferIssueInput', { issueId, agencyId: 'so-tnmt', deadline: daysAhead(5) }));
      expect(error.extensions.rule).toBe('REFER_REQUIRES_CONFIRMED_VERIFICATION');
      const referred = await referredIssue();
      error = await rejected('ILLEGAL_STATE', () => run('respondToReferral', 'RespondToReferralInput', { issueId: referred.issueId, referralId: referred.referralId, result: 'xong' }, agency));
      expect(error.extensions.rule).toBe('RESPOND_REQUIRES_ACKNOWLEDGEMENT');
      error = await rejected('ILLEGAL_STATE', () => run('closeIssue', 'CloseIssueInput', { issueId: referred.issueId, resolution: 'x' }));
      expect(error.extensions.rule).toBe('CLOSE_WITH_OPEN_REFERRALS');
    });

    it('CONFLICT when an idempotency key is reused for a different command', async () => {
      const key = `phone-${randomUUID()}`;
      await submit(ctv, {}, key);
      await rejected('CONFLICT', () => h.gql(SUBMIT_REPORT, { input: reportInput({ title: 'Một nội dung khác' }), key }, ctv));
      const { issueId } = await submit();
      const closeKey = `close-${randomUUID()}`;
      only(await run('closeIssue', 'CloseIssueInput', { issueId, resolution: 'Đã xong' }, officer, closeKey));
      await rejected('CONFLICT', () => run('reopenIssue', 'ReopenIssueInput', { issueId, reason: 'Mở lại' }, officer, closeKey));
    });
  });
});
