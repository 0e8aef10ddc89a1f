import { randomUUID } from 'node:crypto';
import { PROJECTIONS } from '../../projections';
import { issuesProjection } from '../../projections/issues.projection';
import { reportsProjection } from '../../projections/reports.projection';
import { trendsProjection } from '../../projections/trends.projection';
import { slaProjection } from '../../projections/sla.projection';
import { collaboratorsProjection } from '../../projections/collaborators.projection';

const STORY_PROJECTIONS = [issuesProjection, reportsProjection, trendsProjection, slaProjection, collaboratorsProjection];
import { rebuild } from '../../projections/rebuild';
import type { Projection } from '../../projections/projection';
import type { RecordedEvent } from '../../eventstore/port';
import { applyInBatches, dumpProjection, expectIdempotentBatches, dumpTable, Harness, openHarness, STORE_KINDS } from '../support/projection-harness';

const officer = { actorId: 'officer-1', actorRole: 'OFFICER' };
const agency = { actorId: 'so-tai-nguyen', actorRole: 'AGENCY' };
const at = (day: number, hour = 2) => new Date(Date.UTC(2026, 9, day, hour)).toISOString(); // October 2026

/**
 * A small province story through the real command service: two collaborators, three issues covering the lifecycle
 * (verify, refer, acknowledge, respond late and on time, decline, feedback, guidance, escalate, merge, close, reopen).
 */
async function story(h: Harness) {
  const ctv = [`ctv-${randomUUID()}`, `ctv-${randomUUID()}`];
  await h.collaborators.execute({ type: 'EnrollCollaborator', collaboratorId: ctv[0], fullName: 'Nguyễn Thị Hoà', level: 'COMMUNE', localityCode: '24781' }, { ...officer, now: at(1) });
  await h.collaborators.execute({ type: 'EnrollCollaborator', collaboratorId: ctv[1], fullName: 'Trần Văn Thuỷ', level: 'PROVINCE', localityCode: '68' }, { ...officer, now: at(1) });
  const [a, b, c] = [randomUUID(), randomUUID(), randomUUID()];
  const report = (reportId: string, reporter: string, extra: object = {}) => ({
    reportId,
    kind: 'QUICK' as const,
    channel: 'ZALO_GROUP' as const,
    localityCode: '24781',
    sectors: ['COMPENSATION_SITE_CLEARANCE' as const, 'PLANNING_LAND' as const],
    title: 'Người dân bức xúc vì chậm chi trả tiền bồi thường',
    summary: 'Nhiều hộ dân chưa nhận tiền bồi thường giải phóng mặt bằng sau 6 tháng.',
    tendency: 'NEGATIVE' as const,
    intensity: 'HIGH' as const,
    sensitive: false,
    observedAt: at(2, 1),
    reporterId: reporter,
    reporterRole: 'COLLABORATOR' as const,
    ...extra,
  });
  const asCtv = (i: number, now: string) => ({ actorId: ctv[i], actorRole: 'COLLABORATOR', now });
  await h.issues.execute({ type: 'SubmitReport', issueId: a, ...report(`r-${a}`, ctv[0]) }, asCtv(0, at(2)));
  await h.issues.execute({ type: 'SubmitReport', issueId: b, ...report(`r-${b}`, ctv[1], { localityCode: '68', sectors: ['HEALTH'], tendency: 'MIXED', intensity: 'LOW', observedAt: at(3) }) }, asCtv(1, at(5, 3)));
  await h.issues.execute({ type: 'SubmitReport', issueId: c, ...report(`r-${c}`, ctv[0], { title: 'Phản ánh trùng lặp về bồi thường', observedAt: at(3, 1) }) }, asCtv(0, at(3)));
  await h.issues.execute({ type: 'AttachReport', issueId: a, report: report(`r2-${a}`, ctv[1], { tendency: 'NEUTRAL', intensity: 'MEDIUM', title: 'Dân Đà Lạt hỏi về đơn giá', observedAt: at(4) }) }, { ...officer, now: at(4) });
  await h.issues.execute({ type: 'ClassifyIssue', issueId: a, severity: 'PROMINENT' }, { ...officer, now: at(4, 3) });
  await h.issues.execute({ type: 'VerifyReport', issueId: a, reportId: `r-${a}`, outcome: 'CONFIRMED', method: 'Làm việc với UBND phường', evidence: 'Biên bản làm việc', verifierId: 'officer-1' }, { ...officer, now: at(5) });
  await h.issues.execute({ type: 'ReferIssue', issueId: a, referralId: `ref1-${a}`, agencyId: 'so-tai-nguyen', deadline: at(12), agencyName: 'Sở Nông nghiệp và Môi trường' }, { ...officer, now: at(5, 4) });
  await h.issues.execute({ type: 'ReferIssue', issueId: a, referralId: `ref2-${a}`, agencyId: 'ubnd-xuan-huong', deadline: at(9) }, { ...officer, now: at(5, 5) });
  await h.issues.execute({ type: 'AcknowledgeReferral', issueId: a, referralId: `ref1-${a}` }, { ...agency, now: at(6) });
  await h.issues.execute({ type: 'RespondToReferral', issueId: a, referralId: `ref1-${a}`, result: 'Đã chi trả 80% số hộ' }, { ...agency, now: at(10) });
  await h.issues.execute({ type: 'DeclineReferral', issueId: a, referralId: `ref2-${a}`, reason: 'Không thuộc thẩm quyền', suggestedAgencyId: 'so-tai-chinh' }, { actorId: 'ubnd-xuan-huong', actorRole: 'AGENCY', now: at(7) });
  await h.issues.execute({ type: 'EscalateIssue', issueId: a, level: 'HOTSPOT', reason: 'Tụ tập đông người' }, { ...officer, now: at(8) });
  await h.issues.execute({ type: 'DeliverFeedback', issueId: a, feedbackId: `fb-${a}`, content: 'Đã phản hồi kết quả cho cộng tác viên' }, { ...officer, now: at(11) });
  await h.issues.execute({ type: 'CloseIssue', issueId: a, resolution: 'Đã giải quyết' }, { ...officer, now: at(13) });
  await h.issues.execute({ type: 'ReopenIssue', issueId: a, reason: 'Phát sinh khiếu nại mới' }, { ...officer, now: at(14) });
  await h.issues.execute({ type: 'VerifyReport', issueId: b, reportId: `r-${b}`, outcome: 'UNFOUNDED', method: 'Kiểm tra thực tế', evidence: 'Ảnh chụp', verifierId: 'officer-1' }, { ...officer, now: at(6) });
  await h.issues.execute({ type: 'IssueGuidance', issueId: b, guidanceId: `g-${b}`, kind: 'REBUTTAL', content: 'Thông tin sai sự thật' }, { ...officer, now: at(7) });
  await h.issues.execute({ type: 'MergeIssues', issueId: c, intoIssueId: a, reason: 'Trùng nội dung' }, { ...officer, now: at(14, 3) });
  await h.issues.execute({ type: 'VerifyReport', issueId: a, reportId: `r-${c}`, outcome: 'PARTLY_CONFIRMED', method: 'Đối chiếu', evidence: 'Hồ sơ', verifierId: 'officer-1' }, { ...officer, now: at(15) });
  return { a, b, c, ctv };
}

describe.each(STORE_KINDS)('projections on the %s store', (kind) => {
  let h: Harness;
  let ids: Awaited<ReturnType<typeof story>>;
  let events: RecordedEvent[];
  beforeAll(async () => {
    h = await openHarness(kind);
    ids = await story(h);
    events = await h.events();
    for (const p of PROJECTIONS) await applyInBatches(h.db.knex, p, events);
  });
  afterAll(async () => h?.close());

  const row = async (table: string, where: Record<string, string>) => h.db.knex(table).where(where).first();

  describe('given the story, then rows', () => {
    it('issues: one row per issue with status, severity, referrals per agency, counts and times', async () => {
      const a = await row('issues', { issue_id: ids.a });
      expect(a).toMatchObject({
        status: 'RESPONDED',
        severity: 'HOTSPOT',
        sectors: ['COMPENSATION_SITE_CLEARANCE', 'PLANNING_LAND'],
        locality_code: '24781',
        commune_code: '24781',
        province_code: '68',
        report_count: 3,
        latest_verification: 'PARTLY_CONFIRMED',
        open_referral_count: 0,
        next_deadline: null,
        closed_at: null,
      });
      expect(a.first_report_at.toISOString()).toBe(at(2));
      expect(a.last_report_at.toISOString()).toBe(at(4));
      expect(a.referrals['so-tai-nguyen']).toMatchObject({ status: 'RESPONDED', onTime: true, respondedAt: at(10) });
      expect(a.referrals['ubnd-xuan-huong']).toMatchObject({ status: 'DECLINED', declinedAt: at(7) });
      expect(a.search_text).toContain('nguoi dan buc xuc vi cham chi tra tien boi thuong');
      expect(a.search_text).toContain('phan anh trung lap'); // the merged report's text is searchable on the target
      expect(await row('issues', { issue_id: ids.c })).toMatchObject({ status: 'MERGED', merged_into: ids.a });
      expect(await row('issues', { issue_id: ids.b })).toMatchObject({ locality_code: '68', commune_code: null, province_code: '68', latest_verification: 'UNFOUNDED' });
    });

    it('issues: text search ignores diacritics and tone-mark placement', async () => {
      const hits = await h.db.knex('issues').whereRaw('search_text LIKE ?', ['%boi thuong%']).pluck('issue_id');
      expect(hits).toEqual(expect.arrayContaining([ids.a, ids.c]));
    });

    it('reports: one row per report, following a merge, with its verification and the protected reporter', async () => {
      expect(await row('reports', { report_id: `r-${ids.c}` })).toMatchObject({ issue_id: ids.a, merged_from_issue_id: ids.c, verification_outcome: 'PARTLY_CONFIRMED', reporter_id: ids.ctv[0] });
      expect(await row('reports', { report_id: `r2-${ids.a}` })).toMatchObject({ issue_id: ids.a, tendency: 'NEUTRAL', intensity: 'MEDIUM', reporter_id: ids.ctv[1], province_code: '68' });
      expect(await h.db.knex('reports').count({ n: '*' }).first()).toEqual({ n: '4' });
    });

    it('trends: per day × sector × locality, with an exact ALL total, and verifications on their own day', async () => {
      const cell = await row('trends_daily', { day: '2026-10-02', sector: 'ALL', locality_code: '24781' });
      expect(cell).toMatchObject({ reports: 1, negative: 1, high_intensity: 1, new_issues: 1, province_code: '68' });
      const land = await row('trends_daily', { day: '2026-10-02', sector: 'PLANNING_LAND', locality_code: '24781' });
      expect(land).toMatchObject({ reports: 1, new_issues: 1 });
      expect(await row('trends_daily', { day: '2026-10-04', sector: 'ALL', locality_code: '24781' })).toMatchObject({ reports: 1, negative: 0, new_issues: 0 });
      expect(await row('trends_daily', { day: '2026-10-05', sector: 'ALL', locality_code: '24781' })).toMatchObject({ confirmed: 1 });
      expect(await row('trends_daily', { day: '2026-10-06', sector: 'HEALTH', locality_code: '68' })).toMatchObject({ unfounded: 1 });
      // The merged report was counted once, when submitted (day 3), not again when attached.
      const totals = await h.db.knex('trends_daily').where({ sector: 'ALL' }).sum({ reports: 'reports', issues: 'new_issues' }).first();
      expect(totals).toEqual({ reports: '4', issues: '3' });
    });

    it('sla: one row per referral with deadline, answer times, on-time flag and current issue severity', async () => {
      expect(await row('referrals', { referral_id: `ref1-${ids.a}` })).toMatchObject({ status: 'RESPONDED', on_time: true, issue_severity: 'HOTSPOT', agency_name: 'Sở Nông nghiệp và Môi trường' });
      const declined = await row('referrals', { referral_id: `ref2-${ids.a}` });
      expect(declined).toMatchObject({ status: 'DECLINED', on_time: null, issue_severity: 'HOTSPOT' });
      expect(declined.declined_at.toISOString()).toBe(at(7));
    });

    it('collaborators: roster and monthly activity (reports, timeliness, verified, confirmed)', async () => {
      expect(await row('collaborators', { collaborator_id: ids.ctv[1] })).toMatchObject({ full_name: 'Trần Văn Thuỷ', level: 'PROVINCE', province_code: '68', active: true });
      const first = await row('collaborator_activity', { collaborator_id: ids.ctv[0], month: '2026-10-01' });
      expect(first).toMatchObject({ reports: 2, timely_reports: 2, verified_reports: 2, confirmed_reports: 2 });
      const second = await row('collaborator_activity', { collaborator_id: ids.ctv[1], month: '2026-10-01' });
      expect(second).toMatchObject({ reports: 2, timely_reports: 1, verified_reports: 1, confirmed_reports: 0 }); // observed on day 3, submitted 49 hours later: late
    });
  });

  // The read models this story feeds; surveys and the webhook outbox have their own stories (surveys.test.ts, webhooks.test.ts).
  describe.each(STORY_PROJECTIONS.map((p) => [p.name, p] as [string, Projection]))('%s', (_name, projection) => {
    it('is idempotent: each batch applied twice leaves the tables unchanged', () => expectIdempotentBatches(kind, projection, story));

    it('gives identical tables incrementally and by a full rebuild', async () => {
      const incremental = await dumpProjection(h.db.knex, projection);
      await rebuild({ store: h.store, knex: h.db.knex, projections: [projection], batchSize: 4 });
      expect(await dumpProjection(h.db.knex, projection)).toEqual(incremental);
      expect(Object.values(incremental).some((rows) => rows.length > 0)).toBe(true);
    });
  });
});
