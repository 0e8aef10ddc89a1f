import zlib from 'node:zlib';

/**
 * Just enough of a PDF reader for tests of the PDFs pdfkit writes: objects, their (inflated) streams, the fonts with
 * their ToUnicode maps, and the text shown by each content stream, decoded through those maps (Identity-H, two-byte
 * glyph ids). No layout: text runs come out in drawing order, one line per text object.
 */

export interface PdfObject {
  id: number;
  dict: string;
  stream: Buffer | null;
}

export function pdfObjects(pdf: Buffer): Map<number, PdfObject> {
  const text = pdf.toString('latin1');
  const objects = new Map<number, PdfObject>();
  const start = /(\d+) 0 obj\b/g;
  for (let m = start.exec(text); m; m = start.exec(text)) {
    const bodyStart = m.index + m[0].length;
    const end = text.indexOf('endobj', bodyStart);
    const body = text.slice(bodyStart, end);
    const streamAt = body.search(/\bstream\r?\n/);
    let dict = body;
    let stream: Buffer | null = null;
    if (streamAt >= 0) {
      dict = body.slice(0, streamAt);
      const dataStart = bodyStart + streamAt + body.slice(streamAt).match(/^stream\r?\n/)![0].length;
      const length = Number(dict.match(/\/Length (\d+)(?! \d+ R)/)?.[1] ?? NaN);
      const dataEnd = Number.isFinite(length) ? dataStart + length : text.indexOf('endstream', dataStart);
      const raw = pdf.subarray(dataStart, dataEnd);
      stream = /\/FlateDecode/.test(dict) ? zlib.inflateSync(raw) : raw;
    }
    objects.set(Number(m[1]), { id: Number(m[1]), dict, stream });
    start.lastIndex = end;
  }
  return objects;
}

const utf16 = (hex: string) => String.fromCharCode(...(hex.match(/.{4}/g) ?? []).map((h) => parseInt(h, 16)));

/** A ToUnicode CMap: glyph id → text. */
export function parseCMap(cmap: string): Map<number, string> {
  const map = new Map<number, string>();
  for (const block of cmap.matchAll(/beginbfchar([\s\S]*?)endbfchar/g)) {
    for (const [, src, dst] of block[1].matchAll(/<([0-9a-fA-F]+)>\s*<([0-9a-fA-F]+)>/g)) map.set(parseInt(src, 16), utf16(dst));
  }
  for (const block of cmap.matchAll(/beginbfrange([\s\S]*?)endbfrange/g)) {
    for (const [, lo, hi, dst, list] of block[1].matchAll(/<([0-9a-fA-F]+)>\s*<([0-9a-fA-F]+)>\s*(?:<([0-9a-fA-F]+)>|\[([^\]]*)\])/g)) {
      const from = parseInt(lo, 16);
      const to = parseInt(hi, 16);
      if (dst !== undefined) {
        const base = parseInt(dst, 16);
        for (let g = from; g <= to; g++) map.set(g, String.fromCharCode(base + g - from));
      } else {
        const targets = [...list.matchAll(/<([0-9a-fA-F]+)>/g)].map((t) => utf16(t[1]));
        targets.forEach((t, i) => map.set(from + i, t));
      }
    }
  }
  return map;
}

export interface PdfText {
  /** Every text object's text, in drawing order. */
  lines: string[];
  /** The lines joined with spaces, whitespace collapsed: search this for text a line break may split. */
  flat: string;
  /** The embedded fonts' names (BaseFont), e.g. "CZZZZZ+DejaVuSerif". */
  fonts: string[];
  /** How many image XObjects the file holds. */
  images: number;
}

export function pdfText(pdf: Buffer): PdfText {
  const objects = pdfObjects(pdf);
  const cmapOfFont = new Map<number, Map<number, string>>();
  const fonts: string[] = [];
  for (const o of objects.values()) {
    if (!/\/Type \/Font\b/.test(o.dict)) continue;
    const base = o.dict.match(/\/BaseFont \/(\S+)/)?.[1];
    const toUnicode = o.dict.match(/\/ToUnicode (\d+) 0 R/)?.[1];
    if (toUnicode) {
      cmapOfFont.set(o.id, parseCMap(objects.get(Number(toUnicode))?.stream?.toString('latin1') ?? ''));
      if (base) fonts.push(base);
    }
  }
  const fontOfName = new Map<string, number>();
  for (const o of objects.values()) {
    const block = o.dict.match(/\/Font\s*<<([\s\S]*?)>>/)?.[1];
    if (block) for (const [, name, id] of block.matchAll(/\/(\w+)\s+(\d+) 0 R/g)) fontOfName.set(name, Number(id));
  }
  const lines: string[] = [];
  for (const o of objects.values()) {
    const content = o.stream?.toString('latin1');
    if (!content || !/\bBT\b/.test(content) || /\/Type \/(Font|XObject)/.test(o.dict)) continue;
    let cmap: Map<number, string> | undefined;
    let line = '';
    const decode = (hex: string) => (hex.match(/.{4}/g) ?? []).map((g) => cmap?.get(parseInt(g, 16)) ?? '').join('');
    for (const m of content.matchAll(/\/(\w+)\s+[\d.]+\s+Tf|\[([^\]]*)\]\s*TJ|<([0-9a-fA-F]*)>\s*Tj|\bET\b/g)) {
      if (m[1] !== undefined) cmap = cmapOfFont.get(fontOfName.get(m[1]) ?? -1);
      else if (m[2] !== undefined) line += [...m[2].matchAll(/<([0-9a-fA-F]*)>/g)].map((h) => decode(h[1])).join('');
      else if (m[3] !== undefined) line += decode(m[3]);
      else {
        if (line) lines.push(line);
        line = '';
      }
    }
  }
  // A picture with transparency is two image objects: the picture and its soft mask (/SMask); count pictures only.
  const masks = new Set([...objects.values()].flatMap((o) => [...o.dict.matchAll(/\/SMask (\d+) 0 R/g)].map((m) => Number(m[1]))));
  const images = [...objects.values()].filter((o) => /\/Subtype \/Image/.test(o.dict) && !masks.has(o.id)).length;
  return { lines, flat: lines.join(' ').replace(/\s+/g, ' '), fonts, images };
}
