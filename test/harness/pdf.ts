/**
 * Just enough PDF reading to check what Chromium printed: the pages and the text on each. Chromium (Skia) writes
 * plain indirect objects (no object streams), Flate-compressed content streams, and shows text as glyph ids
 * through Type0 fonts whose ToUnicode CMaps map them back to characters; this reads exactly that, no more.
 */
import { inflateSync } from 'node:zlib';

interface PdfObject {
  dict: string;
  stream: Buffer | null;
}

function parseObjects(pdf: Buffer): Map<number, PdfObject> {
  const text = pdf.toString('latin1');
  const objects = new Map<number, PdfObject>();
  const header = /(\d+) 0 obj\b/g;
  for (let m = header.exec(text); m; m = header.exec(text)) {
    const start = m.index + m[0].length;
    const end = text.indexOf('endobj', start);
    if (end < 0) break;
    const body = text.slice(start, end);
    const s = body.search(/\bstream\r?\n/);
    let stream: Buffer | null = null;
    let dict = body;
    if (s >= 0) {
      dict = body.slice(0, s);
      const dataStart = start + s + (body.slice(s).startsWith('stream\r\n') ? 8 : 7);
      const dataEnd = text.lastIndexOf('endstream', end);
      const raw = pdf.subarray(dataStart, dataEnd);
      stream = /\/FlateDecode/.test(dict) ? inflateSync(raw, { finishFlush: 2 }) : raw;
    }
    objects.set(Number(m[1]), { dict, stream });
    header.lastIndex = end;
  }
  return objects;
}

const refs = (s: string) => [...s.matchAll(/(\d+) 0 R/g)].map((r) => Number(r[1]));

/** A dictionary entry that is either inline (`/Key << … >>`) or a reference (`/Key 12 0 R`), as text. */
function entry(objects: Map<number, PdfObject>, dict: string, key: string): string {
  const ref = new RegExp(`/${key}\\s+(\\d+) 0 R`).exec(dict);
  if (ref) return objects.get(Number(ref[1]))?.dict ?? '';
  const at = dict.search(new RegExp(`/${key}\\s*<<`));
  if (at < 0) return '';
  let depth = 0;
  const from = dict.indexOf('<<', at);
  for (let i = from; i < dict.length - 1; i++) {
    if (dict.startsWith('<<', i)) {
      depth++;
      i++;
    } else if (dict.startsWith('>>', i)) {
      depth--;
      i++;
      if (depth === 0) return dict.slice(from, i + 1);
    }
  }
  return '';
}

/** glyph code (hex, upper case) → text, from a ToUnicode CMap's bfchar and bfrange sections. */
function parseCMap(cmap: string): Map<string, string> {
  const map = new Map<string, string>();
  const utf16 = (hex: string) => String.fromCharCode(...(hex.match(/.{4}/g) ?? []).map((h) => Number.parseInt(h, 16)));
  for (const block of cmap.matchAll(/beginbfchar([\s\S]*?)endbfchar/g))
    for (const [, src, dst] of (block[1] ?? '').matchAll(/<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>/g)) map.set(src!.toUpperCase(), utf16(dst!));
  for (const block of cmap.matchAll(/beginbfrange([\s\S]*?)endbfrange/g))
    for (const [, lo, hi, dst] of (block[1] ?? '').matchAll(/<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>/g)) {
      const width = lo!.length;
      for (let c = Number.parseInt(lo!, 16), d = Number.parseInt(dst!, 16); c <= Number.parseInt(hi!, 16); c++, d++)
        map.set(c.toString(16).toUpperCase().padStart(width, '0'), String.fromCharCode(d));
    }
  return map;
}

function decodeShown(hex: string, cmap: Map<string, string> | undefined, width: number): string {
  let out = '';
  for (let i = 0; i + width <= hex.length; i += width) {
    const code = hex.slice(i, i + width).toUpperCase();
    out += cmap?.get(code) ?? '';
  }
  return out;
}

/** The text a content stream shows, font by font; a large negative kerning in TJ reads as a space, each BT…ET a line. */
function contentText(content: string, fonts: Map<string, { cmap: Map<string, string>; width: number }>): string {
  let font: { cmap: Map<string, string>; width: number } | undefined;
  let out = '';
  const token = /\/([^\s/<>[\]()]+)\s+[\d.]+\s+Tf|<([0-9A-Fa-f]*)>\s*Tj|\[((?:[^\]\\]|\\.)*)\]\s*TJ|\bET\b/g;
  for (const m of content.matchAll(token)) {
    if (m[1] !== undefined) font = fonts.get(m[1]);
    else if (m[2] !== undefined) out += decodeShown(m[2], font?.cmap, font?.width ?? 4);
    else if (m[3] !== undefined)
      for (const part of m[3].matchAll(/<([0-9A-Fa-f]*)>|(-?[\d.]+)/g)) {
        if (part[1] !== undefined) out += decodeShown(part[1], font?.cmap, font?.width ?? 4);
        else if (Number(part[2]) < -200) out += ' ';
      }
    else out += '\n';
  }
  return out;
}

export interface PdfPage {
  text: string;
}

/** The pages of a PDF Chromium printed, in order, each with its text. */
export function readPdf(pdf: Buffer): PdfPage[] {
  const objects = parseObjects(pdf);
  const catalog = [...objects.values()].find((o) => /\/Type\s*\/Catalog\b/.test(o.dict));
  const pages: number[] = [];
  const walk = (id: number) => {
    const node = objects.get(id);
    if (!node) return;
    if (/\/Type\s*\/Pages\b/.test(node.dict)) for (const kid of refs(/\/Kids\s*\[([^\]]*)\]/.exec(node.dict)?.[1] ?? '')) walk(kid);
    else if (/\/Type\s*\/Page\b/.test(node.dict)) pages.push(id);
  };
  const root = catalog ? /\/Pages\s+(\d+) 0 R/.exec(catalog.dict) : null;
  if (root) walk(Number(root[1]));
  return pages.map((id) => {
    const page = objects.get(id)!;
    const resources = entry(objects, page.dict, 'Resources');
    const fontDict = entry(objects, resources, 'Font');
    const fonts = new Map<string, { cmap: Map<string, string>; width: number }>();
    for (const [, name, ref] of fontDict.matchAll(/\/([^\s/<>]+)\s+(\d+) 0 R/g)) {
      const font = objects.get(Number(ref));
      const toUnicode = font ? /\/ToUnicode\s+(\d+) 0 R/.exec(font.dict) : null;
      const cmap = toUnicode ? objects.get(Number(toUnicode[1]))?.stream?.toString('latin1') : undefined;
      fonts.set(name!, { cmap: parseCMap(cmap ?? ''), width: font && /\/Type0\b/.test(font.dict) ? 4 : 2 });
    }
    const contents = /\/Contents\s*\[([^\]]*)\]/.exec(page.dict)?.[1] ?? /\/Contents\s+(\d+ 0 R)/.exec(page.dict)?.[1] ?? '';
    const content = refs(contents)
      .map((r) => objects.get(r)?.stream?.toString('latin1') ?? '')
      .join('\n');
    return { text: contentText(content, fonts) };
  });
}
