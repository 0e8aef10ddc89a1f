import { Arg, Ctx, Query, Resolver } from 'type-graphql';
import { LocalDateResolver } from 'graphql-scalars';
import { ValidationError } from '../domain/errors';
import { SECTOR_LABELS } from '../domain/vocabulary';
import type { GraphQLContext } from './context';
import { authorize, localityScope } from './auth/policy';
import { labelledValue } from './vocabulary.type';
import { toLocality } from './locality.type';
import { TrendFilterInput, TrendGranularity, TrendGroupBy, TrendPoint, Trends } from './trend.type';
import { DAY_MS, MAX_RANGE_DAYS, readTrends, toUtc } from '../projections/trends.read';

/** Range limits and calendar helpers, now kept with the trends read (projections/trends.read.ts). */
export { MAX_RANGE_DAYS, periodStart, shiftPeriod } from '../projections/trends.read';

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

    const rows = await readTrends(ctx.services.knex, {
      provinceCode: scope.provinceCode,
      communeCodes: scope.communeCodes,
      from,
      to,
      groupBy: [...by],
      granularity,
      sectors,
    });
    const catalogue = ctx.services.catalogue;
    const points = rows.map(
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
    return { from, to, granularity, groupBy: [...by], points };
  }
}
