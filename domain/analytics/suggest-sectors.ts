import { foldVietnamese } from '../text/fold-vietnamese';
import { hasDiacritics, toneKey } from '../text/tone-key';
import { SECTORS, type Sector } from '../vocabulary';
import { SECTOR_DICTIONARY, type SectorPhrases } from './sector-dictionary';

/**
 * Sector suggestions (gợi ý lĩnh vực) from a report's text, with the phrase dictionary of `sector-dictionary.ts`.
 * Pure: the same text always gives the same suggestions. They are suggestions only: nothing here changes a report.
 *
 * How a text is read:
 * 1. it is cut into clauses at punctuation (, . ; : ! ? brackets, quotes, dashes, line breaks), so a phrase never
 *    spans two clauses ("nhiều việc, làm thêm" is not "việc làm"), and each clause into words (letters and digits;
 *    apostrophes and hyphens separate words, so "K’Ho" is "k ho");
 * 2. a phrase matches where its words follow each other, whole words only ("ô nhiễm" never matches inside another
 *    word). A word typed without diacritics matches by its folded form (`foldVietnamese`), so "o nhiem" is "ô
 *    nhiễm"; a word typed with diacritics must have the phrase's diacritics, wherever its tone mark sits (`toneKey`),
 *    so "hoà"/"hòa" match but "chưa" never matches "chùa". Entries marked 'accented' match only words typed with
 *    diacritics: their folded form is a common other word ("chua" is mostly "chưa");
 * 3. an occurrence lying inside a longer one is dropped, so "quy hoạch cán bộ" counts for personnel and not also as
 *    "quy hoạch" for land; occurrences that merely overlap both count, and the rest of the text decides;
 * 4. a sector's score is the sum of the weights of the distinct phrases it matched (a phrase repeated counts once).
 * Sectors are ranked by score, then by their strongest phrase, then by how many phrases matched, then in the
 * vocabulary's order. A text that matches nothing gives no suggestion (not OTHER): the reporter chooses.
 */

export interface SectorSuggestion {
  sector: Sector;
  /** Sum of the weights (1–3) of the distinct phrases matched for this sector. */
  score: number;
  /** This sector's share of all suggested sectors' scores, 0 < confidence ≤ 1 (three decimals). */
  confidence: number;
  /** The dictionary phrases found, as written in the dictionary (with diacritics), in the order they occur. */
  matchedPhrases: string[];
}

interface IndexEntry {
  sector: Sector;
  phrase: string;
  weight: number;
  /** toneKey of each word of the phrase. */
  keys: readonly string[];
  accentedOnly: boolean;
}

export interface SectorIndex {
  /** Folded phrase ("giai phong mat bang") → the dictionary entries that fold to it. */
  phrases: ReadonlyMap<string, readonly IndexEntry[]>;
  /** Words in the longest phrase. */
  longest: number;
}

/** One word of a text: its folded form, and its toneKey when it was typed with diacritics (else null). */
interface Word {
  folded: string;
  key: string | null;
}

const CLAUSE_BREAK = /[,.;:!?…()[\]{}"“”‘«»\n\r\t–—]+/u;
const WORD_BREAK = /[^\p{L}\p{M}\p{N}]+/u;

/** The words of a text, clause by clause. */
export function clauses(text: string): Word[][] {
  return text
    .normalize('NFC')
    .split(CLAUSE_BREAK)
    .map((clause) =>
      clause
        .split(WORD_BREAK)
        .filter((raw) => raw !== '')
        .flatMap((raw) => {
          // foldVietnamese of one word is one word, except for the rare symbol it drops entirely.
          const folded = foldVietnamese(raw);
          return folded === '' ? [] : [{ folded, key: hasDiacritics(raw) ? toneKey(raw) : null }];
        }),
    )
    .filter((words) => words.length > 0);
}

/** Indexes a dictionary by folded phrase. The same phrase listed twice for one sector keeps its highest weight. */
export function indexDictionary(dictionary: Readonly<Record<Sector, SectorPhrases>>): SectorIndex {
  const phrases = new Map<string, IndexEntry[]>();
  let longest = 0;
  for (const sector of SECTORS) {
    for (const [phrase, weight, accented] of dictionary[sector] ?? []) {
      const words = clauses(phrase).flat();
      if (words.length === 0) continue;
      longest = Math.max(longest, words.length);
      const folded = words.map((word) => word.folded).join(' ');
      const keys = words.map((word) => word.key ?? word.folded);
      const entries = phrases.get(folded) ?? [];
      const same = entries.find((entry) => entry.sector === sector && entry.keys.join(' ') === keys.join(' '));
      if (same) same.weight = Math.max(same.weight, weight);
      else entries.push({ sector, phrase, weight, keys, accentedOnly: accented === 'accented' });
      phrases.set(folded, entries);
    }
  }
  return { phrases, longest };
}

const DEFAULT_INDEX = indexDictionary(SECTOR_DICTIONARY);

/** Whether the words typed match the entry's words: by folded form when typed plain, by diacritics otherwise. */
function wordsMatch(entry: IndexEntry, words: readonly Word[]): boolean {
  return words.every((word, i) => (word.key === null ? !entry.accentedOnly : word.key === entry.keys[i]));
}

interface Occurrence {
  clause: number;
  start: number;
  end: number;
  entries: readonly IndexEntry[];
}

interface Tally {
  sector: Sector;
  score: number;
  strongest: number;
  phrases: string[];
}

/** Every occurrence of a dictionary phrase, clause by clause, as word spans [start, end). */
function occurrences(text: string, index: SectorIndex): Occurrence[] {
  const found: Occurrence[] = [];
  clauses(text).forEach((words, clause) => {
    for (let start = 0; start < words.length; start++) {
      for (let length = Math.min(index.longest, words.length - start); length >= 1; length--) {
        const span = words.slice(start, start + length);
        const entries = (index.phrases.get(span.map((word) => word.folded).join(' ')) ?? []).filter((entry) => wordsMatch(entry, span));
        if (entries.length > 0) found.push({ clause, start, end: start + length, entries });
      }
    }
  });
  const inside = (a: Occurrence, b: Occurrence) => a.clause === b.clause && b.start <= a.start && a.end <= b.end && b.end - b.start > a.end - a.start;
  return found.filter((occurrence) => !found.some((other) => inside(occurrence, other)));
}

/** Every sector the text points to, best first (see the module comment); [] for a text that matches no phrase. */
export function suggestSectors(text: string, index: SectorIndex = DEFAULT_INDEX): SectorSuggestion[] {
  const tallies = new Map<Sector, Tally>();
  for (const { entries } of occurrences(text, index)) {
    for (const entry of entries) {
      const tally = tallies.get(entry.sector) ?? { sector: entry.sector, score: 0, strongest: 0, phrases: [] };
      if (!tally.phrases.includes(entry.phrase)) {
        tally.phrases.push(entry.phrase);
        tally.score += entry.weight;
        tally.strongest = Math.max(tally.strongest, entry.weight);
      }
      tallies.set(entry.sector, tally);
    }
  }
  const ranked = [...tallies.values()].sort(
    (a, b) => b.score - a.score || b.strongest - a.strongest || b.phrases.length - a.phrases.length || SECTORS.indexOf(a.sector) - SECTORS.indexOf(b.sector),
  );
  const total = ranked.reduce((sum, tally) => sum + tally.score, 0);
  return ranked.map((tally) => ({
    sector: tally.sector,
    score: tally.score,
    confidence: Math.round((tally.score / total) * 1000) / 1000,
    matchedPhrases: tally.phrases,
  }));
}
