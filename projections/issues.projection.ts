import type { IssueEvent, Report } from '../domain/issue/events';
import { ISSUE_EVENT_TYPES } from '../domain/issue/events';
import { foldVietnamese } from '../domain/text/fold-vietnamese';
import type { RecordedEvent } from '../eventstore/port';
import type { Projection, ProjectionContext } from './projection';
import { loadRows, upsertRows } from './support/rows';
import { iso, occurredAt } from './support/time';

/** Per-agency referral state kept on the issue row (the latest referral to each agency). */
export interface IssueReferralState {
  referralId: string;
  agencyId: string;
  agencyName: string | null;
  status: 'REFERRED' | 'ACKNOWLEDGED' | 'RESPONDED' | 'DECLINED';
  deadline: string;
  referredAt: string;
  acknowledgedAt: string | null;
  respondedAt: string | null;
  declinedAt: string | null;
  onTime: boolean | null;
}

export interface IssueRow {
  issue_id: string;
  status: string;
  severity: string;
  sectors: string[];
  locality_code: string;
  commune_code: string | null;
  province_code: string;
  title: string;
  summary: string;
  search_text: string;
  sensitive: boolean;
  report_count: number;
  first_report_at: string;
  last_report_at: string;
  latest_verification: string | null;
  latest_verified_at: string | null;
  referrals: Record<string, IssueReferralState>;
  open_referral_count: number;
  next_deadline: string | null;
  merged_into: string | null;
  resolution: string | null;
  closed_at: string | null;
  created_at: string;
  updated_at: string;
  last_position: string;
  [column: string]: unknown;
}

/** Folded text of an issue is capped: enough for search, bounded for very long-lived issues. */
const SEARCH_TEXT_MAX = 8000;

const communeOf = (localityCode: string) => (localityCode.length === 5 ? localityCode : null);
const searchable = (report: Report) => foldVietnamese(`${report.title} ${report.summary}`);

function normalise(row: IssueRow): IssueRow {
  // Rows read back from Postgres carry Dates; keep ISO strings so JSON round-trips are exact.
  for (const k of ['first_report_at', 'last_report_at', 'latest_verified_at', 'next_deadline', 'closed_at', 'created_at', 'updated_at'] as const) {
    (row as Record<string, unknown>)[k] = iso(row[k]);
  }
  return row;
}

function refreshReferralSummary(row: IssueRow): void {
  const open = Object.values(row.referrals).filter((r) => r.status === 'REFERRED' || r.status === 'ACKNOWLEDGED');
  row.open_referral_count = open.length;
  row.next_deadline = open.length ? open.map((r) => r.deadline).sort()[0] : null;
}

function applyEvent(rows: Map<string, IssueRow>, recorded: RecordedEvent): void {
  const event = { type: recorded.type, data: recorded.data } as IssueEvent;
  const at = occurredAt(recorded);
  if (event.type === 'ReportSubmitted') {
    const { report, classification, status, issueId } = event.data;
    rows.set(issueId, {
      issue_id: issueId,
      status,
      severity: classification.severity,
      sectors: classification.sectors,
      locality_code: classification.localityCode,
      commune_code: communeOf(classification.localityCode),
      province_code: classification.provinceCode,
      title: report.title,
      summary: report.summary,
      search_text: searchable(report),
      sensitive: report.sensitive,
      report_count: 1,
      first_report_at: report.submittedAt,
      last_report_at: report.submittedAt,
      latest_verification: null,
      latest_verified_at: null,
      referrals: {},
      open_referral_count: 0,
      next_deadline: null,
      merged_into: null,
      resolution: null,
      closed_at: null,
      created_at: report.submittedAt,
      updated_at: at,
      last_position: recorded.position.toString(),
    });
    return;
  }
  const row = rows.get(event.data.issueId);
  if (!row) throw new Error(`issue ${event.data.issueId} has no row (its ReportSubmitted was not projected)`);
  row.updated_at = at;
  row.last_position = recorded.position.toString();
  switch (event.type) {
    case 'ReportAttached': {
      const { report } = event.data;
      row.report_count += 1;
      if (report.submittedAt < row.first_report_at) row.first_report_at = report.submittedAt;
      if (report.submittedAt > row.last_report_at) row.last_report_at = report.submittedAt;
      row.search_text = `${row.search_text} ${searchable(report)}`.slice(0, SEARCH_TEXT_MAX);
      row.sensitive ||= report.sensitive;
      return;
    }
    case 'IssueClassified': {
      const c = event.data.classification;
      row.sectors = c.sectors;
      row.severity = c.severity;
      row.locality_code = c.localityCode;
      row.commune_code = communeOf(c.localityCode);
      row.province_code = c.provinceCode;
      return;
    }
    case 'ReportVerified':
      row.latest_verification = event.data.outcome;
      row.latest_verified_at = event.data.verifiedAt;
      row.status = event.data.status;
      return;
    case 'IssueReferred': {
      const d = event.data;
      row.referrals = {
        ...row.referrals,
        [d.agencyId]: {
          referralId: d.referralId,
          agencyId: d.agencyId,
          agencyName: d.agencyName,
          status: 'REFERRED',
          deadline: d.deadline,
          referredAt: d.referredAt,
          acknowledgedAt: null,
          respondedAt: null,
          declinedAt: null,
          onTime: null,
        },
      };
      row.status = d.status;
      refreshReferralSummary(row);
      return;
    }
    case 'ReferralAcknowledged':
    case 'ReferralDeclined':
    case 'ReferralResponded': {
      const d = event.data;
      const current = row.referrals[d.agencyId];
      if (!current || current.referralId !== d.referralId) return; // an older referral to the same agency
      const next: IssueReferralState = { ...current };
      if (event.type === 'ReferralAcknowledged') {
        next.status = 'ACKNOWLEDGED';
        next.acknowledgedAt = event.data.acknowledgedAt;
      } else if (event.type === 'ReferralDeclined') {
        next.status = 'DECLINED';
        next.declinedAt = event.data.declinedAt;
        row.status = event.data.status;
      } else {
        next.status = 'RESPONDED';
        next.respondedAt = event.data.respondedAt;
        next.onTime = event.data.onTime;
        row.status = event.data.status;
      }
      row.referrals = { ...row.referrals, [d.agencyId]: next };
      refreshReferralSummary(row);
      return;
    }
    case 'IssueEscalated':
      row.severity = event.data.severity;
      return;
    case 'IssueMerged':
      row.status = event.data.status;
      row.merged_into = event.data.intoIssueId;
      return;
    case 'IssueClosed':
      row.status = event.data.status;
      row.resolution = event.data.resolution;
      row.closed_at = event.data.closedAt;
      return;
    case 'IssueReopened':
      row.status = event.data.status;
      row.closed_at = null;
      return;
    case 'FeedbackDelivered':
    case 'GuidanceIssued':
      return;
    default: {
      const unknownType: never = event;
      throw new Error(`issues projection does not know event type ${(unknownType as { type: string }).type}`);
    }
  }
}

/** issues: one row per issue — status, severity, sectors, locality, report counts and times, referrals per agency. */
export const issuesProjection: Projection = {
  name: 'issues',
  tables: ['issues'],
  eventTypes: ISSUE_EVENT_TYPES,
  async apply(events: RecordedEvent[], ctx: ProjectionContext) {
    const ids = events.map((e) => (e.data as { issueId: string }).issueId);
    const loaded = await loadRows<IssueRow>(ctx, 'issues', 'issue_id', ids);
    const rows = new Map([...loaded].map(([k, v]) => [k, normalise(v)]));
    const touched = new Set<string>();
    for (const event of events) {
      applyEvent(rows, event);
      touched.add((event.data as { issueId: string }).issueId);
    }
    await upsertRows(ctx, 'issues', ['issue_id'], [...touched].map((id) => rows.get(id)!));
  },
};
