import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { auditLog } from '@server/db/schema/index';
import type { Member } from '@common/people';
import { createAccount, createOrg, createTestApp, createUnit, signedIn, type TestContext } from '../../../../test/helpers';
import { orgWithCatalogs } from './people.fixtures';

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestApp();
});
afterAll(() => ctx.close());

describe('members', () => {
  it('creates, reads and updates a member with terms, committees and studios; stale version → 409', async () => {
    const f = await orgWithCatalogs(ctx.database);
    const admin = await signedIn(ctx, [{ orgId: f.org.id, role: 'org_admin' }]);
    const res = await admin.post(`/api/orgs/${f.org.id}/members`, {
      name: '王芳',
      gender: 'female',
      sectorId: f.econ.id,
      groupId: f.g1.id,
      isStandingCommittee: true,
      employer: '某某集团董事长',
      phone: '13800138000',
      email: 'wf@example.cn',
      termIds: [f.t12.id, f.t11.id],
      committeeIds: [f.c2.id, f.c1.id],
      studioIds: [f.s1.id],
    });
    expect(res.statusCode, res.body).toBe(200);
    const m = res.json() as Member;
    expect(m).toMatchObject({
      orgId: f.org.id,
      sectorName: '经济界',
      groupName: '第一小组',
      termIds: [f.t11.id, f.t12.id],
      termNumbers: [11, 12],
      committeeIds: [f.c1.id, f.c2.id],
      committeeNames: ['提案委员会', '经济委员会'],
      studioIds: [f.s1.id],
      phone: '13800138000',
      version: 1,
    });
    const got = await admin.get(`/api/members/${m.id}`);
    expect(got.json()).toEqual(m);

    const upd = await admin.patch(`/api/members/${m.id}`, { name: '王芳芳', termIds: [f.t12.id], committeeIds: [], version: 1 });
    expect(upd.statusCode, upd.body).toBe(200);
    expect(upd.json()).toMatchObject({ name: '王芳芳', termNumbers: [12], committeeIds: [], studioIds: [f.s1.id], version: 2 });
    const stale = await admin.patch(`/api/members/${m.id}`, { name: '再改', version: 1 });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().code).toBe('conflict_version');

    const audits = await ctx.database.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.entityType, 'member'), eq(auditLog.entityId, String(m.id))));
    expect(audits.map((a) => a.action).sort()).toEqual(['create', 'update']);
  });

  it('rejects bad input with 400 naming the field', async () => {
    const f = await orgWithCatalogs(ctx.database);
    const other = await orgWithCatalogs(ctx.database);
    const admin = await signedIn(ctx, [{ orgId: f.org.id, role: 'org_admin' }]);
    const url = `/api/orgs/${f.org.id}/members`;
    const cases: Array<[Record<string, unknown>, string, RegExp]> = [
      [{ name: '' }, 'name', /姓名|名称/],
      [{ name: '甲', phone: '1234567' }, 'phone', /手机号/],
      [{ name: '甲', phone: '23800138000' }, 'phone', /不是有效的手机号码/],
      [{ name: '甲', email: 'nope' }, 'email', /电子邮箱/],
      [{ name: '甲', sectorId: other.econ.id }, 'sectorId', /界别/],
      [{ name: '甲', groupId: other.g1.id }, 'groupId', /委员小组/],
      [{ name: '甲', termIds: [f.t11.id, other.t11.id] }, 'termIds', /届次/],
      [{ name: '甲', committeeIds: [other.c1.id] }, 'committeeIds', /专门委员会/],
      [{ name: '甲', studioIds: [other.s1.id] }, 'studioIds', /工作室/],
      [{ name: '甲', gender: 'x' }, 'gender', /性别/],
    ];
    for (const [body, field, msg] of cases) {
      const r = await admin.post(url, body);
      expect(r.statusCode, `${field}: ${r.body}`).toBe(400);
      expect(r.json().field, r.body).toBe(field);
      expect(r.json().message).toMatch(msg);
    }
    const en = await admin.req('POST', url, { name: '甲', phone: '123' }, { 'x-lang': 'en' });
    expect(en.json().message).toBe('Phone: is not a valid mobile number');
    // A linked account must hold a role in the organization.
    const outsider = await createAccount(ctx.database, [{ orgId: other.org.id, role: 'member' }]);
    const acc = await admin.post(url, { name: '甲', accountId: outsider.id });
    expect(acc.statusCode).toBe(400);
    expect(acc.json().field).toBe('accountId');
    // PATCH validates the same way.
    const ok = await admin.post(url, { name: '乙' });
    const bad = await admin.patch(`/api/members/${ok.json().id}`, { sectorId: other.edu.id, version: 1 });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().field).toBe('sectorId');
  });

  it('lists with filters in SQL and keyset paging', async () => {
    const f = await orgWithCatalogs(ctx.database);
    const admin = await signedIn(ctx, [{ orgId: f.org.id, role: 'general_staff' }]);
    const url = `/api/orgs/${f.org.id}/members`;
    const mk = async (body: Record<string, unknown>) => {
      const r = await admin.post(url, body);
      expect(r.statusCode, r.body).toBe(200);
      return (r.json() as Member).id;
    };
    const a = await mk({ name: '赵一', sectorId: f.econ.id, termIds: [f.t11.id], committeeIds: [f.c1.id], employer: '重庆大学教授' });
    const b = await mk({ name: '钱二', sectorId: f.edu.id, termIds: [f.t11.id, f.t12.id], isStandingCommittee: true, groupId: f.g1.id });
    const c = await mk({ name: '孙三', sectorId: f.econ.id, termIds: [f.t12.id], committeeIds: [f.c1.id, f.c2.id] });
    const d = await mk({ name: '李四_%', employer: '无' });
    const ids = async (q: string) => ((await admin.get(`${url}?${q}`)).json().items as Member[]).map((m) => m.id);
    expect(await ids(`sectorId=${f.econ.id}`)).toEqual([c, a]);
    expect(await ids('noSector=true')).toEqual([d]);
    expect((await ids('noSector=false')).length).toBe(4);
    expect(await ids(`termId=${f.t11.id}`)).toEqual([b, a]);
    expect(await ids(`committeeId=${f.c1.id}`)).toEqual([c, a]);
    expect(await ids(`committeeId=${f.c2.id}&termId=${f.t12.id}`)).toEqual([c]);
    expect(await ids(`groupId=${f.g1.id}`)).toEqual([b]);
    expect(await ids('isStandingCommittee=true')).toEqual([b]);
    expect((await ids('isStandingCommittee=false')).length).toBe(3);
    expect(await ids(`q=${encodeURIComponent('重庆大学')}`)).toEqual([a]);
    expect(await ids(`q=${encodeURIComponent('钱')}`)).toEqual([b]);
    expect((await ids(`q=${encodeURIComponent('%')}`)).length).toBe(1);
    const bad = await admin.get(`${url}?isStandingCommittee=maybe`);
    expect(bad.statusCode).toBe(400);
    expect(bad.json().field).toBe('isStandingCommittee');
    expect((await admin.get(`${url}?cursor=notacursor`)).statusCode).toBe(400);

    // Paging: 4 members, 3 pages of at most 2... ordered by id descending, no overlap.
    const seen: number[] = [];
    let cursor: string | null = '';
    let pages = 0;
    while (cursor !== null) {
      const r = await admin.get(`${url}?limit=3${cursor ? `&cursor=${cursor}` : ''}`);
      const body = r.json() as { items: Member[]; nextCursor: string | null };
      seen.push(...body.items.map((m) => m.id));
      cursor = body.nextCursor;
      pages++;
    }
    expect(pages).toBe(2);
    expect(seen).toEqual([...seen].sort((x, y) => y - x));
    expect(new Set(seen).size).toBe(4);
  });

  it('blanks contact fields for callers who are only members', async () => {
    const f = await orgWithCatalogs(ctx.database);
    const admin = await signedIn(ctx, [{ orgId: f.org.id, role: 'org_admin' }]);
    const selfAcc = await createAccount(ctx.database, [{ orgId: f.org.id, role: 'member' }]);
    const other = await admin.post(`/api/orgs/${f.org.id}/members`, { name: '周五', phone: '13900000001', email: 'z@e.cn', address: '某路1号' });
    const own = await admin.post(`/api/orgs/${f.org.id}/members`, { name: '吴六', phone: '13900000002', accountId: selfAcc.id });
    expect(own.statusCode, own.body).toBe(200);
    const { login } = await import('../../../../test/helpers');
    const member = await login(ctx.app, selfAcc.username);
    const list = (await member.get(`/api/orgs/${f.org.id}/members`)).json().items as Member[];
    const o = list.find((m) => m.id === other.json().id)!;
    expect(o).toMatchObject({ phone: '', email: '', address: '', name: '周五' });
    expect(list.find((m) => m.id === own.json().id)!.phone).toBe('13900000002');
    expect((await member.get(`/api/members/${other.json().id}`)).json().phone).toBe('');
    // Staff see contacts; a member who is also staff sees them too.
    const leader = await signedIn(ctx, [{ orgId: f.org.id, role: 'leader' }]);
    expect((await leader.get(`/api/members/${other.json().id}`)).json().phone).toBe('13900000001');
    const both = await signedIn(ctx, [
      { orgId: f.org.id, role: 'member' },
      { orgId: f.org.id, role: 'info_staff' },
    ]);
    expect((await both.get(`/api/members/${other.json().id}`)).json().email).toBe('z@e.cn');
  });

  it('refuses by role and hides other organizations (404)', async () => {
    const f = await orgWithCatalogs(ctx.database);
    const admin = await signedIn(ctx, [{ orgId: f.org.id, role: 'org_admin' }]);
    const m = (await admin.post(`/api/orgs/${f.org.id}/members`, { name: '郑七' })).json() as Member;
    const unit = await createUnit(ctx.database, f.org.id);
    const handler = await signedIn(ctx, [{ orgId: f.org.id, role: 'unit_handler', unitId: unit.id }]);
    expect((await handler.get(`/api/orgs/${f.org.id}/members`)).statusCode).toBe(403);
    expect((await handler.get(`/api/members/${m.id}`)).statusCode).toBe(403);
    const member = await signedIn(ctx, [{ orgId: f.org.id, role: 'member' }]);
    expect((await member.get(`/api/orgs/${f.org.id}/members`)).statusCode).toBe(200);
    expect((await member.post(`/api/orgs/${f.org.id}/members`, { name: '冯八' })).statusCode).toBe(403);
    expect((await member.patch(`/api/members/${m.id}`, { name: 'x', version: 1 })).statusCode).toBe(403);
    const proposal = await signedIn(ctx, [{ orgId: f.org.id, role: 'proposal_staff' }]);
    expect((await proposal.post(`/api/orgs/${f.org.id}/members`, { name: '冯八' })).statusCode).toBe(403);

    const elsewhere = await createOrg(ctx.database);
    const stranger = await signedIn(ctx, [{ orgId: elsewhere.id, role: 'org_admin' }]);
    expect((await stranger.get(`/api/orgs/${f.org.id}/members`)).statusCode).toBe(404);
    expect((await stranger.post(`/api/orgs/${f.org.id}/members`, { name: '冯八' })).statusCode).toBe(404);
    expect((await stranger.get(`/api/members/${m.id}`)).statusCode).toBe(404);
    expect((await stranger.patch(`/api/members/${m.id}`, { name: 'x', version: 1 })).statusCode).toBe(404);
    expect((await admin.get(`/api/members/99999999`)).statusCode).toBe(404);
  });
});
