import type { IssueEvent, Report } from '../domain/issue/events';
import type { RecordedEvent } from '../eventstore/port';
import type { Projection, ProjectionContext } from './projection';
import { addCounts, loadRows, upsertRows } from './support/rows';
import { vnDay } from './support/time';

/** The pseudo-sector whose rows hold exact totals (a report in two sectors counts once here). */
export const ALL_SECTORS = 'ALL';
export const TREND_COUNTERS = ['reports', 'negative', 'high_intensity', 'new_issues', 'confirmed', 'unfounded'] as const;
type Counter = (typeof TREND_COUNTERS)[number];

interface IndexRow {
  report_id: string;
  locality_code: string;
  province_code: string;
  sectors: string[];
  [column: string]: unknown;
}

const EVENT_TYPES = ['ReportSubmitted', 'ReportAttached', 'ReportVerified'] as const;

/**
 * trends: counts per Vietnamese day × sector × locality (commune, or the province for province-level reports), and the
 * same rolled up to day × sector × province (trends_province_daily) for province-wide queries.
 * Reports count on the day they were observed; verifications on the day they were made. A report moved by a merge
 * is not counted again.
 */
export const trendsProjection: Projection = {
  name: 'trends',
  tables: ['trends_daily', 'trends_province_daily', 'trends_report_index'],
  eventTypes: EVENT_TYPES,
  async apply(events: RecordedEvent[], ctx: ProjectionContext) {
    const typed = events.map((e) => ({ type: e.type, data: e.data }) as IssueEvent);
    const verifiedIds = typed.flatMap((e) => (e.type === 'ReportVerified' ? [e.data.reportId] : []));
    const index = await loadRows<IndexRow>(ctx, 'trends_report_index', 'report_id', verifiedIds);
    const newIndex: IndexRow[] = [];
    const cells = new Map<string, Record<string, string | number>>();
    const provinceCells = new Map<string, Record<string, string | number>>();
    const add = (into: Map<string, Record<string, string | number>>, key: string, fresh: () => Record<string, string | number>, deltas: Partial<Record<Counter, number>>) => {
      let cell = into.get(key);
      if (!cell) {
        cell = fresh();
        for (const c of TREND_COUNTERS) cell[c] = 0;
        into.set(key, cell);
      }
      for (const [c, d] of Object.entries(deltas)) cell[c] = (cell[c] as number) + (d ?? 0);
    };

    const bump = (day: string, sectors: string[], localityCode: string, provinceCode: string, deltas: Partial<Record<Counter, number>>) => {
      for (const sector of [...sectors, ALL_SECTORS]) {
        add(cells, `${day}|${sector}|${localityCode}`, () => ({ day, sector, locality_code: localityCode, province_code: provinceCode }), deltas);
        add(provinceCells, `${day}|${sector}|${provinceCode}`, () => ({ day, sector, province_code: provinceCode }), deltas);
      }
    };
    const countReport = (report: Report, opensIssue: boolean) => {
      bump(vnDay(report.observedAt), report.sectors, report.localityCode, report.provinceCode, {
        reports: 1,
        negative: report.tendency === 'NEGATIVE' ? 1 : 0,
        high_intensity: report.intensity === 'HIGH' ? 1 : 0,
        new_issues: opensIssue ? 1 : 0,
      });
      const row = { report_id: report.reportId, locality_code: report.localityCode, province_code: report.provinceCode, sectors: report.sectors };
      index.set(report.reportId, row);
      newIndex.push(row);
    };

    for (const event of typed) {
      if (event.type === 'ReportSubmitted') countReport(event.data.report, true);
      else if (event.type === 'ReportAttached') {
        if (event.data.mergedFromIssueId === null) countReport(event.data.report, false);
      } else if (event.type === 'ReportVerified') {
        const where = index.get(event.data.reportId);
        if (!where) throw new Error(`report ${event.data.reportId} is not in the trends index (its report event was not projected)`);
        const outcome = event.data.outcome;
        bump(vnDay(event.data.verifiedAt), where.sectors, where.locality_code, where.province_code, {
          confirmed: outcome === 'CONFIRMED' || outcome === 'PARTLY_CONFIRMED' ? 1 : 0,
          unfounded: outcome === 'UNFOUNDED' ? 1 : 0,
        });
      }
    }
    await upsertRows(ctx, 'trends_report_index', ['report_id'], newIndex);
    await addCounts(ctx, 'trends_daily', ['day', 'sector', 'locality_code'], TREND_COUNTERS, cells.values());
    await addCounts(ctx, 'trends_province_daily', ['province_code', 'sector', 'day'], TREND_COUNTERS, provinceCells.values());
  },
};
