/**
 * A comparison key for one Vietnamese word that keeps its diacritics but not where the tone mark sits.
 *
 * `foldVietnamese` (fold-vietnamese.ts) removes every diacritic: right for text typed without them, but it also merges
 * different words ("chưa"/"chùa", "đạt"/"đất", "thuộc"/"thuốc"). When a word *was* written with diacritics, this key
 * tells such words apart while still treating the two tone-placement conventions alike: "hoà"/"hòa" and
 * "thuỷ"/"thủy" have the same key, "hoa" and "hóa" do not.
 *
 * The key is the word in lower case with its tone mark (sắc, huyền, hỏi, ngã, nặng) taken off the vowel and appended;
 * the vowel marks (â, ă, ê, ô, ơ, ư) and đ stay.
 */

// Combining grave, acute, tilde, hook above and dot below: the five tone marks.
const TONE_MARKS = /[\u0300\u0301\u0303\u0309\u0323]/gu;
const ANY_MARK = /\p{M}/u;

export function toneKey(word: string): string {
  const decomposed = word.normalize('NFD').toLowerCase().replace(/ð/g, 'đ');
  const tones = (decomposed.match(TONE_MARKS) ?? []).sort().join('');
  return `${decomposed.replace(TONE_MARKS, '').normalize('NFC')}${tones}`;
}

/** Whether a word carries any diacritic (a tone or vowel mark, or đ): if not, it may be Vietnamese typed without them. */
export function hasDiacritics(word: string): boolean {
  return ANY_MARK.test(word.normalize('NFD')) || /[đĐðÐ]/.test(word);
}
