/**
 * Word (.docx) documents in the look of Chinese official documents (党政机关公文格式, GB/T 9704): A4, the standard
 * margins, 仿宋 三号 body text on a fixed 28-point line, 小标宋 二号 titles, 黑体 headings, page numbers "— 1 —".
 *
 * The official fonts (方正小标宋简体, 仿宋_GB2312, 黑体, 楷体_GB2312) are named, not embedded: Word uses them where
 * installed. Each font is given as East-Asian font plus the Windows/macOS-era names of the same family for the other
 * slots (FangSong, SimHei, KaiTi, SimSun), so a machine without the GB2312 fonts still shows a close face.
 */
import type { FastifyReply } from 'fastify';
import {
  AlignmentType,
  BorderStyle,
  convertMillimetersToTwip,
  Document,
  Footer,
  LineRuleType,
  Packer,
  PageNumber,
  Paragraph,
  Table,
  TableCell,
  TableRow,
  TextRun,
  WidthType,
  type IRunOptions,
  type ISectionOptions,
  type ParagraphChild,
} from 'docx';

export const DOCX_MIME = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

type FontAttrs = { ascii: string; hAnsi: string; eastAsia: string; cs: string; hint: 'eastAsia' };
const font = (eastAsia: string, fallback: string): FontAttrs => ({
  eastAsia,
  ascii: fallback,
  hAnsi: fallback,
  cs: fallback,
  hint: 'eastAsia',
});

/** The official-document fonts, by role. */
export const FONTS = {
  /** Body text: 仿宋_GB2312 (FangSong). */
  body: font('仿宋_GB2312', 'FangSong'),
  /** Titles: 方正小标宋简体 (SimSun). */
  title: font('方正小标宋简体', 'SimSun'),
  /** First-level headings, labels: 黑体 (SimHei). */
  hei: font('黑体', 'SimHei'),
  /** Second-level headings: 楷体_GB2312 (KaiTi). */
  kai: font('楷体_GB2312', 'KaiTi'),
  /** Page numbers, small print: 宋体 (SimSun). */
  song: font('宋体', 'SimSun'),
} as const;

/** Font sizes in half-points (Chinese size names). */
export const SIZES = { xiaochu: 72, er: 44, san: 32, si: 28, xiaosi: 24 } as const;

/** 三号 is 16 pt = 320 twips; two characters of first-line indent. */
const CHAR = 320;
/** Fixed line height 28 pt (GB/T 9704: 22 lines of 28 characters). */
const LINE = 560;

const A4 = { width: 11906, height: 16838 };
const MARGINS = {
  top: convertMillimetersToTwip(37),
  bottom: convertMillimetersToTwip(35),
  left: convertMillimetersToTwip(28),
  right: convertMillimetersToTwip(26),
};

/** Paragraph style ids defined by `officialDocument`. */
export const STYLE = { body: 'XsBody', plain: 'XsPlain', cell: 'XsCell' } as const;

type Runs = string | ParagraphChild[];
const runsOf = (r: Runs, opts: IRunOptions = {}): ParagraphChild[] => (typeof r === 'string' ? [new TextRun({ text: r, ...opts })] : r);

/** A body paragraph: first line indented by two characters, justified. */
export const bodyParagraph = (r: Runs, opts: { bold?: boolean } = {}) => new Paragraph({ style: STYLE.body, children: runsOf(r, opts) });

/** A paragraph without indent (salutation, labels), optionally aligned. */
export const plainParagraph = (r: Runs, align: 'left' | 'center' | 'right' = 'left') =>
  new Paragraph({
    style: STYLE.plain,
    alignment: align === 'center' ? AlignmentType.CENTER : align === 'right' ? AlignmentType.RIGHT : AlignmentType.LEFT,
    children: runsOf(r),
  });

/** An entry of a plain list (table of contents without fields): wrapped lines hang under the text. */
export const listParagraph = (text: string) =>
  new Paragraph({ style: STYLE.plain, indent: { left: CHAR * 4, hanging: CHAR * 4 }, children: [new TextRun(text)] });

/** An empty line. */
export const blankLine = () => new Paragraph({ style: STYLE.plain, children: [] });

/** The document title: 小标宋 二号, centred, with a blank line after. */
export const titleParagraph = (text: string, opts: { pageBreakBefore?: boolean } = {}) =>
  new Paragraph({
    alignment: AlignmentType.CENTER,
    pageBreakBefore: opts.pageBreakBefore,
    spacing: { before: 0, after: LINE, line: 720, lineRule: LineRuleType.EXACT },
    children: [new TextRun({ text, font: FONTS.title, size: SIZES.er })],
  });

/** 版头: the issuing body's name in red, with a red rule under it. */
export const letterhead = (text: string) =>
  new Paragraph({
    alignment: AlignmentType.CENTER,
    spacing: { before: 0, after: LINE, line: 1080, lineRule: LineRuleType.EXACT },
    border: { bottom: { style: BorderStyle.SINGLE, size: 18, color: 'C00000', space: 8 } },
    children: [new TextRun({ text, font: FONTS.title, size: 60, color: 'C00000' })],
  });

/** A 黑体 label paragraph such as "附件". */
export const labelParagraph = (text: string, opts: { pageBreakBefore?: boolean } = {}) =>
  new Paragraph({ style: STYLE.plain, pageBreakBefore: opts.pageBreakBefore, children: [new TextRun({ text, font: FONTS.hei })] });

/** The signature block: right-aligned lines (issuer, date), with a blank line before. */
export const signatureBlock = (lines: string[]) => [
  blankLine(),
  ...lines.map(
    (l) => new Paragraph({ style: STYLE.plain, alignment: AlignmentType.RIGHT, indent: { right: CHAR * 2 }, children: [new TextRun(l)] }),
  ),
];

/** "2026-03-02" → "2026年3月2日" (Arabic numerals, as GB/T 9704-2012 writes dates). */
export function chineseDate(iso: string): string {
  const [y, m, d] = iso.split('-').map(Number);
  return `${y}年${m}月${d}日`;
}

const cellParagraph = (text: string, bold = false) =>
  new Paragraph({ style: STYLE.cell, children: [new TextRun(bold ? { text, bold, font: FONTS.hei } : text)] });

/** A two-column table of label / value rows (labels in 黑体). */
export function keyValueTable(rows: Array<[string, string]>): Table {
  return new Table({
    width: { size: 100, type: WidthType.PERCENTAGE },
    columnWidths: [2200, 6300],
    rows: rows.map(
      ([k, v]) =>
        new TableRow({
          cantSplit: true,
          children: [
            new TableCell({ width: { size: 26, type: WidthType.PERCENTAGE }, children: [cellParagraph(k, true)] }),
            new TableCell({ width: { size: 74, type: WidthType.PERCENTAGE }, children: v.split('\n').map((line) => cellParagraph(line)) }),
          ],
        }),
    ),
  });
}

const pageFooter = () =>
  new Footer({
    children: [
      new Paragraph({
        alignment: AlignmentType.CENTER,
        children: [new TextRun({ children: ['— ', PageNumber.CURRENT, ' —'], font: FONTS.song, size: SIZES.si })],
      }),
    ],
  });

/** A section on A4 with the standard margins and the page-number footer (numbering restarted at 1 on request). */
export const officialSection = (
  children: ISectionOptions['children'],
  opts: { pageNumbers?: boolean; restartNumbering?: boolean } = {},
): ISectionOptions => ({
  properties: {
    page: {
      size: A4,
      margin: { ...MARGINS, header: convertMillimetersToTwip(15), footer: convertMillimetersToTwip(20) },
      pageNumbers: opts.restartNumbering ? { start: 1 } : undefined,
    },
  },
  footers: opts.pageNumbers === false ? undefined : { default: pageFooter() },
  children,
});

/** A document with the official styles: defaults (仿宋 三号, fixed lines), body/plain/cell paragraphs, headings, TOC. */
export function officialDocument(opts: { title: string; creator?: string; sections: ISectionOptions[] }): Document {
  return new Document({
    title: opts.title,
    creator: opts.creator ?? '协商',
    sections: opts.sections,
    styles: {
      default: {
        document: {
          run: { font: FONTS.body, size: SIZES.san },
          paragraph: { spacing: { line: LINE, lineRule: LineRuleType.EXACT, before: 0, after: 0 } },
        },
        heading1: {
          run: { font: FONTS.title, size: SIZES.er, color: '000000', bold: false },
          paragraph: {
            alignment: AlignmentType.CENTER,
            spacing: { before: 0, after: LINE, line: 720, lineRule: LineRuleType.EXACT },
            keepNext: true,
          },
        },
        heading2: {
          run: { font: FONTS.hei, size: SIZES.san, color: '000000', bold: false },
          paragraph: { spacing: { before: 0, after: 0, line: LINE, lineRule: LineRuleType.EXACT }, keepNext: true },
        },
      },
      paragraphStyles: [
        {
          id: STYLE.body,
          name: 'Official Body',
          basedOn: 'Normal',
          paragraph: { alignment: AlignmentType.JUSTIFIED, indent: { firstLine: CHAR * 2 } },
        },
        { id: STYLE.plain, name: 'Official Plain', basedOn: 'Normal', paragraph: { alignment: AlignmentType.LEFT } },
        {
          id: STYLE.cell,
          name: 'Official Table Text',
          basedOn: 'Normal',
          run: { size: SIZES.si },
          paragraph: { alignment: AlignmentType.LEFT, spacing: { line: 400, lineRule: LineRuleType.AT_LEAST, before: 40, after: 40 } },
        },
        {
          id: 'TOC1',
          name: 'toc 1',
          basedOn: 'Normal',
          run: { size: SIZES.si },
          paragraph: { spacing: { line: 440, lineRule: LineRuleType.AT_LEAST } },
        },
      ],
    },
  });
}

export const packDocx = (doc: Document): Promise<Buffer> => Packer.toBuffer(doc);

/** A filename safe on every OS: path separators and reserved characters replaced, at most 120 characters (extension kept). */
export function safeFilename(name: string): string {
  // eslint-disable-next-line no-control-regex
  const clean = name.replace(/[\\/:*?"<>|\u0000-\u001f]/g, '_');
  const ext = /\.[A-Za-z0-9]{1,5}$/.exec(clean)?.[0] ?? '';
  return clean.length <= 120 ? clean : [...clean.slice(0, clean.length - ext.length)].slice(0, 120 - ext.length).join('') + ext;
}

/** RFC 5987 ext-value: UTF-8, percent-encoded (attr-char only). */
const rfc5987 = (s: string) => encodeURIComponent(s).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);

/** `attachment` with an ASCII fallback and the UTF-8 name (`filename*=UTF-8''…`). */
export function contentDisposition(filename: string, asciiFallback = 'document.docx'): string {
  const name = safeFilename(filename);
  const fallback = /^[\x20-\x7e]+$/.test(name) ? name.replace(/[";\\]/g, '_') : asciiFallback;
  return `attachment; filename="${fallback}"; filename*=UTF-8''${rfc5987(name)}`;
}

/** Sends a .docx as a download. */
export function sendDocx(reply: FastifyReply, filename: string, buf: Buffer, asciiFallback?: string) {
  return reply
    .header('content-type', DOCX_MIME)
    .header('content-disposition', contentDisposition(filename, asciiFallback))
    .header('cache-control', 'no-store')
    .send(buf);
}
