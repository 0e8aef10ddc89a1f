import type { Knex } from 'knex';
import { OPEN_REFERRAL_STATUSES } from '../domain/vocabulary';

/**
 * Reads of the sla read model (referrals): the on-time KPI per agency and month of the deadline, and the overdue
 * referrals. The one copy of these queries: the `slaSummary` and `overdueReferrals` GraphQL fields and the monthly
 * synthesis read through them. Overdue is judged at query time (`asOf`, default the database's now()), never stored.
 */

/** The KPI target the seeds name: more than 90% answered on time. */
export const ON_TIME_TARGET = 0.9;
/** The KPI counts issues that are PROMINENT or worse (nổi cộm, bức xúc, điểm nóng). */
export const KPI_SEVERITIES: readonly string[] = ['PROMINENT', 'PRESSING', 'HOTSPOT'];

const OPEN = `status IN (${OPEN_REFERRAL_STATUSES.map((s) => `'${s}'`).join(', ')})`;
/** A deadline's Vietnamese local time (UTC+7 all year), without relying on the server's time-zone data. */
const VN_LOCAL = `((deadline AT TIME ZONE 'UTC') + interval '7 hours')`;
/** The instant overdue is judged at: a bound timestamp, or now() when none is given. */
const AS_OF = 'coalesce(?::timestamptz, now())';

/** Vietnamese calendar day → the instant it starts. */
export const vnMidnight = (day: string) => new Date(`${day}T00:00:00+07:00`);
const nextDay = (day: string) => new Date(Date.parse(`${day}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);

export interface SlaFigureValues {
  due: number;
  acknowledged: number;
  answeredOnTime: number;
  answeredLate: number;
  open: number;
  overdue: number;
  declined: number;
  /** answeredOnTime / (answeredOnTime + answeredLate + overdue); null when nothing can be judged. */
  onTimeRate: number | null;
}

export interface AgencySlaRow {
  agencyId: string;
  agencyName: string | null;
  /** First day of the month of the deadlines, YYYY-MM-DD. */
  month: string;
  all: SlaFigureValues;
  prominentAndAbove: SlaFigureValues;
}

/** Where a read may look: a province, optionally some communes, optionally one agency. */
export interface SlaScope {
  provinceCode: string;
  communeCodes: readonly string[] | null;
  agencyId: string | null;
}

function figureColumns(prefix: string, condition: string): string {
  const c = (extra: string) => `count(*) FILTER (WHERE ${condition}${extra})::int`;
  return [
    `${c('')} AS ${prefix}_due`,
    `${c(' AND acknowledged_at IS NOT NULL')} AS ${prefix}_acknowledged`,
    `${c(" AND status = 'RESPONDED' AND on_time")} AS ${prefix}_on_time`,
    `${c(" AND status = 'RESPONDED' AND NOT on_time")} AS ${prefix}_late`,
    `${c(` AND ${OPEN}`)} AS ${prefix}_open`,
    `${c(` AND ${OPEN} AND deadline < ${AS_OF}`)} AS ${prefix}_overdue`,
    `${c(" AND status = 'DECLINED'")} AS ${prefix}_declined`,
  ].join(',\n             ');
}

/** Figures from the columns of one prefix of a summary row. */
export function slaFigures(row: Record<string, unknown>, prefix: string): SlaFigureValues {
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

/** Adds figures up (e.g. every agency into a province total), with the rate recomputed. */
export function sumSlaFigures(list: readonly SlaFigureValues[]): SlaFigureValues {
  const total = { due: 0, acknowledged: 0, answeredOnTime: 0, answeredLate: 0, open: 0, overdue: 0, declined: 0 };
  for (const f of list) for (const k of Object.keys(total) as (keyof typeof total)[]) total[k] += f[k];
  const judged = total.answeredOnTime + total.answeredLate + total.overdue;
  return { ...total, onTimeRate: judged === 0 ? null : total.answeredOnTime / judged };
}

function scopeSql(scope: SlaScope, table = ''): { sql: string; bindings: unknown[] } {
  const t = table ? `${table}.` : '';
  const parts = [`${t}province_code = ?`];
  const bindings: unknown[] = [scope.provinceCode];
  if (scope.communeCodes) {
    parts.push(`${t}locality_code = ANY(?::text[])`);
    bindings.push(scope.communeCodes);
  }
  if (scope.agencyId !== null) {
    parts.push(`${t}agency_id = ?`);
    bindings.push(scope.agencyId);
  }
  return { sql: parts.join(' AND '), bindings };
}

/**
 * The KPI per agency and month of the deadline, for referrals whose deadline falls within the Vietnamese days
 * [from, to]: all referrals, and those of PROMINENT-and-above issues (the >90% KPI). Ordered by month, then agency.
 */
export async function readSlaSummary(knex: Pick<Knex, 'raw'>, scope: SlaScope, range: { from: string; to: string }, asOf: Date | null = null): Promise<AgencySlaRow[]> {
  const where = scopeSql(scope);
  const { rows } = await knex.raw(
    `SELECT agency_id, max(agency_name) AS agency_name,
              to_char(date_trunc('month', ${VN_LOCAL}), 'YYYY-MM-DD') AS month,
              ${figureColumns('all', 'true')},
              ${figureColumns('kpi', 'issue_severity = ANY(?::text[])')}
         FROM referrals
        WHERE ${where.sql} AND deadline >= ? AND deadline < ?
        GROUP BY agency_id, 3
        ORDER BY 3, agency_id`,
    [asOf, ...Array(6).fill(KPI_SEVERITIES), asOf, KPI_SEVERITIES, ...where.bindings, vnMidnight(range.from), vnMidnight(nextDay(range.to))] as never[],
  );
  return rows.map((row: Record<string, unknown>) => ({
    agencyId: String(row.agency_id),
    agencyName: (row.agency_name as string | null) ?? null,
    month: String(row.month),
    all: slaFigures(row, 'all'),
    prominentAndAbove: slaFigures(row, 'kpi'),
  }));
}

export interface OverdueReferralRow {
  referralId: string;
  issueId: string;
  issueTitle: string | null;
  issueSeverity: string;
  agencyId: string;
  agencyName: string | null;
  status: string;
  localityCode: string;
  referredAt: Date;
  deadline: Date;
  acknowledgedAt: Date | null;
  /** Days past the deadline at `asOf`, to one decimal. */
  daysOverdue: number;
}

/** Open referrals past their deadline at `asOf` (default now), oldest deadline first; `total` counts them all. */
export async function readOverdueReferrals(
  knex: Pick<Knex, 'raw'>,
  scope: SlaScope,
  options: { severities?: readonly string[] | null; limit: number; asOf?: Date | null },
): Promise<{ total: number; referrals: OverdueReferralRow[] }> {
  const where = scopeSql(scope, 'r');
  const severities = options.severities?.length ? options.severities : null;
  const asOf = options.asOf ?? null;
  const { rows } = await knex.raw(
    `SELECT r.*, i.title AS issue_title, extract(epoch FROM ${AS_OF} - r.deadline) / 86400 AS days_overdue, count(*) OVER () AS total
         FROM referrals r LEFT JOIN issues i ON i.issue_id = r.issue_id
        WHERE r.${OPEN} AND r.deadline < ${AS_OF} AND ${where.sql}${severities ? ' AND r.issue_severity = ANY(?::text[])' : ''}
        ORDER BY r.deadline, r.referral_id
        LIMIT ?`,
    [asOf, asOf, ...where.bindings, ...(severities ? [severities] : []), options.limit] as never[],
  );
  return {
    total: rows.length ? Number(rows[0].total) : 0,
    referrals: rows.map((row: Record<string, any>) => ({
      referralId: row.referral_id,
      issueId: row.issue_id,
      issueTitle: row.issue_title ?? null,
      issueSeverity: row.issue_severity,
      agencyId: row.agency_id,
      agencyName: row.agency_name ?? null,
      status: row.status,
      localityCode: row.locality_code,
      referredAt: row.referred_at,
      deadline: row.deadline,
      acknowledgedAt: row.acknowledged_at ?? null,
      daysOverdue: Math.round(Number(row.days_overdue) * 10) / 10,
    })),
  };
}
