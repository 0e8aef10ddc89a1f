/**
 * A renderer-independent report document: the content is decided once (monthly-document.ts) and the renderers
 * (markdown, docx, pdf) only lay it out. Text is Vietnamese and final; renderers never reword anything.
 */

/** A piece of text, plain or emphasised. */
export type Inline = string | { text: string; bold?: boolean; italic?: boolean };

export type Align = 'left' | 'center' | 'right' | 'justify';

export interface TableColumn {
  title: string;
  /** Relative width: columns share the text width in proportion. */
  width: number;
  align?: 'left' | 'center' | 'right';
}

export type Block =
  /** A numbered section title: level 1 "I. TÌNH HÌNH…", level 2 "1. Số liệu chung". */
  | { kind: 'heading'; level: 1 | 2; text: string }
  | { kind: 'paragraph'; content: Inline[]; align?: Align; indent?: boolean; italic?: boolean; small?: boolean }
  | { kind: 'bullets'; items: Inline[][] }
  | { kind: 'table'; caption?: string; columns: TableColumn[]; rows: string[][]; lastRowIsTotal?: boolean }
  /** A PNG picture (a chart), shown `width` wide in points (1/72 in); its pixel size gives the proportions. */
  | { kind: 'image'; png: Buffer; widthPx: number; heightPx: number; caption: string; name: string };

export interface Masthead {
  /** "TỈNH ỦY LÂM ĐỒNG" */
  parent: string;
  /** "BAN TUYÊN GIÁO VÀ DÂN VẬN" */
  issuer: string;
  /** "Số 12-BC/BTGDVTU", or with the number left blank for the clerk */
  number: string;
  /** "ĐẢNG CỘNG SẢN VIỆT NAM" */
  nation: string;
  /** "Lâm Đồng, ngày 22 tháng 11 năm 2026" */
  placeDate: string;
}

export interface ReportDocument {
  /** Document properties (title metadata). */
  metaTitle: string;
  masthead: Masthead;
  /** "BÁO CÁO" */
  kind: string;
  /** "Tổng hợp tình hình dư luận xã hội tháng 10/2026" */
  title: string;
  blocks: Block[];
  /** Nơi nhận */
  recipients: string[];
  /** The signing capacity, line by line ("T/M BAN…", "TRƯỞNG BAN"); the signature and name are left to the signer. */
  signature: string[];
  /** A closing note on how the figures were produced. */
  footnote: string;
}

/** The plain text of inline content. */
export const plain = (content: Inline[]) => content.map((c) => (typeof c === 'string' ? c : c.text)).join('');

/** Every image of a document, in order. */
export const imagesOf = (doc: ReportDocument) => doc.blocks.filter((b): b is Extract<Block, { kind: 'image' }> => b.kind === 'image');
