import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { notifications } from '@server/db/schema/index';
import { createOrg, createTestApp, signedIn, type TestContext } from '../../../../test/helpers';

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestApp();
});
afterAll(() => ctx.close());

async function notify(accountId: number, orgId: number | null, n: number) {
  const rows = await ctx.database.db
    .insert(notifications)
    .values(Array.from({ length: n }, (_, i) => ({ accountId, orgId, kind: 'test', title: `通知${i}`, body: '内容', link: `/n/${i}` })))
    .returning();
  return rows.map((r) => r.id);
}

describe('notifications', () => {
  it('lists the caller’s own notifications across organizations, newest first, with an unread filter and paging', async () => {
    const a = await createOrg(ctx.database);
    const b = await createOrg(ctx.database);
    const me = await signedIn(ctx, [{ orgId: a.id, role: 'member' }, { orgId: b.id, role: 'member' }]);
    const someoneElse = await signedIn(ctx, [{ orgId: a.id, role: 'member' }]);
    const mineA = await notify(me.accountId, a.id, 3);
    const mineB = await notify(me.accountId, b.id, 2);
    await notify(someoneElse.accountId, a.id, 4);

    const all = await me.get('/api/notifications');
    expect(all.statusCode, all.body).toBe(200);
    const ids = all.json().items.map((n: { id: number }) => n.id);
    expect(ids).toEqual([...mineA, ...mineB].sort((x, y) => y - x));
    expect(all.json().items[0]).toMatchObject({ kind: 'test', read: false, readAt: null, orgId: b.id });

    const paged: number[] = [];
    let cursor: string | null = null;
    do {
      const r = await me.get(`/api/notifications?limit=2${cursor ? `&cursor=${cursor}` : ''}`);
      paged.push(...r.json().items.map((n: { id: number }) => n.id));
      cursor = r.json().nextCursor;
    } while (cursor);
    expect(paged).toEqual(ids);

    expect((await me.get('/api/notifications/unread-count')).json()).toEqual({ count: 5 });
    const read = await me.post(`/api/notifications/${mineA[0]}/read`);
    expect(read.statusCode, read.body).toBe(200);
    expect(read.json()).toMatchObject({ id: mineA[0], read: true });
    expect(read.json().readAt).not.toBeNull();
    // idempotent
    expect((await me.post(`/api/notifications/${mineA[0]}/read`)).statusCode).toBe(200);
    expect((await me.get('/api/notifications/unread-count')).json()).toEqual({ count: 4 });
    const unread = await me.get('/api/notifications?unread=true');
    expect(unread.json().items.map((n: { id: number }) => n.id)).not.toContain(mineA[0]);
    expect(unread.json().items).toHaveLength(4);
    expect((await me.get('/api/notifications?unread=maybe')).json().field).toBe('unread');

    const all2 = await me.post('/api/notifications/read-all');
    expect(all2.statusCode).toBe(200);
    expect(all2.json()).toEqual({ ok: true, count: 4 });
    expect((await me.get('/api/notifications/unread-count')).json()).toEqual({ count: 0 });
    expect((await me.get('/api/notifications?unread=true')).json().items).toHaveLength(0);
    // Nobody else's notifications were touched.
    expect((await someoneElse.get('/api/notifications/unread-count')).json()).toEqual({ count: 4 });
  });

  it('another person’s notification is 404 and stays unread', async () => {
    const org = await createOrg(ctx.database);
    const other = await createOrg(ctx.database);
    const owner = await signedIn(ctx, [{ orgId: org.id, role: 'member' }]);
    const sameOrg = await signedIn(ctx, [{ orgId: org.id, role: 'org_admin' }]);
    const otherOrg = await signedIn(ctx, [{ orgId: other.id, role: 'member' }]);
    const [id] = await notify(owner.accountId, org.id, 1);
    expect((await sameOrg.post(`/api/notifications/${id}/read`)).statusCode).toBe(404);
    expect((await otherOrg.post(`/api/notifications/${id}/read`)).statusCode).toBe(404);
    expect((await owner.post('/api/notifications/999999999/read')).statusCode).toBe(404);
    expect((await otherOrg.get('/api/notifications')).json().items).toHaveLength(0);
    const [row] = await ctx.database.db.select().from(notifications).where(eq(notifications.id, id));
    expect(row.readAt).toBeNull();
  });

  it('needs a signed-in caller and the CSRF token for changes', async () => {
    for (const [method, url] of [
      ['GET', '/api/notifications'],
      ['GET', '/api/notifications/unread-count'],
      ['POST', '/api/notifications/1/read'],
      ['POST', '/api/notifications/read-all'],
    ] as const) {
      expect((await ctx.app.inject({ method, url })).statusCode).toBe(401);
    }
    const org = await createOrg(ctx.database);
    const c = await signedIn(ctx, [{ orgId: org.id, role: 'member' }]);
    expect((await c.req('POST', '/api/notifications/read-all', {}, { 'x-csrf-token': 'wrong' })).statusCode).toBe(403);
  });
});
