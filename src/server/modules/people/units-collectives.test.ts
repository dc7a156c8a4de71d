import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { auditLog } from '@server/db/schema/index';
import type { Collective, Unit } from '@common/people';
import { createAccount, createOrg, createTestApp, createUnit, signedIn, type TestContext } from '../../../../test/helpers';

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestApp();
});
afterAll(() => ctx.close());

describe('units', () => {
  it('creates with default orgIds, updates, lists owned + served units, 409 on stale version', async () => {
    const org = await createOrg(ctx.database);
    const child = await createOrg(ctx.database, { parentId: org.id });
    const admin = await signedIn(ctx, [{ orgId: org.id, role: 'proposal_staff' }]);
    const r = await admin.post(`/api/orgs/${org.id}/units`, { name: '县交通运输委', unitGroup: 'government', contactName: '李四', contactPhone: '023-12345678', duties: '交通运输管理' });
    expect(r.statusCode, r.body).toBe(200);
    const u = r.json() as Unit;
    expect(u).toMatchObject({ orgId: org.id, orgIds: [org.id], active: true, version: 1 });
    expect((await admin.get(`/api/units/${u.id}`)).json()).toEqual(u);

    const upd = await admin.patch(`/api/units/${u.id}`, { orgIds: [org.id, child.id], active: false, version: 1 });
    expect(upd.statusCode, upd.body).toBe(200);
    expect(upd.json()).toMatchObject({ orgIds: [org.id, child.id].sort((a, b) => a - b), active: false, version: 2 });
    expect((await admin.patch(`/api/units/${u.id}`, { name: '改名', version: 1 })).statusCode).toBe(409);

    // The child organization sees the unit that serves it; its staff can read but not edit it.
    const childOwn = await createUnit(ctx.database, child.id, { name: '区财政局', unitGroup: 'government' });
    const childStaff = await signedIn(ctx, [{ orgId: child.id, role: 'proposal_staff' }]);
    const list = (await childStaff.get(`/api/orgs/${child.id}/units`)).json().items as Unit[];
    expect(list.map((x) => x.id)).toEqual([childOwn.id, u.id]);
    expect((await childStaff.get(`/api/units/${u.id}`)).statusCode).toBe(200);
    expect((await childStaff.patch(`/api/units/${u.id}`, { name: 'x', version: 2 })).statusCode).toBe(404);
    const audits = await ctx.database.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.entityType, 'unit'), eq(auditLog.entityId, String(u.id))));
    expect(audits).toHaveLength(2);
  });

  it('filters, pages and validates', async () => {
    const org = await createOrg(ctx.database);
    const admin = await signedIn(ctx, [{ orgId: org.id, role: 'org_admin' }]);
    const url = `/api/orgs/${org.id}/units`;
    for (const [name, unitGroup] of [
      ['市委宣传部', 'party'],
      ['市人大常委会办公厅', 'npc'],
      ['市交通局', 'government'],
      ['市教育局', 'government'],
    ]) {
      expect((await admin.post(url, { name, unitGroup })).statusCode).toBe(200);
    }
    const names = async (q: string) => ((await admin.get(`${url}?${q}`)).json().items as Unit[]).map((x) => x.name);
    expect(await names('unitGroup=government')).toEqual(['市教育局', '市交通局']);
    expect(await names(`q=${encodeURIComponent('人大')}`)).toEqual(['市人大常委会办公厅']);
    const p1 = (await admin.get(`${url}?limit=3`)).json();
    expect(p1.items).toHaveLength(3);
    const p2 = (await admin.get(`${url}?limit=3&cursor=${p1.nextCursor}`)).json();
    expect(p2.items.map((x: Unit) => x.name)).toEqual(['市委宣传部']);
    expect(p2.nextCursor).toBeNull();

    const bad = await admin.post(url, { name: 'x', unitGroup: 'army' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().field).toBe('unitGroup');
    const noOrg = await admin.post(url, { name: 'y', unitGroup: 'other', orgIds: [99999999] });
    expect(noOrg.statusCode).toBe(400);
    expect(noOrg.json().field).toBe('orgIds');
    const dup = await admin.post(url, { name: '市交通局', unitGroup: 'government' });
    expect(dup.statusCode).toBe(409);
    expect(dup.json().field).toBe('name');
    expect((await admin.get(`${url}?unitGroup=army`)).json().field).toBe('unitGroup');
  });

  it('refuses by role and hides other organizations (404)', async () => {
    const org = await createOrg(ctx.database);
    const unit = await createUnit(ctx.database, org.id);
    const handler = await signedIn(ctx, [{ orgId: org.id, role: 'unit_handler', unitId: unit.id }]);
    expect((await handler.get(`/api/orgs/${org.id}/units`)).statusCode).toBe(200);
    expect((await handler.get(`/api/units/${unit.id}`)).statusCode).toBe(200);
    expect((await handler.post(`/api/orgs/${org.id}/units`, { name: 'x', unitGroup: 'other' })).statusCode).toBe(403);
    expect((await handler.patch(`/api/units/${unit.id}`, { name: 'x', version: 1 })).statusCode).toBe(403);
    const member = await signedIn(ctx, [{ orgId: org.id, role: 'member' }]);
    expect((await member.post(`/api/orgs/${org.id}/units`, { name: 'x', unitGroup: 'other' })).statusCode).toBe(403);

    const stranger = await signedIn(ctx, [{ orgId: (await createOrg(ctx.database)).id, role: 'org_admin' }]);
    expect((await stranger.get(`/api/orgs/${org.id}/units`)).statusCode).toBe(404);
    expect((await stranger.post(`/api/orgs/${org.id}/units`, { name: 'x', unitGroup: 'other' })).statusCode).toBe(404);
    expect((await stranger.get(`/api/units/${unit.id}`)).statusCode).toBe(404);
    expect((await stranger.patch(`/api/units/${unit.id}`, { name: 'x', version: 1 })).statusCode).toBe(404);
  });
});

describe('collective proposers', () => {
  it('creates with agents, updates, lists; agents must hold a role in the organization', async () => {
    const org = await createOrg(ctx.database);
    const staff = await signedIn(ctx, [{ orgId: org.id, role: 'proposal_staff' }]);
    const agent1 = await createAccount(ctx.database, [{ orgId: org.id, role: 'member' }], { displayName: '代表甲' });
    const agent2 = await createAccount(ctx.database, [{ orgId: org.id, role: 'member' }], { displayName: '代表乙' });
    const outsider = await createAccount(ctx.database, [{ orgId: (await createOrg(ctx.database)).id, role: 'member' }]);
    const url = `/api/orgs/${org.id}/collectives`;
    const r = await staff.post(url, { kind: 'party', name: '民建巴南区委会', accountIds: [agent1.id] });
    expect(r.statusCode, r.body).toBe(200);
    const c = r.json() as Collective;
    expect(c).toMatchObject({ orgId: org.id, kind: 'party', agents: [{ accountId: agent1.id, displayName: '代表甲' }], version: 1 });
    expect((await staff.get(`/api/collectives/${c.id}`)).json()).toEqual(c);

    const bad = await staff.post(url, { kind: 'party', name: '另一个', accountIds: [outsider.id] });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().field).toBe('accountIds');
    expect(bad.json().message).toMatch(/代表人/);
    const badKind = await staff.post(url, { kind: 'club', name: '俱乐部' });
    expect(badKind.statusCode).toBe(400);
    expect(badKind.json().field).toBe('kind');
    const dup = await staff.post(url, { kind: 'sector', name: '民建巴南区委会' });
    expect(dup.statusCode).toBe(409);

    const upd = await staff.patch(`/api/collectives/${c.id}`, { accountIds: [agent2.id, agent1.id], version: 1 });
    expect(upd.statusCode, upd.body).toBe(200);
    expect((upd.json() as Collective).agents.map((a) => a.accountId)).toEqual([agent1.id, agent2.id].sort((a, b) => a - b));
    expect((await staff.patch(`/api/collectives/${c.id}`, { name: '改', version: 1 })).statusCode).toBe(409);
    expect((await staff.patch(`/api/collectives/${c.id}`, { accountIds: [outsider.id], version: 2 })).json().field).toBe('accountIds');

    await staff.post(url, { kind: 'people_org', name: '区工商联' });
    const all = (await staff.get(url)).json().items as Collective[];
    expect(all.map((x) => x.name)).toEqual(['区工商联', '民建巴南区委会']);
    expect(((await staff.get(`${url}?kind=party`)).json().items as Collective[]).map((x) => x.id)).toEqual([c.id]);
    const paged = (await staff.get(`${url}?limit=1`)).json();
    expect(paged.items).toHaveLength(1);
    expect((await staff.get(`${url}?limit=1&cursor=${paged.nextCursor}`)).json().items[0].id).toBe(c.id);
  });

  it('refuses by role and hides other organizations (404)', async () => {
    const org = await createOrg(ctx.database);
    const staff = await signedIn(ctx, [{ orgId: org.id, role: 'org_admin' }]);
    const c = (await staff.post(`/api/orgs/${org.id}/collectives`, { kind: 'group', name: '第一小组' })).json() as Collective;
    const member = await signedIn(ctx, [{ orgId: org.id, role: 'member' }]);
    expect((await member.get(`/api/orgs/${org.id}/collectives`)).statusCode).toBe(200);
    expect((await member.get(`/api/collectives/${c.id}`)).statusCode).toBe(200);
    expect((await member.post(`/api/orgs/${org.id}/collectives`, { kind: 'group', name: 'x' })).statusCode).toBe(403);
    expect((await member.patch(`/api/collectives/${c.id}`, { name: 'x', version: 1 })).statusCode).toBe(403);
    const general = await signedIn(ctx, [{ orgId: org.id, role: 'general_staff' }]);
    expect((await general.post(`/api/orgs/${org.id}/collectives`, { kind: 'group', name: 'x' })).statusCode).toBe(403);

    const stranger = await signedIn(ctx, [{ orgId: (await createOrg(ctx.database)).id, role: 'org_admin' }]);
    expect((await stranger.get(`/api/orgs/${org.id}/collectives`)).statusCode).toBe(404);
    expect((await stranger.post(`/api/orgs/${org.id}/collectives`, { kind: 'group', name: 'x' })).statusCode).toBe(404);
    expect((await stranger.get(`/api/collectives/${c.id}`)).statusCode).toBe(404);
    expect((await stranger.patch(`/api/collectives/${c.id}`, { name: 'x', version: 1 })).statusCode).toBe(404);
  });
});
