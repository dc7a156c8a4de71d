import type { Lang } from '@common/messages';
import type { ImportResult, UnitFilter } from '@common/people';
import { UNIT_GROUP_LABELS, UNIT_GROUPS, type UnitGroup } from '@common/roles';
import type { AuditActor } from '@server/lib/audit';
import { writeAuditMany } from '@server/lib/audit';
import type { Database, DbOrTx } from '@server/db/client';
import type { units } from '@server/db/schema/index';
import * as repo from './units.repo';
import { presentUnit } from './people.presenter';
import { buildWorkbook, ErrorList, importOutcome, textCell, yesNoCell, type ColumnDef, type SheetRow } from './excel';

const GROUP_NAMES = UNIT_GROUPS.map((g) => UNIT_GROUP_LABELS[g].zh);

export const UNIT_COLUMNS: ColumnDef[] = [
  { key: 'name', header: '单位名称', width: 30, required: true },
  { key: 'unitGroup', header: '单位类别', width: 12, required: true, choices: GROUP_NAMES },
  { key: 'contactName', header: '联系人', width: 12 },
  { key: 'contactPhone', header: '联系电话', width: 16, text: true },
  { key: 'duties', header: '单位职能', width: 48 },
  { key: 'active', header: '状态', width: 8, choices: ['正常', '停用'] },
];

/** 政府系统 / government → 'government'. */
function parseGroup(v: string): UnitGroup | null {
  const t = v.trim();
  return UNIT_GROUPS.find((g) => g === t.toLowerCase() || UNIT_GROUP_LABELS[g].zh === t || UNIT_GROUP_LABELS[g].en.toLowerCase() === t.toLowerCase()) ?? null;
}

export async function exportUnits(db: DbOrTx, orgId: number, filter: UnitFilter): Promise<Buffer> {
  const rows: Array<Record<string, string>> = [];
  let after: number | null = null;
  for (;;) {
    const batch = await repo.listUnits(db, orgId, filter, after, 1000);
    for (const r of batch) {
      const u = presentUnit(r);
      rows.push({
        name: u.name,
        unitGroup: UNIT_GROUP_LABELS[u.unitGroup].zh,
        contactName: u.contactName,
        contactPhone: u.contactPhone,
        duties: u.duties,
        active: u.active ? '正常' : '停用',
      });
    }
    if (batch.length < 1000) break;
    after = batch[batch.length - 1].u.id;
  }
  // Oldest first, so a re-import creates the records in the same order.
  rows.reverse();
  return buildWorkbook('承办单位', UNIT_COLUMNS, rows);
}

export const unitTemplate = () =>
  buildWorkbook('承办单位', UNIT_COLUMNS, [{ name: '县交通运输委', unitGroup: '政府系统', contactName: '李四', contactPhone: '023-12345678', duties: '负责全县交通运输行业管理', active: '正常' }], true);

type Prepared = { row: number; values: typeof units.$inferInsert };

function prepareRow(r: SheetRow, orgId: number, errors: ErrorList): Prepared {
  const name = textCell(errors, r, 'name', 100, true);
  const groupText = textCell(errors, r, 'unitGroup', 20, true);
  const unitGroup = groupText ? parseGroup(groupText) : null;
  if (groupText && !unitGroup) errors.add(r.row, 'unitGroup', 'invalid_option', { options: GROUP_NAMES.join(' / ') });
  return {
    row: r.row,
    values: {
      orgId,
      name,
      unitGroup: unitGroup ?? 'other',
      contactName: textCell(errors, r, 'contactName', 60),
      contactPhone: textCell(errors, r, 'contactPhone', 40),
      duties: textCell(errors, r, 'duties', 2000),
      active: yesNoCell(errors, r, 'active', true, ['正常', '启用'], ['停用']),
    },
  };
}

async function validate(db: DbOrTx, orgId: number, lang: Lang, rows: SheetRow[], present: Set<string>) {
  const errors = new ErrorList(lang, UNIT_COLUMNS);
  errors.missingColumns(present);
  const prepared = rows.map((r) => prepareRow(r, orgId, errors));
  const seen = new Map<string, number>();
  const existing = await repo.existingUnitNames(db, orgId, prepared.map((p) => p.values.name).filter(Boolean));
  for (const p of prepared) {
    if (!p.values.name) continue;
    const first = seen.get(p.values.name);
    if (first !== undefined) errors.add(p.row, 'name', 'duplicate_in_file', { row: first });
    else seen.set(p.values.name, p.row);
    if (existing.has(p.values.name)) errors.add(p.row, 'name', 'duplicate_existing');
  }
  return { errors, prepared };
}

/** Imports units (owned by and serving `orgId`); all rows in one transaction or none. */
export async function importUnits(
  database: Database,
  orgId: number,
  mode: 'preview' | 'commit',
  lang: Lang,
  sheet: { rows: SheetRow[]; present: Set<string> },
  actor: AuditActor,
): Promise<ImportResult> {
  const { db } = database;
  if (mode === 'preview') {
    const { errors } = await validate(db, orgId, lang, sheet.rows, sheet.present);
    return importOutcome('preview', sheet.rows.length, errors);
  }
  return db.transaction(async (tx) => {
    const { errors, prepared } = await validate(tx, orgId, lang, sheet.rows, sheet.present);
    const result = importOutcome('commit', sheet.rows.length, errors);
    const created = await repo.insertUnits(
      tx,
      prepared.map((p) => p.values),
    );
    await repo.setUnitOrgs(
      tx,
      created.map((u) => ({ unitId: u.id, orgIds: [orgId] })),
    );
    await writeAuditMany(
      tx,
      actor,
      orgId,
      created.map((u) => {
        const { createdAt: _c, updatedAt: _u, version: _v, ...after } = u;
        return { entityType: 'unit', entityId: u.id, action: 'create', after: { ...after, orgIds: [orgId] }, reason: 'import' };
      }),
    );
    return { ...result, created: created.length };
  });
}
