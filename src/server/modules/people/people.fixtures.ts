/** Test fixtures of the people domain (used by the *.test.ts files beside this one). */
import ExcelJS from 'exceljs';
import type { Database } from '@server/db/client';
import { committees, memberGroups, sectors, studios, terms } from '@server/db/schema/index';
import { createOrg } from '../../../../test/helpers';

/** An organization with terms 11 and 12 and a few catalogue entries. */
export async function orgWithCatalogs(database: Database) {
  const org = await createOrg(database);
  const { db } = database;
  const [t11, t12] = await db
    .insert(terms)
    .values([
      { orgId: org.id, number: 11, startDate: '2022-01-01' },
      { orgId: org.id, number: 12, startDate: '2027-01-01' },
    ])
    .returning();
  const [econ, edu] = await db
    .insert(sectors)
    .values([
      { orgId: org.id, name: '经济界', sort: 1 },
      { orgId: org.id, name: '教育界', sort: 2 },
    ])
    .returning();
  const [g1] = await db.insert(memberGroups).values({ orgId: org.id, name: '第一小组' }).returning();
  const [c1, c2] = await db
    .insert(committees)
    .values([
      { orgId: org.id, name: '提案委员会', sort: 1 },
      { orgId: org.id, name: '经济委员会', sort: 2 },
    ])
    .returning();
  const [s1] = await db.insert(studios).values({ orgId: org.id, name: '乡村振兴工作室' }).returning();
  return { org, t11, t12, econ, edu, g1, c1, c2, s1 };
}

/** A one-sheet workbook from a header row and data rows. */
export async function xlsx(header: string[], rows: Array<Array<string | number>>): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('Sheet1');
  ws.addRow(header);
  for (const r of rows) ws.addRow(r);
  return Buffer.from((await wb.xlsx.writeBuffer()) as ArrayBuffer);
}

/** Reads the first sheet of a workbook as rows of cell texts (row 1 = header). */
export async function readXlsx(buf: Buffer): Promise<{ rows: string[][]; ws: ExcelJS.Worksheet }> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(buf as unknown as ArrayBuffer);
  const ws = wb.worksheets[0];
  const rows: string[][] = [];
  ws.eachRow((row) => {
    const out: string[] = [];
    row.eachCell({ includeEmpty: true }, (cell, col) => {
      out[col - 1] = cell.text;
    });
    rows.push(out);
  });
  return { rows, ws };
}

/** A multipart/form-data body carrying `buf` as the field `file`. */
export function multipart(buf: Buffer, filename = 'import.xlsx', field = 'file') {
  const boundary = `----xs${Math.random().toString(16).slice(2)}`;
  const head = Buffer.from(
    `--${boundary}\r\nContent-Disposition: form-data; name="${field}"; filename="${filename}"\r\nContent-Type: application/vnd.openxmlformats-officedocument.spreadsheetml.sheet\r\n\r\n`,
  );
  const tail = Buffer.from(`\r\n--${boundary}--\r\n`);
  return { payload: Buffer.concat([head, buf, tail]), headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}
