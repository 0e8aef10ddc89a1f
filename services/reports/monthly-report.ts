import { ValidationError } from '../../domain/errors';
import { buildMonthlyDocument, type MonthlyDocumentOptions } from './document/monthly-document';
import { renderDocx } from './document/render-docx';
import { renderMarkdown } from './document/render-markdown';
import { renderPdf } from './document/render-pdf';
import type { MonthlySynthesis } from './monthly-synthesis';

/** The formats `dlxh report monthly` writes. */
export const REPORT_FORMATS = ['docx', 'pdf', 'md'] as const;
export type ReportFormat = (typeof REPORT_FORMATS)[number];

export function parseReportFormat(format: string): ReportFormat {
  const f = format.toLowerCase();
  if (!(REPORT_FORMATS as readonly string[]).includes(f)) throw ValidationError.field(['format'], `must be one of ${REPORT_FORMATS.join(', ')}`);
  return f as ReportFormat;
}

/** "bao-cao-du-luan-68-2026-10" */
export const reportBaseName = (provinceCode: string, month: string) => `bao-cao-du-luan-${provinceCode}-${month}`;

export interface RenderedReport {
  body: Buffer;
  /** Files that go beside it (the charts of a Markdown report), by file name. */
  attachments: { fileName: string; png: Buffer }[];
}

/**
 * The monthly synthesis as a document in one format. The content is built once (buildMonthlyDocument) and only laid
 * out here. `imageBase` names a Markdown report's chart files.
 */
export async function renderMonthlyReport(synthesis: MonthlySynthesis, format: ReportFormat, options: MonthlyDocumentOptions & { imageBase?: string } = {}): Promise<RenderedReport> {
  const doc = buildMonthlyDocument(synthesis, options);
  switch (format) {
    case 'docx':
      return { body: await renderDocx(doc), attachments: [] };
    case 'pdf':
      return { body: await renderPdf(doc), attachments: [] };
    case 'md': {
      const md = renderMarkdown(doc, options.imageBase ?? reportBaseName(synthesis.province.code, synthesis.month));
      return { body: Buffer.from(md.text, 'utf8'), attachments: md.images };
    }
  }
}
