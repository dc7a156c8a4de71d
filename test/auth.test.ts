import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { accounts, auditLog, authSessions } from '@server/db/schema/index';
import { createAccount, createOrg, createTestApp, login, TEST_PASSWORD, uniq, type TestContext } from './helpers';

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestApp({ loginMaxFailures: 3, loginLockMinutes: 15 });
});
afterAll(() => ctx.close());

const post = (url: string, payload: unknown, headers: Record<string, string> = {}) => ctx.app.inject({ method: 'POST', url, payload: payload as object, headers });

describe('login', () => {
  it('signs in by account name (any case) or phone and sets an HttpOnly SameSite session cookie', async () => {
    const org = await createOrg(ctx.database);
    const phone = `139${Math.floor(Math.random() * 1e8).toString().padStart(8, '0')}`;
    const acc = await createAccount(ctx.database, [{ orgId: org.id, role: 'member' }], { phone });
    const byName = await post('/api/auth/login', { login: acc.username.toUpperCase(), password: TEST_PASSWORD });
    expect(byName.statusCode).toBe(200);
    const cookie = byName.cookies.find((c) => c.name === 'xs_session')!;
    expect(cookie.httpOnly).toBe(true);
    expect(cookie.sameSite).toBe('Lax');
    const byPhone = await post('/api/auth/login', { login: phone, password: TEST_PASSWORD });
    expect(byPhone.statusCode).toBe(200);
    // Only a hash of the token is stored.
    const rows = await ctx.database.db.select().from(authSessions).where(eq(authSessions.accountId, acc.id));
    expect(rows).toHaveLength(2);
    expect(rows.map((r) => r.tokenHash)).not.toContain(cookie.value);
  });

  it('marks the cookie Secure behind HTTPS', async () => {
    const acc = await createAccount(ctx.database, []);
    const res = await post('/api/auth/login', { login: acc.username, password: TEST_PASSWORD }, { 'x-forwarded-proto': 'https' });
    expect(res.statusCode).toBe(200);
    // cookieSecure is false in tests; check the 'auto' rule with a second app below.
    expect(res.cookies[0].secure ?? false).toBe(false);
  });

  it('answers a wrong password with a Chinese message naming the field, and English on request', async () => {
    const acc = await createAccount(ctx.database, []);
    const zh = await post('/api/auth/login', { login: acc.username, password: 'nope' });
    expect(zh.statusCode).toBe(401);
    expect(zh.json()).toMatchObject({ code: 'login_failed', field: 'password', message: '账号或密码错误' });
    const en = await post('/api/auth/login', { login: acc.username, password: 'nope' }, { 'x-lang': 'en' });
    expect(en.json().message).toBe('Wrong account or password');
  });

  it('rejects an empty login with a field-level validation message', async () => {
    const res = await post('/api/auth/login', { login: '', password: 'x' });
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({ code: 'validation', field: 'login' });
    expect(res.json().message).toContain('账号或手机号');
  });

  it('locks an identifier after repeated failures, says until when, and refuses even the right password meanwhile', async () => {
    const acc = await createAccount(ctx.database, []);
    for (let i = 0; i < 2; i++) expect((await post('/api/auth/login', { login: acc.username, password: 'bad' })).statusCode).toBe(401);
    const locked = await post('/api/auth/login', { login: acc.username, password: 'bad' });
    expect(locked.statusCode).toBe(429);
    expect(locked.json().code).toBe('login_locked');
    expect(locked.json().message).toMatch(/请于 \d{2}:\d{2} 后再试/);
    const right = await post('/api/auth/login', { login: acc.username, password: TEST_PASSWORD });
    expect(right.statusCode).toBe(429);
    // Unknown accounts lock the same way (no account enumeration).
    const ghost = uniq('ghost');
    for (let i = 0; i < 2; i++) await post('/api/auth/login', { login: ghost, password: 'bad' });
    expect((await post('/api/auth/login', { login: ghost, password: 'bad' })).json().code).toBe('login_locked');
  });

  it('a disabled account cannot sign in', async () => {
    const acc = await createAccount(ctx.database, [], { disabled: true });
    const res = await post('/api/auth/login', { login: acc.username, password: TEST_PASSWORD });
    expect(res.statusCode).toBe(403);
  });
});

describe('session, CSRF and organizations', () => {
  it('requires a session for API routes and the CSRF token for changes', async () => {
    expect((await ctx.app.inject({ method: 'GET', url: '/api/auth/me' })).statusCode).toBe(401);
    const org = await createOrg(ctx.database);
    const acc = await createAccount(ctx.database, [{ orgId: org.id, role: 'org_admin' }]);
    const c = await login(ctx.app, acc.username);
    const noToken = await c.req('PATCH', `/api/orgs/${org.id}`, { name: '改名', version: 1 }, { 'x-csrf-token': 'wrong' });
    expect(noToken.statusCode).toBe(403);
    expect(noToken.json().code).toBe('csrf');
    expect((await c.patch(`/api/orgs/${org.id}`, { name: '改名', version: 1 })).statusCode).toBe(200);
  });

  it('switches the active organization only among the caller’s own', async () => {
    const a = await createOrg(ctx.database);
    const b = await createOrg(ctx.database);
    const other = await createOrg(ctx.database);
    const acc = await createAccount(ctx.database, [
      { orgId: a.id, role: 'member' },
      { orgId: b.id, role: 'leader' },
    ]);
    const c = await login(ctx.app, acc.username);
    const me = (await c.get('/api/auth/me')).json();
    expect(me.orgs.map((o: { id: number }) => o.id).sort()).toEqual([a.id, b.id].sort());
    const sw = await c.post('/api/auth/switch-org', { orgId: b.id });
    expect(sw.statusCode).toBe(200);
    expect(sw.json().activeOrgId).toBe(b.id);
    expect((await c.get('/api/auth/me')).json().activeOrgId).toBe(b.id);
    expect((await c.post('/api/auth/switch-org', { orgId: other.id })).statusCode).toBe(404);
  });

  it('changes the password: wrong current refused, weak refused, others sessions ended, audit row written', async () => {
    const acc = await createAccount(ctx.database, []);
    const c1 = await login(ctx.app, acc.username);
    const c2 = await login(ctx.app, acc.username);
    expect((await c1.post('/api/auth/password', { currentPassword: 'x', newPassword: 'abcdefg123' })).json()).toMatchObject({ code: 'wrong_password', field: 'currentPassword' });
    expect((await c1.post('/api/auth/password', { currentPassword: TEST_PASSWORD, newPassword: 'short' })).json()).toMatchObject({ code: 'weak_password', field: 'newPassword' });
    expect((await c1.post('/api/auth/password', { currentPassword: TEST_PASSWORD, newPassword: 'NewPassw0rd' })).statusCode).toBe(200);
    expect((await c1.get('/api/auth/me')).statusCode).toBe(200);
    expect((await c2.get('/api/auth/me')).statusCode).toBe(401);
    await login(ctx.app, acc.username, 'NewPassw0rd');
    const [stored] = await ctx.database.db.select().from(accounts).where(eq(accounts.id, acc.id));
    expect(stored.passwordHash.startsWith('$argon2id$')).toBe(true);
    const audits = await ctx.database.db.select().from(auditLog).where(eq(auditLog.entityId, String(acc.id)));
    expect(audits.map((a) => a.action)).toContain('change_password');
  });

  it('logout ends the session', async () => {
    const acc = await createAccount(ctx.database, []);
    const c = await login(ctx.app, acc.username);
    expect((await c.post('/api/auth/logout')).statusCode).toBe(200);
    expect((await c.get('/api/auth/me')).statusCode).toBe(401);
  });
});

describe('secure cookies', () => {
  it("'auto' marks the session cookie Secure when the request came over HTTPS", async () => {
    const ctx2 = await createTestApp({ cookieSecure: 'auto' });
    try {
      const acc = await createAccount(ctx2.database, []);
      const https = await ctx2.app.inject({ method: 'POST', url: '/api/auth/login', payload: { login: acc.username, password: TEST_PASSWORD }, headers: { 'x-forwarded-proto': 'https' } });
      expect(https.cookies[0].secure).toBe(true);
    } finally {
      await ctx2.close();
    }
  });
});

describe('login rate limit per client', () => {
  it('answers 429 with a Chinese message past the per-minute limit', async () => {
    const ctx3 = await createTestApp({ loginRatePerMinute: 3 });
    try {
      const codes: number[] = [];
      for (let i = 0; i < 4; i++) codes.push((await ctx3.app.inject({ method: 'POST', url: '/api/auth/login', payload: { login: uniq('n'), password: 'x' } })).statusCode);
      expect(codes.slice(0, 3)).toEqual([401, 401, 401]);
      const last = await ctx3.app.inject({ method: 'POST', url: '/api/auth/login', payload: { login: uniq('n'), password: 'x' } });
      expect(last.statusCode).toBe(429);
      expect(last.json()).toMatchObject({ code: 'rate_limited', message: '请求过于频繁，请稍后再试' });
    } finally {
      await ctx3.close();
    }
  });
});
