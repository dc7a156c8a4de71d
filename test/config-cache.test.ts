import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '@server/app';
import { openDatabase, type Database } from '@server/db/client';
import { ConfigCache, readConfig } from '@server/lib/config-cache';
import { createAccount, createOrg, createTestApp, eventually, login, type Client, type TestContext } from './helpers';

/** Runs SQL with triggers switched off for the transaction: a change no instance is told about. */
async function silently(database: Database, query: ReturnType<typeof sql>) {
  await database.db.transaction(async (tx) => {
    await tx.execute(sql`set local session_replication_role = replica`);
    await tx.execute(query);
  });
}

describe('configuration cache across two instances on one database', () => {
  let ctx: TestContext;
  let other: Database;
  let b: FastifyInstance;
  let orgId: number;
  let staffA: Client;
  let staffB: Client;

  beforeAll(async () => {
    ctx = await createTestApp();
    // Instance B has a database handle of its own (its own pool on PostgreSQL), as a second process would.
    other =
      ctx.database.kind === 'pglite'
        ? await openDatabase({ pglite: ctx.database.pglite })
        : await openDatabase({ databaseUrl: process.env.XIESHANG_TEST_PG_URL, poolSize: 2 });
    b = await buildApp({ config: ctx.config, database: other });
    await b.ready();
    const org = await createOrg(ctx.database);
    orgId = org.id;
    const acc = await createAccount(ctx.database, [{ orgId, role: 'proposal_staff' }]);
    staffA = await login(ctx.app, acc.username);
    staffB = await login(b, acc.username);
  });
  afterAll(async () => {
    await b.close();
    if (other.kind === 'postgres') await other.close();
    await ctx.close();
  });

  /** This file has its database to itself (PGlite: one per file); on the PostgreSQL server all files share one. */
  const alone = () => ctx.database.kind === 'pglite';

  const deadlineMonthsIn = async (c: Client) => {
    const r = await c.get(`/api/orgs/${orgId}/proposal-settings`);
    expect(r.statusCode, r.body).toBe(200);
    return (r.json() as { config: { handlingDeadlineMonths?: number }; version: number });
  };

  it('serves settings from memory, and a change on one instance reaches the other', async () => {
    const first = await deadlineMonthsIn(staffB);
    expect(first.version).toBe(0);
    // Saved on A: B drops its copy when the notification lands.
    const put = await staffA.put(`/api/orgs/${orgId}/proposal-settings`, { config: first.config, version: 0 });
    expect(put.statusCode, put.body).toBe(200);
    await eventually(async () => (await deadlineMonthsIn(staffB)).version === 1);
    // A change nobody is told about (triggers off) stays invisible to B: its answer comes from memory… (checked where
    // this file has the database to itself: on PostgreSQL the other test files write configuration concurrently, and
    // their announcements rightly drop B's copy at any moment)
    await silently(ctx.database, sql`update proposal_settings set version = 7 where org_id = ${orgId}`);
    if (alone()) expect((await deadlineMonthsIn(staffB)).version).toBe(1);
    // …until any announced change to the configuration, by hand in SQL, arrives.
    await ctx.database.db.execute(sql`update proposal_settings set version = version + 1 where org_id = ${orgId}`);
    await eventually(async () => (await deadlineMonthsIn(staffB)).version === 8);
  });

  it('a change this instance makes is visible to its own next read at once', async () => {
    const cur = await deadlineMonthsIn(staffB);
    const put = await staffB.put(`/api/orgs/${orgId}/proposal-settings`, { config: cur.config, version: cur.version });
    expect(put.statusCode, put.body).toBe(200);
    expect((await deadlineMonthsIn(staffB)).version).toBe(cur.version + 1);
  });

  it('the working-day calendar follows overrides written by hand on another handle', async () => {
    const holidays = async () => {
      const r = await staffB.get('/api/calendar/days?year=2031');
      expect(r.statusCode, r.body).toBe(200);
      return (r.json() as { days: Array<{ date: string; kind: string }> }).days.filter((d) => d.date === '2031-03-12' && d.kind === 'holiday').length;
    };
    expect(await holidays()).toBe(0);
    await silently(ctx.database, sql`insert into calendar_overrides (day, kind, name) values ('2031-03-12', 'holiday', '测试假日')`);
    if (alone()) expect(await holidays()).toBe(0);
    await ctx.database.db.execute(sql`update calendar_overrides set name = '测试假日（改）' where day = '2031-03-12'`);
    await eventually(async () => (await holidays()) === 1);
    await ctx.database.db.execute(sql`delete from calendar_overrides where day = '2031-03-12'`);
    await eventually(async () => (await holidays()) === 0);
  });

  it('reads inside a transaction always go to the database', async () => {
    let loads = 0;
    const load = async () => ++loads;
    await readConfig(other.db, 'probe', load);
    await readConfig(other.db, 'probe', load);
    expect(loads).toBe(1);
    await other.db.transaction(async (tx) => {
      await readConfig(tx, 'probe', load);
    });
    expect(loads).toBe(2);
  });
});

describe('ConfigCache rules', () => {
  let ctx: TestContext;
  beforeAll(async () => {
    ctx = await createTestApp();
  });
  afterAll(async () => ctx.close());

  it('never stores a read that raced with a change, freezes what it shares, and is off when not listening', async () => {
    const cache = new ConfigCache(ctx.database, { ttlMs: 60_000 });
    await cache.start();
    try {
      expect(cache.active).toBe(true);
      let n = 0;
      const raced = await cache.read('k', async () => {
        cache.clear(); // a notification lands while the value is being read
        return { n: ++n };
      });
      expect(raced.n).toBe(1);
      expect(cache.size).toBe(0);
      const v = await cache.read('k', async () => ({ n: ++n, nested: { x: 1 } }));
      expect(await cache.read('k', async () => ({ n: ++n, nested: { x: 1 } }))).toBe(v);
      expect(Object.isFrozen(v.nested)).toBe(true);
    } finally {
      await cache.close();
    }
    expect(cache.active).toBe(false);
    let loads = 0;
    await cache.read('k', async () => ++loads);
    await cache.read('k', async () => ++loads);
    expect(loads).toBe(2);
  });

  it('forgets an entry past its time even without a notification', async () => {
    const cache = new ConfigCache(ctx.database, { ttlMs: 30 });
    await cache.start();
    try {
      let loads = 0;
      await cache.read('k', async () => ++loads);
      await cache.read('k', async () => ++loads);
      expect(loads).toBe(1);
      await new Promise((r) => setTimeout(r, 60));
      await cache.read('k', async () => ++loads);
      expect(loads).toBe(2);
    } finally {
      await cache.close();
    }
  });
});
