import type { IssueEvent } from '../domain/issue/events';
import type { RecordedEvent } from '../eventstore/port';
import type { Projection, ProjectionContext } from './projection';
import { loadRows, upsertRows } from './support/rows';
import { iso } from './support/time';

export interface ReferralRow {
  referral_id: string;
  issue_id: string;
  agency_id: string;
  agency_name: string | null;
  status: string;
  issue_severity: string;
  locality_code: string;
  province_code: string;
  referred_at: string;
  deadline: string;
  acknowledged_at: string | null;
  responded_at: string | null;
  declined_at: string | null;
  on_time: boolean | null;
  last_position: string;
  [column: string]: unknown;
}

interface IssueIndexRow {
  issue_id: string;
  severity: string;
  locality_code: string;
  province_code: string;
  [column: string]: unknown;
}

const EVENT_TYPES = [
  'ReportSubmitted',
  'IssueClassified',
  'IssueEscalated',
  'IssueReferred',
  'ReferralAcknowledged',
  'ReferralDeclined',
  'ReferralResponded',
] as const;

const TIME_COLUMNS = ['referred_at', 'deadline', 'acknowledged_at', 'responded_at', 'declined_at'] as const;

/**
 * sla: one row per referral with its deadline and answer times, and the severity of its issue (kept current, so the
 * on-time KPI for prominent-and-above issues uses each issue's present severity). Overdue is computed at query time.
 */
export const slaProjection: Projection = {
  name: 'sla',
  tables: ['referrals', 'sla_issue_index'],
  eventTypes: EVENT_TYPES,
  async apply(events: RecordedEvent[], ctx: ProjectionContext) {
    const typed = events.map((e) => ({ recorded: e, event: { type: e.type, data: e.data } as IssueEvent }));
    const issueIds = typed.map((t) => t.event.data.issueId);
    const referralIds = typed.flatMap(({ event }) => ('referralId' in event.data ? [event.data.referralId as string] : []));
    const issues = await loadRows<IssueIndexRow>(ctx, 'sla_issue_index', 'issue_id', issueIds);
    const referrals = await loadRows<ReferralRow>(ctx, 'referrals', 'referral_id', referralIds);
    const touchedIssues = new Set<string>();
    const severityChanged = new Set<string>();
    const touchedReferrals = new Set<string>();

    for (const { recorded, event } of typed) {
      const position = recorded.position.toString();
      switch (event.type) {
        case 'ReportSubmitted':
        case 'IssueClassified': {
          const c = event.data.classification;
          const before = issues.get(event.data.issueId);
          issues.set(event.data.issueId, { issue_id: event.data.issueId, severity: c.severity, locality_code: c.localityCode, province_code: c.provinceCode });
          touchedIssues.add(event.data.issueId);
          if (before && before.severity !== c.severity) severityChanged.add(event.data.issueId);
          break;
        }
        case 'IssueEscalated': {
          const row = issues.get(event.data.issueId);
          if (!row) throw new Error(`issue ${event.data.issueId} is not in the sla index`);
          if (row.severity !== event.data.severity) severityChanged.add(event.data.issueId);
          row.severity = event.data.severity;
          touchedIssues.add(event.data.issueId);
          break;
        }
        case 'IssueReferred': {
          const issue = issues.get(event.data.issueId);
          if (!issue) throw new Error(`issue ${event.data.issueId} is not in the sla index`);
          const d = event.data;
          referrals.set(d.referralId, {
            referral_id: d.referralId,
            issue_id: d.issueId,
            agency_id: d.agencyId,
            agency_name: d.agencyName,
            status: 'REFERRED',
            issue_severity: issue.severity,
            locality_code: issue.locality_code,
            province_code: issue.province_code,
            referred_at: d.referredAt,
            deadline: d.deadline,
            acknowledged_at: null,
            responded_at: null,
            declined_at: null,
            on_time: null,
            last_position: position,
          });
          touchedReferrals.add(d.referralId);
          break;
        }
        case 'ReferralAcknowledged':
        case 'ReferralDeclined':
        case 'ReferralResponded': {
          const row = referrals.get(event.data.referralId);
          if (!row) throw new Error(`referral ${event.data.referralId} has no row`);
          if (event.type === 'ReferralAcknowledged') {
            row.status = 'ACKNOWLEDGED';
            row.acknowledged_at = event.data.acknowledgedAt;
          } else if (event.type === 'ReferralDeclined') {
            row.status = 'DECLINED';
            row.declined_at = event.data.declinedAt;
          } else {
            row.status = 'RESPONDED';
            row.responded_at = event.data.respondedAt;
            row.on_time = event.data.onTime;
          }
          row.last_position = position;
          touchedReferrals.add(event.data.referralId);
          break;
        }
        default:
          break;
      }
    }
    await upsertRows(ctx, 'sla_issue_index', ['issue_id'], [...touchedIssues].map((id) => issues.get(id)!));
    // Rows of this batch take the issue's severity as it stands at the end of the batch.
    for (const id of touchedReferrals) {
      const row = referrals.get(id)!;
      row.issue_severity = issues.get(row.issue_id)?.severity ?? row.issue_severity;
    }
    await upsertRows(
      ctx,
      'referrals',
      ['referral_id'],
      [...touchedReferrals].map((id) => {
        const row = { ...referrals.get(id)! };
        for (const c of TIME_COLUMNS) (row as Record<string, unknown>)[c] = iso(row[c]);
        return row;
      }),
    );
    const changed = [...severityChanged].filter((id) => issues.has(id));
    if (changed.length) {
      await ctx.trx.raw(
        `UPDATE "${ctx.table('referrals')}" r SET issue_severity = i.severity
           FROM "${ctx.table('sla_issue_index')}" i
          WHERE r.issue_id = i.issue_id AND r.issue_id = ANY(?::text[]) AND r.issue_severity <> i.severity`,
        [changed],
      );
    }
  },
};
