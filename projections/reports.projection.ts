import type { IssueEvent, Report } from '../domain/issue/events';
import type { RecordedEvent } from '../eventstore/port';
import type { Projection, ProjectionContext } from './projection';
import { loadRows, upsertRows } from './support/rows';
import { iso } from './support/time';

export interface ReportRow {
  report_id: string;
  issue_id: string;
  kind: string;
  channel: string;
  tendency: string;
  intensity: string;
  locality_code: string;
  commune_code: string | null;
  province_code: string;
  sectors: string[];
  title: string;
  summary: string;
  people_concerned: number | null;
  sensitive: boolean;
  observed_at: string;
  submitted_at: string;
  /** Protected: only officers may read it (the API redacts or pseudonymises it for every other role). */
  reporter_id: string;
  reporter_role: string | null;
  verification_outcome: string | null;
  verified_at: string | null;
  merged_from_issue_id: string | null;
  last_position: string;
  [column: string]: unknown;
}

const EVENT_TYPES = ['ReportSubmitted', 'ReportAttached', 'ReportVerified'] as const;

function fromReport(issueId: string, report: Report, position: bigint, mergedFrom: string | null, previous?: ReportRow): ReportRow {
  return {
    report_id: report.reportId,
    issue_id: issueId,
    kind: report.kind,
    channel: report.channel,
    tendency: report.tendency,
    intensity: report.intensity,
    locality_code: report.localityCode,
    commune_code: report.localityCode.length === 5 ? report.localityCode : null,
    province_code: report.provinceCode,
    sectors: report.sectors,
    title: report.title,
    summary: report.summary,
    people_concerned: report.peopleConcerned,
    sensitive: report.sensitive,
    observed_at: report.observedAt,
    submitted_at: report.submittedAt,
    reporter_id: report.reporterId,
    reporter_role: report.reporterRole,
    // A merge moves a report to another issue; its verification stays with it.
    verification_outcome: previous?.verification_outcome ?? null,
    verified_at: iso(previous?.verified_at),
    merged_from_issue_id: mergedFrom,
    last_position: position.toString(),
  };
}

/** reports: one row per report, following it when a merge moves it to another issue. */
export const reportsProjection: Projection = {
  name: 'reports',
  tables: ['reports'],
  eventTypes: EVENT_TYPES,
  async apply(events: RecordedEvent[], ctx: ProjectionContext) {
    const reportIdOf = (e: IssueEvent) => (e.type === 'ReportVerified' ? e.data.reportId : e.type === 'ReportSubmitted' || e.type === 'ReportAttached' ? e.data.report.reportId : '');
    const typed = events.map((e) => ({ recorded: e, event: { type: e.type, data: e.data } as IssueEvent }));
    const rows = await loadRows<ReportRow>(ctx, 'reports', 'report_id', typed.map((t) => reportIdOf(t.event)));
    const touched = new Set<string>();
    for (const { recorded, event } of typed) {
      if (event.type === 'ReportSubmitted' || event.type === 'ReportAttached') {
        const mergedFrom = event.type === 'ReportAttached' ? event.data.mergedFromIssueId : null;
        const id = event.data.report.reportId;
        rows.set(id, fromReport(event.data.issueId, event.data.report, recorded.position, mergedFrom, rows.get(id)));
        touched.add(id);
      } else if (event.type === 'ReportVerified') {
        const row = rows.get(event.data.reportId);
        if (!row) throw new Error(`report ${event.data.reportId} has no row (its report event was not projected)`);
        row.verification_outcome = event.data.outcome;
        row.verified_at = event.data.verifiedAt;
        row.last_position = recorded.position.toString();
        touched.add(event.data.reportId);
      }
    }
    const out = [...touched].map((id) => {
      const r = rows.get(id)!;
      return { ...r, observed_at: iso(r.observed_at), submitted_at: iso(r.submitted_at), verified_at: iso(r.verified_at) } as ReportRow;
    });
    await upsertRows(ctx, 'reports', ['report_id'], out);
  },
};
