import { addDays, assessWindowsOf, DayCount, decideWarning, HOTSPOT_PARAMS, HotspotAssessment, reportWeightPoints, WarningEpisode } from '../domain/analytics/hotspot';
import type { IssueEvent, Report } from '../domain/issue/events';
import type { RecordedEvent } from '../eventstore/port';
import type { Projection, ProjectionContext } from './projection';
import { upsertRows } from './support/rows';
import { iso, vnDay } from './support/time';

/**
 * hotspots: early warning (cảnh báo sớm). Per commune × sector it keeps daily counts of reports (by the day observed,
 * Vietnam time) and their weights, and after each report assesses every 7-day window the report falls in against the
 * cell's own 8 weeks before (domain/analytics/hotspot.ts). A cell that crosses the threshold outside any episode
 * raises a warning; while it stays hot the same episode goes on (it is not raised again) and stays active until a
 * window after its last hot day.
 *
 * Events are folded one after another in log order, whatever the batch, so a replay gives the same tables.
 * Province-level reports (no commune) are not assessed; a report moved by a merge is not counted again.
 */

export interface HotspotDailyRow {
  locality_code: string;
  sector: string;
  day: string;
  province_code: string;
  reports: number;
  points: number;
  last_observed_at: string;
  [column: string]: unknown;
}

export interface HotspotProvinceRow {
  province_code: string;
  first_day: string;
  latest_day: string;
  [column: string]: unknown;
}

/** An assessment as stored with a warning (the reasons it gives). */
export type StoredAssessment = Omit<HotspotAssessment, 'hot'>;

export interface HotspotWarningRow {
  warning_id: string;
  locality_code: string;
  province_code: string;
  sector: string;
  raised_at: string;
  raised_day: string;
  raised_position: string;
  last_hot_day: string;
  active_until: string;
  raised_assessment: StoredAssessment;
  latest_assessment: StoredAssessment;
  peak_score: number;
  [column: string]: unknown;
}

const EVENT_TYPES = ['ReportSubmitted', 'ReportAttached'] as const;

/** Vietnamese calendar day → the instant it starts (UTC+7 all year). */
export const vnMidnight = (day: string): Date => new Date(`${day}T00:00:00+07:00`);
const cellKey = (localityCode: string, sector: string) => `${localityCode}|${sector}`;
const stored = ({ hot: _hot, ...assessment }: HotspotAssessment): StoredAssessment => assessment;

/** The reports a batch counts: new ones (submitted or attached by an officer), about a commune. */
function countedReports(events: RecordedEvent[]): { report: Report; position: bigint }[] {
  const out: { report: Report; position: bigint }[] = [];
  for (const recorded of events) {
    const event = { type: recorded.type, data: recorded.data } as IssueEvent;
    if (event.type === 'ReportSubmitted' || (event.type === 'ReportAttached' && event.data.mergedFromIssueId === null)) {
      const { report } = event.data;
      if (report.localityCode !== report.provinceCode) out.push({ report, position: recorded.position });
    }
  }
  return out;
}

export const hotspotsProjection: Projection = {
  name: 'hotspots',
  tables: ['hotspot_daily', 'hotspot_provinces', 'hotspot_warnings'],
  eventTypes: EVENT_TYPES,
  async apply(events: RecordedEvent[], ctx: ProjectionContext) {
    const reports = countedReports(events);
    if (reports.length === 0) return;
    const params = HOTSPOT_PARAMS;

    // Load what the batch reads: the touched cells' days around the batch's days, their warnings, the provinces.
    const cells = new Map<string, { localityCode: string; sector: string }>();
    let minDay = '9999-12-31';
    let maxDay = '0000-01-01';
    for (const { report } of reports) {
      const day = vnDay(report.observedAt);
      if (day < minDay) minDay = day;
      if (day > maxDay) maxDay = day;
      for (const sector of report.sectors) cells.set(cellKey(report.localityCode, sector), { localityCode: report.localityCode, sector });
    }
    const localities = [...cells.values()].map((c) => c.localityCode);
    const sectors = [...cells.values()].map((c) => c.sector);
    const from = addDays(minDay, -(params.baselineDays + params.windowDays - 1));
    const to = addDays(maxDay, params.windowDays - 1);
    const { rows: dailyRows } = await ctx.trx.raw<{ rows: HotspotDailyRow[] }>(
      `SELECT d.* FROM "${ctx.table('hotspot_daily')}" d
        JOIN unnest(?::text[], ?::text[]) AS c(locality_code, sector) USING (locality_code, sector)
       WHERE d.day BETWEEN ? AND ?`,
      [localities, sectors, from, to],
    );
    const { rows: warningRows } = await ctx.trx.raw<{ rows: HotspotWarningRow[] }>(
      `SELECT w.* FROM "${ctx.table('hotspot_warnings')}" w
        JOIN unnest(?::text[], ?::text[]) AS c(locality_code, sector) USING (locality_code, sector)
       WHERE w.active_until > ?
       ORDER BY w.raised_assessment->>'day' COLLATE "C"`,
      [localities, sectors, vnMidnight(minDay).toISOString()],
    );
    const provinceCodes = [...new Set(reports.map((r) => r.report.provinceCode))];
    const { rows: provinceRows } = await ctx.trx.raw<{ rows: HotspotProvinceRow[] }>(
      `SELECT * FROM "${ctx.table('hotspot_provinces')}" WHERE province_code = ANY(?::text[])`,
      [provinceCodes],
    );

    const days = new Map<string, Map<string, HotspotDailyRow>>(); // cell → day → row
    for (const row of dailyRows) {
      const key = cellKey(row.locality_code, row.sector);
      if (!days.has(key)) days.set(key, new Map());
      days.get(key)!.set(row.day, { ...row, last_observed_at: iso(row.last_observed_at)! });
    }
    // cell → its warnings still active in the batch's days, in the order they started (as loaded: any batch sees the same)
    const warnings = new Map<string, HotspotWarningRow[]>();
    for (const row of warningRows) {
      const key = cellKey(row.locality_code, row.sector);
      const normal = { ...row, raised_at: iso(row.raised_at)!, active_until: iso(row.active_until)!, raised_position: String(row.raised_position) };
      warnings.set(key, [...(warnings.get(key) ?? []), normal]);
    }
    const provinces = new Map(provinceRows.map((row) => [row.province_code, row]));
    const changedDays = new Map<string, HotspotDailyRow>();
    const changedWarnings = new Map<string, HotspotWarningRow>();

    for (const { report, position } of reports) {
      const day = vnDay(report.observedAt);
      const observedAt = new Date(report.observedAt).toISOString();
      const points = reportWeightPoints(report.tendency, report.intensity);
      let province = provinces.get(report.provinceCode);
      if (!province) {
        province = { province_code: report.provinceCode, first_day: day, latest_day: day };
        provinces.set(report.provinceCode, province);
      }
      if (day < province.first_day) province.first_day = day;
      if (day > province.latest_day) province.latest_day = day;

      for (const sector of report.sectors) {
        const key = cellKey(report.localityCode, sector);
        if (!days.has(key)) days.set(key, new Map());
        const cellDays = days.get(key)!;
        const row = cellDays.get(day) ?? {
          locality_code: report.localityCode,
          sector,
          day,
          province_code: report.provinceCode,
          reports: 0,
          points: 0,
          last_observed_at: observedAt,
        };
        row.reports += 1;
        row.points += points;
        if (observedAt > row.last_observed_at) row.last_observed_at = observedAt;
        cellDays.set(day, row);
        changedDays.set(`${key}|${day}`, row);
      }

      for (const sector of report.sectors) {
        const key = cellKey(report.localityCode, sector);
        const cellDays = [...days.get(key)!.values()];
        const series: DayCount[] = cellDays.map((d) => ({ day: d.day, reports: d.reports, points: d.points }));
        for (const assessment of assessWindowsOf(series, day, province.latest_day, province.first_day, params)) {
          if (!assessment.hot) continue;
          const list = warnings.get(key) ?? [];
          // An episode starts on the last day of the window that raised it (raised_day is when that became known).
          const episodes: WarningEpisode[] = list.map((w) => ({ raisedDay: w.raised_assessment.day, lastHotDay: w.last_hot_day, activeUntil: vnDay(w.active_until) }));
          const decision = decideWarning(episodes, assessment, params);
          if (decision.action === 'RAISE') {
            // Known when the report arrived, and not before the latest report of the window was observed.
            const windowLatest = cellDays
              .filter((d) => d.day >= assessment.windowStart && d.day <= assessment.day)
              .reduce((latest, d) => Math.max(latest, Date.parse(d.last_observed_at)), 0);
            const raisedAt = new Date(Math.max(Date.parse(report.submittedAt), windowLatest)).toISOString();
            const warning: HotspotWarningRow = {
              warning_id: `${report.localityCode}:${sector}:${assessment.day}`,
              locality_code: report.localityCode,
              province_code: report.provinceCode,
              sector,
              raised_at: raisedAt,
              raised_day: vnDay(raisedAt),
              raised_position: position.toString(),
              last_hot_day: decision.episode.lastHotDay,
              active_until: vnMidnight(decision.episode.activeUntil).toISOString(),
              raised_assessment: stored(assessment),
              latest_assessment: stored(assessment),
              peak_score: assessment.score,
            };
            warnings.set(key, [...list, warning].sort((a, b) => (a.raised_assessment.day < b.raised_assessment.day ? -1 : 1)));
            changedWarnings.set(warning.warning_id, warning);
          } else if (decision.action === 'EXTEND') {
            const warning = list[decision.index];
            warning.last_hot_day = decision.episode.lastHotDay;
            warning.active_until = vnMidnight(decision.episode.activeUntil).toISOString();
            if (assessment.day >= warning.latest_assessment.day) warning.latest_assessment = stored(assessment);
            if (assessment.score > warning.peak_score) warning.peak_score = assessment.score;
            changedWarnings.set(warning.warning_id, warning);
          }
        }
      }
    }

    await upsertRows(ctx, 'hotspot_daily', ['locality_code', 'sector', 'day'], changedDays.values());
    await upsertRows(ctx, 'hotspot_provinces', ['province_code'], provinces.values());
    await upsertRows(ctx, 'hotspot_warnings', ['warning_id'], changedWarnings.values());
  },
};
