import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq, sql } from 'drizzle-orm';
import { accounts, authSessions, auditLog, unitOrgs } from '@server/db/schema/index';
import { verifyPassword } from '@server/lib/passwords';
import { createAccount, createOrg, createTestApp, createUnit, login, signedIn, uniq, type TestContext } from '../../../../test/helpers';

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestApp();
});
afterAll(() => ctx.close());

async function setup() {
  const org = await createOrg(ctx.database);
  const other = await createOrg(ctx.database);
  const admin = await signedIn(ctx, [{ orgId: org.id, role: 'org_admin' }]);
  const outsider = await signedIn(ctx, [{ orgId: other.id, role: 'org_admin' }]);
  const staff = await signedIn(ctx, [{ orgId: org.id, role: 'proposal_staff' }]);
  return { org, other, admin, outsider, staff };
}

const auditCount = async (orgId: number) =>
  (await ctx.database.rows<{ n: number }>(sql`select count(*)::int as n from audit_log where org_id = ${orgId}`))[0].n;

describe('accounts: create', () => {
  it('creates an account with a generated password shown once, and audits it', async () => {
    const { org, admin } = await setup();
    const username = uniq('zhang');
    const before = await auditCount(org.id);
    const r = await admin.post(`/api/orgs/${org.id}/accounts`, { username, displayName: '张三', phone: `138${String(Math.floor(Math.random() * 1e8)).padStart(8, '0')}`, email: 'z@example.cn', grants: [{ role: 'member' }, { role: 'member' }] });
    expect(r.statusCode, r.body).toBe(200);
    const body = r.json();
    expect(body.initialPassword).toMatch(/^[a-z2-9]{4}-[a-z2-9]{4}-[a-z2-9]{4}$/);
    expect(body.account).toMatchObject({ username, displayName: '张三', mustChangePassword: true, disabled: false, version: 1 });
    expect(body.account.grants).toHaveLength(1);
    expect(await auditCount(org.id)).toBe(before + 1);
    const [row] = await ctx.database.db.select().from(accounts).where(eq(accounts.id, body.account.id));
    expect(row.passwordHash.startsWith('$argon2id$')).toBe(true);
    expect(await verifyPassword(row.passwordHash, body.initialPassword)).toBe(true);
    // The audit row never carries the password.
    const [a] = await ctx.database.db.select().from(auditLog).where(sql`${auditLog.entityType} = 'account' and ${auditLog.entityId} = ${String(body.account.id)}`);
    expect(a.payload).not.toContain(body.initialPassword);
    // The new user can sign in with it.
    const c = await login(ctx.app, username, body.initialPassword);
    const me = await c.get('/api/me');
    expect(me.json()).toMatchObject({ username, mustChangePassword: true });
  });

  it('uses a given password (checked for strength) without returning it', async () => {
    const { org, admin } = await setup();
    const weak = await admin.post(`/api/orgs/${org.id}/accounts`, { username: uniq('w'), displayName: '弱', password: 'short', grants: [{ role: 'member' }] });
    expect(weak.statusCode).toBe(400);
    expect(weak.json()).toMatchObject({ code: 'weak_password', field: 'password' });
    const username = uniq('li');
    const r = await admin.post(`/api/orgs/${org.id}/accounts`, { username, displayName: '李四', password: 'Abcdefg123', grants: [{ role: 'info_staff', title: '科员' }] });
    expect(r.statusCode, r.body).toBe(200);
    expect(r.json().initialPassword).toBeUndefined();
    expect(r.json().account.mustChangePassword).toBe(false);
    await login(ctx.app, username, 'Abcdefg123');
  });

  it('refuses an existing username (any case) with 409 naming username, writing nothing', async () => {
    const { org, admin } = await setup();
    const existing = await createAccount(ctx.database, []);
    const before = await auditCount(org.id);
    const r = await admin.post(`/api/orgs/${org.id}/accounts`, { username: existing.username.toUpperCase(), displayName: '重复', grants: [{ role: 'member' }] });
    expect(r.statusCode).toBe(409);
    expect(r.json()).toMatchObject({ code: 'duplicate', field: 'username' });
    expect(r.json().message).toContain('账号');
    expect(await auditCount(org.id)).toBe(before);
  });

  it('validates input with 400 naming the field', async () => {
    const { org, admin } = await setup();
    const cases: Array<[Record<string, unknown>, string]> = [
      [{ displayName: 'x', grants: [{ role: 'member' }] }, 'username'],
      [{ username: 'a b c', displayName: 'x', grants: [{ role: 'member' }] }, 'username'],
      [{ username: uniq('v'), displayName: 'x', grants: [] }, 'grants'],
      [{ username: uniq('v'), displayName: 'x', grants: [{ role: 'king' }] }, 'grants.0.role'],
      [{ username: uniq('v'), displayName: 'x', phone: '123', grants: [{ role: 'member' }] }, 'phone'],
      [{ username: uniq('v'), displayName: 'x', email: 'nope', grants: [{ role: 'member' }] }, 'email'],
      [{ username: uniq('v'), displayName: 'x', grants: [{ role: 'unit_handler' }] }, 'grants.0.unitId'],
      [{ username: uniq('v'), displayName: 'x', grants: [{ role: 'member', unitId: 1 }] }, 'grants.0.unitId'],
      [{ username: uniq('v'), displayName: 'x', grants: [{ role: 'unit_handler', unitId: 999999999 }] }, 'grants.0.unitId'],
    ];
    for (const [body, field] of cases) {
      const r = await admin.post(`/api/orgs/${org.id}/accounts`, body);
      expect(r.statusCode, `${JSON.stringify(body)} ${r.body}`).toBe(400);
      expect(r.json().field).toBe(field);
    }
    const en = await admin.req('POST', `/api/orgs/${org.id}/accounts`, { username: uniq('v'), displayName: 'x', email: 'nope', grants: [{ role: 'member' }] }, { 'x-lang': 'en' });
    expect(en.json().message).toContain('E-mail');
  });

  it('unit_handler grants need a unit the org owns or that serves it', async () => {
    const { org, other, admin } = await setup();
    const own = await createUnit(ctx.database, org.id);
    const foreign = await createUnit(ctx.database, other.id);
    const serving = await createUnit(ctx.database, other.id);
    await ctx.database.db.insert(unitOrgs).values({ unitId: serving.id, orgId: org.id });
    const ok1 = await admin.post(`/api/orgs/${org.id}/accounts`, { username: uniq('h'), displayName: '经办', grants: [{ role: 'unit_handler', unitId: own.id }] });
    expect(ok1.statusCode, ok1.body).toBe(200);
    expect(ok1.json().account.grants[0]).toMatchObject({ role: 'unit_handler', unitId: own.id, unitName: own.name });
    const ok2 = await admin.post(`/api/orgs/${org.id}/accounts`, { username: uniq('h'), displayName: '经办', grants: [{ role: 'unit_handler', unitId: serving.id }] });
    expect(ok2.statusCode, ok2.body).toBe(200);
    const bad = await admin.post(`/api/orgs/${org.id}/accounts`, { username: uniq('h'), displayName: '经办', grants: [{ role: 'unit_handler', unitId: foreign.id }] });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().field).toBe('grants.0.unitId');
  });

  it('only a platform admin grants platform_admin', async () => {
    const { org, admin } = await setup();
    const r = await admin.post(`/api/orgs/${org.id}/accounts`, { username: uniq('p'), displayName: '平台', grants: [{ role: 'platform_admin' }] });
    expect(r.statusCode).toBe(403);
    const pa = await signedIn(ctx, [{ orgId: org.id, role: 'platform_admin' }]);
    const ok = await pa.post(`/api/orgs/${org.id}/accounts`, { username: uniq('p'), displayName: '平台', grants: [{ role: 'platform_admin' }] });
    expect(ok.statusCode, ok.body).toBe(200);
  });

  it('permissions: other org 404, non-admin 403, unauthenticated 401', async () => {
    const { org, outsider, staff } = await setup();
    const body = { username: uniq('q'), displayName: 'x', grants: [{ role: 'member' }] };
    expect((await outsider.post(`/api/orgs/${org.id}/accounts`, body)).statusCode).toBe(404);
    expect((await staff.post(`/api/orgs/${org.id}/accounts`, body)).statusCode).toBe(403);
    expect((await ctx.app.inject({ method: 'GET', url: `/api/orgs/${org.id}/accounts` })).statusCode).toBe(401);
  });
});

describe('accounts: list and detail', () => {
  it('lists only accounts with a grant in the org, only that org’s grants, filtered and paged', async () => {
    const { org, other, admin, outsider, staff } = await setup();
    const both = await createAccount(ctx.database, [{ orgId: org.id, role: 'member' }, { orgId: other.id, role: 'leader' }], { displayName: '王五特别' });
    const otherOnly = await createAccount(ctx.database, [{ orgId: other.id, role: 'member' }]);
    for (let i = 0; i < 4; i++) await createAccount(ctx.database, [{ orgId: org.id, role: 'member' }]);
    const all = await admin.get(`/api/orgs/${org.id}/accounts?limit=200`);
    expect(all.statusCode, all.body).toBe(200);
    const ids = all.json().items.map((a: { id: number }) => a.id);
    expect(ids).toContain(both.id);
    expect(ids).not.toContain(otherOnly.id);
    expect(ids).toEqual([...ids].sort((a, b) => b - a));
    const b = all.json().items.find((a: { id: number }) => a.id === both.id);
    expect(b.grants.map((g: { role: string }) => g.role)).toEqual(['member']);
    // role filter
    const staffOnly = await admin.get(`/api/orgs/${org.id}/accounts?role=proposal_staff`);
    expect(staffOnly.json().items.map((a: { id: number }) => a.id)).toEqual([staff.accountId]);
    // q filter
    const q = await admin.get(`/api/orgs/${org.id}/accounts?q=${encodeURIComponent('王五特')}`);
    expect(q.json().items.map((a: { id: number }) => a.id)).toEqual([both.id]);
    // keyset paging
    const seen: number[] = [];
    let cursor: string | null = null;
    do {
      const r = await admin.get(`/api/orgs/${org.id}/accounts?limit=2${cursor ? `&cursor=${cursor}` : ''}`);
      expect(r.statusCode).toBe(200);
      seen.push(...r.json().items.map((a: { id: number }) => a.id));
      cursor = r.json().nextCursor;
    } while (cursor);
    expect(seen).toEqual(ids);
    expect((await admin.get(`/api/orgs/${org.id}/accounts?cursor=%%%`)).statusCode).toBe(400);
    expect((await admin.get(`/api/orgs/${org.id}/accounts?role=king`)).json().field).toBe('role');
    // detail
    const d = await admin.get(`/api/orgs/${org.id}/accounts/${both.id}`);
    expect(d.statusCode).toBe(200);
    expect(d.json().grants).toHaveLength(1);
    expect((await admin.get(`/api/orgs/${org.id}/accounts/${otherOnly.id}`)).statusCode).toBe(404);
    expect((await outsider.get(`/api/orgs/${org.id}/accounts`)).statusCode).toBe(404);
    expect((await outsider.get(`/api/orgs/${org.id}/accounts/${both.id}`)).statusCode).toBe(404);
    expect((await staff.get(`/api/orgs/${org.id}/accounts`)).statusCode).toBe(403);
    expect((await staff.get(`/api/orgs/${org.id}/accounts/${both.id}`)).statusCode).toBe(403);
  });
});

describe('accounts: update, disable, reset password', () => {
  it('edits an account with optimistic versioning and audits it', async () => {
    const { org, admin, outsider, staff } = await setup();
    const acc = await createAccount(ctx.database, [{ orgId: org.id, role: 'member' }]);
    const r = await admin.patch(`/api/orgs/${org.id}/accounts/${acc.id}`, { displayName: '新名字', email: 'n@example.cn', version: 1 });
    expect(r.statusCode, r.body).toBe(200);
    expect(r.json()).toMatchObject({ displayName: '新名字', email: 'n@example.cn', version: 2 });
    expect((await admin.patch(`/api/orgs/${org.id}/accounts/${acc.id}`, { displayName: '旧', version: 1 })).statusCode).toBe(409);
    expect((await admin.patch(`/api/orgs/${org.id}/accounts/${acc.id}`, { phone: 'abc', version: 2 })).json().field).toBe('phone');
    expect((await outsider.patch(`/api/orgs/${org.id}/accounts/${acc.id}`, { displayName: 'x', version: 2 })).statusCode).toBe(404);
    expect((await staff.patch(`/api/orgs/${org.id}/accounts/${acc.id}`, { displayName: 'x', version: 2 })).statusCode).toBe(403);
    const [row] = await ctx.database.db.select().from(auditLog).where(sql`${auditLog.entityType} = 'account' and ${auditLog.entityId} = ${String(acc.id)} and ${auditLog.orgId} = ${org.id}`);
    expect(row.before).toMatchObject({ displayName: acc.displayName });
    expect(row.after).toMatchObject({ displayName: '新名字' });
  });

  it('a duplicate phone is 409 naming phone', async () => {
    const { org, admin } = await setup();
    const phone = `139${String(Math.floor(Math.random() * 1e8)).padStart(8, '0')}`;
    await createAccount(ctx.database, [], { phone });
    const acc = await createAccount(ctx.database, [{ orgId: org.id, role: 'member' }]);
    const r = await admin.patch(`/api/orgs/${org.id}/accounts/${acc.id}`, { phone, version: 1 });
    expect(r.statusCode).toBe(409);
    expect(r.json().field).toBe('phone');
  });

  it('disabling ends the account’s sessions; an admin cannot disable themself', async () => {
    const { org, admin } = await setup();
    const acc = await createAccount(ctx.database, [{ orgId: org.id, role: 'member' }]);
    const c = await login(ctx.app, acc.username);
    expect((await c.get('/api/me')).statusCode).toBe(200);
    const r = await admin.patch(`/api/orgs/${org.id}/accounts/${acc.id}`, { disabled: true, version: 1 });
    expect(r.statusCode, r.body).toBe(200);
    expect(r.json().disabled).toBe(true);
    expect((await c.get('/api/me')).statusCode).toBe(401);
    expect(await ctx.database.db.select().from(authSessions).where(eq(authSessions.accountId, acc.id))).toHaveLength(0);
    const self = await admin.patch(`/api/orgs/${org.id}/accounts/${admin.accountId}`, { disabled: true, version: 1 });
    expect(self.statusCode).toBe(400);
    expect(self.json().code).toBe('cannot_disable_self');
  });

  it('reset password: temporary password, must change, sessions ended, audited', async () => {
    const { org, admin, outsider, staff } = await setup();
    const acc = await createAccount(ctx.database, [{ orgId: org.id, role: 'member' }]);
    const c = await login(ctx.app, acc.username);
    const before = await auditCount(org.id);
    const r = await admin.post(`/api/orgs/${org.id}/accounts/${acc.id}/reset-password`);
    expect(r.statusCode, r.body).toBe(200);
    const temp = r.json().temporaryPassword as string;
    expect(temp.length).toBeGreaterThanOrEqual(12);
    expect((await c.get('/api/me')).statusCode).toBe(401);
    expect(await auditCount(org.id)).toBe(before + 1);
    const c2 = await login(ctx.app, acc.username, temp);
    expect((await c2.get('/api/me')).json().mustChangePassword).toBe(true);
    expect((await outsider.post(`/api/orgs/${org.id}/accounts/${acc.id}/reset-password`)).statusCode).toBe(404);
    expect((await staff.post(`/api/orgs/${org.id}/accounts/${acc.id}/reset-password`)).statusCode).toBe(403);
  });

  it('identity changes to an account shared with an org the admin does not run are refused', async () => {
    const { org, other, admin } = await setup();
    const shared = await createAccount(ctx.database, [{ orgId: org.id, role: 'member' }, { orgId: other.id, role: 'org_admin' }]);
    const r = await admin.post(`/api/orgs/${org.id}/accounts/${shared.id}/reset-password`);
    expect(r.statusCode).toBe(403);
    expect(r.json().code).toBe('account_shared');
    expect((await admin.patch(`/api/orgs/${org.id}/accounts/${shared.id}`, { disabled: true, version: 1 })).statusCode).toBe(403);
    const pa = await signedIn(ctx, [{ orgId: org.id, role: 'platform_admin' }]);
    expect((await pa.post(`/api/orgs/${org.id}/accounts/${shared.id}/reset-password`)).statusCode).toBe(200);
  });
});

describe('grants', () => {
  it('grants and removes roles in the org; checks units, duplicates and tenancy', async () => {
    const { org, other, admin, outsider, staff } = await setup();
    const acc = await createAccount(ctx.database, [{ orgId: org.id, role: 'member' }]);
    const unit = await createUnit(ctx.database, org.id);
    const g = await admin.post(`/api/orgs/${org.id}/grants`, { accountId: acc.id, role: 'unit_handler', unitId: unit.id, title: '科长' });
    expect(g.statusCode, g.body).toBe(200);
    expect(g.json()).toMatchObject({ accountId: acc.id, orgId: org.id, role: 'unit_handler', unitId: unit.id, unitName: unit.name, title: '科长' });
    const dup = await admin.post(`/api/orgs/${org.id}/grants`, { accountId: acc.id, role: 'unit_handler', unitId: unit.id });
    expect(dup.statusCode).toBe(409);
    expect(dup.json().field).toBe('role');
    expect((await admin.post(`/api/orgs/${org.id}/grants`, { accountId: acc.id, role: 'leader', unitId: unit.id })).json().field).toBe('unitId');
    expect((await admin.post(`/api/orgs/${org.id}/grants`, { accountId: acc.id, role: 'platform_admin' })).statusCode).toBe(403);
    // An account without a grant here is invisible to this org's admin.
    const stranger = await createAccount(ctx.database, [{ orgId: other.id, role: 'member' }]);
    expect((await admin.post(`/api/orgs/${org.id}/grants`, { accountId: stranger.id, role: 'member' })).statusCode).toBe(404);
    expect((await outsider.post(`/api/orgs/${org.id}/grants`, { accountId: acc.id, role: 'leader' })).statusCode).toBe(404);
    expect((await staff.post(`/api/orgs/${org.id}/grants`, { accountId: acc.id, role: 'leader' })).statusCode).toBe(403);
    const d = await admin.get(`/api/orgs/${org.id}/accounts/${acc.id}`);
    expect(d.json().grants.map((x: { role: string }) => x.role).sort()).toEqual(['member', 'unit_handler']);
    // delete
    expect((await outsider.del(`/api/grants/${g.json().id}`)).statusCode).toBe(404);
    expect((await staff.del(`/api/grants/${g.json().id}`)).statusCode).toBe(403);
    const before = await auditCount(org.id);
    const del = await admin.del(`/api/grants/${g.json().id}`);
    expect(del.statusCode, del.body).toBe(200);
    expect(await auditCount(org.id)).toBe(before + 1);
    expect((await admin.del(`/api/grants/${g.json().id}`)).statusCode).toBe(404);
  });

  it('a platform admin may grant to any account, including platform_admin', async () => {
    const { org, other } = await setup();
    const pa = await signedIn(ctx, [{ orgId: org.id, role: 'platform_admin' }]);
    const stranger = await createAccount(ctx.database, [{ orgId: other.id, role: 'member' }]);
    const r = await pa.post(`/api/orgs/${org.id}/grants`, { accountId: stranger.id, role: 'platform_admin' });
    expect(r.statusCode, r.body).toBe(200);
    // and an org admin may not remove it
    const admin = await signedIn(ctx, [{ orgId: org.id, role: 'org_admin' }]);
    expect((await admin.del(`/api/grants/${r.json().id}`)).statusCode).toBe(403);
    expect((await pa.del(`/api/grants/${r.json().id}`)).statusCode).toBe(200);
  });

  it('an org admin cannot remove their own last org_admin grant', async () => {
    const { org, admin } = await setup();
    const mine = (await admin.get(`/api/orgs/${org.id}/accounts/${admin.accountId}`)).json().grants[0];
    const r = await admin.del(`/api/grants/${mine.id}`);
    expect(r.statusCode).toBe(400);
    expect(r.json().code).toBe('last_admin_grant');
    // Another admin may remove it; the first admin then has no role here at all.
    const admin2 = await signedIn(ctx, [{ orgId: org.id, role: 'org_admin' }]);
    expect((await admin2.del(`/api/grants/${mine.id}`)).statusCode).toBe(200);
    expect((await admin.get(`/api/orgs/${org.id}/accounts`)).statusCode).toBe(404);
  });
});

describe('my profile', () => {
  it('reads and edits the caller’s own profile', async () => {
    const org = await createOrg(ctx.database);
    const c = await signedIn(ctx, [{ orgId: org.id, role: 'member' }]);
    const me = await c.get('/api/me');
    expect(me.statusCode).toBe(200);
    expect(me.json()).toMatchObject({ id: c.accountId, locale: 'zh-CN', version: 1 });
    const r = await c.patch('/api/me', { displayName: '我自己', locale: 'en', email: 'me@example.cn', phone: '', version: 1 });
    expect(r.statusCode, r.body).toBe(200);
    expect(r.json()).toMatchObject({ displayName: '我自己', locale: 'en', email: 'me@example.cn', phone: null, version: 2 });
    expect((await c.patch('/api/me', { displayName: 'x', version: 1 })).statusCode).toBe(409);
    const bad = await c.patch('/api/me', { locale: 'fr', version: 2 });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().field).toBe('locale');
    // The locale now drives message language.
    expect((await c.patch('/api/me', { locale: 'fr', version: 2 })).json().message).toMatch(/Language/);
    expect((await ctx.app.inject({ method: 'GET', url: '/api/me' })).statusCode).toBe(401);
    const rows = await ctx.database.db.select().from(auditLog).where(sql`${auditLog.entityType} = 'account' and ${auditLog.entityId} = ${String(c.accountId)} and ${auditLog.action} = 'update_profile'`);
    expect(rows).toHaveLength(1);
  });
});
