import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { eq, sql } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '@server/app';
import { accounts, roleGrants } from '@server/db/schema/index';
import { SessionCache } from '@server/lib/session-cache';
import { TEST_PASSWORD, createAccount, createOrg, createTestApp, eventually, type TestContext } from './helpers';

interface Session {
  cookie: string;
  csrf: string;
}

/** Signs in on one instance; the session (cookie and CSRF token) is then sent to any instance. */
async function signIn(ctx: TestContext, username: string): Promise<Session> {
  const res = await ctx.app.inject({ method: 'POST', url: '/api/auth/login', payload: { login: username, password: TEST_PASSWORD } });
  const cookie = `xs_session=${res.cookies.find((x) => x.name === 'xs_session')!.value}`;
  const me = await ctx.app.inject({ method: 'GET', url: '/api/auth/me', headers: { cookie } });
  return { cookie, csrf: (me.json() as { csrfToken: string }).csrfToken };
}

function on(app: FastifyInstance, s: Session) {
  return {
    get: (url: string) => app.inject({ method: 'GET', url, headers: { cookie: s.cookie } }),
    post: (url: string, payload: object = {}) => app.inject({ method: 'POST', url, payload, headers: { cookie: s.cookie, 'x-csrf-token': s.csrf } }),
  };
}

describe('session cache across two instances on one database', () => {
  let ctx: TestContext;
  let b: FastifyInstance;

  beforeAll(async () => {
    ctx = await createTestApp();
    b = await buildApp({ config: ctx.config, database: ctx.database });
    await b.ready();
  });
  afterAll(async () => {
    await b.close();
    await ctx.close();
  });

  it('serves repeated reads without a session query, and reads the session from the database for every change', async () => {
    const org = await createOrg(ctx.database);
    const acc = await createAccount(ctx.database, [{ orgId: org.id, role: 'member' }]);
    const s = await signIn(ctx, acc.username);
    const spy = vi.spyOn(b.database, 'rows');
    const sessionQueries = () => spy.mock.calls.filter(([q]) => JSON.stringify(q).includes('auth_sessions')).length;
    try {
      const inB = on(b, s);
      expect((await inB.get('/api/auth/me')).statusCode).toBe(200);
      const first = sessionQueries();
      expect(first).toBeGreaterThanOrEqual(1);
      for (let i = 0; i < 5; i++) expect((await inB.get('/api/auth/me')).statusCode).toBe(200);
      expect(sessionQueries()).toBe(first);
      // A change (CSRF-checked) always reads the session.
      expect((await inB.post('/api/auth/switch-org', { orgId: org.id })).statusCode).toBe(200);
      expect(sessionQueries()).toBe(first + 1);
    } finally {
      spy.mockRestore();
    }
  });

  it('a logout on one instance ends the session on the other: writes at once, reads once the notification lands', async () => {
    const org = await createOrg(ctx.database);
    const acc = await createAccount(ctx.database, [{ orgId: org.id, role: 'member' }]);
    const s = await signIn(ctx, acc.username);
    const inB = on(b, s);
    expect((await inB.get('/api/auth/me')).statusCode).toBe(200);
    expect((await on(ctx.app, s).post('/api/auth/logout')).statusCode).toBe(200);
    expect((await inB.post('/api/auth/switch-org', { orgId: org.id })).statusCode).toBe(401);
    await eventually(async () => (await inB.get('/api/auth/me')).statusCode === 401);
  });

  it('a grant removed or an account disabled by hand in SQL reaches the cached session', async () => {
    const org = await createOrg(ctx.database);
    const acc = await createAccount(ctx.database, [{ orgId: org.id, role: 'member' }]);
    const s = await signIn(ctx, acc.username);
    const inB = on(b, s);
    expect((await inB.get(`/api/orgs/${org.id}`)).statusCode).toBe(200);
    await ctx.database.db.delete(roleGrants).where(eq(roleGrants.accountId, acc.id));
    await eventually(async () => (await inB.get(`/api/orgs/${org.id}`)).statusCode === 404);

    await ctx.database.db.insert(roleGrants).values({ accountId: acc.id, orgId: org.id, role: 'member' });
    await eventually(async () => (await inB.get(`/api/orgs/${org.id}`)).statusCode === 200);
    await ctx.database.rows(sql`update accounts set disabled = true where id = ${acc.id}`);
    await eventually(async () => (await inB.get('/api/auth/me')).statusCode === 401);
    await ctx.database.db.update(accounts).set({ disabled: false }).where(eq(accounts.id, acc.id));
  });

  it('an instance whose cache is not listening reads every session from the database', async () => {
    const c = await buildApp({ config: ctx.config, database: ctx.database });
    await c.ready();
    try {
      await c.sessionCache.close();
      expect(c.sessionCache.active).toBe(false);
      const org = await createOrg(ctx.database);
      const acc = await createAccount(ctx.database, [{ orgId: org.id, role: 'member' }]);
      const s = await signIn(ctx, acc.username);
      const inC = on(c, s);
      expect((await inC.get('/api/auth/me')).statusCode).toBe(200);
      await ctx.database.db.update(accounts).set({ disabled: true }).where(eq(accounts.id, acc.id));
      expect((await inC.get('/api/auth/me')).statusCode).toBe(401);
    } finally {
      await c.close();
    }
  });
});

describe('SessionCache rules', () => {
  let ctx: TestContext;
  beforeAll(async () => {
    ctx = await createTestApp();
  });
  afterAll(async () => ctx.close());

  const session = (accountId: number, expiresAt = Date.now() + 3600_000) => ({ accountId, expiresAt, value: { n: accountId } });

  it('never stores a read that raced with an invalidation, and forgets entries past their time or expiry', async () => {
    const cache = new SessionCache<{ n: number }>(ctx.database, { ttlMs: 1000 });
    await cache.start();
    try {
      expect(cache.active).toBe(true);
      const mark = cache.mark();
      cache.invalidateAccount(99);
      cache.set('h1', session(1), mark);
      expect(cache.get('h1')).toBeNull();

      cache.set('h1', session(1), cache.mark(), 10_000);
      expect(cache.get('h1', 10_500)?.value.n).toBe(1);
      expect(cache.get('h1', 11_001)).toBeNull();

      cache.set('h2', session(2, 20_000), cache.mark(), 19_500);
      expect(cache.get('h2', 19_900)?.value.n).toBe(2);
      expect(cache.get('h2', 20_000)).toBeNull();

      cache.set('h3', session(3), cache.mark());
      cache.set('h4', session(4), cache.mark());
      cache.invalidateAccount(3);
      expect(cache.get('h3')).toBeNull();
      expect(cache.get('h4')?.value.n).toBe(4);
    } finally {
      await cache.close();
    }
  });

  it('is off with a zero time, and holds at most maxEntries sessions', async () => {
    const off = new SessionCache<{ n: number }>(ctx.database, { ttlMs: 0 });
    await off.start();
    off.set('h', session(1), off.mark());
    expect(off.get('h')).toBeNull();
    await off.close();

    const small = new SessionCache<{ n: number }>(ctx.database, { ttlMs: 60_000, maxEntries: 2 });
    await small.start();
    try {
      for (const n of [1, 2, 3]) small.set(`h${n}`, session(n), small.mark());
      expect(small.size).toBe(2);
      expect(small.get('h1')).toBeNull();
      expect(small.get('h3')?.value.n).toBe(3);
    } finally {
      await small.close();
    }
  });
});
