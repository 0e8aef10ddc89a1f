import {
  addDays,
  assessHotspot,
  assessWindowsOf,
  DayCount,
  decideWarning,
  HOTSPOT_PARAMS,
  HotspotAssessment,
  REPORT_WEIGHT_POINTS,
  reportWeightPoints,
  WarningEpisode,
} from '../../domain/analytics/hotspot';
import { log10PoissonUpperTail, logGamma } from '../../domain/analytics/poisson';
import { INTENSITIES, TENDENCIES } from '../../domain/vocabulary';

/** Early warning, as given/when/then: a commune × sector's daily counts, a day assessed, what the detector says. */

const DAY = '2026-10-20';
const HISTORY = '2026-06-01'; // the province's first report: long before every window below
const NEG_HIGH = reportWeightPoints('NEGATIVE', 'HIGH');

/** `n` reports of `points` each on `day`. */
const on = (day: string, n: number, points = NEG_HIGH): DayCount => ({ day, reports: n, points: n * points });
/** One report a week on the 8 weeks before the window ending on DAY (a steady, quiet baseline). */
const weeklyBaseline = (perWeek: number, points = NEG_HIGH): DayCount[] => Array.from({ length: 8 }, (_, w) => on(addDays(DAY, -10 - 7 * w), perWeek, points));
/** Poisson upper tail P(X ≥ k) by summing the mass function: the reference for integer k. */
const poissonTail = (k: number, mean: number) => 1 - Array.from({ length: k }, (_, i) => Math.exp(-mean + i * Math.log(mean) - logGamma(i + 1))).reduce((a, b) => a + b, 0);

describe('the Poisson upper tail', () => {
  it('matches the summed mass function at integer counts, across small and large means', () => {
    for (const [k, mean] of [[6, 0.5], [3, 1], [10, 4], [25, 12], [2, 3]] as const) {
      expect(log10PoissonUpperTail(k, mean)).toBeCloseTo(Math.log10(poissonTail(k, mean)), 6);
    }
  });

  it('is 1 for a count of 0, grows smaller as the count rises, and is continuous between integers', () => {
    expect(log10PoissonUpperTail(0, 2)).toBe(0);
    const tails = [3, 3.25, 3.5, 3.75, 4].map((k) => log10PoissonUpperTail(k, 0.5));
    for (let i = 1; i < tails.length; i++) expect(tails[i]).toBeLessThan(tails[i - 1]);
    expect(tails[0]).toBeCloseTo(Math.log10(poissonTail(3, 0.5)), 6);
    expect(tails[4]).toBeCloseTo(Math.log10(poissonTail(4, 0.5)), 6);
  });

  it('stays finite far in the tail (scores of hundreds, not Infinity)', () => {
    const log10p = log10PoissonUpperTail(400, 0.5);
    expect(Number.isFinite(log10p)).toBe(true);
    expect(log10p).toBeLessThan(-300);
  });
});

describe('report weights', () => {
  it('weigh a NEGATIVE report of HIGH intensity most (1), and never more than 1', () => {
    const all = TENDENCIES.flatMap((t) => INTENSITIES.map((i) => REPORT_WEIGHT_POINTS[t][i]));
    expect(Math.max(...all)).toBe(100);
    expect(NEG_HIGH).toBe(100);
    for (const t of TENDENCIES) expect(REPORT_WEIGHT_POINTS[t].HIGH).toBeGreaterThan(REPORT_WEIGHT_POINTS[t].LOW);
    for (const i of INTENSITIES) {
      expect(REPORT_WEIGHT_POINTS.NEGATIVE[i]).toBeGreaterThan(REPORT_WEIGHT_POINTS.MIXED[i]);
      expect(REPORT_WEIGHT_POINTS.MIXED[i]).toBeGreaterThan(REPORT_WEIGHT_POINTS.POSITIVE[i]);
    }
    expect(all.every((p) => Number.isInteger(p) && p > 0)).toBe(true);
  });
});

describe('assessing a commune × sector', () => {
  it('given a quiet baseline (one report a week), when 8 negative, intense reports come in a week, then it is hot', () => {
    const a = assessHotspot([...weeklyBaseline(1), on(DAY, 3), on(addDays(DAY, -2), 3), on(addDays(DAY, -6), 2)], DAY, HISTORY);
    expect(a).toMatchObject({ day: DAY, windowStart: addDays(DAY, -6), recentCount: 8, weightedCount: 8, baselineCount: 8, baselineDays: 56, hot: true });
    expect(a.expected).toBeCloseTo(1, 6); // 8 weighted reports over 8 weeks: 1 per 7-day window
    expect(a.ratio).toBeCloseTo(8, 6);
    expect(a.score).toBeGreaterThanOrEqual(HOTSPOT_PARAMS.minScore);
    expect(a.score).toBeCloseTo(-Math.log10(poissonTail(8, 1)), 3);
  });

  it('given a near-zero baseline, when a few reports come, then the floor keeps it calm; when 6 negative, intense ones come, then it is hot', () => {
    const three = assessHotspot([on(DAY, 3)], DAY, HISTORY);
    expect(three).toMatchObject({ recentCount: 3, baselineCount: 0, expected: HOTSPOT_PARAMS.minExpected, hot: false });
    expect(Number.isFinite(three.score)).toBe(true);
    const six = assessHotspot([on(DAY, 4), on(addDays(DAY, -1), 2)], DAY, HISTORY);
    expect(six).toMatchObject({ recentCount: 6, weightedCount: 6, expected: HOTSPOT_PARAMS.minExpected, hot: true });
  });

  it('given a busy cell (10 reports a week), when 14 come in a week, then it is not hot: the ratio is too small', () => {
    const a = assessHotspot([...weeklyBaseline(10), on(DAY, 14)], DAY, HISTORY);
    expect(a.ratio).toBeLessThan(HOTSPOT_PARAMS.minRatio);
    expect(a.hot).toBe(false);
  });

  it('given a quiet cell, when a burst of positive opinion comes, then it is not hot: positive reports weigh little', () => {
    const a = assessHotspot([on(DAY, 9, reportWeightPoints('POSITIVE', 'MEDIUM'))], DAY, HISTORY);
    expect(a.recentCount).toBe(9);
    expect(a.weightedCount).toBeCloseTo(0.72, 6);
    expect(a.hot).toBe(false);
    // The same count of negative, intense reports is a hot spot.
    expect(assessHotspot([on(DAY, 9)], DAY, HISTORY).hot).toBe(true);
  });

  it('given a province with less than 4 weeks of history, when a burst comes, then nothing is raised yet (warm-up)', () => {
    const young = addDays(DAY, -20);
    const a = assessHotspot([on(DAY, 9)], DAY, young);
    expect(a.baselineDays).toBe(14);
    expect(a.hot).toBe(false);
    expect(assessHotspot([on(DAY, 9)], DAY, addDays(DAY, -40)).hot).toBe(true);
  });

  it('counts the 7 days ending on the day as recent and the 56 days before as baseline; nothing after the day, nothing older', () => {
    const days = [on(DAY, 1), on(addDays(DAY, -6), 2), on(addDays(DAY, -7), 4), on(addDays(DAY, -62), 8), on(addDays(DAY, -63), 16), on(addDays(DAY, 1), 32)];
    const a = assessHotspot(days, DAY, HISTORY);
    expect(a.recentCount).toBe(3);
    expect(a.baselineCount).toBe(12);
  });

  it('given a report observed late, then every window it falls in is assessed, up to the province’s latest day', () => {
    const days = [on(DAY, 2), on(addDays(DAY, 3), 2), on(addDays(DAY, 5), 2)];
    const all = assessWindowsOf(days, DAY, addDays(DAY, 30), HISTORY);
    expect(all.map((a) => a.day)).toEqual([0, 1, 2, 3, 4, 5, 6].map((k) => addDays(DAY, k)));
    expect(all.map((a) => a.recentCount)).toEqual([2, 2, 2, 4, 4, 6, 6]);
    expect(all.filter((a) => a.hot).map((a) => a.day)).toEqual([addDays(DAY, 5), addDays(DAY, 6)]);
    // Windows after the latest day the province has are not assessed; the report's own day always is.
    expect(assessWindowsOf(days, DAY, addDays(DAY, 2), HISTORY).map((a) => a.day)).toEqual([DAY, addDays(DAY, 1), addDays(DAY, 2)]);
    expect(assessWindowsOf(days, DAY, addDays(DAY, -3), HISTORY).map((a) => a.day)).toEqual([DAY]);
  });
});

describe('raising warnings', () => {
  const hotOn = (day: string): HotspotAssessment => ({ ...assessHotspot([on(day, 9)], day, HISTORY), hot: true });
  const coldOn = (day: string): HotspotAssessment => ({ ...assessHotspot([], day, HISTORY), hot: false });

  it('given no episode, when the cell turns hot, then a warning is raised, active for a window after that day', () => {
    expect(decideWarning([], hotOn(DAY))).toEqual({ action: 'RAISE', episode: { raisedDay: DAY, lastHotDay: DAY, activeUntil: addDays(DAY, 7) } });
  });

  it('given a cold assessment, then nothing happens', () => {
    expect(decideWarning([], coldOn(DAY))).toEqual({ action: 'NONE' });
  });

  it('given an episode, when the cell is still hot, then it is not raised again: the episode is extended', () => {
    const episode: WarningEpisode = { raisedDay: DAY, lastHotDay: DAY, activeUntil: addDays(DAY, 7) };
    expect(decideWarning([episode], hotOn(addDays(DAY, 4)))).toEqual({
      action: 'EXTEND',
      index: 0,
      episode: { raisedDay: DAY, lastHotDay: addDays(DAY, 4), activeUntil: addDays(DAY, 11) },
    });
    // A late report making an earlier window hot belongs to the same episode and does not shorten it.
    expect(decideWarning([episode], hotOn(addDays(DAY, -3)))).toEqual({ action: 'EXTEND', index: 0, episode });
  });

  it('given an episode that has ended, when the cell turns hot again, then a new warning is raised', () => {
    const ended: WarningEpisode = { raisedDay: DAY, lastHotDay: DAY, activeUntil: addDays(DAY, 7) };
    expect(decideWarning([ended], hotOn(addDays(DAY, 7)))).toMatchObject({ action: 'RAISE', episode: { raisedDay: addDays(DAY, 7) } });
    expect(decideWarning([ended], hotOn(addDays(DAY, -30)))).toMatchObject({ action: 'RAISE', episode: { raisedDay: addDays(DAY, -30) } });
  });
});
