import { foldVietnamese } from '../text/fold-vietnamese';

/**
 * The text a duplicate search compares: folded (`foldVietnamese`: no diacritics, lower case) and without the words
 * that nearly every report uses to say *that* something is reported rather than *what* ("người dân phản ánh",
 * "bà con bức xúc", "đề nghị xem xét") and the commonest function words. Left in, they make two reports about
 * unrelated matters look alike: "Dân phản ánh ô nhiễm trại heo" shares a third of its trigrams with "Người dân phản
 * ánh chậm chi trả tiền bồi thường". Pure; the words are removed only from the query side, issues keep their text.
 */

/** Folded word sequences removed, longest first so that "nguoi dan" goes before "dan". */
const REPORTING_WORDS: readonly string[] = [
  'co quan chuc nang',
  'chinh quyen dia phuong',
  'thoi gian qua',
  'nguoi dan',
  'nhan dan',
  'ba con',
  'ho dan',
  'cu dan',
  'cong dan',
  'du luan',
  'y kien',
  'phan anh',
  'phan nan',
  'buc xuc',
  'de nghi',
  'kien nghi',
  'cho biet',
  'cho rang',
  'lo ngai',
  'lo lang',
  'quan tam',
  'ban tan',
  'thac mac',
  'tinh trang',
  'hien nay',
  'gan day',
  'xem xet',
  'mot so',
  // Single function words whose folded form is almost never a content word.
  'dan',
  'nhieu',
  'cac',
  'nhung',
  'mot',
  'cua',
  'va',
  'la',
  'duoc',
  'bi',
  'rat',
  'voi',
  'nay',
].sort((a, b) => b.split(' ').length - a.split(' ').length);

const SEQUENCES = REPORTING_WORDS.map((phrase) => phrase.split(' '));

/** Folded words of `text` without the reporting words, joined by single spaces ('' when nothing else is left). */
export function duplicateSearchText(text: string): string {
  const words = foldVietnamese(text)
    .split(/[^\p{L}\p{N}]+/u)
    .filter((word) => word !== '');
  const kept: string[] = [];
  for (let i = 0; i < words.length; ) {
    const skip = SEQUENCES.find((sequence) => sequence.every((word, j) => words[i + j] === word));
    if (skip) i += skip.length;
    else kept.push(words[i++]);
  }
  return kept.join(' ');
}
