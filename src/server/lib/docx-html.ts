/**
 * Rich text (the sanitized HTML of proposal and reply bodies) → .docx paragraphs and tables, in the official styles
 * of `docx.ts`.
 *
 * It reads the tags the sanitizer keeps (p, br, strong/b, em/i, u, s, sub, sup, ol/ul/li, h3/h4, blockquote,
 * table/thead/tbody/tr/th/td); any other tag is dropped and its text kept, except the content of script-like
 * elements, which is dropped. Lists are written as paragraphs with their numbers as text ("1." / "（1）" / "•"),
 * so the document needs no numbering definitions and reads the same everywhere. It never throws for its input.
 */
import { AlignmentType, Paragraph, Table, TableCell, TableRow, TextRun, WidthType } from 'docx';
import { FONTS, STYLE } from './docx';

export type Block = Paragraph | Table;

const DROP_CONTENT = new Set([
  'script',
  'style',
  'head',
  'title',
  'template',
  'noscript',
  'iframe',
  'object',
  'textarea',
  'select',
  'svg',
  'math',
]);
const INLINE: Record<string, keyof Format> = {
  strong: 'bold',
  b: 'bold',
  em: 'italics',
  i: 'italics',
  u: 'underline',
  s: 'strike',
  strike: 'strike',
  del: 'strike',
  sub: 'subScript',
  sup: 'superScript',
};
const BLOCKS = new Set(['p', 'div', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'li', 'blockquote', 'pre']);

interface Format {
  bold: number;
  italics: number;
  underline: number;
  strike: number;
  subScript: number;
  superScript: number;
}

const NAMED: Record<string, string> = {
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  apos: "'",
  nbsp: '\u00a0',
  ldquo: '“',
  rdquo: '”',
  lsquo: '‘',
  rsquo: '’',
  mdash: '—',
  hellip: '…',
  middot: '·',
};

/** Decodes the entities a sanitizer writes (named basics and numeric). */
export function decodeEntities(s: string): string {
  if (!s.includes('&')) return s;
  return s.replace(/&(#x[0-9a-f]+|#[0-9]+|[a-z]+);/gi, (m, e: string) => {
    if (e[0] === '#') {
      const code = e[1] === 'x' || e[1] === 'X' ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10);
      return Number.isFinite(code) && code > 0 && code <= 0x10ffff && (code < 0xd800 || code > 0xdfff) ? String.fromCodePoint(code) : '';
    }
    return NAMED[e.toLowerCase()] ?? m;
  });
}

/** XML 1.0 forbids most control characters; Word refuses a document that has them. */
// eslint-disable-next-line no-control-regex
const xmlSafe = (s: string) => s.replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g, '');

interface ListLevel {
  ordered: boolean;
  n: number;
}

/** The marker of a list item at `depth` (0-based): 1. → （1） → ① … ; bullets • → ◦ → ▪. */
function marker(level: ListLevel, depth: number): string {
  if (!level.ordered) return ['•', '◦', '▪'][depth % 3] + ' ';
  if (depth === 0) return `${level.n}. `;
  if (depth === 1) return `（${level.n}）`;
  return level.n <= 20 ? String.fromCodePoint(0x2460 + level.n - 1) : `${level.n}) `;
}

interface CellCtx {
  blocks: Block[];
  header: boolean;
}
interface TableCtx {
  rows: CellCtx[][];
  row: CellCtx[] | null;
}

export interface HtmlToDocxOptions {
  /** Body text size in half-points (default: the document default). */
  size?: number;
}

/** Converts sanitized HTML into docx blocks (paragraphs and tables). */
export function htmlToBlocks(html: string, opts: HtmlToDocxOptions = {}): Block[] {
  const out: Block[] = [];
  const fmt: Format = { bold: 0, italics: 0, underline: 0, strike: 0, subScript: 0, superScript: 0 };
  const lists: ListLevel[] = [];
  const tables: TableCtx[] = [];
  const cells: CellCtx[] = [];
  let runs: TextRun[] = [];
  let pendingText = '';
  let heading = 0;
  let quote = 0;
  let dropping = '';
  let prefix = '';

  const sink = (): Block[] => cells.at(-1)?.blocks ?? out;
  const inCell = () => cells.length > 0;

  const runOpts = (text: string) => ({
    text,
    bold: fmt.bold > 0 || heading > 0 || cells.at(-1)?.header ? true : undefined,
    italics: fmt.italics > 0 || undefined,
    underline: fmt.underline > 0 ? {} : undefined,
    strike: fmt.strike > 0 || undefined,
    subScript: fmt.subScript > 0 || undefined,
    superScript: fmt.superScript > 0 || undefined,
    font: heading > 0 ? FONTS.hei : undefined,
    size: inCell() ? undefined : opts.size,
  });

  /** Turns the collected text into a run with the current formatting. */
  const commitText = () => {
    if (!pendingText) return;
    let text = pendingText.replace(/[ \t\r\n\f]+/g, ' ');
    if (runs.length === 0) text = text.replace(/^ +/, '');
    pendingText = '';
    if (text) runs.push(new TextRun(runOpts(xmlSafe(text))));
  };

  /** Ends the current paragraph if it has text; a list marker waits for the item's first text. */
  const flush = () => {
    commitText();
    if (!runs.length) return;
    const children = prefix ? [new TextRun({ text: prefix, size: inCell() ? undefined : opts.size }), ...runs] : runs;
    const style = inCell() ? STYLE.cell : heading || quote || lists.length ? STYLE.plain : STYLE.body;
    const depth = Math.max(0, lists.length - 1);
    let indent: { left?: number; right?: number; firstLine?: number } | undefined;
    if (quote) indent = { left: 640 * quote, right: 640 };
    else if (lists.length) indent = inCell() ? { left: 320 * depth } : { left: 640 * depth, firstLine: 640 };
    else if (heading && !inCell()) indent = { firstLine: 640 };
    sink().push(
      new Paragraph({
        style,
        keepNext: heading > 0 || undefined,
        indent,
        alignment: style === STYLE.plain ? AlignmentType.JUSTIFIED : undefined,
        children,
      }),
    );
    runs = [];
    prefix = '';
  };

  const openCell = (header: boolean) => {
    const t = tables.at(-1);
    if (!t) return;
    flush();
    if (!t.row) t.row = [];
    const cell: CellCtx = { blocks: [], header };
    t.row.push(cell);
    cells.push(cell);
  };
  const closeCell = () => {
    if (!cells.length) return;
    flush();
    cells.pop();
  };
  const closeRow = () => {
    const t = tables.at(-1);
    if (!t) return;
    if (cells.length > tables.length - 1) closeCell();
    if (t.row?.length) t.rows.push(t.row);
    t.row = null;
  };
  const closeTable = () => {
    const t = tables.at(-1);
    if (!t) return;
    closeRow();
    tables.pop();
    const cols = Math.max(0, ...t.rows.map((r) => r.length));
    if (!cols) return;
    const table = new Table({
      width: { size: 100, type: WidthType.PERCENTAGE },
      rows: t.rows.map(
        (r) =>
          new TableRow({
            tableHeader: r.every((c) => c.header) || undefined,
            children: [...r, ...Array.from({ length: cols - r.length }, () => ({ blocks: [], header: false }))].map(
              (c) =>
                new TableCell({
                  width: { size: Math.floor(100 / cols), type: WidthType.PERCENTAGE },
                  children: c.blocks.length ? c.blocks : [new Paragraph({ style: STYLE.cell })],
                }),
            ),
          }),
      ),
    });
    sink().push(table);
    // Word needs a paragraph between two tables and after a table that ends a cell.
    sink().push(new Paragraph({ style: inCell() ? STYLE.cell : STYLE.plain }));
  };

  const re = /<!--[\s\S]*?-->|<(\/?)([a-zA-Z][a-zA-Z0-9]*)\b[^>]*?(\/?)>|([^<]+)|</g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(html))) {
    const [whole, closing, rawTag, selfClosing, text] = m;
    if (whole.startsWith('<!--')) continue;
    if (text !== undefined || whole === '<') {
      if (!dropping) pendingText += decodeEntities(text ?? '<');
      continue;
    }
    const tag = rawTag.toLowerCase();
    if (dropping) {
      if (closing && tag === dropping) dropping = '';
      continue;
    }
    if (DROP_CONTENT.has(tag)) {
      if (!closing && !selfClosing) dropping = tag;
      continue;
    }
    if (tag === 'br') {
      commitText();
      runs.push(new TextRun({ break: 1 }));
      continue;
    }
    if (INLINE[tag]) {
      commitText();
      const k = INLINE[tag];
      fmt[k] = Math.max(0, fmt[k] + (closing ? -1 : 1));
      continue;
    }
    if (tag === 'ol' || tag === 'ul') {
      flush();
      if (closing) lists.pop();
      else lists.push({ ordered: tag === 'ol', n: 0 });
      continue;
    }
    if (tag === 'table') {
      flush();
      if (closing) closeTable();
      else tables.push({ rows: [], row: null });
      continue;
    }
    if (tables.length) {
      if (tag === 'tr') {
        if (closing) closeRow();
        else {
          closeRow();
          tables.at(-1)!.row = [];
        }
        continue;
      }
      if (tag === 'td' || tag === 'th') {
        if (closing) closeCell();
        else {
          if (cells.length > tables.length - 1) closeCell();
          openCell(tag === 'th');
        }
        continue;
      }
      if (tag === 'thead' || tag === 'tbody' || tag === 'tfoot') continue;
    }
    if (BLOCKS.has(tag)) {
      flush();
      if (tag === 'li') {
        prefix = '';
        if (!closing) {
          if (!lists.length) lists.push({ ordered: false, n: 0 });
          const level = lists[lists.length - 1];
          level.n += 1;
          prefix = marker(level, lists.length - 1);
        }
      } else if (/^h[1-6]$/.test(tag)) heading = closing ? 0 : 1;
      else if (tag === 'blockquote') quote = Math.max(0, quote + (closing ? -1 : 1));
      continue;
    }
    // Any other tag: dropped, its text kept.
  }
  flush();
  while (tables.length) closeTable();
  return out;
}
