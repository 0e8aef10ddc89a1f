import { suggestSectors } from '../../domain/analytics/suggest-sectors';
import { SECTORS, type Sector } from '../../domain/vocabulary';
import type { SectorSummary } from '../fixtures/sector-summaries';

/** Accuracy of `suggestSectors` on labelled summaries: shared by the unit test and `npm run bench:sector-accuracy`. */

export interface SummaryOutcome {
  summary: SectorSummary;
  suggested: Sector[];
  /** The first suggestion is one of the expected sectors. */
  top1: boolean;
  /** One of the first three suggestions is one of the expected sectors. */
  top3: boolean;
}

export interface AccuracyRow {
  /** A sector (by each summary's main expected sector), or 'ALL'. */
  label: string;
  n: number;
  top1: number;
  top3: number;
  /** Summaries with no suggestion at all. */
  none: number;
}

export function evaluate(summaries: readonly SectorSummary[]): SummaryOutcome[] {
  return summaries.map((summary) => {
    const suggested = suggestSectors(summary.text).map((s) => s.sector);
    const hit = (n: number) => suggested.slice(0, n).some((sector) => summary.expected.includes(sector));
    return { summary, suggested, top1: hit(1), top3: hit(3) };
  });
}

function row(label: string, outcomes: readonly SummaryOutcome[]): AccuracyRow {
  return {
    label,
    n: outcomes.length,
    top1: outcomes.filter((o) => o.top1).length,
    top3: outcomes.filter((o) => o.top3).length,
    none: outcomes.filter((o) => o.suggested.length === 0).length,
  };
}

/** One row per sector (by main expected sector, in vocabulary order; sectors without summaries are left out), then ALL. */
export function accuracyTable(outcomes: readonly SummaryOutcome[]): AccuracyRow[] {
  const rows = SECTORS.map((sector) => row(sector, outcomes.filter((o) => o.summary.expected[0] === sector))).filter((r) => r.n > 0);
  return [...rows, row('ALL', outcomes)];
}

export const rate = (hits: number, n: number) => (n === 0 ? 0 : hits / n);
