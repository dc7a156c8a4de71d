import ExcelJS from 'exceljs';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { message, reasonText, type Lang, type ReasonCode } from '@common/messages';
import { IMPORT_MAX_ROWS, type ImportError } from '@common/people';
import { AppError } from '@server/lib/errors';

/** One spreadsheet column: the field it carries, its Chinese header, width, and whether it is text-formatted. */
export interface ColumnDef<K extends string = string> {
  key: K;
  header: string;
  width: number;
  /** Stored as text (numFmt "@") so long digit strings such as phone numbers survive Excel and WPS. */
  text?: boolean;
  required?: boolean;
  /** Dropdown choices offered in the import template. */
  choices?: string[];
  note?: string;
}

export const XLSX_MIME = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
/** Separators accepted between several values in one cell (届次, 专门委员会, ...). */
export const splitList = (s: string) =>
  s
    .split(/[、,，;；\n]+/)
    .map((x) => x.trim())
    .filter(Boolean);

/** A workbook with one sheet: bold header row, frozen, with column widths and text-format columns. */
export async function buildWorkbook(sheetName: string, columns: ColumnDef[], rows: Array<Record<string, string>>, template = false): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Xieshang';
  wb.created = new Date();
  const ws = wb.addWorksheet(sheetName, { views: [{ state: 'frozen', ySplit: 1 }] });
  ws.columns = columns.map((c) => ({ header: c.header, key: c.key, width: c.width, style: c.text ? { numFmt: '@' } : {} }));
  const header = ws.getRow(1);
  header.font = { bold: true };
  header.alignment = { vertical: 'middle', horizontal: 'center' };
  header.height = 22;
  columns.forEach((c, i) => {
    const cell = header.getCell(i + 1);
    cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: c.required ? 'FFFDE2E2' : 'FFE8F0FE' } };
    if (c.note) cell.note = c.note;
  });
  for (const r of rows) {
    const row = ws.addRow(columns.map((c) => r[c.key] ?? ''));
    columns.forEach((c, i) => {
      if (c.text) row.getCell(i + 1).numFmt = '@';
    });
  }
  if (template) {
    columns.forEach((c, i) => {
      if (!c.choices?.length) return;
      const letter = ws.getColumn(i + 1).letter;
      for (let r = 2; r <= 1001; r++) {
        ws.getCell(`${letter}${r}`).dataValidation = { type: 'list', allowBlank: true, formulae: [`"${c.choices.join(',')}"`] };
      }
    });
  }
  const buf = await wb.xlsx.writeBuffer();
  return Buffer.from(buf as ArrayBuffer);
}

export function sendXlsx(reply: FastifyReply, filename: string, buf: Buffer) {
  const ascii = filename.replace(/[^\x20-\x7e]/g, '_');
  return reply
    .header('content-type', XLSX_MIME)
    .header('content-disposition', `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(filename)}`)
    .header('cache-control', 'no-store')
    .send(buf);
}

const fileInvalid = () => new AppError(400, 'file_invalid', { field: 'file' });

/** Reads the uploaded multipart field `file`; anything else is `file_invalid`. */
export async function readUpload(req: FastifyRequest): Promise<Buffer> {
  let buf: Buffer | undefined;
  try {
    const part = await req.file();
    if (part) buf = await part.toBuffer();
  } catch (err) {
    const status = (err as { statusCode?: number }).statusCode;
    if (status === 413) throw err;
    throw fileInvalid();
  }
  if (!buf?.length) throw fileInvalid();
  return buf;
}

export interface SheetRow {
  /** The row number as Excel shows it (header is row 1). */
  row: number;
  cells: Record<string, string>;
}

export interface ParsedSheet {
  /** The header text each known column had in the file. */
  present: Set<string>;
  rows: SheetRow[];
}

function cellText(cell: ExcelJS.Cell): string {
  try {
    const v = cell.value;
    if (v == null) return '';
    if (typeof v === 'number') return Number.isInteger(v) ? v.toFixed(0) : String(v);
    if (v instanceof Date) return v.toISOString().slice(0, 10);
    return String(cell.text ?? '').trim();
  } catch {
    return '';
  }
}

/**
 * Parses the first worksheet: row 1 is the header, matched to `columns` by header text; blank rows are
 * skipped. A file that is not a workbook is `file_invalid`; more than IMPORT_MAX_ROWS data rows is refused.
 */
export async function parseSheet(buf: Buffer, columns: ColumnDef[], maxRows = IMPORT_MAX_ROWS): Promise<ParsedSheet> {
  const wb = new ExcelJS.Workbook();
  try {
    await wb.xlsx.load(buf as unknown as ArrayBuffer);
  } catch {
    throw fileInvalid();
  }
  const ws = wb.worksheets[0];
  if (!ws) throw fileInvalid();
  const byHeader = new Map(columns.map((c) => [c.header, c.key]));
  const index = new Map<number, string>();
  ws.getRow(1).eachCell((cell, col) => {
    const key = byHeader.get(cellText(cell).replace(/\s+/g, '').replace(/[*＊]$/, ''));
    if (key) index.set(col, key);
  });
  const present = new Set(index.values());
  const rows: SheetRow[] = [];
  let count = 0;
  ws.eachRow({ includeEmpty: false }, (row, rowNumber) => {
    if (rowNumber === 1) return;
    const cells: Record<string, string> = {};
    let any = false;
    for (const [col, key] of index) {
      const t = cellText(row.getCell(col));
      cells[key] = t;
      if (t) any = true;
    }
    if (!any) return;
    count++;
    // Past the limit only the count is kept, for the message.
    if (count <= maxRows) rows.push({ row: rowNumber, cells });
  });
  if (count > maxRows) throw new AppError(400, 'import_too_large', { field: 'file', params: { max: maxRows, count } });
  return { present, rows };
}

/** Collects row errors with the column header and a localized reason. */
export class ErrorList {
  readonly items: ImportError[] = [];
  readonly badRows = new Set<number>();
  constructor(
    private readonly lang: Lang,
    private readonly columns: ColumnDef[],
  ) {}

  add(row: number, field: string, reason: ReasonCode, params: Record<string, unknown> = {}): void {
    const column = this.columns.find((c) => c.key === field)?.header ?? field;
    this.items.push({ row, column, field, message: message('validation', this.lang, { field: column, reason: reasonText(reason, this.lang, params) }) });
    this.badRows.add(row);
  }

  /** Required columns missing from the header row are reported against row 1. */
  missingColumns(present: Set<string>): void {
    for (const c of this.columns) if (c.required && !present.has(c.key)) this.add(1, c.key, 'missing_column');
  }

  sorted(): ImportError[] {
    const col = (field: string) => this.columns.findIndex((c) => c.key === field);
    return [...this.items].sort((a, b) => a.row - b.row || col(a.field) - col(b.field));
  }
}

/** Checks a plain text cell: required, maximum length. Returns the trimmed text. */
export function textCell(errors: ErrorList, r: SheetRow, key: string, max: number, required = false): string {
  const v = (r.cells[key] ?? '').trim();
  if (required && !v) errors.add(r.row, key, 'required');
  else if (v.length > max) errors.add(r.row, key, 'too_long', { max });
  return v;
}

const YES = new Set(['是', 'y', 'yes', 'true', '1', '√', '常委']);
const NO = new Set(['否', 'n', 'no', 'false', '0', '']);
/** 是/否 (also yes/no, 1/0); blank is `fallback`. */
export function yesNoCell(errors: ErrorList, r: SheetRow, key: string, fallback: boolean, yes: string[] = [], no: string[] = []): boolean {
  const v = (r.cells[key] ?? '').trim().toLowerCase();
  if (!v) return fallback;
  if (YES.has(v) || yes.includes(v)) return true;
  if (NO.has(v) || no.includes(v)) return false;
  errors.add(r.row, key, 'invalid_option', { options: ['是', '否', ...yes, ...no].join(' / ') });
  return fallback;
}

/** The end of an import: preview reports; commit with errors is refused as a whole. */
export function importOutcome(mode: 'preview' | 'commit', total: number, errors: ErrorList) {
  const list = errors.sorted();
  const valid = total - [...errors.badRows].filter((r) => r > 1).length;
  if (mode === 'commit' && list.length) throw new AppError(400, 'import_invalid', { field: 'file', params: { count: list.length }, details: list });
  return { mode, total, valid: list.some((e) => e.row === 1) ? 0 : valid, errors: list, created: 0 };
}
