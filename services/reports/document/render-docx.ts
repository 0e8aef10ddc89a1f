import {
  AlignmentType,
  BorderStyle,
  Document,
  Footer,
  HeadingLevel,
  ImageRun,
  Packer,
  PageNumber,
  Paragraph,
  Table,
  TableCell,
  TableLayoutType,
  TableRow,
  TextRun,
  VerticalAlign,
  WidthType,
  type IBorderOptions,
} from 'docx';
import type { Align, Block, Inline, ReportDocument } from './model';

/**
 * The document as DOCX (Word) with the `docx` package: A4, the margins and the Times New Roman 14 pt of official
 * documents (Nghị định 30/2020/NĐ-CP), headings as Word's Heading 1 and 2 (so they show in the navigation pane),
 * real tables, and the charts as embedded PNG pictures (word/media).
 */

const FONT = 'Times New Roman';
const SIZE = 28; // half-points: 14 pt
const SMALL = 24; // 12 pt
const TABLE_SIZE = 22; // 11 pt
const MASTHEAD = 26; // 13 pt
const CM = 567; // twips per centimetre
/** The text width in pixels at 96 dpi: A4 (21 cm) less 3 cm left and 2 cm right margins. */
const TEXT_WIDTH_PX = Math.round(((21 - 3 - 2) / 2.54) * 96);
const TEXT_WIDTH_TWIPS = (21 - 3 - 2) * CM;

const ALIGN: Record<Align, (typeof AlignmentType)[keyof typeof AlignmentType]> = {
  left: AlignmentType.LEFT,
  center: AlignmentType.CENTER,
  right: AlignmentType.RIGHT,
  justify: AlignmentType.JUSTIFIED,
};

const runs = (content: Inline[], base: { size?: number; italics?: boolean; bold?: boolean } = {}) =>
  content.map((c) => (typeof c === 'string' ? new TextRun({ text: c, ...base }) : new TextRun({ text: c.text, ...base, bold: c.bold ?? base.bold, italics: c.italic ?? base.italics })));

const NONE: IBorderOptions = { style: BorderStyle.NONE, size: 0, color: 'FFFFFF' };
const LINE: IBorderOptions = { style: BorderStyle.SINGLE, size: 4, color: '000000' };
const noBorders = { top: NONE, bottom: NONE, left: NONE, right: NONE, insideHorizontal: NONE, insideVertical: NONE };

function centred(text: string, options: { bold?: boolean; italics?: boolean; underline?: boolean; size?: number } = {}): Paragraph {
  return new Paragraph({
    alignment: AlignmentType.CENTER,
    children: [new TextRun({ text, bold: options.bold, italics: options.italics, underline: options.underline ? {} : undefined, size: options.size })],
  });
}

/** A borderless two-column layout table of fixed widths, `leftPct` percent on the left. */
function twoColumns(leftPct: number) {
  const left = Math.round((TEXT_WIDTH_TWIPS * leftPct) / 100);
  return {
    width: { size: TEXT_WIDTH_TWIPS, type: WidthType.DXA },
    columnWidths: [left, TEXT_WIDTH_TWIPS - left],
    layout: TableLayoutType.FIXED,
    borders: noBorders,
  };
}

const cell = (children: Paragraph[], widthPct: number) =>
  new TableCell({ children, width: { size: Math.round((TEXT_WIDTH_TWIPS * widthPct) / 100), type: WidthType.DXA }, borders: noBorders });

/** The heading block: issuing body and number on the left, the Party's name and place and date on the right. */
function masthead(doc: ReportDocument): Table {
  const m = doc.masthead;
  return new Table({
    ...twoColumns(48),
    rows: [
      new TableRow({
        children: [
          cell([centred(m.parent, { size: MASTHEAD }), centred(m.issuer, { bold: true, size: MASTHEAD }), centred('*', { size: MASTHEAD }), centred(m.number, { size: MASTHEAD })], 48),
          cell([centred(m.nation, { bold: true, underline: true, size: MASTHEAD + 2 }), new Paragraph({ text: '' }), centred(m.placeDate, { italics: true, size: MASTHEAD })], 52),
        ],
      }),
    ],
  });
}

function dataTable(b: Extract<Block, { kind: 'table' }>): Table {
  const total = b.columns.reduce((n, c) => n + c.width, 0);
  const pct = (w: number) => Math.round((w / total) * 100);
  const header = new TableRow({
    tableHeader: true,
    children: b.columns.map(
      (c) =>
        new TableCell({
          width: { size: pct(c.width), type: WidthType.PERCENTAGE },
          shading: { fill: 'E7E6E6' },
          verticalAlign: VerticalAlign.CENTER,
          children: [new Paragraph({ alignment: AlignmentType.CENTER, children: [new TextRun({ text: c.title, bold: true, size: TABLE_SIZE })] })],
        }),
    ),
  });
  const rows = b.rows.map((row, r) => {
    const isTotal = b.lastRowIsTotal && r === b.rows.length - 1;
    return new TableRow({
      cantSplit: true,
      children: row.map(
        (value, i) =>
          new TableCell({
            width: { size: pct(b.columns[i].width), type: WidthType.PERCENTAGE },
            verticalAlign: VerticalAlign.CENTER,
            children: [new Paragraph({ alignment: ALIGN[b.columns[i].align ?? 'left'], children: [new TextRun({ text: value, bold: isTotal, size: TABLE_SIZE })] })],
          }),
      ),
    });
  });
  return new Table({
    width: { size: 100, type: WidthType.PERCENTAGE },
    borders: { top: LINE, bottom: LINE, left: LINE, right: LINE, insideHorizontal: LINE, insideVertical: LINE },
    margins: { top: 30, bottom: 30, left: 80, right: 80 },
    rows: [header, ...rows],
  });
}

function blockElements(b: Block): (Paragraph | Table)[] {
  switch (b.kind) {
    case 'heading':
      return [new Paragraph({ heading: b.level === 1 ? HeadingLevel.HEADING_1 : HeadingLevel.HEADING_2, children: [new TextRun({ text: b.text })] })];
    case 'paragraph':
      return [
        new Paragraph({
          alignment: ALIGN[b.align ?? 'justify'],
          indent: b.indent ? { firstLine: Math.round(1.27 * CM) } : undefined,
          spacing: { after: 120 },
          children: runs(b.content, { italics: b.italic, size: b.small ? SMALL : undefined }),
        }),
      ];
    case 'bullets':
      return b.items.map(
        (item) =>
          new Paragraph({
            alignment: AlignmentType.JUSTIFIED,
            indent: { firstLine: Math.round(1.27 * CM) },
            spacing: { after: 80 },
            children: [new TextRun({ text: '- ' }), ...runs(item)],
          }),
      );
    case 'table':
      return [
        ...(b.caption ? [new Paragraph({ alignment: AlignmentType.CENTER, spacing: { before: 120, after: 60 }, children: [new TextRun({ text: b.caption, italics: true, size: SMALL })] })] : []),
        dataTable(b),
        new Paragraph({ text: '', spacing: { after: 60 } }),
      ];
    case 'image': {
      const width = TEXT_WIDTH_PX;
      const height = Math.round((b.heightPx / b.widthPx) * width);
      return [
        new Paragraph({
          alignment: AlignmentType.CENTER,
          spacing: { before: 120 },
          children: [new ImageRun({ type: 'png', data: b.png, transformation: { width, height }, altText: { name: b.name, title: b.caption, description: b.caption } })],
        }),
        new Paragraph({ alignment: AlignmentType.CENTER, spacing: { after: 160 }, children: [new TextRun({ text: b.caption, italics: true, size: SMALL })] }),
      ];
    }
  }
}

/** The closing: recipients on the left, the signing capacity on the right. */
function closing(doc: ReportDocument): Table {
  return new Table({
    ...twoColumns(45),
    rows: [
      new TableRow({
        children: [
          cell(
            [
              new Paragraph({ children: [new TextRun({ text: 'Nơi nhận:', bold: true, italics: true, size: SMALL })] }),
              ...doc.recipients.map((r) => new Paragraph({ children: [new TextRun({ text: `- ${r}`, size: 22 })] })),
            ],
            45,
          ),
          cell(doc.signature.map((line) => centred(line, { bold: true, size: MASTHEAD })), 55),
        ],
      }),
    ],
  });
}

export async function renderDocx(doc: ReportDocument): Promise<Buffer> {
  const document = new Document({
    title: doc.metaTitle,
    creator: 'Hệ thống DLXH',
    description: doc.title,
    styles: {
      default: { document: { run: { font: FONT, size: SIZE } } },
      paragraphStyles: [
        {
          id: 'Heading1',
          name: 'Heading 1',
          basedOn: 'Normal',
          next: 'Normal',
          quickFormat: true,
          run: { font: FONT, size: SIZE, bold: true, color: '000000' },
          paragraph: { spacing: { before: 240, after: 120 }, keepNext: true },
        },
        {
          id: 'Heading2',
          name: 'Heading 2',
          basedOn: 'Normal',
          next: 'Normal',
          quickFormat: true,
          run: { font: FONT, size: SIZE, bold: true, italics: false, color: '000000' },
          paragraph: { spacing: { before: 160, after: 80 }, indent: { firstLine: Math.round(1.27 * CM) }, keepNext: true },
        },
      ],
    },
    sections: [
      {
        properties: { page: { size: { width: 21 * CM, height: 29.7 * CM }, margin: { top: 2 * CM, bottom: 2 * CM, left: 3 * CM, right: 2 * CM } } },
        footers: { default: new Footer({ children: [new Paragraph({ alignment: AlignmentType.CENTER, children: [new TextRun({ children: [PageNumber.CURRENT], size: SMALL })] })] }) },
        children: [
          masthead(doc),
          new Paragraph({ text: '', spacing: { after: 120 } }),
          centred(doc.kind, { bold: true, size: 32 }),
          centred(doc.title, { bold: true, size: SIZE }),
          centred('-----', { size: SIZE }),
          new Paragraph({ text: '' }),
          ...doc.blocks.flatMap(blockElements),
          new Paragraph({ text: '' }),
          closing(doc),
          new Paragraph({ text: '', spacing: { after: 240 } }),
          new Paragraph({ alignment: AlignmentType.JUSTIFIED, children: [new TextRun({ text: doc.footnote, italics: true, size: 20 })] }),
        ],
      },
    ],
  });
  return Packer.toBuffer(document);
}
