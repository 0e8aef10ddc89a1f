import type { Block, Inline, ReportDocument } from './model';

/**
 * The document as Markdown (GitHub-flavoured tables). Pictures are separate PNG files beside the .md: the renderer
 * returns them with the names it linked, and the caller writes them.
 */

const escape = (text: string) => text.replace(/([\\*_`|[\]<>])/g, '\\$1');
const cell = (text: string) => escape(text).replace(/\r?\n/g, '<br>') || ' ';

function inline(content: Inline[]): string {
  return content
    .map((c) => {
      if (typeof c === 'string') return escape(c);
      let text = escape(c.text);
      if (c.italic) text = `*${text}*`;
      if (c.bold) text = `**${text}**`;
      return text;
    })
    .join('');
}

export interface MarkdownOutput {
  text: string;
  images: { fileName: string; png: Buffer }[];
}

/** `imageBase`: the prefix of the picture files, e.g. "bao-cao-68-2026-10" gives "bao-cao-68-2026-10-bieu-do-1-theo-ngay.png". */
export function renderMarkdown(doc: ReportDocument, imageBase: string): MarkdownOutput {
  const out: string[] = [];
  const images: MarkdownOutput['images'] = [];
  const m = doc.masthead;
  out.push(
    '| | |',
    '|:---:|:---:|',
    `| ${cell(m.parent)} | **${cell(m.nation)}** |`,
    `| **${cell(m.issuer)}** | |`,
    `| \\* | |`,
    `| ${cell(m.number)} | *${cell(m.placeDate)}* |`,
    '',
    `# ${escape(doc.kind)}`,
    '',
    `**${escape(doc.title)}**`,
    '',
    '-----',
    '',
  );
  const block = (b: Block) => {
    switch (b.kind) {
      case 'heading':
        out.push(`${b.level === 1 ? '##' : '###'} ${escape(b.text)}`, '');
        break;
      case 'paragraph': {
        const text = inline(b.content);
        out.push(b.italic ? `*${text}*` : text, '');
        break;
      }
      case 'bullets':
        for (const item of b.items) out.push(`- ${inline(item)}`);
        out.push('');
        break;
      case 'table': {
        if (b.caption) out.push(`*${escape(b.caption)}*`, '');
        out.push(`| ${b.columns.map((c) => cell(c.title)).join(' | ')} |`);
        out.push(`|${b.columns.map((c) => (c.align === 'right' ? '---:' : c.align === 'center' ? ':---:' : '---')).join('|')}|`);
        b.rows.forEach((row, i) => {
          const total = b.lastRowIsTotal && i === b.rows.length - 1;
          out.push(`| ${row.map((v) => (total && v ? `**${cell(v)}**` : cell(v))).join(' | ')} |`);
        });
        out.push('');
        break;
      }
      case 'image': {
        const fileName = `${imageBase}-${b.name}.png`;
        images.push({ fileName, png: b.png });
        out.push(`![${escape(b.caption)}](${fileName})`, '', `*${escape(b.caption)}*`, '');
        break;
      }
    }
  };
  doc.blocks.forEach(block);
  out.push('**Nơi nhận:**', '');
  for (const r of doc.recipients) out.push(`- ${escape(r)}`);
  out.push('', doc.signature.map((line) => `**${escape(line)}**`).join('<br>'), '', '-----', '', `*${escape(doc.footnote)}*`, '');
  return { text: out.join('\n'), images };
}
