import PDFDocument from 'pdfkit';
import { FONTS } from './fonts';
import type { Block, Inline, ReportDocument } from './model';

/**
 * The document as PDF with pdfkit: A4 with the margins of official documents, the DejaVu Serif faces embedded (subset)
 * so every Vietnamese diacritic shows on any reader, real ruled tables, the charts as PNG pictures, page numbers.
 */

const CM = 72 / 2.54;
const MARGINS = { top: 2 * CM, bottom: 2 * CM, left: 3 * CM, right: 2 * CM };
const BODY = 12;
const TABLE = 9;
const SMALL = 10;
const MASTHEAD = 11;
const INDENT = 1 * CM;

type PDFDoc = InstanceType<typeof PDFDocument>;
type Face = 'regular' | 'bold' | 'italic' | 'boldItalic';

const face = (bold?: boolean, italic?: boolean): Face => (bold ? (italic ? 'boldItalic' : 'bold') : italic ? 'italic' : 'regular');

export interface PdfOptions {
  /** Compress content streams (default true); false leaves them readable, e.g. for a test. */
  compress?: boolean;
}

/** Writes inline runs as one paragraph, switching faces between runs. */
function runs(pdf: PDFDoc, content: Inline[], options: PDFKit.Mixins.TextOptions & { size?: number; italic?: boolean; bold?: boolean }): void {
  const { size = BODY, italic, bold, ...text } = options;
  // Adjacent runs of one face become one (fewer joins), and a run's leading spaces move to the end of the run before
  // it: pdfkit drops a space that starts a continued run, and justifies a line with a join in it poorly.
  const parts: { text: string; bold?: boolean; italic?: boolean }[] = [];
  for (const c of content) {
    const part = typeof c === 'string' ? { text: c, bold, italic } : { text: c.text, bold: c.bold ?? bold, italic: c.italic ?? italic };
    const last = parts.at(-1);
    if (last && face(last.bold, last.italic) === face(part.bold, part.italic)) last.text += part.text;
    else if (part.text.length > 0) {
      if (last && /^\s/.test(part.text)) {
        last.text += part.text.match(/^\s+/)![0];
        part.text = part.text.trimStart();
      }
      parts.push(part);
    }
  }
  if (parts.length > 1 && text.align === 'justify') text.align = 'left';
  parts.forEach((part, i) => {
    pdf.font(face(part.bold, part.italic)).fontSize(size);
    pdf.text(part.text, { ...text, continued: i < parts.length - 1 });
  });
}

/** Starts a new page when fewer than `needed` points are left on this one. */
function keep(pdf: PDFDoc, needed: number): void {
  if (pdf.y + needed > pdf.page.height - pdf.page.margins.bottom) pdf.addPage();
}

function masthead(pdf: PDFDoc, doc: ReportDocument): void {
  const m = doc.masthead;
  const left = MARGINS.left;
  const width = pdf.page.width - MARGINS.left - MARGINS.right;
  const leftWidth = width * 0.45;
  const rightX = left + leftWidth;
  const rightWidth = width - leftWidth;
  const top = pdf.y;
  pdf.font('regular').fontSize(MASTHEAD).text(m.parent, left, top, { width: leftWidth, align: 'center' });
  pdf.font('bold').text(m.issuer, { width: leftWidth, align: 'center' });
  pdf.font('regular').text('*', { width: leftWidth, align: 'center' });
  pdf.text(m.number, { width: leftWidth, align: 'center' });
  const leftBottom = pdf.y;
  pdf.font('bold').fontSize(MASTHEAD + 0.5).text(m.nation, rightX, top, { width: rightWidth, align: 'center', underline: true });
  pdf.moveDown(1.2);
  pdf.font('italic').fontSize(MASTHEAD).text(m.placeDate, rightX, pdf.y, { width: rightWidth, align: 'center' });
  pdf.x = left;
  pdf.y = Math.max(leftBottom, pdf.y) + BODY;
}

function table(pdf: PDFDoc, b: Extract<Block, { kind: 'table' }>): void {
  const width = pdf.page.width - MARGINS.left - MARGINS.right;
  const total = b.columns.reduce((n, c) => n + c.width, 0);
  if (b.caption) {
    keep(pdf, 80);
    pdf.font('italic').fontSize(SMALL).text(b.caption, MARGINS.left, pdf.y, { width, align: 'center' });
    pdf.moveDown(0.3);
  } else keep(pdf, 60);
  const header = b.columns.map((c) => ({ text: c.title, font: { src: FONTS.serifBold, size: TABLE }, backgroundColor: '#e7e6e6', align: { x: 'center' as const, y: 'center' as const } }));
  const rows = b.rows.map((row, r) => {
    const isTotal = b.lastRowIsTotal && r === b.rows.length - 1;
    return row.map((text, i) => ({ text, font: { src: isTotal ? FONTS.serifBold : FONTS.serif, size: TABLE }, align: { x: b.columns[i].align ?? ('left' as const), y: 'center' as const } }));
  });
  pdf.x = MARGINS.left;
  pdf.table({
    position: { x: MARGINS.left, y: pdf.y },
    maxWidth: width,
    columnStyles: b.columns.map((c) => ({ width: (c.width / total) * width })),
    defaultStyle: { border: 0.5, borderColor: '#000000', padding: [3, 4, 3, 4] as never },
    data: [header, ...rows],
  });
  pdf.x = MARGINS.left;
  pdf.moveDown(0.8);
}

function block(pdf: PDFDoc, b: Block): void {
  const width = pdf.page.width - MARGINS.left - MARGINS.right;
  pdf.x = MARGINS.left;
  switch (b.kind) {
    case 'heading':
      keep(pdf, 90);
      pdf.moveDown(b.level === 1 ? 0.6 : 0.3);
      pdf.font('bold').fontSize(BODY).text(b.text, MARGINS.left + (b.level === 2 ? INDENT : 0), pdf.y, { width: width - (b.level === 2 ? INDENT : 0) });
      pdf.moveDown(0.3);
      return;
    case 'paragraph':
      runs(pdf, b.content, { width, align: b.align ?? 'justify', indent: b.indent ? INDENT : 0, italic: b.italic, size: b.small ? SMALL : BODY, lineGap: 1.5, paragraphGap: 5 });
      return;
    case 'bullets':
      for (const item of b.items) runs(pdf, ['- ', ...item], { width, align: 'justify', indent: INDENT, lineGap: 1.5, paragraphGap: 3 });
      pdf.moveDown(0.3);
      return;
    case 'table':
      table(pdf, b);
      return;
    case 'image': {
      const height = (b.heightPx / b.widthPx) * width;
      keep(pdf, height + 30);
      pdf.image(b.png, MARGINS.left, pdf.y, { width });
      pdf.y += height + 4;
      pdf.font('italic').fontSize(SMALL).text(b.caption, MARGINS.left, pdf.y, { width, align: 'center' });
      pdf.moveDown(0.8);
      return;
    }
  }
}

function closing(pdf: PDFDoc, doc: ReportDocument): void {
  const width = pdf.page.width - MARGINS.left - MARGINS.right;
  keep(pdf, 140);
  pdf.moveDown(1);
  const top = pdf.y;
  pdf.font('boldItalic').fontSize(SMALL).text('Nơi nhận:', MARGINS.left, top, { width: width * 0.45 });
  pdf.font('regular').fontSize(SMALL - 0.5);
  for (const r of doc.recipients) pdf.text(`- ${r}`, { width: width * 0.45 });
  const leftBottom = pdf.y;
  pdf.font('bold').fontSize(MASTHEAD).text(doc.signature.join('\n'), MARGINS.left + width * 0.45, top, { width: width * 0.55, align: 'center' });
  pdf.x = MARGINS.left;
  pdf.y = Math.max(leftBottom, pdf.y) + 60;
  pdf.font('italic').fontSize(SMALL - 1).text(doc.footnote, MARGINS.left, pdf.y, { width, align: 'justify' });
}

export function renderPdf(doc: ReportDocument, options: PdfOptions = {}): Promise<Buffer> {
  const pdf = new PDFDocument({
    size: 'A4',
    margins: MARGINS,
    compress: options.compress ?? true,
    bufferPages: true,
    info: { Title: doc.metaTitle, Author: 'Hệ thống DLXH', Subject: doc.title, Creator: 'dlxh report monthly' },
  });
  pdf.registerFont('regular', FONTS.serif);
  pdf.registerFont('bold', FONTS.serifBold);
  pdf.registerFont('italic', FONTS.serifItalic);
  pdf.registerFont('boldItalic', FONTS.serifBoldItalic);
  const chunks: Buffer[] = [];
  const done = new Promise<Buffer>((resolve, reject) => {
    pdf.on('data', (chunk: Buffer) => chunks.push(chunk));
    pdf.on('end', () => resolve(Buffer.concat(chunks)));
    pdf.on('error', reject);
  });

  masthead(pdf, doc);
  const width = pdf.page.width - MARGINS.left - MARGINS.right;
  pdf.font('bold').fontSize(15).text(doc.kind, MARGINS.left, pdf.y, { width, align: 'center' });
  pdf.font('bold').fontSize(BODY + 1).text(doc.title, { width, align: 'center' });
  pdf.font('regular').fontSize(BODY).text('-----', { width, align: 'center' });
  pdf.moveDown(0.8);
  for (const b of doc.blocks) block(pdf, b);
  closing(pdf, doc);

  // Page numbers, centred at the foot of every page but the first.
  const range = pdf.bufferedPageRange();
  for (let i = range.start; i < range.start + range.count; i++) {
    if (i === 0) continue;
    pdf.switchToPage(i);
    const bottom = pdf.page.margins.bottom;
    pdf.page.margins.bottom = 0;
    pdf.font('regular').fontSize(SMALL).text(String(i + 1), MARGINS.left, pdf.page.height - bottom / 2 - SMALL / 2, { width, align: 'center', lineBreak: false });
    pdf.page.margins.bottom = bottom;
  }
  pdf.end();
  return done;
}
