import { Arg, Ctx, Query, Resolver } from 'type-graphql';
import { LocalDateResolver } from 'graphql-scalars';
import { ValidationError } from '../domain/errors';
import { SECTOR_LABELS } from '../domain/vocabulary';
import type { GraphQLContext } from './context';
import { authorize, localityScope } from './auth/policy';
import { labelledValue } from './vocabulary.type';
import { toLocality } from './locality.type';
import { TrendFilterInput, TrendGranularity, TrendGroupBy, TrendPoint, Trends } from './trend.type';
import { DAY_MS, MAX_RANGE_DAYS, toUtc, type TrendQuery, type TrendRow } from '../projections/trends.read';
import type { LocalityCatalogue } from '../domain/localities/catalogue';
import { trendsCacheFor } from '../projections/trends.cache';

/** Range limits and calendar helpers, now kept with the trends read (projections/trends.read.ts). */
export { MAX_RANGE_DAYS, periodStart, shiftPeriod } from '../projections/trends.read';

/**
 * The checked read behind `trends`: the caller's role and scope, the range limits, and the read-model query they
 * give. Shared with the CSV export (services/api/export.routes.ts), which streams the same query.
 */
export function trendQueryFor(
  ctx: Pick<GraphQLContext, 'user' | 'services'>,
  args: { from: string; to: string; groupBy: TrendGroupBy[]; granularity: TrendGranularity; filter?: TrendFilterInput | null },
): TrendQuery {
  const { from, to, granularity, filter } = args;
  const user = authorize(ctx.user, 'trends');
  if (from > to) throw ValidationError.field(['from'], 'must not be after `to`');
  const days = (toUtc(to) - toUtc(from)) / DAY_MS + 1;
  if (days > MAX_RANGE_DAYS[granularity]) throw ValidationError.field(['to'], `the range may cover at most ${MAX_RANGE_DAYS[granularity]} days at granularity ${granularity}`);
  const by = new Set(args.groupBy);
  const sectors = filter?.sectors?.length ? [...new Set(filter.sectors)] : null;
  if (sectors && sectors.length > 1 && !by.has(TrendGroupBy.SECTOR)) {
    throw ValidationError.field(['filter', 'sectors'], 'several sectors need groupBy SECTOR: a report can belong to several sectors, so their sum is not a total');
  }
  const scope = localityScope(user, ctx.services.catalogue, { provinceCode: filter?.provinceCode, communeCodes: filter?.communeCodes });
  return { provinceCode: scope.provinceCode, communeCodes: scope.communeCodes, from, to, groupBy: [...by], granularity, sectors };
}

/** Read-model rows as GraphQL points, with labels and localities. */
export function toTrendPoints(catalogue: LocalityCatalogue, rows: readonly TrendRow[]): TrendPoint[] {
  return rows.map(
    (row): TrendPoint => ({
      period: row.period,
      periodEnd: row.periodEnd,
      partial: row.partial,
      sector: row.sector ? labelledValue(SECTOR_LABELS, row.sector) : null,
      locality: row.localityCode ? toLocality(catalogue, row.localityCode) : null,
      counts: row.counts,
      change: row.change,
    }),
  );
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
    const query = trendQueryFor(ctx, { from, to, groupBy, granularity, filter });
    // Cached by query and by the trends checkpoint: never older than the read model (projections/trends.cache.ts).
    const rows = await trendsCacheFor(ctx.services.knex).read(query);
    return { from, to, granularity, groupBy: query.groupBy as TrendGroupBy[], points: toTrendPoints(ctx.services.catalogue, rows) };
  }
}
