import type { Knex } from 'knex';
import { addDays } from '../domain/analytics/hotspot';
import type { Sector } from '../domain/vocabulary';
import type { HotspotWarningRow, StoredAssessment } from './hotspots.projection';
import { vnMidnight } from './hotspots.projection';
import { vnDay } from './support/time';

/**
 * Reads of the hotspots read model: the warnings active at an instant, strongest first, each with its reasons and
 * the issues behind it. The one copy of these queries: the `hotspots` GraphQL field, the `hotspotRaised`
 * subscription and the monthly synthesis read through them.
 */

export interface HotspotTopIssue {
  issueId: string;
  title: string;
  summary: string;
  /** Reports on the issue observed in the window in this commune and sector (reports moved by a merge follow it). */
  reports: number;
  /** Where the issue itself now lies (a reclassification may have moved it): for scope checks. */
  provinceCode: string;
  communeCode: string | null;
}

export interface HotspotWarning {
  warningId: string;
  /** The commune (5-digit code). */
  localityCode: string;
  provinceCode: string;
  sector: Sector;
  /** Reports observed in the window. */
  recentCount: number;
  /** Their weighted count: a NEGATIVE report of HIGH intensity counts 1, others less. */
  weightedCount: number;
  /** The expected weighted count of a window: the cell's rate over the 8 weeks before the window (at least a floor). */
  baseline: number;
  /** Reports observed in the baseline period, and its length in days. */
  baselineCount: number;
  baselineDays: number;
  /** weightedCount / baseline. */
  ratio: number;
  /** −log10 of the Poisson upper tail of the weighted count given the baseline: 3.5 means p ≈ 0.0003. */
  score: number;
  /** The window the reasons are about: from its first day's start (Vietnam time) to the end of its last day (exclusive). */
  windowStart: Date;
  windowEnd: Date;
  /** When the warning was raised (known), and the log position of the event that raised it. */
  raisedAt: Date;
  raisedPosition: bigint;
  /** The episode stays active until this instant: a window after its last hot day. */
  activeUntil: Date;
  /** The strongest score of the episode so far. */
  peakScore: number;
  /** The issues with the most reports in the window, most first (at most three). */
  topIssues: HotspotTopIssue[];
}

export const TOP_ISSUES = 3;

/** The reasons of a warning as of `asOf`: its latest hot assessment when that was already complete, else the one that raised it. */
function reasonsAsOf(row: HotspotWarningRow, asOf: Date): StoredAssessment {
  return vnDay(asOf.toISOString()) >= row.latest_assessment.day ? row.latest_assessment : row.raised_assessment;
}

async function attachTopIssues(db: Knex, warnings: Omit<HotspotWarning, 'topIssues'>[]): Promise<HotspotWarning[]> {
  if (warnings.length === 0) return [];
  const cells = warnings.map((w) => ({ id: w.warningId, locality: w.localityCode, province: w.provinceCode, sector: w.sector, from: w.windowStart.toISOString(), to: w.windowEnd.toISOString() }));
  const { rows } = await db.raw<{ rows: { id: string; issue_id: string; title: string; summary: string; reports: number; province_code: string; commune_code: string | null }[] }>(
    `SELECT c.id, t.issue_id, t.title, t.summary, t.reports, t.province_code, t.commune_code
       FROM jsonb_to_recordset(?::jsonb) AS c(id text, locality text, province text, sector text, "from" timestamptz, "to" timestamptz)
       CROSS JOIN LATERAL (
         SELECT r.issue_id, i.title, i.summary, i.province_code, i.commune_code, count(*)::int AS reports
           FROM reports r JOIN issues i ON i.issue_id = r.issue_id
          WHERE r.province_code = c.province AND r.locality_code = c.locality AND r.sectors @> ARRAY[c.sector]
            AND r.observed_at >= c."from" AND r.observed_at < c."to"
          GROUP BY r.issue_id, i.title, i.summary, i.province_code, i.commune_code
          ORDER BY count(*) DESC, r.issue_id
          LIMIT ${TOP_ISSUES}
       ) t
      ORDER BY c.id, t.reports DESC, t.issue_id`,
    [JSON.stringify(cells)],
  );
  const byWarning = new Map<string, HotspotTopIssue[]>();
  for (const row of rows) {
    const issue = { issueId: row.issue_id, title: row.title, summary: row.summary, reports: Number(row.reports), provinceCode: row.province_code, communeCode: row.commune_code };
    byWarning.set(row.id, [...(byWarning.get(row.id) ?? []), issue]);
  }
  return warnings.map((w) => ({ ...w, topIssues: byWarning.get(w.warningId) ?? [] }));
}

function toWarning(row: HotspotWarningRow, reasons: StoredAssessment): Omit<HotspotWarning, 'topIssues'> {
  return {
    warningId: row.warning_id,
    localityCode: row.locality_code,
    provinceCode: row.province_code,
    sector: row.sector as Sector,
    recentCount: reasons.recentCount,
    weightedCount: reasons.weightedCount,
    baseline: reasons.expected,
    baselineCount: reasons.baselineCount,
    baselineDays: reasons.baselineDays,
    ratio: reasons.ratio,
    score: reasons.score,
    windowStart: vnMidnight(reasons.windowStart),
    windowEnd: vnMidnight(addDays(reasons.day, 1)),
    raisedAt: new Date(row.raised_at),
    raisedPosition: BigInt(row.raised_position),
    activeUntil: new Date(row.active_until),
    peakScore: Number(row.peak_score),
  };
}

/**
 * The warnings of a province active at `asOf` (raised at or before it, and not yet past their episode's end),
 * strongest first (score of the reasons as of `asOf`, then the latest raised). With `raisedSince`, instead every
 * warning raised from then up to `asOf`, active or not (the monthly synthesis: what the month raised).
 * `communeCodes` narrows them to some communes (a commune-scoped user). At most `limit` (default 20).
 */
export async function readHotspots(
  db: Knex,
  args: { provinceCode: string; asOf: Date; limit?: number; communeCodes?: readonly string[] | null; raisedSince?: Date },
): Promise<HotspotWarning[]> {
  const query = db<HotspotWarningRow>('hotspot_warnings')
    .where('province_code', args.provinceCode)
    .where('raised_at', '<=', args.asOf);
  if (args.raisedSince) query.where('raised_at', '>=', args.raisedSince);
  else query.where('active_until', '>', args.asOf);
  if (args.communeCodes) query.whereIn('locality_code', [...args.communeCodes]);
  const rows = await query;
  const ranked = rows
    .map((row) => toWarning(row, reasonsAsOf(row, args.asOf)))
    .sort((a, b) => b.score - a.score || b.raisedAt.getTime() - a.raisedAt.getTime() || a.warningId.localeCompare(b.warningId))
    .slice(0, args.limit ?? 20);
  return attachTopIssues(db, ranked);
}

/**
 * Warnings raised by events in (`after`, `upTo`] of the log, in the order they were raised: what the `hotspotRaised`
 * subscription announces once the read model has reached `upTo`.
 */
export async function readRaisedHotspots(db: Knex, args: { after: bigint; upTo: bigint; provinceCodes?: readonly string[] }): Promise<HotspotWarning[]> {
  const query = db<HotspotWarningRow>('hotspot_warnings')
    .where('raised_position', '>', args.after.toString())
    .where('raised_position', '<=', args.upTo.toString())
    .orderBy([{ column: 'raised_position' }, { column: 'warning_id' }]);
  if (args.provinceCodes) query.whereIn('province_code', [...args.provinceCodes]);
  const rows = await query;
  return attachTopIssues(
    db,
    rows.map((row) => toWarning(row, row.raised_assessment)),
  );
}
