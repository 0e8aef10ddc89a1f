import type { Knex } from 'knex';

/**
 * Reads of the trends read model (trends_daily, trends_province_daily): counts per period of the Vietnamese calendar,
 * grouped by sector and/or locality, each with its change against the previous period of the same series. The one
 * copy of this query: the `trends` GraphQL field, the CSV export and the monthly synthesis all read through it.
 */

export const TREND_READ_COUNTERS = ['reports', 'negative', 'high_intensity', 'new_issues', 'confirmed', 'unfounded'] as const;
type Counter = (typeof TREND_READ_COUNTERS)[number];

export type Granularity = 'DAY' | 'WEEK' | 'MONTH' | 'QUARTER' | 'YEAR';
export type TrendDimension = 'SECTOR' | 'COMMUNE' | 'PROVINCE' | 'PERIOD';

export interface TrendCountValues {
  reports: number;
  negative: number;
  highIntensity: number;
  newIssues: number;
  confirmed: number;
  unfounded: number;
}

export interface TrendDeltaValue {
  absolute: number;
  /** Percent change (25 means +25%); null when the previous count was 0. */
  percent: number | null;
}

export type TrendChangeValues = Record<keyof TrendCountValues, TrendDeltaValue>;

export interface TrendRow {
  /** First day of the period (the range start when not grouping by PERIOD). */
  period: string;
  periodEnd: string;
  partial: boolean;
  /** The sector code when grouping by SECTOR. */
  sector: string | null;
  /** The commune (or the province, for province-level reports) when grouping by COMMUNE; the province for PROVINCE alone. */
  localityCode: string | null;
  counts: TrendCountValues;
  /** Against the previous period of the same series; null when it had no counts or when not grouping by PERIOD. */
  change: TrendChangeValues | null;
}

export interface TrendQuery {
  provinceCode: string;
  /** null: the whole province; otherwise only these communes (province-level reports are then left out). */
  communeCodes: readonly string[] | null;
  /** First and last day (both included), YYYY-MM-DD. */
  from: string;
  to: string;
  groupBy: readonly TrendDimension[];
  granularity: Granularity;
  /** Only these sectors (several need groupBy SECTOR: a report can count in several). */
  sectors?: readonly string[] | null;
}

const FIELD_OF: Record<Counter, keyof TrendCountValues> = {
  reports: 'reports',
  negative: 'negative',
  high_intensity: 'highIntensity',
  new_issues: 'newIssues',
  confirmed: 'confirmed',
  unfounded: 'unfounded',
};

/** The longest range (in days, both ends included) each granularity accepts. */
export const MAX_RANGE_DAYS: Readonly<Record<Granularity, number>> = { DAY: 366, WEEK: 3 * 366, MONTH: 10 * 366, QUARTER: 20 * 366, YEAR: 50 * 366 };

const SQL_UNIT: Record<Granularity, string> = { DAY: 'day', WEEK: 'week', MONTH: 'month', QUARTER: 'quarter', YEAR: 'year' };

// Calendar arithmetic on 'YYYY-MM-DD' dates (Vietnamese calendar days, as stored in trends_daily).
export const DAY_MS = 86_400_000;
export const toUtc = (date: string) => Date.parse(`${date}T00:00:00Z`);
const fromUtc = (ms: number) => new Date(ms).toISOString().slice(0, 10);
export const addDays = (date: string, n: number) => fromUtc(toUtc(date) + n * DAY_MS);
function addMonths(date: string, n: number): string {
  const d = new Date(toUtc(date));
  return fromUtc(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + n, 1));
}

/** The first day of the period containing `date`, as Postgres date_trunc does (weeks start on Monday). */
export function periodStart(date: string, granularity: Granularity): string {
  const d = new Date(toUtc(date));
  switch (granularity) {
    case 'DAY':
      return date;
    case 'WEEK':
      return addDays(date, -((d.getUTCDay() + 6) % 7));
    case 'MONTH':
      return fromUtc(Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), 1));
    case 'QUARTER':
      return fromUtc(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() - (d.getUTCMonth() % 3), 1));
    case 'YEAR':
      return fromUtc(Date.UTC(d.getUTCFullYear(), 0, 1));
  }
}

/** The start of the period `n` periods after the one starting on `start`. */
export function shiftPeriod(start: string, granularity: Granularity, n: number): string {
  switch (granularity) {
    case 'DAY':
      return addDays(start, n);
    case 'WEEK':
      return addDays(start, 7 * n);
    case 'MONTH':
      return addMonths(start, n);
    case 'QUARTER':
      return addMonths(start, 3 * n);
    case 'YEAR':
      return addMonths(start, 12 * n);
  }
}

/** The change from `previous` to `current`: the difference, and the percent (null when previous is 0). */
export function delta(current: number, previous: number): TrendDeltaValue {
  return { absolute: current - previous, percent: previous === 0 ? null : Math.round(((current - previous) / previous) * 10_000) / 100 };
}

interface Row {
  period: string;
  sector?: string;
  locality_code?: string;
  province_code?: string;
  prev_period?: string | null;
  [column: string]: unknown;
}

/**
 * The trend series of a province (or some of its communes). Validation of the arguments (range length, sectors) is the
 * caller's; this runs one SQL statement through `knex.raw`.
 */
export async function readTrends(knex: Pick<Knex, 'raw'>, q: TrendQuery): Promise<TrendRow[]> {
  const { from, to, granularity } = q;
  const by = new Set(q.groupBy);
  const sectors = q.sectors?.length ? [...new Set(q.sectors)] : null;
  const byPeriod = by.has('PERIOD');
  const dims: string[] = [];
  if (by.has('SECTOR')) dims.push('sector');
  if (by.has('COMMUNE')) dims.push('locality_code');
  if (by.has('PROVINCE')) dims.push('province_code');

  const bindings: unknown[] = [];
  const periodExpr = byPeriod ? `to_char(date_trunc('${SQL_UNIT[granularity]}', day), 'YYYY-MM-DD')` : '?::text';
  if (!byPeriod) bindings.push(from);
  // The previous period of each series is read too (even before `from`), so the first period has a change.
  const firstStart = periodStart(from, granularity);
  const dayRanges: [string, string][] = [];
  if (!byPeriod) dayRanges.push([from, to]);
  else if (firstStart === from) dayRanges.push([shiftPeriod(firstStart, granularity, -1), to]);
  else dayRanges.push([shiftPeriod(firstStart, granularity, -1), addDays(firstStart, -1)], [from, to]);
  const where = ['province_code = ?', `(${dayRanges.map(() => 'day BETWEEN ? AND ?').join(' OR ')})`];
  bindings.push(q.provinceCode, ...dayRanges.flat());
  if (sectors) {
    where.push('sector = ANY(?::text[])');
    bindings.push(sectors);
  } else {
    // 'ALL' holds exact totals across sectors (a report with two sectors counts once there)
    where.push(by.has('SECTOR') ? "sector <> 'ALL'" : "sector = 'ALL'");
  }
  if (q.communeCodes) {
    where.push('locality_code = ANY(?::text[])');
    bindings.push(q.communeCodes);
  }

  // Province-wide questions read the province roll-up: the same counters without the commune dimension.
  const table = by.has('COMMUNE') || q.communeCodes ? 'trends_daily' : 'trends_province_daily';
  const sums = TREND_READ_COUNTERS.map((c) => `sum(${c})::int AS ${c}`).join(', ');
  const dimList = dims.map((d) => `${d}, `).join('');
  const partition = dims.length ? `PARTITION BY ${dims.join(', ')} ` : '';
  const lags = byPeriod ? `, lag(period) OVER w AS prev_period, ${TREND_READ_COUNTERS.map((c) => `lag(${c}) OVER w AS prev_${c}`).join(', ')}` : '';
  const sql = `
      WITH cells AS (
        SELECT ${periodExpr} AS period, ${dimList}${sums}
          FROM ${table}
         WHERE ${where.join(' AND ')}
         GROUP BY 1${dims.map((_, i) => `, ${i + 2}`).join('')}
      ), series AS (
        SELECT cells.*${lags} FROM cells ${byPeriod ? `WINDOW w AS (${partition}ORDER BY period)` : ''}
      )
      SELECT * FROM series WHERE period >= ? ORDER BY ${dimList}period`;
  bindings.push(byPeriod ? firstStart : from);
  const { rows } = await knex.raw<{ rows: Row[] }>(sql, bindings as never[]);

  return rows.map((row): TrendRow => {
    const counts = Object.fromEntries(TREND_READ_COUNTERS.map((c) => [FIELD_OF[c], Number(row[c])])) as unknown as TrendCountValues;
    const period = byPeriod ? row.period : from;
    const periodEnd = byPeriod ? addDays(shiftPeriod(row.period, granularity, 1), -1) : to;
    const hasPrevious = byPeriod && row.prev_period === shiftPeriod(row.period, granularity, -1);
    const change = hasPrevious
      ? (Object.fromEntries(TREND_READ_COUNTERS.map((c) => [FIELD_OF[c], delta(Number(row[c]), Number(row[`prev_${c}`]))])) as unknown as TrendChangeValues)
      : null;
    return {
      period,
      periodEnd,
      partial: period < from || periodEnd > to,
      sector: row.sector ?? null,
      localityCode: row.locality_code ?? row.province_code ?? null,
      counts,
      change,
    };
  });
}
