import { ISSUE_STATUS_LABELS, VERIFICATION_OUTCOME_LABELS, type IssueStatus, type VerificationOutcome } from '../../../domain/vocabulary';

/** The issue facts the Open311 status is computed from (the `issues` read model). */
export interface IssueFacts {
  status: IssueStatus;
  latestVerification: VerificationOutcome | null;
  /** Names (or ids) of the agencies with an open referral. */
  openAgencies: string[];
  nextDeadline: Date | null;
  /** The issue was merged into another one, whose facts these are. */
  merged: boolean;
}

const dateVi = new Intl.DateTimeFormat('vi-VN', { timeZone: 'Asia/Ho_Chi_Minh', day: '2-digit', month: '2-digit', year: 'numeric' });

/**
 * Open311 `status` (open/closed) and Vietnamese `status_notes` from an issue's lifecycle. Notes say where the matter
 * stands, never internal content (resolutions, verification evidence, reporters).
 */
export function open311Status(issue: IssueFacts): { status: 'open' | 'closed'; status_notes: string } {
  const notes: string[] = [];
  if (issue.merged) notes.push('Phản ánh đã được gộp với vụ việc cùng nội dung để xử lý chung.');
  switch (issue.status) {
    case 'RECEIVED':
      notes.push('Đã tiếp nhận; đang xem xét, thẩm định thông tin.');
      break;
    case 'VERIFIED':
      notes.push(
        issue.latestVerification === 'UNFOUNDED'
          ? 'Đã thẩm định: thông tin phản ánh không có cơ sở.'
          : `Đã thẩm định (${issue.latestVerification ? VERIFICATION_OUTCOME_LABELS[issue.latestVerification].toLocaleLowerCase('vi') : 'đã kiểm chứng'}); đang xem xét chuyển cơ quan có thẩm quyền.`,
      );
      break;
    case 'REFERRED': {
      const who = issue.openAgencies.length ? ` (${issue.openAgencies.join(', ')})` : '';
      const deadline = issue.nextDeadline ? `, hạn xử lý ${dateVi.format(issue.nextDeadline)}` : '';
      notes.push(`Đã chuyển cơ quan có thẩm quyền giải quyết${who}${deadline}.`);
      break;
    }
    case 'RESPONDED':
      notes.push('Cơ quan có thẩm quyền đã báo cáo kết quả giải quyết; đang tổng hợp, phản hồi.');
      break;
    case 'CLOSED':
      notes.push('Đã giải quyết và kết thúc vụ việc.');
      break;
    case 'MERGED':
      notes.push(ISSUE_STATUS_LABELS.MERGED);
      break;
  }
  return { status: issue.status === 'CLOSED' ? 'closed' : 'open', status_notes: notes.join(' ') };
}
