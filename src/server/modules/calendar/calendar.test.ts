import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq, inArray } from 'drizzle-orm';
import { ROLES, type Role } from '@common/roles';
import { auditLog, calendarOverrides, calendarYears } from '@server/db/schema/index';
import { loadWorkCalendar } from '@server/lib/workdays';
import { createOrg, createTestApp, eventually, signedIn, type Client, type TestContext } from '../../../../test/helpers';

let ctx: TestContext;
let admin: Client;
let staff: Client;
let orgId: number;

// The calendar is one national table: this file cleans up the days and years it touches (the PostgreSQL run shares
// one database between test files).
const DAYS = ['2026-03-02', '2026-03-09', '2027-01-01', '2027-01-02', '2027-01-03', '2027-02-06'];
const YEARS = [2027];

async function cleanup() {
  await ctx.database.db.delete(calendarOverrides).where(inArray(calendarOverrides.day, DAYS));
  await ctx.database.db.delete(calendarYears).where(inArray(calendarYears.year, YEARS));
}

beforeAll(async () => {
  ctx = await createTestApp();
  await cleanup();
  const root = await createOrg(ctx.database);
  const org = await createOrg(ctx.database);
  orgId = org.id;
  admin = await signedIn(ctx, [{ orgId: root.id, role: 'platform_admin' }]);
  staff = await signedIn(ctx, [{ orgId, role: 'proposal_staff' }]);
});
afterAll(async () => {
  await cleanup();
  await ctx.close();
});

describe('reads', () => {
  it('compute: +10 working days from 2026-02-10 is 2026-03-02', async () => {
    const r = await staff.get('/api/calendar/compute?from=2026-02-10&amount=10&unit=workdays');
    expect(r.statusCode, r.body).toBe(200);
    expect(r.json()).toEqual({ from: '2026-02-10', amount: 10, unit: 'workdays', date: '2026-03-02', provisional: false });
  });

  it('compute: months clamp, days, negative amounts', async () => {
    expect((await staff.get('/api/calendar/compute?from=2026-01-31&amount=1&unit=months')).json()).toMatchObject({ date: '2026-02-28', provisional: false });
    expect((await staff.get('/api/calendar/compute?from=2026-02-10&amount=30&unit=days')).json()).toMatchObject({ date: '2026-03-12' });
    expect((await staff.get('/api/calendar/compute?from=2026-10-08&amount=-1&unit=workdays')).json()).toMatchObject({ date: '2026-09-30' });
  });

  it('compute: a result in 2027 is provisional', async () => {
    const r = await staff.get('/api/calendar/compute?from=2026-12-30&amount=3&unit=workdays');
    expect(r.json()).toMatchObject({ provisional: true });
    const d = await staff.get('/api/calendar/days?year=2027');
    expect(d.json()).toEqual({ year: 2027, provisional: true, days: [] });
  });

  it('days: 2026 Spring Festival and National Day, in the caller’s language', async () => {
    const r = await staff.get('/api/calendar/days?year=2026');
    expect(r.statusCode, r.body).toBe(200);
    const body = r.json() as { year: number; provisional: boolean; days: Array<{ date: string; workday: boolean; kind: string; name: string; source: string }> };
    expect(body.provisional).toBe(false);
    const byDate = new Map(body.days.map((d) => [d.date, d]));
    for (let d = 15; d <= 23; d++) expect(byDate.get(`2026-02-${d}`)).toMatchObject({ workday: false, kind: 'holiday', name: '春节', source: 'package' });
    expect(byDate.get('2026-02-14')).toMatchObject({ workday: true, kind: 'adjusted_workday' });
    expect(byDate.get('2026-02-28')).toMatchObject({ workday: true, kind: 'adjusted_workday' });
    expect(byDate.get('2026-10-01')).toMatchObject({ workday: false, kind: 'holiday', name: '国庆节' });
    expect(byDate.has('2026-03-07')).toBe(false); // an ordinary weekend is not listed
    const en = await staff.req('GET', '/api/calendar/days?year=2026', undefined, { 'x-lang': 'en' });
    expect((en.json() as typeof body).days.find((d) => d.date === '2026-10-01')?.name).toBe('National Day');
  });

  it('years: the package years and 2027 as provisional', async () => {
    const r = await staff.get('/api/calendar/years');
    expect(r.statusCode, r.body).toBe(200);
    const items = (r.json() as { items: Array<{ year: number; inPackage: boolean; provisional: boolean }> }).items;
    expect(items.find((y) => y.year === 2026)).toMatchObject({ inPackage: true, provisional: false });
    expect(items.find((y) => y.year === 2027)).toMatchObject({ inPackage: false, provisional: true, official: false });
  });

  it('every role of any organization may read (the calendar is national, no organization is involved)', async () => {
    const other = await createOrg(ctx.database);
    for (const role of ROLES.filter((x) => x !== 'platform_admin') as Role[]) {
      const c = await signedIn(ctx, [{ orgId: other.id, role }]);
      for (const url of ['/api/calendar/compute?from=2026-02-10&amount=10&unit=workdays', '/api/calendar/days?year=2026', '/api/calendar/overrides?year=2026', '/api/calendar/years']) {
        expect((await c.get(url)).statusCode, `${role} ${url}`).toBe(200);
      }
    }
  });

  it('bad input gives 400 naming the field', async () => {
    const cases: Array<[string, string]> = [
      ['/api/calendar/compute?from=2026-02-30&amount=1&unit=workdays', 'from'],
      ['/api/calendar/compute?from=20260210&amount=1&unit=workdays', 'from'],
      ['/api/calendar/compute?from=1800-01-01&amount=1&unit=workdays', 'from'],
      ['/api/calendar/compute?amount=1&unit=workdays', 'from'],
      ['/api/calendar/compute?from=2026-02-10&amount=x&unit=workdays', 'amount'],
      ['/api/calendar/compute?from=2026-02-10&amount=1.5&unit=workdays', 'amount'],
      ['/api/calendar/compute?from=2026-02-10&amount=99999&unit=workdays', 'amount'],
      ['/api/calendar/compute?from=2026-02-10&amount=1&unit=weeks', 'unit'],
      ['/api/calendar/days?year=abc', 'year'],
      ['/api/calendar/days?year=99999', 'year'],
      ['/api/calendar/overrides?year=20', 'year'],
      ['/api/calendar/overrides?cursor=notbase64!', 'cursor'],
    ];
    for (const [url, field] of cases) {
      const r = await staff.get(url);
      expect(r.statusCode, `${url} ${r.body}`).toBe(400);
      expect(r.json(), url).toMatchObject({ code: 'validation', field });
    }
    const bad = await admin.put('/api/calendar/overrides/2026-02-30', { kind: 'holiday', name: 'x' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json()).toMatchObject({ field: 'day' });
    expect((await admin.put('/api/calendar/overrides/2026-03-02', { kind: 'off', name: 'x' })).json()).toMatchObject({ field: 'kind' });
    expect((await admin.put('/api/calendar/overrides/2026-03-02', { kind: 'holiday', name: 'x'.repeat(41) })).json()).toMatchObject({ field: 'name' });
    expect((await admin.put('/api/calendar/years/1800', { official: true, note: '' })).json()).toMatchObject({ field: 'year' });
    expect((await admin.put('/api/calendar/years/2027', { note: '' })).json()).toMatchObject({ field: 'official' });
    expect((await admin.del('/api/calendar/overrides/not-a-day')).json()).toMatchObject({ field: 'day' });
  });
});

describe('writes', () => {
  it('an override making 2026-03-02 a holiday moves the result to 2026-03-03; deleting it restores', async () => {
    const put = await admin.put('/api/calendar/overrides/2026-03-02', { kind: 'holiday', name: '临时放假' });
    expect(put.statusCode, put.body).toBe(200);
    expect(put.json()).toMatchObject({ day: '2026-03-02', kind: 'holiday', name: '临时放假' });
    const r = await staff.get('/api/calendar/compute?from=2026-02-10&amount=10&unit=workdays');
    expect(r.json()).toMatchObject({ date: '2026-03-03', provisional: false });
    const days = (await staff.get('/api/calendar/days?year=2026')).json() as { days: Array<{ date: string; source: string; name: string }> };
    expect(days.days.find((d) => d.date === '2026-03-02')).toMatchObject({ source: 'override', name: '临时放假' });

    // Updating the same day is an update, not a duplicate.
    const upd = await admin.put('/api/calendar/overrides/2026-03-02', { kind: 'holiday', name: '改名' });
    expect(upd.json()).toMatchObject({ name: '改名' });

    const del = await admin.del('/api/calendar/overrides/2026-03-02');
    expect(del.statusCode, del.body).toBe(200);
    expect((await staff.get('/api/calendar/compute?from=2026-02-10&amount=10&unit=workdays')).json()).toMatchObject({ date: '2026-03-02' });
    expect((await admin.del('/api/calendar/overrides/2026-03-02')).statusCode).toBe(404);

    const audit = await ctx.database.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.chainKey, 'platform'), eq(auditLog.entityType, 'calendar_override'), eq(auditLog.entityId, '2026-03-02')));
    expect(audit.map((a) => a.action)).toEqual(['create', 'update', 'delete']);
    expect(audit.every((a) => a.orgId === null && a.actorAccountId === admin.accountId)).toBe(true);
  });

  it('marking 2027 official with its holidays entered clears provisional', async () => {
    for (const day of ['2027-01-01', '2027-01-02', '2027-01-03']) {
      expect((await admin.put(`/api/calendar/overrides/${day}`, { kind: 'holiday', name: '元旦' })).statusCode).toBe(200);
    }
    expect((await admin.put('/api/calendar/overrides/2027-02-06', { kind: 'workday', name: '春节调休' })).statusCode).toBe(200);
    // Entered but not yet official: still provisional.
    expect((await staff.get('/api/calendar/compute?from=2026-12-31&amount=1&unit=workdays')).json()).toMatchObject({ date: '2027-01-04', provisional: true });

    const y = await admin.put('/api/calendar/years/2027', { official: true, note: '国务院办公厅通知' });
    expect(y.statusCode, y.body).toBe(200);
    expect(y.json()).toEqual({ year: 2027, inPackage: false, official: true, note: '国务院办公厅通知', provisional: false });

    expect((await staff.get('/api/calendar/compute?from=2026-12-31&amount=1&unit=workdays')).json()).toMatchObject({ date: '2027-01-04', provisional: false });
    const days = (await staff.get('/api/calendar/days?year=2027')).json() as { provisional: boolean; days: Array<{ date: string; kind: string }> };
    expect(days.provisional).toBe(false);
    expect(days.days.map((d) => [d.date, d.kind])).toEqual([
      ['2027-01-01', 'holiday'],
      ['2027-01-02', 'holiday'],
      ['2027-01-03', 'holiday'],
      ['2027-02-06', 'adjusted_workday'],
    ]);
    const years = (await staff.get('/api/calendar/years')).json() as { items: Array<{ year: number; provisional: boolean; official: boolean }> };
    expect(years.items.find((i) => i.year === 2027)).toMatchObject({ official: true, provisional: false });

    const list = await staff.get('/api/calendar/overrides?year=2027&limit=2');
    const page1 = list.json() as { items: Array<{ day: string }>; nextCursor: string | null };
    expect(page1.items.map((i) => i.day)).toEqual(['2027-01-01', '2027-01-02']);
    expect(page1.nextCursor).not.toBeNull();
    const page2 = (await staff.get(`/api/calendar/overrides?year=2027&limit=2&cursor=${page1.nextCursor}`)).json() as typeof page1;
    expect(page2.items.map((i) => i.day)).toEqual(['2027-01-03', '2027-02-06']);
    expect(page2.nextCursor).toBeNull();

    // Marking it not official again makes it provisional again.
    await admin.put('/api/calendar/years/2027', { official: false, note: '' });
    expect((await staff.get('/api/calendar/days?year=2027')).json()).toMatchObject({ provisional: true });
    const audit = await ctx.database.db.select().from(auditLog).where(and(eq(auditLog.entityType, 'calendar_year'), eq(auditLog.entityId, '2027')));
    expect(audit.map((a) => [a.action, a.chainKey])).toEqual([
      ['create', 'platform'],
      ['update', 'platform'],
    ]);
  });

  it('the cached calendar sees changes another app instance writes to the shared database', async () => {
    const { db } = ctx.database;
    const first = await loadWorkCalendar(db);
    expect(await loadWorkCalendar(db)).toBe(first); // unchanged tables: the cached instance
    const nextWorkday = async () => ((await staff.get('/api/calendar/compute?from=2026-03-06&amount=1&unit=workdays')).json() as { date: string }).date;
    expect(await nextWorkday()).toBe('2026-03-09');
    // Written by hand, as another instance or the CLI would: the notification (xs_config) reaches this instance.
    await db.insert(calendarOverrides).values({ day: '2026-03-09', kind: 'holiday', name: '别处录入' });
    await eventually(async () => (await nextWorkday()) === '2026-03-10');
    await db.update(calendarOverrides).set({ kind: 'workday' }).where(eq(calendarOverrides.day, '2026-03-09'));
    await eventually(async () => (await nextWorkday()) === '2026-03-09');
    const listed = async () =>
      ((await staff.get('/api/calendar/days?year=2026')).json() as { days: Array<{ date: string }> }).days.some((d) => d.date === '2026-03-09');
    expect(await listed()).toBe(true); // the workday override is one of the year's non-ordinary days
    await db.delete(calendarOverrides).where(eq(calendarOverrides.day, '2026-03-09'));
    await eventually(async () => !(await listed()));
    expect(await loadWorkCalendar(db)).not.toBe(first);
  });

  it('refuses every write to anyone who is not a platform admin (403), whatever their roles', async () => {
    const org = await createOrg(ctx.database);
    const everything = await signedIn(
      ctx,
      (ROLES.filter((r) => r !== 'platform_admin' && r !== 'unit_handler') as Role[]).map((role) => ({ orgId: org.id, role })),
    );
    for (const c of [staff, everything]) {
      expect((await c.put('/api/calendar/overrides/2026-03-09', { kind: 'holiday', name: 'x' })).statusCode).toBe(403);
      expect((await c.del('/api/calendar/overrides/2026-03-09')).statusCode).toBe(403);
      expect((await c.put('/api/calendar/years/2027', { official: true, note: '' })).statusCode).toBe(403);
    }
    expect(await ctx.database.db.select().from(calendarOverrides).where(eq(calendarOverrides.day, '2026-03-09'))).toEqual([]);
  });

  it('writes need the CSRF token', async () => {
    const r = await admin.req('PUT', '/api/calendar/overrides/2026-03-09', { kind: 'holiday', name: 'x' }, { 'x-csrf-token': 'wrong' });
    expect(r.statusCode).toBe(403);
  });
});

describe('unauthenticated', () => {
  it('gets 401 on every calendar route', async () => {
    const calls: Array<[('GET' | 'PUT' | 'DELETE'), string, unknown]> = [
      ['GET', '/api/calendar/compute?from=2026-02-10&amount=10&unit=workdays', undefined],
      ['GET', '/api/calendar/days?year=2026', undefined],
      ['GET', '/api/calendar/overrides', undefined],
      ['GET', '/api/calendar/years', undefined],
      ['PUT', '/api/calendar/overrides/2026-03-09', { kind: 'holiday', name: 'x' }],
      ['DELETE', '/api/calendar/overrides/2026-03-09', undefined],
      ['PUT', '/api/calendar/years/2027', { official: true, note: '' }],
    ];
    for (const [method, url, payload] of calls) {
      const r = await ctx.app.inject({ method, url, payload: payload as Record<string, unknown> | undefined });
      expect(r.statusCode, `${method} ${url}`).toBe(401);
      expect(r.json()).toMatchObject({ code: 'unauthenticated' });
    }
  });
});
