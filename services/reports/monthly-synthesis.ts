import type { Knex } from 'knex';
import { ValidationError } from '../../domain/errors';
import type { LocalityCatalogue } from '../../domain/localities/catalogue';
import { SURVEY_STATUS_LABELS, type SurveyStatus } from '../../domain/survey/vocabulary';
import {
  COLLABORATOR_LEVEL_LABELS,
  ISSUE_STATUS_LABELS,
  SECTOR_LABELS,
  SEVERITIES,
  SEVERITY_LABELS,
  VERIFICATION_OUTCOME_LABELS,
  VERIFICATION_OUTCOMES,
} from '../../domain/vocabulary';
import { toLocality, type Locality } from '../../graphql/locality.type';
import { toOverdueReferral, type OverdueReferral } from '../../graphql/sla.type';
import { surveyResults } from '../../graphql/survey-results';
import type { SurveyQuestionResult } from '../../graphql/survey.type';
import { KPI_SEVERITIES, ON_TIME_TARGET, readOverdueReferrals, readSlaSummary, sumSlaFigures, type SlaFigureValues } from '../../projections/sla.read';
import { readSurveyCounts } from '../../projections/surveys.read';
import { delta, readTrends, type TrendDeltaValue, type TrendRow } from '../../projections/trends.read';
import { daysInMonth, monthDays, monthInstants, monthLabel, parseMonth, previousMonth, synthesisDueDate, vnMonthOf } from './reporting-calendar';

/**
 * The monthly synthesis (báo cáo tổng hợp tình hình dư luận xã hội) of a province: structured content read from the
 * read models, which the GraphQL field `monthlySynthesis` serves and `dlxh report monthly` turns into a document.
 *
 * What counts where (all days and months are Vietnamese):
 * - reports, negative, high intensity and new issues count on the day the report was observed; confirmed and
 *   unfounded on the day of the verification (the trends read model, read through projections/trends.read.ts);
 * - referral figures: referrals made, answered or declined in the month; the on-time KPI for referrals whose deadline
 *   falls in the month (projections/sla.read.ts, the same query as `slaSummary`); overdue is judged at `generatedAt`;
 * - verification outcomes: the latest outcome of each report whose latest verification was made in the month;
 * - surveys: those open at some time in the month, with their results so far;
 * - collaborators: the roster at the end of the month and their reports submitted in the month.
 * A month still running is read up to `generatedAt` (`complete` is false).
 */

/** A hot-spot warning as the early-warning read model gives it (projections/hotspots.read.ts `HotspotWarning`). */
export interface HotspotSummary {
  localityCode: string;
  provinceCode?: string;
  sector: string;
  recentCount: number;
  weightedCount: number;
  baseline: number;
  score: number;
  windowStart: Date | string;
  windowEnd: Date | string;
  raisedAt: Date | string;
  topIssues: { issueId: string; title: string; reports: number }[];
}

/** Where the synthesis gets its hot spots: the warnings of a province raised from `since` up to `asOf` (the month so far). */
export type HotspotSource = (provinceCode: string, asOf: Date, since: Date) => Promise<HotspotSummary[]>;

export interface MonthlySynthesisDeps {
  knex: Knex;
  catalogue: LocalityCatalogue;
  /** The early-warning read; without it the hot-spot warnings section says there is no data. */
  hotspots?: HotspotSource;
  /** The clock (tests pin it); default: the system clock. */
  now?: () => Date;
}

export interface LabelledCode {
  code: string;
  label: string;
}

export type HeadlineCode =
  | 'REPORTS'
  | 'NEW_ISSUES'
  | 'NEGATIVE'
  | 'NEGATIVE_SHARE'
  | 'HIGH_INTENSITY'
  | 'CONFIRMED'
  | 'UNFOUNDED'
  | 'REFERRALS'
  | 'RESPONDED'
  | 'ON_TIME_RATE';

export const HEADLINE_LABELS: Readonly<Record<HeadlineCode, string>> = {
  REPORTS: 'Số báo cáo, phản ánh dư luận',
  NEW_ISSUES: 'Vụ việc mới phát sinh',
  NEGATIVE: 'Báo cáo có xu hướng tiêu cực',
  NEGATIVE_SHARE: 'Tỷ lệ báo cáo tiêu cực',
  HIGH_INTENSITY: 'Báo cáo có cường độ cao',
  CONFIRMED: 'Thông tin được thẩm định đúng (toàn bộ hoặc một phần)',
  UNFOUNDED: 'Thông tin được thẩm định sai sự thật, xuyên tạc',
  REFERRALS: 'Lượt chuyển cơ quan có thẩm quyền',
  RESPONDED: 'Lượt cơ quan báo cáo kết quả giải quyết',
  ON_TIME_RATE: 'Tỷ lệ trả lời đúng hạn (vụ việc nổi cộm trở lên)',
};

export type FigureKind = 'COUNT' | 'RATE';

export interface SynthesisFigure {
  code: HeadlineCode;
  label: string;
  kind: FigureKind;
  /** A count, or a share from 0 to 1 (RATE); null when a rate has nothing to be computed from. */
  value: number | null;
  previous: number | null;
  /** value − previous (for a RATE, in shares: 0.05 is 5 percentage points); null when either is null. */
  absoluteChange: number | null;
  /** Percent change of a COUNT (25 means +25%); null for a RATE or when the previous count was 0. */
  percentChange: number | null;
}

export interface DailyCount {
  date: string;
  reports: number;
  negative: number;
  highIntensity: number;
}

export interface SynthesisIssue {
  issueId: string;
  title: string;
  severity: LabelledCode;
  status: LabelledCode;
  sectors: LabelledCode[];
  locality: Locality;
  /** Reports observed in the month (merged duplicates included). */
  reportsInMonth: number;
  negativeInMonth: number;
  highIntensityInMonth: number;
  totalReports: number;
  /** The issue's first report was in the month. */
  newInMonth: boolean;
  latestVerification: LabelledCode | null;
  openReferrals: number;
}

export interface SectorSummary {
  sector: LabelledCode;
  reports: number;
  negative: number;
  highIntensity: number;
  newIssues: number;
  confirmed: number;
  unfounded: number;
  previousReports: number;
  change: TrendDeltaValue;
  /** The most notable issues of the sector in the month (at most 3). */
  issues: SynthesisIssue[];
}

export interface LocalitySummary {
  locality: Locality;
  reports: number;
  negative: number;
  highIntensity: number;
  newIssues: number;
  previousReports: number;
  change: TrendDeltaValue;
  /** The most notable issues of the locality in the month (at most 2). */
  issues: SynthesisIssue[];
}

export interface VerificationOutcomeCount {
  outcome: LabelledCode;
  reports: number;
  previous: number;
  /** Share of the month's verified reports; null when none were verified. */
  share: number | null;
}

export interface VerificationSummary {
  verified: number;
  previousVerified: number;
  outcomes: VerificationOutcomeCount[];
  /** Reports from the press and cyberspace (báo chí, mạng xã hội) verified in the month, and how many were unfounded. */
  pressAndSocialVerified: number;
  pressAndSocialUnfounded: number;
  /** Reports observed in the month that no verification has reached yet (at generatedAt). */
  unverifiedReports: number;
}

export interface AgencyKpi {
  agency: { id: string; name: string | null };
  all: SlaFigureValues;
  prominentAndAbove: SlaFigureValues;
  /** prominentAndAbove.onTimeRate > target; null when nothing could be judged. */
  meetsTarget: boolean | null;
}

export interface ResponseSummary {
  referralsMade: number;
  previousReferralsMade: number;
  responded: number;
  previousResponded: number;
  declined: number;
  /** The >90% target of the on-time KPI. */
  target: number;
  /** Every agency's referrals due in the month, together. */
  total: SlaFigureValues;
  totalProminentAndAbove: SlaFigureValues;
  meetsTarget: boolean | null;
  /** Per agency, those below target first, then by referrals due. */
  agencies: AgencyKpi[];
  agenciesBelowTarget: number;
  /** Open referrals past their deadline at generatedAt (all of the province, whenever due). */
  overdueTotal: number;
  /** The oldest of them (at most 20). */
  overdue: OverdueReferral[];
}

export interface HotspotWarningItem {
  locality: Locality;
  sector: LabelledCode;
  recentCount: number;
  weightedCount: number;
  baseline: number;
  score: number;
  windowStart: Date;
  windowEnd: Date;
  raisedAt: Date;
  topIssues: { issueId: string; title: string; reports: number }[];
}

export interface HotspotSection {
  /** False when the early-warning read is not wired in: no data, which is not the same as no warnings. */
  warningsAvailable: boolean;
  /** The instant the warnings stand at: the end of the month, or generatedAt for a month still running. */
  asOf: Date;
  warnings: HotspotWarningItem[];
  /** How many issues classified or escalated as HOTSPOT (điểm nóng) had reports in the month. */
  issueCount: number;
  /** The most reported of them (at most 20). */
  issues: SynthesisIssue[];
}

export interface SurveySummary {
  surveyId: string;
  title: string;
  status: LabelledCode;
  openedAt: Date;
  closedAt: Date | null;
  responseCount: number;
  lastResponseAt: Date | null;
  /** Overall results per question so far (no breakdowns). */
  results: SurveyQuestionResult[];
}

export interface CollaboratorLevelSummary {
  level: LabelledCode;
  active: number;
  reporting: number;
  reports: number;
  timelyRate: number | null;
}

export interface CollaboratorSummary {
  /** On the roster at the end of the month (or at generatedAt). */
  active: number;
  enrolled: number;
  deactivated: number;
  /** Collaborators with at least one report submitted in the month. */
  reporting: number;
  previousReporting: number;
  reports: number;
  previousReports: number;
  timelyReports: number;
  /** Reports submitted within 48 hours of being observed, as a share. */
  timelyRate: number | null;
  verifiedReports: number;
  confirmedReports: number;
  confirmedShare: number | null;
  byLevel: CollaboratorLevelSummary[];
}

export type OutlookCode = 'STABLE' | 'RISING_SECTOR' | 'HOTSPOT_WARNINGS' | 'HOTSPOT_ISSUES' | 'KPI_BELOW_TARGET' | 'OVERDUE_REFERRALS' | 'UNVERIFIED' | 'COLLABORATORS';

export interface OutlookNote {
  code: OutlookCode;
  /** FORECAST (dự báo) or RECOMMENDATION (kiến nghị). */
  kind: 'FORECAST' | 'RECOMMENDATION';
  text: string;
}

export interface MonthlySynthesis {
  province: Locality;
  month: string;
  monthLabel: string;
  periodStart: string;
  periodEnd: string;
  previousMonth: string;
  previousMonthLabel: string;
  /** When the synthesis was read; overdue referrals and survey results stand at this instant. */
  generatedAt: Date;
  /** The month had ended at generatedAt. */
  complete: boolean;
  dueDate: string;
  headline: SynthesisFigure[];
  daily: DailyCount[];
  previousDaily: DailyCount[];
  sectors: SectorSummary[];
  localitiesWithReports: number;
  /** The localities with the most reports (at most 10). */
  localities: LocalitySummary[];
  /** Issues with reports in the month, most severe first, then most reported (at most 15). */
  notableIssues: SynthesisIssue[];
  issuesWithReports: number;
  verification: VerificationSummary;
  response: ResponseSummary;
  hotspots: HotspotSection;
  surveys: SurveySummary[];
  collaborators: CollaboratorSummary;
  outlook: OutlookNote[];
}

const NOTABLE_ISSUES = 15;
const TOP_LOCALITIES = 10;
const ISSUES_PER_SECTOR = 3;
const ISSUES_PER_LOCALITY = 2;
const OVERDUE_LISTED = 20;
const HOTSPOT_ISSUES = 20;
const MAX_SURVEYS = 10;

const labelled = (labels: Readonly<Record<string, string>>, code: string): LabelledCode => ({ code, label: labels[code] ?? code });
const ratio = (n: number, d: number) => (d === 0 ? null : n / d);

function countFigure(code: HeadlineCode, value: number, previous: number): SynthesisFigure {
  const change = delta(value, previous);
  return { code, label: HEADLINE_LABELS[code], kind: 'COUNT', value, previous, absoluteChange: change.absolute, percentChange: change.percent };
}

function rateFigure(code: HeadlineCode, value: number | null, previous: number | null): SynthesisFigure {
  return { code, label: HEADLINE_LABELS[code], kind: 'RATE', value, previous, absoluteChange: value === null || previous === null ? null : value - previous, percentChange: null };
}

/** 1.234,5 — Vietnamese number formatting (dot for thousands, comma for decimals). */
export function formatNumber(n: number, decimals = 0): string {
  const fixed = Math.abs(n).toFixed(decimals);
  const [int, frac] = fixed.split('.');
  const grouped = int.replace(/\B(?=(\d{3})+(?!\d))/g, '.');
  return `${n < 0 ? '-' : ''}${grouped}${frac ? `,${frac}` : ''}`;
}

/** 35,2% */
export const formatPercent = (share: number | null, decimals = 1) => (share === null ? '—' : `${formatNumber(share * 100, decimals)}%`);

interface IssueRow {
  issue_id: string;
  title: string;
  severity: string;
  status: string;
  sectors: string[];
  locality_code: string;
  report_count: number;
  first_report_at: Date;
  latest_verification: string | null;
  open_referral_count: number;
  reports: number;
  negative: number;
  high: number;
}

/**
 * The synthesis of `provinceCode` for `month` (YYYY-MM). BAD_USER_INPUT (naming `province` or `month`) for a province
 * the catalogue does not know, a malformed month, or a month that has not started yet.
 */
export async function buildMonthlySynthesis(deps: MonthlySynthesisDeps, args: { provinceCode: string; month: string }): Promise<MonthlySynthesis> {
  const { catalogue } = deps;
  const generatedAt = deps.now?.() ?? new Date();
  const month = parseMonth(args.month, ['month']);
  if (!catalogue.isProvince(args.provinceCode)) throw ValidationError.field(['province'], 'is not a province code of the catalogue');
  if (month > vnMonthOf(generatedAt)) throw ValidationError.field(['month'], 'has not started yet');
  const provinceCode = args.provinceCode;
  const prev = previousMonth(month);
  const days = monthDays(month);
  const prevDays = monthDays(prev);
  const { start, end } = monthInstants(month);
  const prevStart = monthInstants(prev).start;
  const complete = generatedAt.getTime() >= end.getTime();
  const hotspotAsOf = complete ? end : generatedAt;

  // One snapshot for every read, so the sections agree with each other.
  const trx = await deps.knex.transaction({ isolationLevel: 'repeatable read', readOnly: true });
  try {
    const trend = (q: { from: string; to: string; groupBy: ('SECTOR' | 'COMMUNE' | 'PERIOD')[]; granularity: 'DAY' | 'MONTH' }) =>
      readTrends(trx, { provinceCode, communeCodes: null, sectors: null, ...q });
    const [monthTotals, sectorRows, localityRows, daily, previousDaily] = [
      await trend({ from: prevDays.from, to: days.to, groupBy: ['PERIOD'], granularity: 'MONTH' }),
      await trend({ from: days.from, to: days.to, groupBy: ['SECTOR', 'PERIOD'], granularity: 'MONTH' }),
      await trend({ from: days.from, to: days.to, groupBy: ['COMMUNE', 'PERIOD'], granularity: 'MONTH' }),
      await trend({ from: days.from, to: days.to, groupBy: ['PERIOD'], granularity: 'DAY' }),
      await trend({ from: prevDays.from, to: prevDays.to, groupBy: ['PERIOD'], granularity: 'DAY' }),
    ];
    const issues = await readMonthIssues(trx, provinceCode, start, end);
    const verification = await readVerification(trx, provinceCode, { prevStart, start, end });
    const response = await readResponse(trx, catalogue, provinceCode, { prevStart, start, end, days, prevDays, generatedAt });
    const surveys = await readSurveys(trx, catalogue, provinceCode, start, end);
    const collaborators = await readCollaborators(trx, provinceCode, month, prev, complete ? end : generatedAt);
    await trx.commit();

    const toIssue = (row: IssueRow): SynthesisIssue => ({
      issueId: row.issue_id,
      title: row.title,
      severity: labelled(SEVERITY_LABELS, row.severity),
      status: labelled(ISSUE_STATUS_LABELS, row.status),
      sectors: row.sectors.map((s) => labelled(SECTOR_LABELS, s)),
      locality: toLocality(catalogue, row.locality_code),
      reportsInMonth: row.reports,
      negativeInMonth: row.negative,
      highIntensityInMonth: row.high,
      totalReports: row.report_count,
      newInMonth: row.first_report_at.getTime() >= start.getTime(),
      latestVerification: row.latest_verification ? labelled(VERIFICATION_OUTCOME_LABELS, row.latest_verification) : null,
      openReferrals: row.open_referral_count,
    });

    // headline
    const totalsOf = (m: string) => monthTotals.find((r) => r.period === `${m}-01`)?.counts;
    const zero = { reports: 0, negative: 0, highIntensity: 0, newIssues: 0, confirmed: 0, unfounded: 0 };
    const cur = totalsOf(month) ?? zero;
    const was = totalsOf(prev) ?? zero;
    const headline: SynthesisFigure[] = [
      countFigure('REPORTS', cur.reports, was.reports),
      countFigure('NEW_ISSUES', cur.newIssues, was.newIssues),
      countFigure('NEGATIVE', cur.negative, was.negative),
      rateFigure('NEGATIVE_SHARE', ratio(cur.negative, cur.reports), ratio(was.negative, was.reports)),
      countFigure('HIGH_INTENSITY', cur.highIntensity, was.highIntensity),
      countFigure('CONFIRMED', cur.confirmed, was.confirmed),
      countFigure('UNFOUNDED', cur.unfounded, was.unfounded),
      countFigure('REFERRALS', response.summary.referralsMade, response.summary.previousReferralsMade),
      countFigure('RESPONDED', response.summary.responded, response.summary.previousResponded),
      rateFigure('ON_TIME_RATE', response.summary.totalProminentAndAbove.onTimeRate, response.previousKpiRate),
    ];

    // by sector and by locality, each with its most notable issues
    const previousOf = (row: TrendRow) => (row.change ? row.counts.reports - row.change.reports.absolute : 0);
    const changeOf = (row: TrendRow) => row.change?.reports ?? delta(row.counts.reports, 0);
    const ranked = [...issues].sort(compareIssues);
    const sectors: SectorSummary[] = sectorRows
      .filter((r) => r.period === days.from && r.counts.reports > 0)
      .map((r) => ({
        sector: labelled(SECTOR_LABELS, r.sector!),
        reports: r.counts.reports,
        negative: r.counts.negative,
        highIntensity: r.counts.highIntensity,
        newIssues: r.counts.newIssues,
        confirmed: r.counts.confirmed,
        unfounded: r.counts.unfounded,
        previousReports: previousOf(r),
        change: changeOf(r),
        issues: ranked.filter((i) => i.sectors.includes(r.sector!)).slice(0, ISSUES_PER_SECTOR).map(toIssue),
      }))
      .sort((a, b) => b.reports - a.reports || a.sector.code.localeCompare(b.sector.code));
    const monthLocalities = localityRows.filter((r) => r.period === days.from && r.counts.reports > 0);
    const localities: LocalitySummary[] = monthLocalities
      .sort((a, b) => b.counts.reports - a.counts.reports || b.counts.negative - a.counts.negative || a.localityCode!.localeCompare(b.localityCode!))
      .slice(0, TOP_LOCALITIES)
      .map((r) => ({
        locality: toLocality(catalogue, r.localityCode!),
        reports: r.counts.reports,
        negative: r.counts.negative,
        highIntensity: r.counts.highIntensity,
        newIssues: r.counts.newIssues,
        previousReports: previousOf(r),
        change: changeOf(r),
        issues: ranked.filter((i) => i.locality_code === r.localityCode).slice(0, ISSUES_PER_LOCALITY).map(toIssue),
      }));

    // hot spots: the early-warning read when wired in, and the issues marked as hot spots
    let warnings: HotspotWarningItem[] = [];
    if (deps.hotspots) {
      warnings = (await deps.hotspots(provinceCode, hotspotAsOf, start)).map((w) => ({
        locality: toLocality(catalogue, w.localityCode),
        sector: labelled(SECTOR_LABELS, w.sector),
        recentCount: w.recentCount,
        weightedCount: w.weightedCount,
        baseline: w.baseline,
        score: w.score,
        windowStart: new Date(w.windowStart),
        windowEnd: new Date(w.windowEnd),
        raisedAt: new Date(w.raisedAt),
        topIssues: w.topIssues.map((t) => ({ issueId: t.issueId, title: t.title, reports: t.reports })),
      }));
    }
    const hotspotIssues = ranked.filter((i) => i.severity === 'HOTSPOT');
    const hotspots: HotspotSection = {
      warningsAvailable: deps.hotspots !== undefined,
      asOf: hotspotAsOf,
      warnings,
      issueCount: hotspotIssues.length,
      issues: hotspotIssues.slice(0, HOTSPOT_ISSUES).map(toIssue),
    };

    const synthesis: MonthlySynthesis = {
      province: toLocality(catalogue, provinceCode),
      month,
      monthLabel: monthLabel(month),
      periodStart: days.from,
      periodEnd: days.to,
      previousMonth: prev,
      previousMonthLabel: monthLabel(prev),
      generatedAt,
      complete,
      dueDate: synthesisDueDate(month),
      headline,
      daily: fillDays(month, daily),
      previousDaily: fillDays(prev, previousDaily),
      sectors,
      localitiesWithReports: monthLocalities.length,
      localities,
      notableIssues: ranked.slice(0, NOTABLE_ISSUES).map(toIssue),
      issuesWithReports: issues.length,
      verification,
      response: response.summary,
      hotspots,
      surveys,
      collaborators,
      outlook: [],
    };
    synthesis.outlook = outlookNotes(synthesis);
    return synthesis;
  } catch (error) {
    if (!trx.isCompleted()) await trx.rollback().catch(() => {});
    throw error;
  }
}

/** Most severe first, then most reports in the month, most high-intensity, then by id (a stable order). */
function compareIssues(a: IssueRow, b: IssueRow): number {
  const rank = (s: string) => SEVERITIES.indexOf(s as (typeof SEVERITIES)[number]);
  return rank(b.severity) - rank(a.severity) || b.reports - a.reports || b.high - a.high || b.negative - a.negative || a.issue_id.localeCompare(b.issue_id);
}

function fillDays(month: string, rows: TrendRow[]): DailyCount[] {
  const byDate = new Map(rows.map((r) => [r.period, r.counts]));
  return Array.from({ length: daysInMonth(month) }, (_, i) => {
    const date = `${month}-${String(i + 1).padStart(2, '0')}`;
    const c = byDate.get(date);
    return { date, reports: c?.reports ?? 0, negative: c?.negative ?? 0, highIntensity: c?.highIntensity ?? 0 };
  });
}

/** Every issue (merged ones excepted) with reports observed in the month, with the month's counts. */
async function readMonthIssues(knex: Knex, provinceCode: string, start: Date, end: Date): Promise<IssueRow[]> {
  const { rows } = await knex.raw(
    `WITH m AS (
       SELECT issue_id, count(*)::int AS reports,
              count(*) FILTER (WHERE tendency = 'NEGATIVE')::int AS negative,
              count(*) FILTER (WHERE intensity = 'HIGH')::int AS high
         FROM reports
        WHERE province_code = ? AND observed_at >= ? AND observed_at < ?
        GROUP BY issue_id)
     SELECT i.issue_id, i.title, i.severity, i.status, i.sectors, i.locality_code, i.report_count, i.first_report_at,
            i.latest_verification, i.open_referral_count, m.reports, m.negative, m.high
       FROM m JOIN issues i ON i.issue_id = m.issue_id
      WHERE i.status <> 'MERGED'`,
    [provinceCode, start, end],
  );
  return rows;
}

async function readVerification(knex: Knex, provinceCode: string, t: { prevStart: Date; start: Date; end: Date }): Promise<VerificationSummary> {
  const { rows } = await knex.raw(
    `SELECT verification_outcome AS outcome,
            count(*) FILTER (WHERE verified_at >= :start)::int AS current,
            count(*) FILTER (WHERE verified_at < :start)::int AS previous,
            count(*) FILTER (WHERE verified_at >= :start AND channel IN ('PRESS', 'SOCIAL_MEDIA'))::int AS press
       FROM reports
      WHERE province_code = :province AND verified_at >= :prevStart AND verified_at < :end
      GROUP BY 1`,
    { province: provinceCode, prevStart: t.prevStart, start: t.start, end: t.end },
  );
  const unverified = await knex('reports')
    .where('province_code', provinceCode)
    .where('observed_at', '>=', t.start)
    .where('observed_at', '<', t.end)
    .whereNull('verification_outcome')
    .count({ n: '*' })
    .first();
  const by = new Map<string, { current: number; previous: number; press: number }>(rows.map((r: { outcome: string; current: number; previous: number; press: number }) => [r.outcome, r]));
  const verified = rows.reduce((n: number, r: { current: number }) => n + r.current, 0);
  return {
    verified,
    previousVerified: rows.reduce((n: number, r: { previous: number }) => n + r.previous, 0),
    outcomes: VERIFICATION_OUTCOMES.map((outcome) => ({
      outcome: labelled(VERIFICATION_OUTCOME_LABELS, outcome),
      reports: by.get(outcome)?.current ?? 0,
      previous: by.get(outcome)?.previous ?? 0,
      share: ratio(by.get(outcome)?.current ?? 0, verified),
    })),
    pressAndSocialVerified: rows.reduce((n: number, r: { press: number }) => n + r.press, 0),
    pressAndSocialUnfounded: by.get('UNFOUNDED')?.press ?? 0,
    unverifiedReports: Number(unverified?.n ?? 0),
  };
}

async function readResponse(
  knex: Knex,
  catalogue: LocalityCatalogue,
  provinceCode: string,
  t: { prevStart: Date; start: Date; end: Date; days: { from: string; to: string }; prevDays: { from: string; to: string }; generatedAt: Date },
): Promise<{ summary: ResponseSummary; previousKpiRate: number | null }> {
  const scope = { provinceCode, communeCodes: null, agencyId: null };
  const { rows } = await knex.raw(
    `SELECT count(*) FILTER (WHERE referred_at >= :start AND referred_at < :end)::int AS made,
            count(*) FILTER (WHERE referred_at >= :prevStart AND referred_at < :start)::int AS prev_made,
            count(*) FILTER (WHERE responded_at >= :start AND responded_at < :end)::int AS responded,
            count(*) FILTER (WHERE responded_at >= :prevStart AND responded_at < :start)::int AS prev_responded,
            count(*) FILTER (WHERE declined_at >= :start AND declined_at < :end)::int AS declined
       FROM referrals WHERE province_code = :province`,
    { province: provinceCode, prevStart: t.prevStart, start: t.start, end: t.end },
  );
  const counts = rows[0];
  const [current, previous, overdue] = [
    await readSlaSummary(knex, scope, t.days, t.generatedAt),
    await readSlaSummary(knex, scope, t.prevDays, t.generatedAt),
    await readOverdueReferrals(knex, scope, { limit: OVERDUE_LISTED, asOf: t.generatedAt }),
  ];
  const meets = (f: SlaFigureValues) => (f.onTimeRate === null ? null : f.onTimeRate > ON_TIME_TARGET);
  const agencies: AgencyKpi[] = current
    .map((row) => ({ agency: { id: row.agencyId, name: row.agencyName }, all: row.all, prominentAndAbove: row.prominentAndAbove, meetsTarget: meets(row.prominentAndAbove) }))
    .sort((a, b) => Number(a.meetsTarget !== false) - Number(b.meetsTarget !== false) || b.all.due - a.all.due || a.agency.id.localeCompare(b.agency.id));
  const totalProminentAndAbove = sumSlaFigures(current.map((r) => r.prominentAndAbove));
  return {
    summary: {
      referralsMade: counts.made,
      previousReferralsMade: counts.prev_made,
      responded: counts.responded,
      previousResponded: counts.prev_responded,
      declined: counts.declined,
      target: ON_TIME_TARGET,
      total: sumSlaFigures(current.map((r) => r.all)),
      totalProminentAndAbove,
      meetsTarget: meets(totalProminentAndAbove),
      agencies,
      agenciesBelowTarget: agencies.filter((a) => a.meetsTarget === false).length,
      overdueTotal: overdue.total,
      overdue: overdue.referrals.map((row) => toOverdueReferral(catalogue, row)),
    },
    previousKpiRate: sumSlaFigures(previous.map((r) => r.prominentAndAbove)).onTimeRate,
  };
}

async function readSurveys(knex: Knex, catalogue: LocalityCatalogue, provinceCode: string, start: Date, end: Date): Promise<SurveySummary[]> {
  const rows: { survey_id: string; title: string; status: SurveyStatus; opened_at: Date; closed_at: Date | null; response_count: number; last_response_at: Date | null }[] = await knex('surveys')
    .where('province_code', provinceCode)
    .where('opened_at', '<', end)
    .where((q) => q.whereNull('closed_at').orWhere('closed_at', '>=', start))
    .orderBy([{ column: 'opened_at' }, { column: 'survey_id' }])
    .limit(MAX_SURVEYS);
  const summaries: SurveySummary[] = [];
  for (const row of rows) {
    const { questions, counts } = await readSurveyCounts(knex, row.survey_id, { dimensions: [] });
    const results = surveyResults(questions, [], counts, (_dimension, code) => catalogue.fullName(code) ?? code);
    summaries.push({
      surveyId: row.survey_id,
      title: row.title,
      status: labelled(SURVEY_STATUS_LABELS, row.status),
      openedAt: row.opened_at,
      closedAt: row.closed_at,
      responseCount: row.response_count,
      lastResponseAt: row.last_response_at,
      results: results.questions,
    });
  }
  return summaries;
}

async function readCollaborators(knex: Knex, provinceCode: string, month: string, prev: string, rosterAt: Date): Promise<CollaboratorSummary> {
  const { start, end } = monthInstants(month);
  const { rows: roster } = await knex.raw(
    `SELECT level,
            count(*) FILTER (WHERE enrolled_at < :at AND (deactivated_at IS NULL OR deactivated_at >= :at))::int AS active,
            count(*) FILTER (WHERE enrolled_at >= :start AND enrolled_at < :end)::int AS enrolled,
            count(*) FILTER (WHERE deactivated_at >= :start AND deactivated_at < :end)::int AS deactivated
       FROM collaborators WHERE province_code = :province GROUP BY level`,
    { province: provinceCode, at: rosterAt, start, end },
  );
  const { rows: activity } = await knex.raw(
    `SELECT c.level, to_char(a.month, 'YYYY-MM') AS month,
            count(*) FILTER (WHERE a.reports > 0)::int AS reporting,
            sum(a.reports)::int AS reports, sum(a.timely_reports)::int AS timely,
            sum(a.verified_reports)::int AS verified, sum(a.confirmed_reports)::int AS confirmed
       FROM collaborator_activity a JOIN collaborators c ON c.collaborator_id = a.collaborator_id
      WHERE c.province_code = ? AND a.month IN (?::date, ?::date)
      GROUP BY 1, 2`,
    [provinceCode, `${month}-01`, `${prev}-01`],
  );
  type Activity = { level: string; month: string; reporting: number; reports: number; timely: number; verified: number; confirmed: number };
  const of = (m: string, level?: string) => (activity as Activity[]).filter((a) => a.month === m && (level === undefined || a.level === level));
  const sum = (list: Activity[], k: 'reporting' | 'reports' | 'timely' | 'verified' | 'confirmed') => list.reduce((n, a) => n + a[k], 0);
  const rosterSum = (k: 'active' | 'enrolled' | 'deactivated') => roster.reduce((n: number, r: Record<string, number>) => n + r[k], 0);
  const current = of(month);
  const levels = Object.keys(COLLABORATOR_LEVEL_LABELS).filter((level) => roster.some((r: { level: string }) => r.level === level) || of(month, level).length > 0);
  return {
    active: rosterSum('active'),
    enrolled: rosterSum('enrolled'),
    deactivated: rosterSum('deactivated'),
    reporting: sum(current, 'reporting'),
    previousReporting: sum(of(prev), 'reporting'),
    reports: sum(current, 'reports'),
    previousReports: sum(of(prev), 'reports'),
    timelyReports: sum(current, 'timely'),
    timelyRate: ratio(sum(current, 'timely'), sum(current, 'reports')),
    verifiedReports: sum(current, 'verified'),
    confirmedReports: sum(current, 'confirmed'),
    confirmedShare: ratio(sum(current, 'confirmed'), sum(current, 'verified')),
    byLevel: levels.map((level) => ({
      level: labelled(COLLABORATOR_LEVEL_LABELS, level),
      active: roster.find((r: { level: string }) => r.level === level)?.active ?? 0,
      reporting: sum(of(month, level), 'reporting'),
      reports: sum(of(month, level), 'reports'),
      timelyRate: ratio(sum(of(month, level), 'timely'), sum(of(month, level), 'reports')),
    })),
  };
}

/** Forecasts and recommendations (dự báo, kiến nghị) that follow from the figures, in Vietnamese. */
export function outlookNotes(s: MonthlySynthesis): OutlookNote[] {
  const notes: OutlookNote[] = [];
  const rising = s.sectors
    .filter((x) => x.reports >= 3 && x.change.absolute >= 3 && (x.change.percent === null || x.change.percent >= 20))
    .sort((a, b) => b.change.absolute - a.change.absolute)
    .slice(0, 3);
  for (const x of rising) {
    const how = x.change.percent === null ? `${formatNumber(x.reports)} báo cáo (tháng trước không có)` : `${formatNumber(x.reports)} báo cáo, tăng ${formatNumber(x.change.percent, 1)}% so với ${s.previousMonthLabel}`;
    notes.push({
      code: 'RISING_SECTOR',
      kind: 'FORECAST',
      text: `Dư luận về lĩnh vực ${x.sector.label.toLowerCase()} tăng (${how}); dự báo tiếp tục được quan tâm trong thời gian tới, cần theo dõi, nắm bắt chặt chẽ.`,
    });
  }
  if (s.hotspots.warnings.length > 0) {
    const top = s.hotspots.warnings.slice(0, 3).map((w) => `${w.sector.label.toLowerCase()} tại ${w.locality.fullName}`);
    notes.push({
      code: 'HOTSPOT_WARNINGS',
      kind: 'FORECAST',
      text: `Hệ thống cảnh báo sớm ghi nhận ${formatNumber(s.hotspots.warnings.length)} địa bàn, lĩnh vực có số phản ánh tiêu cực tăng bất thường so với mức nền (nổi bật: ${top.join('; ')}); có nguy cơ phát sinh điểm nóng nếu không được giải quyết kịp thời.`,
    });
  }
  if (s.hotspots.issueCount > 0) {
    notes.push({
      code: 'HOTSPOT_ISSUES',
      kind: 'RECOMMENDATION',
      text: `Đề nghị các cấp ủy, chính quyền địa phương tập trung chỉ đạo giải quyết dứt điểm ${formatNumber(s.hotspots.issueCount)} vụ việc được xác định là điểm nóng; chủ động đối thoại, cung cấp thông tin chính thống, định hướng dư luận.`,
    });
  }
  const below = s.response.agencies.filter((a) => a.meetsTarget === false);
  if (below.length > 0) {
    const names = below.slice(0, 5).map((a) => `${a.agency.name ?? a.agency.id} (${formatPercent(a.prominentAndAbove.onTimeRate)})`);
    notes.push({
      code: 'KPI_BELOW_TARGET',
      kind: 'RECOMMENDATION',
      text: `Tỷ lệ trả lời đúng hạn các vụ việc nổi cộm, bức xúc, điểm nóng của ${formatNumber(below.length)} cơ quan chưa đạt chỉ tiêu trên ${formatPercent(s.response.target, 0)}: ${names.join('; ')}${below.length > 5 ? ` và ${formatNumber(below.length - 5)} cơ quan khác` : ''}. Đề nghị các cơ quan nâng cao trách nhiệm tiếp nhận, xử lý, báo cáo kết quả đúng hạn.`,
    });
  }
  if (s.response.overdueTotal > 0) {
    notes.push({
      code: 'OVERDUE_REFERRALS',
      kind: 'RECOMMENDATION',
      text: `Còn ${formatNumber(s.response.overdueTotal)} lượt chuyển xử lý đã quá hạn nhưng chưa có kết quả; đề nghị các cơ quan có thẩm quyền khẩn trương giải quyết, báo cáo kết quả về Ban Tuyên giáo và Dân vận Tỉnh ủy.`,
    });
  }
  if (s.verification.unverifiedReports > 0) {
    notes.push({
      code: 'UNVERIFIED',
      kind: 'RECOMMENDATION',
      text: `${formatNumber(s.verification.unverifiedReports)} báo cáo trong tháng chưa được thẩm định, kiểm chứng; không sử dụng thông tin chưa được kiểm chứng để tham mưu, đề xuất.`,
    });
  }
  const c = s.collaborators;
  if (c.active > 0 && c.reporting / c.active < 0.5) {
    notes.push({
      code: 'COLLABORATORS',
      kind: 'RECOMMENDATION',
      text: `Chỉ ${formatNumber(c.reporting)}/${formatNumber(c.active)} cộng tác viên có báo cáo trong tháng; đề nghị các đơn vị đôn đốc đội ngũ cộng tác viên chủ động nắm bắt, phản ánh kịp thời tình hình dư luận ở cơ sở.`,
    });
  }
  if (notes.length === 0) {
    notes.push({ code: 'STABLE', kind: 'FORECAST', text: `Tình hình dư luận xã hội trên địa bàn ${s.monthLabel} cơ bản ổn định; chưa ghi nhận vấn đề có nguy cơ trở thành điểm nóng.` });
  }
  return notes;
}

/** The KPI severities, for documents that explain the KPI. */
export const KPI_SEVERITY_LABELS = KPI_SEVERITIES.map((s) => SEVERITY_LABELS[s as keyof typeof SEVERITY_LABELS].toLowerCase());
