import type { CollaboratorCommands } from '../../services/commands/collaborator-commands';
import type { CommandEnvelope } from '../../services/commands/command-service';
import type { IssueCommands } from '../../services/commands/issue-commands';
import type { SurveyCommands } from '../../services/commands/survey-commands';

/**
 * Lifecycles through the real command services that produce every event type of an aggregate, for tests that need
 * real events: schemas, history, the feed.
 */

export const LIFECYCLE_COMMUNE = '24781';
const hoursAgo = (hours: number) => new Date(Date.now() - hours * 3600_000).toISOString();
const daysAhead = (days: number) => new Date(Date.now() + days * 86400_000).toISOString();

export const officer: CommandEnvelope = { actorId: 'officer-1', actorRole: 'OFFICER' };
export const agency = (agencyId: string): CommandEnvelope => ({ actorId: `${agencyId}-user`, actorRole: 'AGENCY' });

export function lifecycleReport(reportId: string, reporterId: string, localityCode = LIFECYCLE_COMMUNE) {
  return {
    reportId,
    kind: 'QUICK' as const,
    channel: 'ZALO_GROUP' as const,
    localityCode,
    sectors: ['ENVIRONMENT' as const],
    title: 'Người dân phản ánh ô nhiễm',
    summary: 'Mùi hôi từ bãi rác ảnh hưởng khu dân cư',
    peopleConcerned: 25,
    tendency: 'NEGATIVE' as const,
    intensity: 'HIGH' as const,
    sources: [{ url: 'https://baolamdong.vn/o-nhiem', outlet: 'Báo Lâm Đồng' }],
    sensitive: true,
    observedAt: hoursAgo(3),
    reporterId,
    reporterRole: 'COLLABORATOR' as const,
  };
}

export interface LifecycleIds {
  issueId: string;
  /** Merged into `issueId` at the end. */
  duplicateId: string;
  reporterA: string;
  reporterB: string;
}

/** Every issue event type on `issueId` (and IssueMerged on `duplicateId`), in a lifecycle that ends reopened. */
export async function runIssueLifecycle(issues: IssueCommands, ids: LifecycleIds): Promise<void> {
  const { issueId, duplicateId, reporterA, reporterB } = ids;
  await issues.execute({ type: 'SubmitReport', issueId, ...lifecycleReport(`${issueId}-a`, reporterA) }, { actorId: reporterA, actorRole: 'COLLABORATOR' });
  await issues.execute({ type: 'AttachReport', issueId, report: lifecycleReport(`${issueId}-b`, reporterB) }, officer);
  await issues.execute({ type: 'ClassifyIssue', issueId, severity: 'PROMINENT', sectors: ['ENVIRONMENT', 'HEALTH'] }, officer);
  await issues.execute({ type: 'VerifyReport', issueId, reportId: `${issueId}-a`, outcome: 'PARTLY_CONFIRMED', method: 'Kiểm tra thực địa', evidence: 'Biên bản', verifierId: 'officer-1' }, officer);
  await issues.execute({ type: 'ReferIssue', issueId, referralId: `${issueId}-r1`, agencyId: 'so-tnmt', agencyName: 'Sở Nông nghiệp và Môi trường', deadline: daysAhead(7), note: 'Xử lý gấp' }, officer);
  await issues.execute({ type: 'AcknowledgeReferral', issueId, referralId: `${issueId}-r1` }, agency('so-tnmt'));
  await issues.execute({ type: 'RespondToReferral', issueId, referralId: `${issueId}-r1`, result: 'Đã xử lý bãi rác', resolved: true }, agency('so-tnmt'));
  await issues.execute({ type: 'ReferIssue', issueId, referralId: `${issueId}-r2`, agencyId: 'so-yte', deadline: daysAhead(5) }, officer);
  await issues.execute({ type: 'DeclineReferral', issueId, referralId: `${issueId}-r2`, reason: 'Không thuộc thẩm quyền', suggestedAgencyId: 'ubnd-xa' }, agency('so-yte'));
  await issues.execute({ type: 'DeliverFeedback', issueId, feedbackId: `${issueId}-f1`, content: 'Đã phản hồi kết quả', channel: 'PHONE' }, officer);
  await issues.execute({ type: 'IssueGuidance', issueId, guidanceId: `${issueId}-g1`, kind: 'REBUTTAL', content: 'Thông tin sai lệch về dịch bệnh' }, officer);
  await issues.execute({ type: 'EscalateIssue', issueId, level: 'HOTSPOT', reason: 'Dư luận lan rộng' }, officer);
  await issues.execute({ type: 'SubmitReport', issueId: duplicateId, ...lifecycleReport(`${duplicateId}-a`, reporterB) }, { actorId: reporterB, actorRole: 'COLLABORATOR' });
  await issues.execute({ type: 'MergeIssues', issueId: duplicateId, intoIssueId: issueId, reason: 'Cùng một vụ việc' }, officer);
  await issues.execute({ type: 'CloseIssue', issueId, resolution: 'Đã giải quyết xong' }, officer);
  await issues.execute({ type: 'ReopenIssue', issueId, reason: 'Người dân tiếp tục phản ánh' }, officer);
}

/** Every collaborator event type. */
export async function runCollaboratorLifecycle(collaborators: CollaboratorCommands, collaboratorId: string): Promise<void> {
  await collaborators.execute(
    { type: 'EnrollCollaborator', collaboratorId, fullName: 'Nguyễn Thị Lan', level: 'COMMUNE', localityCode: LIFECYCLE_COMMUNE, unit: 'Ban Tuyên giáo xã', phone: '0912345678', email: 'lan@example.vn' },
    officer,
  );
  await collaborators.execute({ type: 'UpdateCollaborator', collaboratorId, phone: '0987654321' }, officer);
  await collaborators.execute({ type: 'DeactivateCollaborator', collaboratorId, reason: 'Nghỉ hưu' }, officer);
}

/** Every survey event type: a survey with one question of each kind, one response, closed. */
export async function runSurveyLifecycle(surveys: SurveyCommands, surveyId: string): Promise<void> {
  await surveys.execute(
    {
      type: 'OpenSurvey',
      surveyId,
      title: 'Khảo sát về sắp xếp đơn vị hành chính',
      description: 'Lấy ý kiến người dân',
      targetLocalityCodes: [LIFECYCLE_COMMUNE],
      questions: [
        { questionId: 'agree', text: 'Bạn có đồng ý?', kind: 'SINGLE_CHOICE', required: true, options: [{ value: 'yes', label: 'Có' }, { value: 'no', label: 'Không' }] },
        { questionId: 'concerns', text: 'Mối quan tâm', kind: 'MULTIPLE_CHOICE', required: false, options: [{ value: 'land', label: 'Đất đai' }, { value: 'jobs', label: 'Việc làm' }] },
        { questionId: 'trust', text: 'Mức độ tin tưởng', kind: 'SCALE', required: false, scaleMin: 1, scaleMax: 5 },
        { questionId: 'comment', text: 'Ý kiến khác', kind: 'FREE_TEXT', required: false },
      ],
    },
    officer,
  );
  await surveys.execute(
    {
      type: 'RecordResponses',
      surveyId,
      responses: [
        {
          responseId: `${surveyId}-1`,
          localityCode: LIFECYCLE_COMMUNE,
          answers: [
            { questionId: 'agree', choice: 'yes' },
            { questionId: 'concerns', choices: ['land', 'jobs'] },
            { questionId: 'trust', scale: 4 },
            { questionId: 'comment', text: 'Cần công khai thông tin' },
          ],
        },
      ],
    },
    officer,
  );
  await surveys.execute({ type: 'CloseSurvey', surveyId, reason: 'Hết hạn' }, officer);
}
