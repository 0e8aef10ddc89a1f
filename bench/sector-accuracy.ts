/**
 * Accuracy of the sector suggestions (domain/analytics/suggest-sectors.ts) on the hand-written report summaries of
 * test/fixtures/sector-summaries.ts: per sector (by each summary's main expected sector) and overall, top-1 (the
 * first suggestion is an expected sector) and top-3, for every summary and for the held-out part alone (written after
 * the dictionary was frozen; the honest figure). Pure computation: no database.
 *
 *   npm run bench:sector-accuracy             # the table
 *   npm run bench:sector-accuracy -- --misses # also every summary whose first suggestion is wrong
 */
import { performance } from 'node:perf_hooks';
import { suggestSectors } from '../domain/analytics/suggest-sectors';
import { SECTOR_LABELS, type Sector } from '../domain/vocabulary';
import { SECTOR_SUMMARIES } from '../test/fixtures/sector-summaries';
import { accuracyTable, AccuracyRow, evaluate } from '../test/support/sector-accuracy';
import { printTable } from './support/bench-database';

const percent = (hits: number, n: number) => (n === 0 ? '-' : `${((100 * hits) / n).toFixed(1)}%`);

function main() {
  const outcomes = evaluate(SECTOR_SUMMARIES);
  const heldOut = outcomes.filter((o) => o.summary.split === 'heldout');
  const heldOutRows = new Map(accuracyTable(heldOut).map((row) => [row.label, row]));
  const empty: AccuracyRow = { label: '', n: 0, top1: 0, top3: 0, none: 0 };

  const rows = accuracyTable(outcomes).map((row) => {
    const held = heldOutRows.get(row.label) ?? empty;
    return {
      sector: row.label,
      label: row.label === 'ALL' ? 'Tất cả' : SECTOR_LABELS[row.label as Sector],
      n: row.n,
      'top-1': percent(row.top1, row.n),
      'top-3': percent(row.top3, row.n),
      'no suggestion': row.none,
      'held-out n': held.n,
      'held-out top-1': percent(held.top1, held.n),
      'held-out top-3': percent(held.top3, held.n),
    };
  });

  const runs = 200;
  const started = performance.now();
  for (let i = 0; i < runs; i++) for (const summary of SECTOR_SUMMARIES) suggestSectors(summary.text);
  const microseconds = ((performance.now() - started) * 1000) / (runs * SECTOR_SUMMARIES.length);

  const dev = outcomes.length - heldOut.length;
  printTable(
    `bench/sector-accuracy — ${outcomes.length} hand-written summaries (${dev} dev, ${heldOut.length} held-out); an expected sector first (top-1) or among the first three (top-3); ${microseconds.toFixed(0)} µs per summary`,
    rows,
  );

  if (process.argv.includes('--misses')) {
    for (const o of outcomes.filter((outcome) => !outcome.top1)) {
      console.log(`[${o.summary.split}] expected ${o.summary.expected.join('/')}, got ${o.suggested.slice(0, 3).join(', ') || 'nothing'}\n    ${o.summary.text}`);
    }
  }
}

main();
