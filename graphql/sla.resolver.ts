import { Arg, Ctx, ID, Int, Query, Resolver } from 'type-graphql';
import { ForbiddenError, ValidationError } from '../domain/errors';
import { OPEN_REFERRAL_STATUSES, REFERRAL_STATUS_LABELS, SEVERITY_LABELS } from '../domain/vocabulary';
import type { AuthUser } from './auth/auth-user';
import { authorize, LocalityScope, localityScope } from './auth/policy';
import type { GraphQLContext } from './context';
import { requirePageSize } from './limits';
import { toLocality } from './locality.type';
import { AgencySlaMonth, ON_TIME_TARGET, OverdueReferral, OverdueReferralFilterInput, SlaFigures, SlaPeriodInput } from './sla.type';
import { labelledValue } from './vocabulary.type';

/** The KPI counts issues that are PROMINENT or worse (nổi cộm, bức xúc, điểm nóng). */
const KPI_SEVERITIES = ['PROMINENT', 'PRESSING', 'HOTSPOT'];
const MAX_SLA_RANGE_DAYS = 3 * 366;
const OPEN = `status IN (${OPEN_REFERRAL_STATUSES.map((s) => `'${s}'`).join(', ')})`;
/** A deadline's Vietnamese local time (UTC+7 all year), without relying on the server's time-zone data. */
const VN_LOCAL = `((deadline AT TIME ZONE 'UTC') + interval '7 hours')`;

/** Vietnamese calendar day → the instant it starts. */
const vnMidnight = (day: string) => new Date(`${day}T00:00:00+07:00`);
const nextDay = (day: string) => new Date(Date.parse(`${day}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);

function figureColumns(prefix: string, condition: string): string {
  const c = (extra: string) => `count(*) FILTER (WHERE ${condition}${extra})::int`;
  return [
    `${c('')} AS ${prefix}_due`,
    `${c(' AND acknowledged_at IS NOT NULL')} AS ${prefix}_acknowledged`,
    `${c(" AND status = 'RESPONDED' AND on_time")} AS ${prefix}_on_time`,
    `${c(" AND status = 'RESPONDED' AND NOT on_time")} AS ${prefix}_late`,
    `${c(` AND ${OPEN}`)} AS ${prefix}_open`,
    `${c(` AND ${OPEN} AND deadline < now()`)} AS ${prefix}_overdue`,
    `${c(" AND status = 'DECLINED'")} AS ${prefix}_declined`,
  ].join(',\n             ');
}

function figures(row: Record<string, number>, prefix: string): SlaFigures {
  const f = (name: string) => Number(row[`${prefix}_${name}`]);
  const judged = f('on_time') + f('late') + f('overdue');
  return {
    due: f('due'),
    acknowledged: f('acknowledged'),
    answeredOnTime: f('on_time'),
    answeredLate: f('late'),
    open: f('open'),
    overdue: f('overdue'),
    declined: f('declined'),
    onTimeRate: judged === 0 ? null : f('on_time') / judged,
  };
}

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

function scopeSql(scope: LocalityScope, agencyId: string | null, table = ''): { sql: string; bindings: unknown[] } {
  const t = table ? `${table}.` : '';
  const parts = [`${t}province_code = ?`];
  const bindings: unknown[] = [scope.provinceCode];
  if (scope.communeCodes) {
    parts.push(`${t}locality_code = ANY(?::text[])`);
    bindings.push(scope.communeCodes);
  }
  if (agencyId !== null) {
    parts.push(`${t}agency_id = ?`);
    bindings.push(agencyId);
  }
  return { sql: parts.join(' AND '), bindings };
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
    const scope = scopeSql(localityScope(user, ctx.services.catalogue, {}), agencyScope(user, agencyId));
    const { rows } = await ctx.services.knex.raw(
      `SELECT agency_id, max(agency_name) AS agency_name,
              to_char(date_trunc('month', ${VN_LOCAL}), 'YYYY-MM-DD') AS month,
              ${figureColumns('all', 'true')},
              ${figureColumns('kpi', 'issue_severity = ANY(?::text[])')}
         FROM referrals
        WHERE ${scope.sql} AND deadline >= ? AND deadline < ?
        GROUP BY agency_id, 3
        ORDER BY 3, agency_id`,
      [...Array(7).fill(KPI_SEVERITIES), ...scope.bindings, vnMidnight(range.from), vnMidnight(nextDay(range.to))] as never[],
    );
    return rows.map((row: Record<string, unknown>) => {
      const kpi = figures(row as Record<string, number>, 'kpi');
      return {
        agency: { id: String(row.agency_id), name: (row.agency_name as string | null) ?? null },
        month: String(row.month),
        all: figures(row as Record<string, number>, 'all'),
        prominentAndAbove: kpi,
        target: ON_TIME_TARGET,
        meetsTarget: kpi.onTimeRate === null ? null : kpi.onTimeRate > ON_TIME_TARGET,
      };
    });
  }

  @Query(() => [OverdueReferral], { description: 'Referral quá hạn: open referrals past their deadline (at query time), oldest deadline first' })
  async overdueReferrals(
    @Ctx() ctx: GraphQLContext,
    @Arg('filter', () => OverdueReferralFilterInput, { nullable: true }) filter?: OverdueReferralFilterInput | null,
    @Arg('first', () => Int, { defaultValue: 20, description: 'At most this many (1–100)' }) first: number = 20,
  ): Promise<OverdueReferral[]> {
    const user = authorize(ctx.user, 'overdueReferrals');
    const limit = requirePageSize(first);
    const scope = scopeSql(localityScope(user, ctx.services.catalogue, { communeCodes: filter?.communeCodes }), agencyScope(user, filter?.agencyId), 'r');
    const severities = filter?.severities?.length ? filter.severities : null;
    const { rows } = await ctx.services.knex.raw(
      `SELECT r.*, i.title AS issue_title, extract(epoch FROM now() - r.deadline) / 86400 AS days_overdue
         FROM referrals r LEFT JOIN issues i ON i.issue_id = r.issue_id
        WHERE r.${OPEN} AND r.deadline < now() AND ${scope.sql}${severities ? ' AND r.issue_severity = ANY(?::text[])' : ''}
        ORDER BY r.deadline, r.referral_id
        LIMIT ?`,
      [...scope.bindings, ...(severities ? [severities] : []), limit] as never[],
    );
    return rows.map((row: Record<string, any>) => ({
      referralId: row.referral_id,
      issueId: row.issue_id,
      issueTitle: row.issue_title ?? null,
      issueSeverity: labelledValue(SEVERITY_LABELS, row.issue_severity),
      agency: { id: row.agency_id, name: row.agency_name ?? null },
      status: labelledValue(REFERRAL_STATUS_LABELS, row.status),
      locality: toLocality(ctx.services.catalogue, row.locality_code),
      referredAt: row.referred_at,
      deadline: row.deadline,
      acknowledgedAt: row.acknowledged_at ?? null,
      daysOverdue: Math.round(Number(row.days_overdue) * 10) / 10,
    }));
  }
}
