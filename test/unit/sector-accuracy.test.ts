import { SECTOR_SUMMARIES } from '../fixtures/sector-summaries';
import { accuracyTable, evaluate, rate } from '../support/sector-accuracy';
import { SECTORS } from '../../domain/vocabulary';
import { SECTOR_DICTIONARY } from '../../domain/analytics/sector-dictionary';
import { foldVietnamese } from '../../domain/text/fold-vietnamese';

/**
 * Accuracy of sector suggestions on hand-written report summaries (test/fixtures/sector-summaries.ts). The floors are
 * below the measured figures (`npm run bench:sector-accuracy` prints them) so that a dictionary change that makes
 * suggestions worse fails here. The held-out floor is the one that says how well it generalises.
 */

const all = evaluate(SECTOR_SUMMARIES);
const heldOut = all.filter((o) => o.summary.split === 'heldout');
const overall = accuracyTable(all).at(-1)!;
const heldOutRow = accuracyTable(heldOut).at(-1)!;

describe('sector suggestion accuracy on hand-written summaries', () => {
  it('has at least 50 summaries, a held-out part, and at least two per sector', () => {
    expect(SECTOR_SUMMARIES.length).toBeGreaterThanOrEqual(50);
    expect(heldOut.length).toBeGreaterThanOrEqual(30);
    for (const sector of SECTORS) expect(SECTOR_SUMMARIES.filter((s) => s.expected[0] === sector).length).toBeGreaterThanOrEqual(2);
  });

  it('writes some summaries without diacritics, and some with the old tone placement', () => {
    const plain = SECTOR_SUMMARIES.filter((s) => foldVietnamese(s.text) === s.text.toLowerCase().replace(/\s+/g, ' ').trim());
    expect(plain.length).toBeGreaterThanOrEqual(10);
    expect(SECTOR_SUMMARIES.some((s) => /oà|oá|oả|uỷ|oẻ/i.test(s.text))).toBe(true);
  });

  it('does not copy a summary into the dictionary', () => {
    const phrases = new Set(Object.values(SECTOR_DICTIONARY).flatMap((list) => list.map(([phrase]) => foldVietnamese(phrase))));
    for (const summary of SECTOR_SUMMARIES) expect(phrases.has(foldVietnamese(summary.text))).toBe(false);
  });

  it('puts an expected sector first for at least 80% of all summaries, and in the top 3 for at least 85%', () => {
    expect(rate(overall.top1, overall.n)).toBeGreaterThanOrEqual(0.8);
    expect(rate(overall.top3, overall.n)).toBeGreaterThanOrEqual(0.85);
  });

  it('on the held-out summaries (never used to write the dictionary): top-1 at least 60%, top-3 at least 70%', () => {
    expect(rate(heldOutRow.top1, heldOutRow.n)).toBeGreaterThanOrEqual(0.6);
    expect(rate(heldOutRow.top3, heldOutRow.n)).toBeGreaterThanOrEqual(0.7);
  });
});
