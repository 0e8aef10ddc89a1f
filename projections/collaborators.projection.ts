import type { CollaboratorEvent } from '../domain/collaborator/events';
import type { IssueEvent, Report } from '../domain/issue/events';
import type { RecordedEvent } from '../eventstore/port';
import type { Projection, ProjectionContext } from './projection';
import { addCounts, loadRows, upsertRows } from './support/rows';
import { iso, vnMonth } from './support/time';

/** A report is timely when it reaches the system within this long of being observed. */
export const TIMELY_WITHIN_MS = 48 * 3600 * 1000;
const CONFIRMING = new Set(['CONFIRMED', 'PARTLY_CONFIRMED']);
export const ACTIVITY_COUNTERS = ['reports', 'timely_reports', 'verified_reports', 'confirmed_reports'] as const;

interface CollaboratorRow {
  collaborator_id: string;
  full_name: string;
  level: string;
  locality_code: string;
  province_code: string;
  unit: string | null;
  phone: string | null;
  email: string | null;
  active: boolean;
  enrolled_at: string;
  deactivated_at: string | null;
  deactivation_reason: string | null;
  last_position: string;
  [column: string]: unknown;
}

interface ReportIndexRow {
  report_id: string;
  collaborator_id: string;
  month: string;
  outcome: string | null;
  [column: string]: unknown;
}

const EVENT_TYPES = ['CollaboratorEnrolled', 'CollaboratorUpdated', 'CollaboratorDeactivated', 'ReportSubmitted', 'ReportAttached', 'ReportVerified'] as const;

/**
 * collaborators: the roster, and per collaborator and month: reports, timely reports, reports verified, and reports
 * whose latest verification confirmed them (fully or partly). Activity counts reports whose reporter has the
 * COLLABORATOR role, in the month they were submitted.
 */
export const collaboratorsProjection: Projection = {
  name: 'collaborators',
  tables: ['collaborators', 'collaborator_activity', 'collaborator_report_index'],
  eventTypes: EVENT_TYPES,
  async apply(events: RecordedEvent[], ctx: ProjectionContext) {
    const typed = events.map((e) => ({ recorded: e, event: { type: e.type, data: e.data } as IssueEvent | CollaboratorEvent }));
    const collaboratorIds = typed.flatMap(({ event }) => ('collaboratorId' in event.data ? [event.data.collaboratorId] : []));
    const roster = await loadRows<CollaboratorRow>(ctx, 'collaborators', 'collaborator_id', collaboratorIds);
    const verified = typed.flatMap(({ event }) => (event.type === 'ReportVerified' ? [event.data.reportId] : []));
    const index = await loadRows<ReportIndexRow>(ctx, 'collaborator_report_index', 'report_id', verified);
    const touchedRoster = new Set<string>();
    const touchedIndex = new Set<string>();
    const activity = new Map<string, Record<string, string | number>>();
    const count = (collaboratorId: string, month: string, deltas: Partial<Record<(typeof ACTIVITY_COUNTERS)[number], number>>) => {
      const key = `${collaboratorId}|${month}`;
      let row = activity.get(key);
      if (!row) {
        row = { collaborator_id: collaboratorId, month };
        for (const c of ACTIVITY_COUNTERS) row[c] = 0;
        activity.set(key, row);
      }
      for (const [c, d] of Object.entries(deltas)) row[c] = (row[c] as number) + (d ?? 0);
    };
    const countReport = (report: Report) => {
      if (report.reporterRole !== 'COLLABORATOR') return;
      const month = vnMonth(report.submittedAt);
      const timely = Date.parse(report.submittedAt) - Date.parse(report.observedAt) <= TIMELY_WITHIN_MS;
      count(report.reporterId, month, { reports: 1, timely_reports: timely ? 1 : 0 });
      index.set(report.reportId, { report_id: report.reportId, collaborator_id: report.reporterId, month, outcome: null });
      touchedIndex.add(report.reportId);
    };

    for (const { recorded, event } of typed) {
      const position = recorded.position.toString();
      switch (event.type) {
        case 'CollaboratorEnrolled': {
          const { profile, collaboratorId, enrolledAt } = event.data;
          roster.set(collaboratorId, {
            collaborator_id: collaboratorId,
            full_name: profile.fullName,
            level: profile.level,
            locality_code: profile.localityCode,
            province_code: profile.provinceCode,
            unit: profile.unit,
            phone: profile.phone,
            email: profile.email,
            active: true,
            enrolled_at: enrolledAt,
            deactivated_at: null,
            deactivation_reason: null,
            last_position: position,
          });
          touchedRoster.add(collaboratorId);
          break;
        }
        case 'CollaboratorUpdated': {
          const row = roster.get(event.data.collaboratorId);
          if (!row) throw new Error(`collaborator ${event.data.collaboratorId} has no row`);
          const p = event.data.profile;
          Object.assign(row, { full_name: p.fullName, level: p.level, locality_code: p.localityCode, province_code: p.provinceCode, unit: p.unit, phone: p.phone, email: p.email, last_position: position });
          touchedRoster.add(event.data.collaboratorId);
          break;
        }
        case 'CollaboratorDeactivated': {
          const row = roster.get(event.data.collaboratorId);
          if (!row) throw new Error(`collaborator ${event.data.collaboratorId} has no row`);
          Object.assign(row, { active: false, deactivated_at: event.data.deactivatedAt, deactivation_reason: event.data.reason, last_position: position });
          touchedRoster.add(event.data.collaboratorId);
          break;
        }
        case 'ReportSubmitted':
          countReport(event.data.report);
          break;
        case 'ReportAttached':
          if (event.data.mergedFromIssueId === null) countReport(event.data.report);
          break;
        case 'ReportVerified': {
          const row = index.get(event.data.reportId);
          if (!row) break; // not a collaborator's report
          const before = row.outcome;
          const after = event.data.outcome;
          count(row.collaborator_id, iso(row.month)!.slice(0, 10), {
            verified_reports: before === null ? 1 : 0,
            confirmed_reports: (CONFIRMING.has(after) ? 1 : 0) - (before !== null && CONFIRMING.has(before) ? 1 : 0),
          });
          row.outcome = after;
          touchedIndex.add(event.data.reportId);
          break;
        }
        default:
          break;
      }
    }
    await upsertRows(
      ctx,
      'collaborators',
      ['collaborator_id'],
      [...touchedRoster].map((id) => {
        const r = roster.get(id)!;
        return { ...r, enrolled_at: iso(r.enrolled_at), deactivated_at: iso(r.deactivated_at) };
      }),
    );
    await upsertRows(
      ctx,
      'collaborator_report_index',
      ['report_id'],
      [...touchedIndex].map((id) => {
        const r = index.get(id)!;
        return { ...r, month: iso(r.month)!.slice(0, 10) };
      }),
    );
    await addCounts(ctx, 'collaborator_activity', ['collaborator_id', 'month'], ACTIVITY_COUNTERS, activity.values());
  },
};
