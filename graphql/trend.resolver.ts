import { Arg, Ctx, Query, Resolver } from 'type-graphql';
import { LocalDateResolver } from 'graphql-scalars';
import { ValidationError } from '../domain/errors';
import { SECTOR_LABELS } from '../domain/vocabulary';
import type { GraphQLContext } from './context';
import { authorize, localityScope } from './auth/policy';
import { labelledValue } from './vocabulary.type';
import { toLocality } from './locality.type';
import { TrendChange, TrendCounts, TrendFilterInput, TrendGranularity, TrendGroupBy, TrendPoint, Trends } from './trend.type';

const COUNTERS = ['reports', 'negative', 'high_intensity', 'new_issues', 'confirmed', 'unfounded'] as const;
type Counter = (typeof COUNTERS)[number];
const FIELD_OF: Record<Counter, keyof TrendCounts> = {
  reports: 'reports',
  negative: 'negative',
  high_intensity: 'highIntensity',
  new_issues: 'newIssues',
  confirmed: 'confirmed',
  unfounded: 'unfounded',
};

/** The longest range (in days, both ends included) each granularity accepts. */
export const MAX_RANGE_DAYS: Readonly<Record<TrendGranularity, number>> = { DAY: 366, WEEK: 3 * 366, MONTH: 10 * 366, QUARTER: 20 * 366, YEAR: 50 * 366 };

const SQL_UNIT: Record<TrendGranularity, string> = { DAY: 'day', WEEK: 'week', MONTH: 'month', QUARTER: 'quarter', YEAR: 'year' };

// Calendar arithmetic on 'YYYY-MM-DD' dates (Vietnamese calendar days, as stored in trends_daily).
const DAY_MS = 86_400_000;
const toUtc = (date: string) => Date.parse(`${date}T00:00:00Z`);
const fromUtc = (ms: number) => new Date(ms).toISOString().slice(0, 10);
const addDays = (date: string, n: number) => fromUtc(toUtc(date) + n * DAY_MS);
function addMonths(date: string, n: number): string {
  const d = new Date(toUtc(date));
  return fromUtc(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + n, 1));
}

/** The first day of the period containing `date`, as Postgres date_trunc does (weeks start on Monday). */
export function periodStart(date: string, granularity: TrendGranularity): string {
  const d = new Date(toUtc(date));
  switch (granularity) {
    case TrendGranularity.DAY:
      return date;
    case TrendGranularity.WEEK:
      return addDays(date, -((d.getUTCDay() + 6) % 7));
    case TrendGranularity.MONTH:
      return fromUtc(Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), 1));
    case TrendGranularity.QUARTER:
      return fromUtc(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() - (d.getUTCMonth() % 3), 1));
    case TrendGranularity.YEAR:
      return fromUtc(Date.UTC(d.getUTCFullYear(), 0, 1));
  }
}

/** The start of the period `n` periods after the one starting on `start`. */
export function shiftPeriod(start: string, granularity: TrendGranularity, n: number): string {
  switch (granularity) {
    case TrendGranularity.DAY:
      return addDays(start, n);
    case TrendGranularity.WEEK:
      return addDays(start, 7 * n);
    case TrendGranularity.MONTH:
      return addMonths(start, n);
    case TrendGranularity.QUARTER:
      return addMonths(start, 3 * n);
    case TrendGranularity.YEAR:
      return addMonths(start, 12 * n);
  }
}

function delta(current: number, previous: number) {
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

@Resolver()
export class TrendResolver {
  @Query(() => Trends, {
    description:
      'Xu hướng: counts per period (Vietnamese calendar) grouped by sector and/or locality, with the change against the previous period of each series. ' +
      'Roles: OFFICER, LEADER, AUDITOR; always within the caller’s province or communes.',
  })
  async trends(
    @Ctx() ctx: GraphQLContext,
    @Arg('from', () => LocalDateResolver, { description: 'First day (included)' }) from: string,
    @Arg('to', () => LocalDateResolver, { description: 'Last day (included)' }) to: string,
    @Arg('groupBy', () => [TrendGroupBy], { defaultValue: [TrendGroupBy.PERIOD] }) groupBy: TrendGroupBy[],
    @Arg('granularity', () => TrendGranularity, { defaultValue: TrendGranularity.MONTH }) granularity: TrendGranularity,
    @Arg('filter', () => TrendFilterInput, { nullable: true }) filter?: TrendFilterInput | null,
  ): Promise<Trends> {
    const user = authorize(ctx.user, 'trends');
    if (from > to) throw ValidationError.field(['from'], 'must not be after `to`');
    const days = (toUtc(to) - toUtc(from)) / DAY_MS + 1;
    if (days > MAX_RANGE_DAYS[granularity]) throw ValidationError.field(['to'], `the range may cover at most ${MAX_RANGE_DAYS[granularity]} days at granularity ${granularity}`);
    const by = new Set(groupBy);
    const sectors = filter?.sectors?.length ? [...new Set(filter.sectors)] : null;
    if (sectors && sectors.length > 1 && !by.has(TrendGroupBy.SECTOR)) {
      throw ValidationError.field(['filter', 'sectors'], 'several sectors need groupBy SECTOR: a report can belong to several sectors, so their sum is not a total');
    }
    const scope = localityScope(user, ctx.services.catalogue, { provinceCode: filter?.provinceCode, communeCodes: filter?.communeCodes });

    const byPeriod = by.has(TrendGroupBy.PERIOD);
    const dims: string[] = [];
    if (by.has(TrendGroupBy.SECTOR)) dims.push('sector');
    if (by.has(TrendGroupBy.COMMUNE)) dims.push('locality_code');
    if (by.has(TrendGroupBy.PROVINCE)) dims.push('province_code');

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
    bindings.push(scope.provinceCode, ...dayRanges.flat());
    if (sectors) {
      where.push('sector = ANY(?::text[])');
      bindings.push(sectors);
    } else {
      // 'ALL' holds exact totals across sectors (a report with two sectors counts once there)
      where.push(by.has(TrendGroupBy.SECTOR) ? "sector <> 'ALL'" : "sector = 'ALL'");
    }
    if (scope.communeCodes) {
      where.push('locality_code = ANY(?::text[])');
      bindings.push(scope.communeCodes);
    }

    // Province-wide questions read the province roll-up: the same counters without the commune dimension.
    const table = by.has(TrendGroupBy.COMMUNE) || scope.communeCodes ? 'trends_daily' : 'trends_province_daily';
    const sums = COUNTERS.map((c) => `sum(${c})::int AS ${c}`).join(', ');
    const dimList = dims.map((d) => `${d}, `).join('');
    const partition = dims.length ? `PARTITION BY ${dims.join(', ')} ` : '';
    const lags = byPeriod ? `, lag(period) OVER w AS prev_period, ${COUNTERS.map((c) => `lag(${c}) OVER w AS prev_${c}`).join(', ')}` : '';
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
    const { rows } = await ctx.services.knex.raw<{ rows: Row[] }>(sql, bindings as never[]);

    const catalogue = ctx.services.catalogue;
    const points = rows.map((row): TrendPoint => {
      const counts = Object.fromEntries(COUNTERS.map((c) => [FIELD_OF[c], Number(row[c])])) as unknown as TrendCounts;
      const period = byPeriod ? row.period : from;
      const periodEnd = byPeriod ? addDays(shiftPeriod(row.period, granularity, 1), -1) : to;
      const hasPrevious = byPeriod && row.prev_period === shiftPeriod(row.period, granularity, -1);
      const change = hasPrevious
        ? (Object.fromEntries(COUNTERS.map((c) => [FIELD_OF[c], delta(Number(row[c]), Number(row[`prev_${c}`]))])) as unknown as TrendChange)
        : null;
      const localityCode = row.locality_code ?? row.province_code;
      return {
        period,
        periodEnd,
        partial: period < from || periodEnd > to,
        sector: row.sector ? labelledValue(SECTOR_LABELS, row.sector) : null,
        locality: localityCode ? toLocality(catalogue, localityCode) : null,
        counts,
        change,
      };
    });
    return { from, to, granularity, groupBy: [...by], points };
  }
}
