/**
 * Folds Vietnamese text to a plain comparison key: no diacritics, đ→d, lower case, single spaces.
 *
 * Vietnamese names are written with two conventions for tone-mark placement ("Hòa"/"Hoà", "Thủy"/"Thuỷ"),
 * and the national catalogue itself switched between them in 2026. People also type without diacritics.
 * Comparing folded keys makes all of these equal: 'Khánh Hoà', 'Khánh Hòa' and 'khanh hoa' fold alike.
 */
export function foldVietnamese(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{M}/gu, '') // combining marks: tones and the circumflex, breve and horn
    .replace(/[đĐ]/g, 'd') // đ is a letter of its own, not d + a mark, so NFD leaves it alone
    .replace(/[ðÐ]/g, 'd') // the look-alike eth, a common mis-typing of đ
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .trim();
}
