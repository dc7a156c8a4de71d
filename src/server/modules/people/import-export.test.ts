import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, count, eq } from 'drizzle-orm';
import { auditLog, members, units } from '@server/db/schema/index';
import { verifyChain } from '@server/lib/audit';
import type { ImportResult, Member, Unit } from '@common/people';
import { createOrg, createTestApp, createUnit, signedIn, type Client, type TestContext } from '../../../../test/helpers';
import { multipart, orgWithCatalogs, readXlsx, xlsx } from './people.fixtures';
import { MEMBER_COLUMNS } from './members.excel';
import { UNIT_COLUMNS } from './units.excel';
import { parseSheet } from './excel';
import { AppError } from '@server/lib/errors';

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestApp();
});
afterAll(() => ctx.close());

const HEAD = MEMBER_COLUMNS.map((c) => c.header);
const upload = (c: Client, url: string, buf: Buffer, headers: Record<string, string> = {}) => {
  const mp = multipart(buf);
  return c.req('POST', url, mp.payload, { ...mp.headers, ...headers });
};
const memberCount = async (orgId: number) => (await ctx.database.db.select({ n: count() }).from(members).where(eq(members.orgId, orgId)))[0].n;
/** A member row in template column order. */
const row = (v: Partial<Record<string, string>>) => MEMBER_COLUMNS.map((c) => v[c.key] ?? '');

describe('member import', () => {
  it('preview reports every bad row with row number, column and reason, and writes nothing', async () => {
    const f = await orgWithCatalogs(ctx.database);
    const admin = await signedIn(ctx, [{ orgId: f.org.id, role: 'org_admin' }]);
    await admin.post(`/api/orgs/${f.org.id}/members`, { name: '已存在', phone: '13700000000' });
    const buf = await xlsx(HEAD, [
      row({ name: '张三', gender: '男', sector: '经济界', terms: '第十一届、12', committees: '提案委员会，经济委员会', phone: '138-0000-0001' }),
      row({ name: '李四', sector: '农业界', phone: '123' }),
      row({ name: '', employer: '无名' }),
      row({ name: '张三', phone: '13800000001' }),
      row({ name: '王五', terms: '第九届', isStandingCommittee: '也许' }),
      row({ name: '已存在', phone: '13700000000' }),
    ]);
    const res = await upload(admin, `/api/orgs/${f.org.id}/members/import?mode=preview`, buf);
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json() as ImportResult;
    expect(body).toMatchObject({ mode: 'preview', total: 6, valid: 1, created: 0 });
    const errs = body.errors.map((e) => [e.row, e.column, e.field]);
    expect(errs).toEqual([
      [3, '界别', 'sector'],
      [3, '手机号码', 'phone'],
      [4, '姓名', 'name'],
      [5, '姓名', 'name'],
      [6, '届次', 'terms'],
      [6, '是否常委', 'isStandingCommittee'],
      [7, '姓名', 'name'],
    ]);
    expect(body.errors[0].message).toBe('「界别」找不到「农业界」');
    expect(body.errors[1].message).toBe('「手机号码」不是有效的手机号码');
    expect(body.errors[3].message).toBe('「姓名」与第 2 行重复');
    expect(body.errors[6].message).toBe('「姓名」与已有记录重复');
    expect(await memberCount(f.org.id)).toBe(1);

    const en = await upload(admin, `/api/orgs/${f.org.id}/members/import?mode=preview`, buf, { 'x-lang': 'en' });
    expect((en.json() as ImportResult).errors[1].message).toBe('手机号码: is not a valid mobile number');
  });

  it('commit writes all rows in one transaction, or nothing when one row among many is bad', async () => {
    const f = await orgWithCatalogs(ctx.database);
    const admin = await signedIn(ctx, [{ orgId: f.org.id, role: 'general_staff' }]);
    const good = Array.from({ length: 120 }, (_, i) => row({ name: `委员${i}`, sector: i % 2 ? '经济界' : '教育界', terms: '11', phone: `139${String(i).padStart(8, '0')}`, studios: '乡村振兴工作室' }));
    const withBad = [...good.slice(0, 60), row({ name: '坏行', sector: '不存在的界别' }), ...good.slice(60)];
    const fail = await upload(admin, `/api/orgs/${f.org.id}/members/import?mode=commit`, await xlsx(HEAD, withBad));
    expect(fail.statusCode).toBe(400);
    expect(fail.json()).toMatchObject({ code: 'import_invalid', field: 'file', details: [{ row: 62, column: '界别', field: 'sector' }] });
    expect(fail.json().message).toBe('导入文件有 1 处错误，未导入任何数据');
    expect(await memberCount(f.org.id)).toBe(0);

    const ok = await upload(admin, `/api/orgs/${f.org.id}/members/import?mode=commit`, await xlsx(HEAD, good));
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json()).toMatchObject({ mode: 'commit', total: 120, valid: 120, errors: [], created: 120 });
    expect(await memberCount(f.org.id)).toBe(120);
    const list = (await admin.get(`/api/orgs/${f.org.id}/members?termId=${f.t11.id}&sectorId=${f.econ.id}&limit=200`)).json().items as Member[];
    expect(list).toHaveLength(60);
    expect(list[0].studioIds).toEqual([f.s1.id]);
    const audits = await ctx.database.db
      .select({ n: count() })
      .from(auditLog)
      .where(and(eq(auditLog.orgId, f.org.id), eq(auditLog.entityType, 'member'), eq(auditLog.action, 'create')));
    expect(audits[0].n).toBe(120);
    // The bulk-written audit rows form a valid hash chain that later single writes continue.
    await admin.patch(`/api/members/${list[0].id}`, { employer: '导入后修改', version: 1 });
    expect(await verifyChain(ctx.database, String(f.org.id))).toMatchObject({ ok: true, rows: 121 });
    // Importing the same file again: every row duplicates an existing member.
    const again = await upload(admin, `/api/orgs/${f.org.id}/members/import?mode=preview`, await xlsx(HEAD, good.slice(0, 3)));
    expect((again.json() as ImportResult).errors.map((e) => e.message)).toEqual(Array(3).fill('「姓名」与已有记录重复'));
  });

  it('refuses files that are not workbooks, missing columns and other callers', async () => {
    const f = await orgWithCatalogs(ctx.database);
    const admin = await signedIn(ctx, [{ orgId: f.org.id, role: 'org_admin' }]);
    const url = `/api/orgs/${f.org.id}/members/import?mode=preview`;
    const notXlsx = await upload(admin, url, Buffer.from('name,phone\n张三,138\n'));
    expect(notXlsx.statusCode).toBe(400);
    expect(notXlsx.json()).toMatchObject({ code: 'file_invalid', field: 'file' });
    const noFile = await admin.req('POST', url, { x: 1 });
    expect(noFile.statusCode).toBe(400);
    expect(noFile.json().field).toBe('file');
    const missing = await upload(admin, url, await xlsx(['性别', '手机号码'], [['男', '13800000000']]));
    expect((missing.json() as ImportResult).errors[0]).toMatchObject({ row: 1, column: '姓名', field: 'name', message: '「姓名」文件缺少该列' });
    const badMode = await upload(admin, `/api/orgs/${f.org.id}/members/import?mode=later`, await xlsx(HEAD, []));
    expect(badMode.statusCode).toBe(400);
    expect(badMode.json().field).toBe('mode');

    const member = await signedIn(ctx, [{ orgId: f.org.id, role: 'member' }]);
    expect((await upload(member, url, await xlsx(HEAD, []))).statusCode).toBe(403);
    expect((await member.get(`/api/orgs/${f.org.id}/members/import-template.xlsx`)).statusCode).toBe(403);
    const unit = await createUnit(ctx.database, f.org.id);
    const handler = await signedIn(ctx, [{ orgId: f.org.id, role: 'unit_handler', unitId: unit.id }]);
    expect((await handler.get(`/api/orgs/${f.org.id}/members/export.xlsx`)).statusCode).toBe(403);
    const stranger = await signedIn(ctx, [{ orgId: (await createOrg(ctx.database)).id, role: 'org_admin' }]);
    for (const p of ['members/export.xlsx', 'members/import-template.xlsx', 'units/export.xlsx', 'units/import-template.xlsx']) {
      expect((await stranger.get(`/api/orgs/${f.org.id}/${p}`)).statusCode, p).toBe(404);
    }
    for (const p of ['members/import', 'units/import']) {
      expect((await upload(stranger, `/api/orgs/${f.org.id}/${p}?mode=preview`, await xlsx(HEAD, []))).statusCode, p).toBe(404);
    }
  });
});

describe('import limits', () => {
  it('refuses a file with more data rows than the limit (blank rows do not count)', async () => {
    const buf = await xlsx(HEAD, [row({ name: '甲' }), row({}), row({ name: '乙' }), row({ name: '丙' })]);
    const err = await parseSheet(buf, MEMBER_COLUMNS, 2).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(AppError);
    expect((err as AppError).status).toBe(400);
    expect((err as AppError).code).toBe('import_too_large');
    expect((err as AppError).opts.field).toBe('file');
    expect((err as AppError).localized('zh-CN')).toBe('导入文件最多 2 行数据，当前 3 行');
    const ok = await parseSheet(buf, MEMBER_COLUMNS, 3);
    expect(ok.rows.map((r) => [r.row, r.cells.name])).toEqual([
      [2, '甲'],
      [4, '乙'],
      [5, '丙'],
    ]);
  });
});

describe('export', () => {
  it('members: Chinese headers, frozen header, text phone column; round-trips into a new organization', async () => {
    const f = await orgWithCatalogs(ctx.database);
    const admin = await signedIn(ctx, [{ orgId: f.org.id, role: 'org_admin' }]);
    const url = `/api/orgs/${f.org.id}/members`;
    await admin.post(url, { name: '赵一', gender: 'male', sectorId: f.econ.id, groupId: f.g1.id, termIds: [f.t11.id, f.t12.id], committeeIds: [f.c1.id], studioIds: [f.s1.id], phone: '13800000001', email: 'a@b.cn', isStandingCommittee: true });
    await admin.post(url, { name: '钱二', gender: 'female', sectorId: f.edu.id, termIds: [f.t12.id], active: false, address: '某路 8 号' });
    const res = await admin.get(`${url}/export.xlsx`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('spreadsheetml');
    expect(String(res.headers['content-disposition'])).toContain("filename*=UTF-8''");
    const { rows, ws } = await readXlsx(res.rawPayload);
    expect(rows[0]).toEqual(MEMBER_COLUMNS.map((c) => c.header));
    expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    const phoneCol = MEMBER_COLUMNS.findIndex((c) => c.key === 'phone') + 1;
    expect(ws.getRow(2).getCell(phoneCol).numFmt).toBe('@');
    expect(typeof ws.getRow(3).getCell(phoneCol).value).toBe('string');
    expect(ws.getColumn(phoneCol).width).toBeGreaterThan(10);
    expect(rows[1][3]).toBe('第十一届、第十二届');
    expect(rows[1][0]).toBe('赵一');

    // Into a new organization with the same catalogue names.
    const g = await orgWithCatalogs(ctx.database);
    const admin2 = await signedIn(ctx, [{ orgId: g.org.id, role: 'org_admin' }]);
    const imp = await upload(admin2, `/api/orgs/${g.org.id}/members/import?mode=commit`, res.rawPayload);
    expect(imp.statusCode, imp.body).toBe(200);
    expect(imp.json().created).toBe(2);
    const strip = (m: Member) => ({ ...m, id: 0, orgId: 0, sectorId: 0, groupId: m.groupId ? 0 : null, termIds: [], committeeIds: [], studioIds: m.studioIds.length, version: 0 });
    const before = ((await admin.get(url)).json().items as Member[]).map(strip);
    const after = ((await admin2.get(`/api/orgs/${g.org.id}/members`)).json().items as Member[]).map(strip);
    expect(after).toEqual(before);
  });

  it('members: contact columns are blank for a caller who is only a member', async () => {
    const f = await orgWithCatalogs(ctx.database);
    const admin = await signedIn(ctx, [{ orgId: f.org.id, role: 'org_admin' }]);
    await admin.post(`/api/orgs/${f.org.id}/members`, { name: '孙三', phone: '13800000009' });
    const member = await signedIn(ctx, [{ orgId: f.org.id, role: 'member' }]);
    const res = await member.get(`/api/orgs/${f.org.id}/members/export.xlsx`);
    expect(res.statusCode).toBe(200);
    const { rows } = await readXlsx(res.rawPayload);
    expect(rows[1][0]).toBe('孙三');
    expect(rows[1][MEMBER_COLUMNS.findIndex((c) => c.key === 'phone')] ?? '').toBe('');
  });

  it('units: export, template and round-trip import; duplicates and bad groups are reported', async () => {
    const org = await createOrg(ctx.database);
    const admin = await signedIn(ctx, [{ orgId: org.id, role: 'proposal_staff' }]);
    await admin.post(`/api/orgs/${org.id}/units`, { name: '县交通运输委', unitGroup: 'government', contactName: '李四', contactPhone: '02312345678', duties: '交通' });
    await admin.post(`/api/orgs/${org.id}/units`, { name: '县委宣传部', unitGroup: 'party', active: false });
    const res = await admin.get(`/api/orgs/${org.id}/units/export.xlsx`);
    expect(res.statusCode).toBe(200);
    const { rows, ws } = await readXlsx(res.rawPayload);
    expect(rows[0]).toEqual(UNIT_COLUMNS.map((c) => c.header));
    expect(ws.getRow(2).getCell(4).numFmt).toBe('@');
    const tpl = await admin.get(`/api/orgs/${org.id}/units/import-template.xlsx`);
    expect((await readXlsx(tpl.rawPayload)).rows[0]).toEqual(UNIT_COLUMNS.map((c) => c.header));
    const mtpl = await signedIn(ctx, [{ orgId: org.id, role: 'org_admin' }]);
    expect((await readXlsx((await mtpl.get(`/api/orgs/${org.id}/members/import-template.xlsx`)).rawPayload)).rows[0]).toEqual(HEAD);

    const other = await createOrg(ctx.database);
    const admin2 = await signedIn(ctx, [{ orgId: other.id, role: 'org_admin' }]);
    const imp = await upload(admin2, `/api/orgs/${other.id}/units/import?mode=commit`, res.rawPayload);
    expect(imp.statusCode, imp.body).toBe(200);
    expect(imp.json().created).toBe(2);
    const strip = (u: Unit) => ({ ...u, id: 0, orgId: 0, orgIds: u.orgIds.length, version: 0 });
    const a = ((await admin.get(`/api/orgs/${org.id}/units`)).json().items as Unit[]).map(strip);
    const b = ((await admin2.get(`/api/orgs/${other.id}/units`)).json().items as Unit[]).map(strip);
    expect(b).toEqual(a);
    const count2 = (await ctx.database.db.select({ n: count() }).from(units).where(eq(units.orgId, other.id)))[0].n;
    expect(count2).toBe(2);

    const bad = await upload(
      admin2,
      `/api/orgs/${other.id}/units/import?mode=commit`,
      await xlsx(UNIT_COLUMNS.map((c) => c.header), [
        ['新单位', '政府系统'],
        ['新单位', '军队'],
        ['县委宣传部', 'party'],
      ]),
    );
    expect(bad.statusCode).toBe(400);
    expect(bad.json().details.map((e: { row: number; column: string }) => [e.row, e.column])).toEqual([
      [3, '单位名称'],
      [3, '单位类别'],
      [4, '单位名称'],
    ]);
    expect((await ctx.database.db.select({ n: count() }).from(units).where(eq(units.orgId, other.id)))[0].n).toBe(2);
  });
});
