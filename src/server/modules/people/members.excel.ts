import type { Lang } from '@common/messages';
import { chineseNumber } from '@common/orgs';
import { GENDER_LABELS, MOBILE_RE, type Gender, type ImportResult, type Member, type MemberFilter } from '@common/people';
import type { AuditActor } from '@server/lib/audit';
import { writeAuditMany } from '@server/lib/audit';
import type { Database, DbOrTx } from '@server/db/client';
import type { members } from '@server/db/schema/index';
import { catalogByName, listTerms } from '@server/modules/orgs/orgs.repo';
import * as repo from './members.repo';
import { memberSnapshot, presentMember } from './people.presenter';
import { buildWorkbook, ErrorList, importOutcome, splitList, textCell, yesNoCell, type ColumnDef, type SheetRow } from './excel';

export const MEMBER_COLUMNS: ColumnDef[] = [
  { key: 'name', header: '姓名', width: 12, required: true },
  { key: 'gender', header: '性别', width: 6, choices: ['男', '女'] },
  { key: 'sector', header: '界别', width: 16 },
  { key: 'terms', header: '届次', width: 18, note: '如“第十一届”或“11”，多届用顿号分隔' },
  { key: 'group', header: '委员小组', width: 16 },
  { key: 'isStandingCommittee', header: '是否常委', width: 9, choices: ['是', '否'] },
  { key: 'committees', header: '专门委员会', width: 24, note: '多个用顿号分隔' },
  { key: 'studios', header: '委员工作室', width: 20, note: '多个用顿号分隔' },
  { key: 'employer', header: '工作单位及职务', width: 32 },
  { key: 'phone', header: '手机号码', width: 15, text: true },
  { key: 'email', header: '电子邮箱', width: 24 },
  { key: 'address', header: '通讯地址', width: 32 },
  { key: 'active', header: '状态', width: 8, choices: ['正常', '停用'] },
];

export const termLabel = (n: number) => `第${chineseNumber(n)}届`;

const CN_TERM = new Map<string, number>(Array.from({ length: 99 }, (_, i) => [chineseNumber(i + 1), i + 1]));
/** "第十一届", "十一届", "第11届" or "11" → 11; anything else → null. */
export function parseTermNumber(s: string): number | null {
  const t = s.replace(/\s+/g, '').replace(/^第/, '').replace(/届$/, '');
  if (/^\d{1,2}$/.test(t)) return Number(t);
  return CN_TERM.get(t) ?? null;
}

export function memberExportRow(m: Member, studioNames: Map<number, string>): Record<string, string> {
  return {
    name: m.name,
    gender: GENDER_LABELS[m.gender].zh,
    sector: m.sectorName ?? '',
    terms: m.termNumbers.map(termLabel).join('、'),
    group: m.groupName ?? '',
    isStandingCommittee: m.isStandingCommittee ? '是' : '否',
    committees: m.committeeNames.join('、'),
    studios: m.studioIds.map((id) => studioNames.get(id) ?? '').filter(Boolean).join('、'),
    employer: m.employer,
    phone: m.phone,
    email: m.email,
    address: m.address,
    active: m.active ? '正常' : '停用',
  };
}

/** Every member matching the filters, read in keyset pages of 1,000. */
export async function exportMembers(db: DbOrTx, orgId: number, filter: MemberFilter, showContacts: (accountId: number | null) => boolean): Promise<Buffer> {
  const studios = await catalogByName(db, 'studios', orgId);
  const studioNames = new Map([...studios].map(([name, id]) => [id, name]));
  const rows: Array<Record<string, string>> = [];
  let after: number | null = null;
  for (;;) {
    const batch = await repo.listMembers(db, orgId, filter, after, 1000);
    for (const r of batch) rows.push(memberExportRow(presentMember(r, showContacts(r.m.accountId)), studioNames));
    if (batch.length < 1000) break;
    after = batch[batch.length - 1].m.id;
  }
  // Oldest first, so a re-import creates the records in the same order.
  rows.reverse();
  return buildWorkbook('委员', MEMBER_COLUMNS, rows);
}

export const memberTemplate = () =>
  buildWorkbook('委员', MEMBER_COLUMNS, [
    {
      name: '张三',
      gender: '男',
      sector: '',
      terms: '第十一届',
      group: '',
      isStandingCommittee: '否',
      committees: '',
      studios: '',
      employer: '某某公司董事长',
      phone: '13800000000',
      email: '',
      address: '',
      active: '正常',
    },
  ]);

type Prepared = { row: number; values: typeof members.$inferInsert; termIds: number[]; committeeIds: number[]; studioIds: number[] };

/** Resolves names to ids and checks one row; problems go to `errors`. */
function prepareRow(r: SheetRow, orgId: number, errors: ErrorList, lookups: Lookups): Prepared {
  const name = textCell(errors, r, 'name', 60, true);
  const genderText = (r.cells.gender ?? '').trim();
  let gender: Gender = '';
  if (genderText === '男' || /^(m|male)$/i.test(genderText)) gender = 'male';
  else if (genderText === '女' || /^(f|female)$/i.test(genderText)) gender = 'female';
  else if (genderText) errors.add(r.row, 'gender', 'invalid_option', { options: '男 / 女' });
  const one = (key: string, map: Map<string, number>): number | null => {
    const v = (r.cells[key] ?? '').trim();
    if (!v) return null;
    const found = map.get(v);
    if (found === undefined) errors.add(r.row, key, 'unknown_ref', { value: v });
    return found ?? null;
  };
  const many = (key: string, resolve: (v: string) => number | undefined): number[] => {
    const out: number[] = [];
    for (const v of splitList(r.cells[key] ?? '')) {
      const found = resolve(v);
      if (found === undefined) errors.add(r.row, key, 'unknown_ref', { value: v });
      else out.push(found);
    }
    return out;
  };
  const sectorId = one('sector', lookups.sectors);
  const groupId = one('group', lookups.groups);
  const termIds = many('terms', (v) => {
    const n = parseTermNumber(v);
    return n == null ? undefined : lookups.terms.get(n);
  });
  const committeeIds = many('committees', (v) => lookups.committees.get(v));
  const studioIds = many('studios', (v) => lookups.studios.get(v));
  const phone = (r.cells.phone ?? '').replace(/[\s-]/g, '');
  if (phone && !MOBILE_RE.test(phone)) errors.add(r.row, 'phone', 'invalid_phone');
  const email = textCell(errors, r, 'email', 200);
  if (email && !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email)) errors.add(r.row, 'email', 'invalid_email');
  const values = {
    orgId,
    name,
    gender,
    sectorId,
    groupId,
    isStandingCommittee: yesNoCell(errors, r, 'isStandingCommittee', false),
    employer: textCell(errors, r, 'employer', 200),
    phone,
    email,
    address: textCell(errors, r, 'address', 200),
    active: yesNoCell(errors, r, 'active', true, ['正常', '在任', '启用'], ['停用', '离任']),
  };
  return { row: r.row, values, termIds, committeeIds, studioIds };
}

interface Lookups {
  sectors: Map<string, number>;
  groups: Map<string, number>;
  committees: Map<string, number>;
  studios: Map<string, number>;
  terms: Map<number, number>;
}

async function loadLookups(db: DbOrTx, orgId: number): Promise<Lookups> {
  const terms = await listTerms(db, orgId);
  return {
    sectors: await catalogByName(db, 'sectors', orgId),
    groups: await catalogByName(db, 'groups', orgId),
    committees: await catalogByName(db, 'committees', orgId),
    studios: await catalogByName(db, 'studios', orgId),
    terms: new Map(terms.map((t) => [t.number, t.id])),
  };
}

async function validate(db: DbOrTx, orgId: number, lang: Lang, rows: SheetRow[], present: Set<string>) {
  const errors = new ErrorList(lang, MEMBER_COLUMNS);
  errors.missingColumns(present);
  const lookups = await loadLookups(db, orgId);
  const prepared = rows.map((r) => prepareRow(r, orgId, errors, lookups));
  // Duplicates: same name + phone, inside the file and against the organization's members.
  const seen = new Map<string, number>();
  const existing = await repo.existingMemberKeys(db, orgId, prepared.map((p) => p.values.name).filter(Boolean));
  for (const p of prepared) {
    if (!p.values.name) continue;
    const key = `${p.values.name}|${p.values.phone}`;
    const first = seen.get(key);
    if (first !== undefined) errors.add(p.row, 'name', 'duplicate_in_file', { row: first });
    else seen.set(key, p.row);
    if (existing.has(key)) errors.add(p.row, 'name', 'duplicate_existing');
  }
  return { errors, prepared };
}

/**
 * Imports members: `preview` validates every row and writes nothing; `commit` validates again inside one
 * transaction and writes every row with its audit entry, or nothing when any row is bad.
 */
export async function importMembers(
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
    const created = await repo.insertMembers(
      tx,
      prepared.map((p) => p.values),
    );
    await repo.setMemberLinks(
      tx,
      created.map((m, i) => ({ memberId: m.id, links: { termIds: prepared[i].termIds, committeeIds: prepared[i].committeeIds, studioIds: prepared[i].studioIds } })),
    );
    await writeAuditMany(
      tx,
      actor,
      orgId,
      created.map((m, i) => {
        const p = prepared[i];
        const snap = memberSnapshot({ m, sectorName: null, groupName: null, terms: [], committees: [], studioIds: p.studioIds });
        return { entityType: 'member', entityId: m.id, action: 'create', after: { ...snap, termIds: p.termIds, committeeIds: p.committeeIds }, reason: 'import' };
      }),
    );
    return { ...result, created: created.length };
  });
}
