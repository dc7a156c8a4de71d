import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { members } from '@server/db/schema/index';
import { createOrg, createTestApp, signedIn, type TestContext } from '../../../../test/helpers';

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestApp();
});
afterAll(() => ctx.close());

describe('organizations', () => {
  it('lists only the caller’s organizations; a platform admin sees all and creates', async () => {
    const a = await createOrg(ctx.database);
    const b = await createOrg(ctx.database);
    const member = await signedIn(ctx, [{ orgId: a.id, role: 'member' }]);
    const ids = (await member.get('/api/orgs')).json().items.map((o: { id: number }) => o.id);
    expect(ids).toEqual([a.id]);
    expect((await member.post('/api/orgs', { code: 'zz-test', name: 'x', shortName: 'x', level: 'district' })).statusCode).toBe(403);

    const root = await createOrg(ctx.database, { level: 'municipal' });
    const admin = await signedIn(ctx, [{ orgId: root.id, role: 'platform_admin' }]);
    const all = (await admin.get('/api/orgs')).json().items.map((o: { id: number }) => o.id);
    expect(all).toEqual(expect.arrayContaining([a.id, b.id, root.id]));
    const code = `t-${Date.now()}`;
    const created = await admin.post('/api/orgs', { code, name: '成都市金牛区政协', shortName: '金牛', level: 'district', parentId: root.id, region: '成都' });
    expect(created.statusCode, created.body).toBe(200);
    expect(created.json()).toMatchObject({ parentId: root.id, level: 'district' });
    const dup = await admin.post('/api/orgs', { code, name: '重复', shortName: '重复', level: 'district' });
    expect(dup.statusCode).toBe(409);
    expect(dup.json()).toMatchObject({ code: 'duplicate', field: 'code', message: `「代码」已存在：${code}` });
    const badParent = await admin.post('/api/orgs', { code: `${code}-2`, name: 'x', shortName: 'x', level: 'district', parentId: 99999999 });
    expect(badParent.json()).toMatchObject({ code: 'validation', field: 'parentId' });
    const badLevel = await admin.post('/api/orgs', { code: `${code}-3`, name: 'x', shortName: 'x', level: 'town' });
    expect(badLevel.statusCode).toBe(400);
    expect(badLevel.json().field).toBe('level');
    expect(badLevel.json().message).toContain('层级');
  });

  it('org admin edits the organization; others in it may read but not edit', async () => {
    const org = await createOrg(ctx.database);
    const admin = await signedIn(ctx, [{ orgId: org.id, role: 'org_admin' }]);
    const staff = await signedIn(ctx, [{ orgId: org.id, role: 'proposal_staff' }]);
    expect((await staff.get(`/api/orgs/${org.id}`)).statusCode).toBe(200);
    expect((await staff.patch(`/api/orgs/${org.id}`, { name: 'x', version: 1 })).statusCode).toBe(403);
    const ok = await admin.patch(`/api/orgs/${org.id}`, { region: '重庆', version: 1 });
    expect(ok.json()).toMatchObject({ region: '重庆', version: 2 });
    expect((await admin.patch(`/api/orgs/${org.id}`, { region: '成都', version: 1 })).statusCode).toBe(409);
  });
});

describe('terms and plenary sessions', () => {
  it('creates a term and its sessions with the conventional name; validates dates and ownership', async () => {
    const org = await createOrg(ctx.database);
    const other = await createOrg(ctx.database);
    const admin = await signedIn(ctx, [{ orgId: org.id, role: 'org_admin' }]);
    const otherAdmin = await signedIn(ctx, [{ orgId: other.id, role: 'org_admin' }]);
    const term = (await admin.post(`/api/orgs/${org.id}/terms`, { number: 11, startDate: '2022-01-10' })).json();
    expect(term).toMatchObject({ number: 11, endDate: null });
    const s = await admin.post(`/api/orgs/${org.id}/sessions`, { termId: term.id, number: 3, startDate: '2026-01-12', endDate: '2026-01-15' });
    expect(s.statusCode, s.body).toBe(200);
    expect(s.json()).toMatchObject({ name: '十一届三次会议', termNumber: 11 });
    const backwards = await admin.post(`/api/orgs/${org.id}/sessions`, { termId: term.id, number: 4, startDate: '2026-01-15', endDate: '2026-01-12' });
    expect(backwards.json()).toMatchObject({ code: 'validation', field: 'endDate' });
    const badDate = await admin.post(`/api/orgs/${org.id}/sessions`, { termId: term.id, number: 4, startDate: '2026-13-01', endDate: '2026-01-12' });
    expect(badDate.json().field).toBe('startDate');
    // A term of another organization cannot be used.
    const otherTerm = (await otherAdmin.post(`/api/orgs/${other.id}/terms`, { number: 1, startDate: '2022-01-01' })).json();
    const foreign = await admin.post(`/api/orgs/${org.id}/sessions`, { termId: otherTerm.id, number: 1, startDate: '2026-01-12', endDate: '2026-01-15' });
    expect(foreign.json()).toMatchObject({ field: 'termId' });
    const list = (await admin.get(`/api/orgs/${org.id}/sessions`)).json().items;
    expect(list).toHaveLength(1);
    const edited = await admin.patch(`/api/sessions/${s.json().id}`, { endDate: '2026-01-16', version: 1 });
    expect(edited.json()).toMatchObject({ endDate: '2026-01-16', version: 2 });
    expect((await admin.patch(`/api/sessions/${s.json().id}`, { endDate: '2026-01-17', version: 1 })).statusCode).toBe(409);
    expect((await admin.patch(`/api/terms/${term.id}`, { endDate: '2021-01-01', version: 1 })).json().field).toBe('endDate');
  });
});

describe('catalogues', () => {
  it('manages sectors, committees, groups and studios; refuses deleting one in use', async () => {
    const org = await createOrg(ctx.database);
    const admin = await signedIn(ctx, [{ orgId: org.id, role: 'org_admin' }]);
    const member = await signedIn(ctx, [{ orgId: org.id, role: 'member' }]);
    for (const catalog of ['sectors', 'committees', 'groups']) {
      const r = await admin.post(`/api/orgs/${org.id}/catalogs/${catalog}`, { name: `测试${catalog}`, sort: 2 });
      expect(r.statusCode, r.body).toBe(200);
    }
    const studio = (await admin.post(`/api/orgs/${org.id}/catalogs/studios`, { name: '洪安片区政协委员工作室', theme: '群众出行', place: '洪安镇' })).json();
    expect(studio).toMatchObject({ theme: '群众出行', place: '洪安镇' });
    expect((await member.get(`/api/orgs/${org.id}/catalogs/studios`)).json().items).toHaveLength(1);
    expect((await member.post(`/api/orgs/${org.id}/catalogs/sectors`, { name: '不行' })).statusCode).toBe(403);
    const dup = await admin.post(`/api/orgs/${org.id}/catalogs/sectors`, { name: '测试sectors' });
    expect(dup.statusCode).toBe(409);
    expect(dup.json()).toMatchObject({ code: 'duplicate', field: 'name', message: '「名称」已存在：测试sectors' });
    const bad = await admin.post(`/api/orgs/${org.id}/catalogs/unknown`, { name: 'x' });
    expect(bad.statusCode).toBe(400);
    const renamed = await admin.patch(`/api/catalogs/studios/${studio.id}`, { name: '新名称', version: 1 });
    expect(renamed.json()).toMatchObject({ name: '新名称', version: 2 });
    expect((await admin.del(`/api/catalogs/studios/${studio.id}`)).statusCode).toBe(200);
    expect((await admin.get(`/api/orgs/${org.id}/catalogs/studios`)).json().items).toHaveLength(0);
    const sector = (await admin.get(`/api/orgs/${org.id}/catalogs/sectors`)).json().items[0];
    await ctx.database.db.insert(members).values({ orgId: org.id, name: '张三', sectorId: sector.id });
    const inUse = await admin.del(`/api/catalogs/sectors/${sector.id}`);
    expect(inUse.statusCode).toBe(409);
    expect(inUse.json()).toMatchObject({ code: 'in_use', message: '该记录仍被引用，无法删除' });
    expect((await admin.get(`/api/orgs/${org.id}/catalogs/sectors`)).json().items).toHaveLength(1);
  });
});

describe('validation messages', () => {
  it('name the field and the precise reason in Chinese and English', async () => {
    const org = await createOrg(ctx.database);
    const admin = await signedIn(ctx, [{ orgId: org.id, role: 'org_admin' }]);
    const long = await admin.post(`/api/orgs/${org.id}/catalogs/sectors`, { name: '长'.repeat(61) });
    expect(long.json()).toMatchObject({ code: 'validation', field: 'name', message: '「名称」最多 60 个字符' });
    const missing = await admin.post(`/api/orgs/${org.id}/terms`, { startDate: '2026-01-01' });
    expect(missing.json()).toMatchObject({ field: 'number', message: '「序号」不能为空' });
    const wrongType = await admin.post(`/api/orgs/${org.id}/terms`, { number: 'eleven', startDate: '2026-01-01' });
    expect(wrongType.json()).toMatchObject({ field: 'number', message: '「序号」格式不正确' });
    const small = await admin.req('POST', `/api/orgs/${org.id}/terms`, { number: 0, startDate: '2026-01-01' }, { 'x-lang': 'en' });
    expect(small.json()).toMatchObject({ field: 'number', message: 'Number: must be at least 1' });
  });
});

describe('references to missing rows', () => {
  it('a platform admin writing into an organization that does not exist gets 400 naming the field, not a conflict', async () => {
    const root = await createOrg(ctx.database);
    const admin = await signedIn(ctx, [{ orgId: root.id, role: 'platform_admin' }]);
    const res = await admin.post('/api/orgs/987654321/catalogs/sectors', { name: '无' });
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({ code: 'validation', field: 'orgId', message: '「组织」找不到「987654321」' });
  });
});
