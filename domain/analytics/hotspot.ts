/**
 * Early warning of hot spots (dự báo, cảnh báo sớm điểm nóng): is a sector heating up in a commune, compared with
 * that commune × sector's own recent history?
 *
 * The statistic, for one commune × sector assessed on a (Vietnamese) day D:
 * - each report counts by a weight in points, 100 for a NEGATIVE report of HIGH intensity and less for the others
 *   (tendency × intensity, see REPORT_WEIGHT_POINTS), so a rise of critical, intense opinion weighs most;
 * - the recent window is the 7 days ending on D; its weighted count W is the sum of the weights of its reports;
 * - the baseline is the weighted count of the 8 weeks before the window, as a rate per window. Where the province's
 *   history is shorter than 8 weeks, the days it has are used (and none is assessed before `minHistoryDays`);
 * - the expected weighted count μ is that rate, but never below `minExpected`: a commune that had nothing for 8 weeks
 *   is not infinitely surprised by its first reports (Poisson rates estimated from near-zero counts are unstable);
 * - the score is −log10 of the Poisson upper tail P(X ≥ W) for X ~ Poisson(μ) (continuous in W). Because every
 *   weight is at most 1, a weighted count varies less than a Poisson count of the same mean, so this tail is
 *   conservative;
 * - the cell is hot when the score reaches `minScore`, the window holds at least `minReports` reports (weighted at
 *   least `minWeighted`) and W is at least `minRatio` times μ. The three guards keep the many small, quiet cells
 *   (hundreds of communes × 16 sectors are assessed every day) from raising warnings on two or three reports.
 *
 * Pure and deterministic: the inputs are counts, the output depends on nothing else (no clock).
 */
import type { Intensity, Tendency } from '../vocabulary';
import { log10PoissonUpperTail } from './poisson';

const DAY_MS = 86_400_000;

/** The weight of one report in points: tendency × intensity, 100 for NEGATIVE and HIGH. Integers, so sums are exact. */
export const REPORT_WEIGHT_POINTS: Readonly<Record<Tendency, Readonly<Record<Intensity, number>>>> = {
  NEGATIVE: { HIGH: 100, MEDIUM: 80, LOW: 60 },
  MIXED: { HIGH: 60, MEDIUM: 48, LOW: 36 },
  NEUTRAL: { HIGH: 20, MEDIUM: 16, LOW: 12 },
  POSITIVE: { HIGH: 10, MEDIUM: 8, LOW: 6 },
};
export const POINTS_PER_REPORT = 100;

export function reportWeightPoints(tendency: Tendency, intensity: Intensity): number {
  return REPORT_WEIGHT_POINTS[tendency][intensity];
}

export interface HotspotParams {
  /** Days of the recent window, ending on the assessed day. */
  windowDays: number;
  /** Days of the baseline, just before the window. */
  baselineDays: number;
  /** Days of province history before the window needed before any cell is assessed. */
  minHistoryDays: number;
  /** The least expected weighted count per window (a floor under near-zero baselines). */
  minExpected: number;
  /** Least reports in the window. */
  minReports: number;
  /** Least weighted count in the window. */
  minWeighted: number;
  /** Least ratio of the weighted count to the expected one. */
  minRatio: number;
  /** Least score, −log10 of the Poisson upper tail (3.5: p ≤ 0.0003). */
  minScore: number;
}

export const HOTSPOT_PARAMS: Readonly<HotspotParams> = {
  windowDays: 7,
  baselineDays: 56,
  minHistoryDays: 28,
  minExpected: 0.5,
  minReports: 5,
  minWeighted: 4,
  minRatio: 3,
  minScore: 3.5,
};

/** One day of a commune × sector: reports observed that day and their weight in points. */
export interface DayCount {
  /** YYYY-MM-DD, Vietnamese calendar. */
  day: string;
  reports: number;
  points: number;
}

export interface HotspotAssessment {
  /** The assessed day, the last day of the window (YYYY-MM-DD). */
  day: string;
  /** First day of the window (YYYY-MM-DD). */
  windowStart: string;
  /** Reports observed in the window. */
  recentCount: number;
  /** Their weighted count (a NEGATIVE, HIGH report counts 1). */
  weightedCount: number;
  /** Reports observed in the baseline period. */
  baselineCount: number;
  /** Days of baseline used (the province's history may be shorter than the full baseline). */
  baselineDays: number;
  /** The expected weighted count of a window: the baseline's rate, at least the floor. */
  expected: number;
  /** weightedCount / expected. */
  ratio: number;
  /** −log10 of the Poisson upper tail of the weighted count given the expected one. */
  score: number;
  hot: boolean;
}

export const addDays = (day: string, n: number): string => new Date(Date.parse(`${day}T00:00:00Z`) + n * DAY_MS).toISOString().slice(0, 10);
export const daysBetween = (from: string, to: string): number => Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY_MS);

const round = (x: number, digits = 4) => (Number.isFinite(x) ? Math.round(x * 10 ** digits) / 10 ** digits : x);

/**
 * Assesses one commune × sector on `day`.
 * @param days the cell's daily counts (other days are ignored, so callers may pass more)
 * @param historyStart the first day the province has any report: the baseline never reaches before it
 */
/**
 * Assesses one commune × sector on `day`, the last day of its window, from its daily counts (days outside the window
 * and baseline are ignored, so callers may pass more). `historyStart` is the first day the province has any report:
 * the baseline never reaches before it.
 */
export function assessHotspot(days: readonly DayCount[], day: string, historyStart: string, params: HotspotParams = HOTSPOT_PARAMS): HotspotAssessment {
  const windowStart = addDays(day, -(params.windowDays - 1));
  const baselineEnd = addDays(windowStart, -1);
  const fullBaselineStart = addDays(windowStart, -params.baselineDays);
  const baselineStart = historyStart > fullBaselineStart ? historyStart : fullBaselineStart;
  const baselineDays = Math.max(0, daysBetween(baselineStart, baselineEnd) + 1);

  let recentCount = 0;
  let recentPoints = 0;
  let baselineCount = 0;
  let baselinePoints = 0;
  for (const d of days) {
    if (d.day >= windowStart && d.day <= day) {
      recentCount += d.reports;
      recentPoints += d.points;
    } else if (d.day >= baselineStart && d.day <= baselineEnd) {
      baselineCount += d.reports;
      baselinePoints += d.points;
    }
  }
  const weightedCount = recentPoints / POINTS_PER_REPORT;
  const rate = baselineDays > 0 ? (baselinePoints / POINTS_PER_REPORT / baselineDays) * params.windowDays : 0;
  const expected = Math.max(params.minExpected, rate);
  const score = weightedCount > 0 ? Math.max(0, -log10PoissonUpperTail(weightedCount, expected)) : 0;
  const ratio = weightedCount / expected;
  const hot =
    baselineDays >= params.minHistoryDays &&
    recentCount >= params.minReports &&
    weightedCount >= params.minWeighted &&
    ratio >= params.minRatio &&
    score >= params.minScore;
  return {
    day,
    windowStart,
    recentCount,
    weightedCount: round(weightedCount, 2),
    baselineCount,
    baselineDays,
    expected: round(expected),
    ratio: round(ratio),
    score: round(score),
    hot,
  };
}

/**
 * Assesses every window a report observed on `day` falls in: those ending on `day` and on each of the next
 * `windowDays − 1` days, but not after `latestDay` (the latest day the province has reports for: windows of days still
 * to come are not assessed). A report that arrives late (a periodic report, or one submitted days after it was
 * observed) thereby completes the windows it belongs to, not only the one ending on its own day. In day order.
 */
export function assessWindowsOf(days: readonly DayCount[], day: string, latestDay: string, historyStart: string, params: HotspotParams = HOTSPOT_PARAMS): HotspotAssessment[] {
  const out: HotspotAssessment[] = [];
  for (let k = 0; k < params.windowDays; k++) {
    const end = addDays(day, k);
    if (end > latestDay && k > 0) break;
    out.push(assessHotspot(days, end, historyStart, params));
  }
  return out;
}

/** An episode of one commune × sector: raised on `raisedDay`, active until the day before `activeUntil`. */
export interface WarningEpisode {
  raisedDay: string;
  /** The last day it was assessed hot. */
  lastHotDay: string;
  /** First day it is no longer active (YYYY-MM-DD): a window after its last hot day. */
  activeUntil: string;
}

export type WarningDecision =
  | { action: 'NONE' }
  /** A new warning: the cell crossed the threshold outside any episode. */
  | { action: 'RAISE'; episode: WarningEpisode }
  /** The cell is still hot within episode `index`: it stays active (and is not raised again). */
  | { action: 'EXTEND'; index: number; episode: WarningEpisode };

/**
 * What a hot or cold assessment does to a cell's warnings. A hot day inside an episode (from a window before it was
 * raised to its end) extends it by a window; a hot day outside every episode raises a new warning. A cold day changes
 * nothing: an episode ends a window after its last hot day, when its reports have left the window.
 */
export function decideWarning(episodes: readonly WarningEpisode[], assessment: HotspotAssessment, params: HotspotParams = HOTSPOT_PARAMS): WarningDecision {
  if (!assessment.hot) return { action: 'NONE' };
  const { day } = assessment;
  const until = addDays(day, params.windowDays);
  const index = episodes.findIndex((e) => day >= addDays(e.raisedDay, -params.windowDays) && day < e.activeUntil);
  if (index >= 0) {
    const e = episodes[index];
    return {
      action: 'EXTEND',
      index,
      episode: { raisedDay: e.raisedDay, lastHotDay: day > e.lastHotDay ? day : e.lastHotDay, activeUntil: until > e.activeUntil ? until : e.activeUntil },
    };
  }
  return { action: 'RAISE', episode: { raisedDay: day, lastHotDay: day, activeUntil: until } };
}
