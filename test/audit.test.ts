import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq, sql } from 'drizzle-orm';
import { auditHeads, auditLog } from '@server/db/schema/index';
import { verifyChain, writeAudit } from '@server/lib/audit';
import { createAccount, createOrg, createTestApp, signedIn, uniq, type Client, type TestContext } from './helpers';

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestApp();
});
afterAll(() => ctx.close());

const auditRows = async (orgId: number) =>
  ctx.database.db.select().from(auditLog).where(eq(auditLog.orgId, orgId)).orderBy(auditLog.seq);
const count = async (orgId: number) => (await auditRows(orgId)).length;

/** An organization with an admin and `n` audited changes (sectors created through the API). */
async function orgWithChanges(n: number) {
  const org = await createOrg(ctx.database);
  const admin = await signedIn(ctx, [{ orgId: org.id, role: 'org_admin' }]);
  for (let i = 0; i < n; i++) {
    const r = await admin.post(`/api/orgs/${org.id}/catalogs/sectors`, { name: `界别${i}` });
    expect(r.statusCode, r.body).toBe(200);
  }
  return { org, admin };
}

describe('audit log browsing', () => {
  it('lists an organization’s rows newest first, filtered and keyset-paged', async () => {
    const { org, admin } = await orgWithChanges(5);
    const acc = await createAccount(ctx.database, [{ orgId: org.id, role: 'member' }]);
    const p = await admin.patch(`/api/orgs/${org.id}/accounts/${acc.id}`, { displayName: '改名', version: 1 });
    expect(p.statusCode, p.body).toBe(200);
    const all = await admin.get(`/api/orgs/${org.id}/audit?limit=200`);
    expect(all.statusCode, all.body).toBe(200);
    const items = all.json().items as Array<{ id: number; seq: number; entityType: string; entityId: string; action: string; actorAccountId: number; actorName: string; createdAt: string; after: unknown }>;
    expect(items).toHaveLength(6);
    expect(items.map((i) => i.id)).toEqual([...items.map((i) => i.id)].sort((a, b) => b - a));
    expect(items[0]).toMatchObject({ entityType: 'account', entityId: String(acc.id), action: 'update', actorAccountId: admin.accountId, seq: 6 });
    expect(items[0].after).toEqual({ displayName: '改名' });
    expect(new Date(items[0].createdAt).getTime()).not.toBeNaN();

    const byType = await admin.get(`/api/orgs/${org.id}/audit?entityType=sectors`);
    expect(byType.json().items).toHaveLength(5);
    const byEntity = await admin.get(`/api/orgs/${org.id}/audit?entityType=account&entityId=${acc.id}`);
    expect(byEntity.json().items).toHaveLength(1);
    const byActor = await admin.get(`/api/orgs/${org.id}/audit?actorId=${admin.accountId}&action=create`);
    expect(byActor.json().items).toHaveLength(5);
    expect((await admin.get(`/api/orgs/${org.id}/audit?actorId=${acc.id}`)).json().items).toHaveLength(0);
    expect((await admin.get(`/api/orgs/${org.id}/audit?actorId=abc`)).json().field).toBe('actorId');

    const seen: number[] = [];
    let cursor: string | null = null;
    do {
      const r = await admin.get(`/api/orgs/${org.id}/audit?limit=4${cursor ? `&cursor=${cursor}` : ''}`);
      seen.push(...(r.json().items as Array<{ id: number }>).map((i) => i.id));
      cursor = r.json().nextCursor;
    } while (cursor);
    expect(seen).toEqual(items.map((i) => i.id));
  });

  it('is for org admins of that organization and platform admins only', async () => {
    const { org } = await orgWithChanges(1);
    const other = await createOrg(ctx.database);
    const outsider = await signedIn(ctx, [{ orgId: other.id, role: 'org_admin' }]);
    const staff = await signedIn(ctx, [{ orgId: org.id, role: 'proposal_staff' }]);
    const platform = await signedIn(ctx, [{ orgId: other.id, role: 'platform_admin' }]);
    for (const url of [`/api/orgs/${org.id}/audit`, `/api/orgs/${org.id}/audit/verify`]) {
      expect((await outsider.get(url)).statusCode).toBe(404);
      expect((await staff.get(url)).statusCode).toBe(403);
      expect((await platform.get(url)).statusCode).toBe(200);
      expect((await ctx.app.inject({ method: 'GET', url })).statusCode).toBe(401);
    }
  });

  it('verify reports an intact chain', async () => {
    const { org, admin } = await orgWithChanges(3);
    const r = await admin.get(`/api/orgs/${org.id}/audit/verify`);
    expect(r.statusCode).toBe(200);
    expect(r.json()).toEqual({ chainKey: String(org.id), rows: 3, ok: true });
  });
});

describe('every change writes exactly one audit row, in its own transaction', () => {
  it('successful changes add one row each; failing changes add none', async () => {
    const { org, admin } = await orgWithChanges(0);
    const member = await createAccount(ctx.database, [{ orgId: org.id, role: 'member' }]);
    const steps: Array<{ run: () => ReturnType<Client['get']>; status: number; rows: number }> = [
      { run: () => admin.patch(`/api/orgs/${org.id}`, { name: '新名', version: 1 }), status: 200, rows: 1 },
      { run: () => admin.patch(`/api/orgs/${org.id}`, { name: '旧名', version: 1 }), status: 409, rows: 0 },
      { run: () => admin.post(`/api/orgs/${org.id}/accounts`, { username: uniq('a'), displayName: '甲', grants: [{ role: 'member' }, { role: 'leader' }] }), status: 200, rows: 1 },
      { run: () => admin.post(`/api/orgs/${org.id}/accounts`, { username: member.username, displayName: '乙', grants: [{ role: 'member' }] }), status: 409, rows: 0 },
      { run: () => admin.post(`/api/orgs/${org.id}/accounts`, { username: uniq('a'), displayName: '丙', grants: [{ role: 'unit_handler' }] }), status: 400, rows: 0 },
      { run: () => admin.patch(`/api/orgs/${org.id}/accounts/${member.id}`, { displayName: '丁', version: 1 }), status: 200, rows: 1 },
      { run: () => admin.patch(`/api/orgs/${org.id}/accounts/${member.id}`, { displayName: '戊', version: 1 }), status: 409, rows: 0 },
      { run: () => admin.post(`/api/orgs/${org.id}/accounts/${member.id}/reset-password`), status: 200, rows: 1 },
      { run: () => admin.post(`/api/orgs/${org.id}/grants`, { accountId: member.id, role: 'info_staff' }), status: 200, rows: 1 },
      { run: () => admin.post(`/api/orgs/${org.id}/grants`, { accountId: member.id, role: 'info_staff' }), status: 409, rows: 0 },
    ];
    for (const [i, s] of steps.entries()) {
      const before = await count(org.id);
      const r = await s.run();
      expect(r.statusCode, `step ${i}: ${r.body}`).toBe(s.status);
      expect(await count(org.id), `step ${i}`).toBe(before + s.rows);
    }
    const grantId = (await admin.get(`/api/orgs/${org.id}/accounts/${member.id}`)).json().grants.find((g: { role: string }) => g.role === 'info_staff').id as number;
    const before = await count(org.id);
    expect((await admin.del(`/api/grants/${grantId}`)).statusCode).toBe(200);
    expect(await count(org.id)).toBe(before + 1);
    expect((await verifyChain(ctx.database, String(org.id))).ok).toBe(true);
  });

  it('a transaction that fails after writing its audit row leaves neither the row nor a moved head', async () => {
    const { org } = await orgWithChanges(2);
    const [headBefore] = await ctx.database.db.select().from(auditHeads).where(eq(auditHeads.chainKey, String(org.id)));
    await expect(
      ctx.database.db.transaction(async (tx) => {
        await writeAudit(tx, { accountId: null, name: 'test', requestId: 'r1' }, { orgId: org.id, entityType: 'thing', entityId: 1, action: 'create', after: { a: 1 } });
        throw new Error('boom');
      }),
    ).rejects.toThrow('boom');
    expect(await count(org.id)).toBe(2);
    const [headAfter] = await ctx.database.db.select().from(auditHeads).where(eq(auditHeads.chainKey, String(org.id)));
    expect(headAfter).toEqual(headBefore);
    expect(await verifyChain(ctx.database, String(org.id))).toMatchObject({ ok: true, rows: 2 });
  });
});

describe('tampering is detected at the first broken link', () => {
  it('a changed action', async () => {
    const { org, admin } = await orgWithChanges(5);
    const rows = await auditRows(org.id);
    await ctx.database.db.execute(sql`update audit_log set action = 'delete' where id = ${rows[2].id}`);
    const rep = await verifyChain(ctx.database, String(org.id));
    expect(rep.ok).toBe(false);
    expect(rep.brokenAt).toMatchObject({ id: rows[2].id, seq: 3 });
    expect(rep.brokenAt!.problem).toContain('action');
    const r = await admin.get(`/api/orgs/${org.id}/audit/verify`);
    expect(r.json()).toMatchObject({ ok: false, brokenAt: { id: rows[2].id, seq: 3 } });
  });

  it('a changed after', async () => {
    const { org } = await orgWithChanges(5);
    const rows = await auditRows(org.id);
    await ctx.database.db.execute(sql`update audit_log set "after" = '{"name":"伪造"}'::jsonb where id = ${rows[1].id}`);
    const rep = await verifyChain(ctx.database, String(org.id));
    expect(rep.ok).toBe(false);
    expect(rep.brokenAt).toMatchObject({ id: rows[1].id, seq: 2 });
    expect(rep.brokenAt!.problem).toContain('after');
  });

  it('a changed payload with a recomputed own hash still breaks the next link', async () => {
    const { org } = await orgWithChanges(4);
    const rows = await auditRows(org.id);
    // Forge row 2 consistently (payload, column and own hash) — the next row's prev_hash no longer matches.
    const { createHash } = await import('node:crypto');
    const payload = rows[1].payload.replace('"action":"create"', '"action":"delete"');
    const hash = createHash('sha256').update(rows[1].prevHash + payload).digest('hex');
    await ctx.database.db.execute(sql`update audit_log set action = 'delete', payload = ${payload}, hash = ${hash} where id = ${rows[1].id}`);
    const rep = await verifyChain(ctx.database, String(org.id));
    expect(rep.ok).toBe(false);
    expect(rep.brokenAt).toMatchObject({ id: rows[2].id, seq: 3 });
  });

  it('a deleted middle row', async () => {
    const { org } = await orgWithChanges(5);
    const rows = await auditRows(org.id);
    await ctx.database.db.execute(sql`delete from audit_log where id = ${rows[2].id}`);
    const rep = await verifyChain(ctx.database, String(org.id));
    expect(rep.ok).toBe(false);
    expect(rep.brokenAt).toMatchObject({ id: rows[3].id, seq: 4 });
  });

  it('a deleted last row', async () => {
    const { org } = await orgWithChanges(3);
    const rows = await auditRows(org.id);
    await ctx.database.db.execute(sql`delete from audit_log where id = ${rows[2].id}`);
    const rep = await verifyChain(ctx.database, String(org.id));
    expect(rep.ok).toBe(false);
    expect(rep.brokenAt?.seq).toBe(3);
  });
});

describe('concurrency', () => {
  it('the chain stays intact under 20 concurrent changes in one organization', async () => {
    const { org } = await orgWithChanges(1);
    const admins = await Promise.all(Array.from({ length: 4 }, () => signedIn(ctx, [{ orgId: org.id, role: 'org_admin' }])));
    const results = await Promise.all(
      Array.from({ length: 20 }, (_, i) => admins[i % admins.length].post(`/api/orgs/${org.id}/catalogs/committees`, { name: `专委会${i}` })),
    );
    for (const r of results) expect(r.statusCode, r.body).toBe(200);
    const rows = await auditRows(org.id);
    expect(rows).toHaveLength(21);
    expect(rows.map((r) => r.seq)).toEqual(Array.from({ length: 21 }, (_, i) => i + 1));
    expect(new Set(rows.map((r) => r.prevHash)).size).toBe(21);
    expect(await verifyChain(ctx.database, String(org.id))).toEqual({ chainKey: String(org.id), rows: 21, ok: true });
  });
});
