import { Arg, Ctx, ID, Int, Query, Resolver } from 'type-graphql';
import { ForbiddenError, ValidationError } from '../domain/errors';
import { readOverdueReferrals, readSlaSummary } from '../projections/sla.read';
import type { AuthUser } from './auth/auth-user';
import { authorize, localityScope } from './auth/policy';
import type { GraphQLContext } from './context';
import { requirePageSize } from './limits';
import { AgencySlaMonth, ON_TIME_TARGET, OverdueReferral, OverdueReferralFilterInput, SlaPeriodInput, toOverdueReferral } from './sla.type';

const MAX_SLA_RANGE_DAYS = 3 * 366;

/** The days [from, to] a summary covers: a period, a month ('YYYY-MM'), or by default the current Vietnamese month. */
function summaryRange(period: SlaPeriodInput | null | undefined, month: string | null | undefined): { from: string; to: string } {
  if (period && month) throw ValidationError.field(['month'], 'give either period or month, not both');
  if (period) {
    if (period.from > period.to) throw ValidationError.field(['period', 'from'], 'must not be after `to`');
    const days = (Date.parse(period.to) - Date.parse(period.from)) / 86_400_000 + 1;
    if (days > MAX_SLA_RANGE_DAYS) throw ValidationError.field(['period'], `may cover at most ${MAX_SLA_RANGE_DAYS} days`);
    return period;
  }
  const ym = month ?? new Date(Date.now() + 7 * 3_600_000).toISOString().slice(0, 7);
  if (!/^\d{4}-(0[1-9]|1[0-2])$/.test(ym)) throw ValidationError.field(['month'], 'must be a month as YYYY-MM');
  const [y, m] = ym.split('-').map(Number);
  return { from: `${ym}-01`, to: new Date(Date.UTC(y, m, 0)).toISOString().slice(0, 10) };
}

/** An AGENCY user sees only its own agency; anyone else may name one or see all in their scope. */
function agencyScope(user: AuthUser, requested: string | null | undefined): string | null {
  if (user.role !== 'AGENCY') return requested ?? null;
  if (requested != null && requested !== user.agencyId) throw new ForbiddenError(`agency ${requested} is outside your scope`);
  return user.agencyId;
}

@Resolver()
export class SlaResolver {
  @Query(() => [AgencySlaMonth], {
    description:
      'KPI chuyển xử lý per agency and month of the deadline: due, answered on time or late, open, overdue, declined, and the on-time rate ' +
      'for all referrals and for PROMINENT-and-above issues (target > 90%). AGENCY users see only their agency.',
  })
  async slaSummary(
    @Ctx() ctx: GraphQLContext,
    @Arg('agencyId', () => ID, { nullable: true }) agencyId?: string | null,
    @Arg('period', () => SlaPeriodInput, { nullable: true, description: 'Deadlines within these days' }) period?: SlaPeriodInput | null,
    @Arg('month', () => String, { nullable: true, description: 'Deadlines within this month, YYYY-MM; default: the current month' }) month?: string | null,
  ): Promise<AgencySlaMonth[]> {
    const user = authorize(ctx.user, 'slaSummary');
    const range = summaryRange(period, month);
    const scope = localityScope(user, ctx.services.catalogue, {});
    const rows = await readSlaSummary(ctx.services.knex, { ...scope, agencyId: agencyScope(user, agencyId) }, range);
    return rows.map((row) => ({
      agency: { id: row.agencyId, name: row.agencyName },
      month: row.month,
      all: row.all,
      prominentAndAbove: row.prominentAndAbove,
      target: ON_TIME_TARGET,
      meetsTarget: row.prominentAndAbove.onTimeRate === null ? null : row.prominentAndAbove.onTimeRate > ON_TIME_TARGET,
    }));
  }

  @Query(() => [OverdueReferral], { description: 'Referral quá hạn: open referrals past their deadline (at query time), oldest deadline first' })
  async overdueReferrals(
    @Ctx() ctx: GraphQLContext,
    @Arg('filter', () => OverdueReferralFilterInput, { nullable: true }) filter?: OverdueReferralFilterInput | null,
    @Arg('first', () => Int, { defaultValue: 20, description: 'At most this many (1–100)' }) first: number = 20,
  ): Promise<OverdueReferral[]> {
    const user = authorize(ctx.user, 'overdueReferrals');
    const limit = requirePageSize(first);
    const scope = localityScope(user, ctx.services.catalogue, { communeCodes: filter?.communeCodes });
    const { referrals } = await readOverdueReferrals(ctx.services.knex, { ...scope, agencyId: agencyScope(user, filter?.agencyId) }, { severities: filter?.severities, limit });
    return referrals.map((row) => toOverdueReferral(ctx.services.catalogue, row));
  }
}
