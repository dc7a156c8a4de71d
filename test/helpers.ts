import { randomBytes } from 'node:crypto';
import pg from 'pg';
import type { FastifyInstance, InjectOptions } from 'fastify';
import type { Response as InjectResponse } from 'light-my-request';
import { loadConfig, type AppConfig } from '@server/config';
import { openDatabase, runMigrations, type Database } from '@server/db/client';
import { buildApp } from '@server/app';
import { accounts, organizations, roleGrants, units } from '@server/db/schema/index';
import { hashPassword } from '@server/lib/passwords';
import type { Role } from '@common/roles';

export const TEST_PASSWORD = 'Passw0rd!x';
let cachedHash: string | null = null;

export interface TestContext {
  app: FastifyInstance;
  database: Database;
  config: AppConfig;
  close(): Promise<void>;
}

/** One app per test file, on a fresh PGlite or on the run's PostgreSQL database. */
export async function createTestApp(overrides: Partial<AppConfig> = {}): Promise<TestContext> {
  const config = { ...loadConfig({}), cookieSecure: false as const, worker: false, loginRatePerMinute: 10_000, ...overrides };
  const url = process.env.XIESHANG_TEST_DB === 'postgres' ? process.env.XIESHANG_TEST_PG_URL : undefined;
  const database = await openDatabase({ databaseUrl: url, poolSize: 5 });
  if (database.kind === 'pglite') await runMigrations(database);
  const app = await buildApp({ config, database });
  await app.ready();
  return {
    app,
    database,
    config,
    async close() {
      await app.close();
      await database.close();
    },
  };
}

export const uniq = (prefix = 'x') => `${prefix}${randomBytes(5).toString('hex')}`;

export async function createOrg(database: Database, v: Partial<typeof organizations.$inferInsert> = {}) {
  const code = uniq('org-');
  const [row] = await database.db
    .insert(organizations)
    .values({ code, name: `测试政协${code}`, shortName: `测试${code.slice(-4)}`, level: 'district', ...v })
    .returning();
  return row;
}

export async function createUnit(database: Database, orgId: number, v: Partial<typeof units.$inferInsert> = {}) {
  const [row] = await database.db.insert(units).values({ orgId, name: uniq('单位'), unitGroup: 'government', ...v }).returning();
  return row;
}

export interface GrantSpec {
  orgId: number;
  role: Role;
  unitId?: number | null;
}

export async function createAccount(database: Database, grants: GrantSpec[], v: Partial<typeof accounts.$inferInsert> = {}) {
  cachedHash ??= await hashPassword(TEST_PASSWORD);
  const [acc] = await database.db
    .insert(accounts)
    .values({ username: uniq('u'), displayName: uniq('测试用户'), passwordHash: cachedHash, ...v })
    .returning();
  if (grants.length) await database.db.insert(roleGrants).values(grants.map((g) => ({ accountId: acc.id, orgId: g.orgId, role: g.role, unitId: g.unitId ?? null })));
  return acc;
}

/** A signed-in HTTP client over app.inject that carries the session cookie and CSRF token. */
export interface Client {
  accountId: number;
  csrf: string;
  req(method: InjectOptions['method'], url: string, body?: unknown, headers?: Record<string, string>): Promise<InjectResponse>;
  get(url: string): Promise<InjectResponse>;
  post(url: string, body?: unknown): Promise<InjectResponse>;
  patch(url: string, body?: unknown): Promise<InjectResponse>;
  put(url: string, body?: unknown): Promise<InjectResponse>;
  del(url: string): Promise<InjectResponse>;
}

export async function login(app: FastifyInstance, username: string, password = TEST_PASSWORD): Promise<Client> {
  const res = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { login: username, password } });
  if (res.statusCode !== 200) throw new Error(`login failed ${res.statusCode} ${res.body}`);
  const cookie = res.cookies.find((c) => c.name === 'xs_session')!;
  const cookieHeader = `xs_session=${cookie.value}`;
  const me = await app.inject({ method: 'GET', url: '/api/auth/me', headers: { cookie: cookieHeader } });
  const body = me.json() as { csrfToken: string; accountId: number };
  const req: Client['req'] = (method, url, payload, headers = {}) =>
    app.inject({ method, url, payload: payload as InjectOptions['payload'], headers: { cookie: cookieHeader, 'x-csrf-token': body.csrfToken, ...headers } });
  return {
    accountId: body.accountId,
    csrf: body.csrfToken,
    req,
    get: (url) => req('GET', url),
    post: (url, b) => req('POST', url, b ?? {}),
    patch: (url, b) => req('PATCH', url, b ?? {}),
    put: (url, b) => req('PUT', url, b ?? {}),
    del: (url) => req('DELETE', url),
  };
}

/** An account with the given grants, already signed in. */
export async function signedIn(ctx: TestContext, grants: GrantSpec[], v: Partial<typeof accounts.$inferInsert> = {}) {
  const acc = await createAccount(ctx.database, grants, v);
  return login(ctx.app, acc.username);
}

/** A migrated, empty database of its own: in-memory PGlite, or a new UTF-8 database on the PostgreSQL server. */
export async function freshDatabase(): Promise<{ database: Database; url?: string; drop(): Promise<void> }> {
  if (process.env.XIESHANG_TEST_DB !== 'postgres') {
    const database = await openDatabase({});
    await runMigrations(database);
    return { database, drop: () => database.close() };
  }
  const base = process.env.TEST_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
  const name = `xs_own_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: base });
  await admin.connect();
  await admin.query(`create database ${name} encoding 'UTF8' template template0`);
  await admin.end();
  const url = new URL(base);
  url.pathname = `/${name}`;
  const database = await openDatabase({ databaseUrl: url.toString(), poolSize: 3 });
  await runMigrations(database);
  return {
    database,
    url: url.toString(),
    async drop() {
      await database.close();
      const c = new pg.Client({ connectionString: base });
      await c.connect();
      await c.query(`drop database if exists ${name} with (force)`);
      await c.end();
    },
  };
}

/** Polls `check` until it holds (a notification crossing instances takes milliseconds), failing after `ms`. */
export async function eventually(check: () => Promise<boolean>, ms = 10_000): Promise<void> {
  const until = Date.now() + ms;
  for (;;) {
    if (await check()) return;
    if (Date.now() > until) throw new Error('the change never reached the other instance');
    await new Promise((r) => setTimeout(r, 25));
  }
}
