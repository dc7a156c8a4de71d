import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '@server/config';
import { buildApp } from '@server/app';
import type { Database } from '@server/db/client';
import { verifyAllChains } from '@server/lib/audit';
import { listTables } from '@server/lib/backup';
import { loadDemo } from '@server/demo/load';
import { DEMO_ACCOUNTS, DEMO_PASSWORD } from '@server/demo/accounts';
import { DEMO_ORGS } from '@server/demo/orgs';
import { createAccount, createOrg, login, freshDatabase } from './helpers';


async function totalRows(database: Database): Promise<number> {
  let n = 0;
  for (const t of await listTables(database)) {
    const [row] = await database.rows<{ n: number }>(sql`select count(*)::int as n from ${sql.identifier(t.name)}`);
    n += Number(row.n);
  }
  return n;
}

let db: Awaited<ReturnType<typeof freshDatabase>>;
beforeAll(async () => {
  db = await freshDatabase();
}, 120_000);
afterAll(() => db?.drop());

describe('demo data', () => {
  it('loads every organization, account and member, marked is_demo, with audit rows', async () => {
    const res = await loadDemo(db.database);
    expect(res.status).toBe('loaded');
    const { database } = db;
    const orgs = await database.rows<{ code: string; is_demo: boolean; members: number; units: number; sessions: number }>(
      sql`select o.code, o.is_demo,
                 (select count(*) from members m where m.org_id = o.id)::int as members,
                 (select count(*) from units u where u.org_id = o.id)::int as units,
                 (select count(*) from plenary_sessions s where s.org_id = o.id)::int as sessions
          from organizations o order by o.code`,
    );
    expect(orgs.map((o) => o.code).sort()).toEqual(DEMO_ORGS.map((o) => o.code).sort());
    for (const o of orgs) {
      expect(o.is_demo).toBe(true);
      expect(o.members).toBeGreaterThanOrEqual(30);
      expect(o.members).toBeLessThanOrEqual(60);
      expect(o.units).toBeGreaterThanOrEqual(15);
      expect(o.sessions).toBeGreaterThan(0);
    }
    const [acc] = await database.rows<{ real: number; demo: number }>(sql`select count(*) filter (where not is_demo)::int as real, count(*) filter (where is_demo)::int as demo from accounts`);
    expect(acc.real).toBe(0);
    expect(acc.demo).toBeGreaterThanOrEqual(DEMO_ACCOUNTS.length);

    // 秀山: the eleventh term's third session in early 2026; the member account is linked to a member record.
    const [xs] = await database.rows<{ name: string; start_date: string }>(
      sql`select s.name, s.start_date::text from plenary_sessions s join organizations o on o.id = s.org_id join terms t on t.id = s.term_id
          where o.code = 'cq-xiushan' and t.number = 11 and s.number = 3`,
    );
    expect(xs.name).toBe('十一届三次会议');
    expect(xs.start_date.startsWith('2026-01')).toBe(true);
    const [linked] = await database.rows<{ name: string; code: string }>(
      sql`select m.name, o.code from members m join accounts a on a.id = m.account_id join organizations o on o.id = m.org_id where a.username = 'xs_member'`,
    );
    expect(linked).toEqual({ name: '田晓峰', code: 'cq-xiushan' });
    const [handler] = await database.rows<{ unit: string }>(
      sql`select u.name as unit from role_grants g join accounts a on a.id = g.account_id join units u on u.id = g.unit_id where a.username = 'xs_unit' and g.role = 'unit_handler'`,
    );
    expect(handler.unit).toBe('县交通运输委');
    const [agents] = await database.rows<{ n: number }>(sql`select count(*)::int as n from collective_agents`);
    expect(agents.n).toBeGreaterThan(10);

    const chains = await verifyAllChains(database);
    expect(chains.length).toBe(DEMO_ORGS.length);
    expect(chains.every((c) => c.ok && c.rows > 50)).toBe(true);
    const [actor] = await database.rows<{ names: string[] }>(sql`select array_agg(distinct actor_name) as names from audit_log`);
    expect(actor.names).toEqual(['demo loader']);
  }, 300_000); // a few seconds normally; far longer on a busy CI machine

  it('every demo account signs in with the demo password and sees its organizations', async () => {
    const app = await buildApp({ config: { ...loadConfig({}), cookieSecure: false, worker: false }, database: db.database });
    await app.ready();
    try {
      for (const a of DEMO_ACCOUNTS) {
        const c = await login(app, a.username, DEMO_PASSWORD);
        const me = (await c.get('/api/auth/me')).json() as { isPlatformAdmin: boolean; orgs: Array<{ id: number }>; grants: Array<{ role: string }> };
        expect(me.grants.map((g) => g.role).sort()).toEqual(a.grants.map((g) => g.role).sort());
        expect(me.isPlatformAdmin).toBe(a.grants.some((g) => g.role === 'platform_admin'));
      }
    } finally {
      await app.close();
    }
  });

  it('a second load is a no-op', async () => {
    const before = await totalRows(db.database);
    expect(await loadDemo(db.database)).toEqual({ status: 'already_loaded' });
    expect(await totalRows(db.database)).toBe(before);
  });

  it('refuses, changing nothing, when the database holds a non-demo organization or account', async () => {
    const other = await freshDatabase();
    try {
      await createOrg(other.database, { code: 'real-org' });
      const before = await totalRows(other.database);
      const res = await loadDemo(other.database);
      expect(res.status).toBe('refused');
      expect(await totalRows(other.database)).toBe(before);

      await other.database.db.execute(sql`delete from organizations`);
      await createAccount(other.database, []);
      expect((await loadDemo(other.database)).status).toBe('refused');
      expect(await totalRows(other.database)).toBe(1);
    } finally {
      await other.drop();
    }
  }, 120_000);
});
