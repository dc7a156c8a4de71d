import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq, sql } from 'drizzle-orm';
import {
  activities,
  activityOutcomes,
  auditLog,
  outbox,
  outcomeInstructions,
  problemIssues,
  workFulfilments,
} from '@server/db/schema/index';
import { todayInChina } from '@server/lib/workdays';
import { createOrg, signedIn, type TestContext } from '../../../../test/helpers';
import { createTestApp } from '../../../../test/helpers';
import { runWorkClocks } from './worksystem.reminders';

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestApp();
});
afterAll(() => ctx.close());

const ok = (r: { statusCode: number; body: string }) => {
  expect(r.statusCode, r.body).toBe(200);
  return JSON.parse(r.body);
};
const minusDays = (n: number) => new Date(Date.parse(`${todayInChina()}T00:00:00Z`) - n * 86_400_000).toISOString().slice(0, 10);

async function workOrg() {
  const org = await createOrg(ctx.database);
  const staff = await signedIn(ctx, [{ orgId: org.id, role: 'general_staff' }]);
  const admin = await signedIn(ctx, [{ orgId: org.id, role: 'org_admin' }]);
  const leader = await signedIn(ctx, [{ orgId: org.id, role: 'leader' }]);
  const member = await signedIn(ctx, [{ orgId: org.id, role: 'member' }]);
  return { org, staff, admin, leader, member };
}

const HEARING = {
  code: 'report_hearing',
  name: '区委每两个月听取一次区政协党组工作汇报',
  frequency: 'months',
  everyMonths: 2,
  responsible: '区委',
  startDate: '2024-01-01',
};

describe('obligations', () => {
  it('staff create, edit (versions → 409) and seed the five defaults once; leaders read; members are refused', async () => {
    const o = await workOrg();
    const made = ok(await o.staff.post(`/api/orgs/${o.org.id}/work-obligations`, HEARING));
    expect(made).toMatchObject({ code: 'report_hearing', everyMonths: 2, fulfilments: 0, abilities: { edit: true, fulfil: true } });
    expect(made.clock.state).toBe('overdue'); // started 2024 and never fulfilled
    const edited = ok(await o.admin.patch(`/api/work-obligations/${made.id}`, { responsible: '区委办公室', version: made.version }));
    expect(edited.responsible).toBe('区委办公室');
    expect((await o.staff.patch(`/api/work-obligations/${made.id}`, { responsible: '旧', version: made.version })).statusCode).toBe(409);
    // every N months needs N
    const bad = await o.staff.post(`/api/orgs/${o.org.id}/work-obligations`, { ...HEARING, everyMonths: null });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().message).toContain('间隔月数');
    // defaults only into an empty list
    expect((await o.staff.post(`/api/orgs/${o.org.id}/work-obligations/defaults`, { startDate: '2025-01-01' })).statusCode).toBe(409);
    const other = await workOrg();
    ok(await other.staff.post(`/api/orgs/${other.org.id}/work-obligations/defaults`, { startDate: '2025-01-01' }));
    const list = ok(await other.leader.get(`/api/orgs/${other.org.id}/work-obligations`)).items;
    expect(list.map((x: { code: string }) => x.code)).toEqual([
      'report_hearing',
      'key_tasks',
      'lead_proposal',
      'plenary_discussion',
      'secretary_consultation',
    ]);
    expect(list[0].abilities).toEqual({ edit: false, fulfil: false });
    expect((await other.leader.post(`/api/orgs/${other.org.id}/work-obligations`, HEARING)).statusCode).toBe(403);
    expect((await other.member.get(`/api/orgs/${other.org.id}/work-obligations`)).statusCode).toBe(403);
    const audits = await ctx.database.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.orgId, o.org.id), eq(auditLog.entityType, 'work_obligation')));
    expect(audits.map((a) => a.action).sort()).toEqual(['create', 'update']);
  });
});

describe('overdue notices (工作制度逾期提醒)', () => {
  it('an overdue obligation is told once to the offices and leaders; fulfilled and inactive ones are not', async () => {
    const o = await workOrg();
    const overdue = ok(await o.staff.post(`/api/orgs/${o.org.id}/work-obligations`, HEARING));
    const fresh = ok(
      await o.staff.post(`/api/orgs/${o.org.id}/work-obligations`, {
        ...HEARING,
        code: 'custom',
        name: '每两个月通报一次',
        startDate: minusDays(10),
      }),
    );
    const off = ok(await o.staff.post(`/api/orgs/${o.org.id}/work-obligations`, { ...HEARING, code: 'custom', name: '已停用的事项' }));
    ok(await o.staff.patch(`/api/work-obligations/${off.id}`, { active: false, version: off.version }));
    const notices = async () =>
      (
        await ctx.database.db
          .select()
          .from(outbox)
          .where(and(eq(outbox.orgId, o.org.id), eq(outbox.eventType, 'work_obligation.overdue')))
      ).map((e) => e.payload as { recipients: number[]; title: string });
    await runWorkClocks(ctx.database.db);
    await runWorkClocks(ctx.database.db); // a second pass (another instance, the next beat) sends nothing again
    const sent = await notices();
    expect(sent.map((n) => n.title)).toEqual([`工作制度事项逾期：${overdue.name}`]);
    expect(sent[0].recipients.sort()).toEqual([o.staff.accountId, o.admin.accountId, o.leader.accountId].sort());
    expect(sent.map((n) => n.title).join()).not.toContain(fresh.name);
    // Fulfilled today: the clock restarts, nothing more is sent.
    ok(await o.staff.post(`/api/work-obligations/${overdue.id}/fulfilments`, { fulfilledOn: todayInChina(), note: '听取汇报' }));
    await runWorkClocks(ctx.database.db);
    expect(await notices()).toHaveLength(1);
  });
});

describe('fulfilments and the clock', () => {
  it('recording a fulfilment clears the overdue flag; dates, links and inactive obligations are checked', async () => {
    const o = await workOrg();
    const ob = ok(await o.staff.post(`/api/orgs/${o.org.id}/work-obligations`, HEARING));
    ok(await o.staff.post(`/api/work-obligations/${ob.id}/fulfilments`, { fulfilledOn: minusDays(90), note: '听取汇报（上次）' }));
    let cur = ok(await o.staff.get(`/api/orgs/${o.org.id}/work-obligations`)).items[0];
    expect(cur.clock.state).toBe('overdue');
    // a linked activity of the organization
    const [a] = await ctx.database.db
      .insert(activities)
      .values({
        orgId: o.org.id,
        type: '专题协商会',
        topic: '常委会专题协商',
        organizerKind: 'office',
        organizerName: '办公室',
        startsAt: new Date(),
        endsAt: new Date(),
        status: 'held',
      })
      .returning();
    const after = ok(
      await o.staff.post(`/api/work-obligations/${ob.id}/fulfilments`, {
        fulfilledOn: todayInChina(),
        note: '区委常委会听取区政协党组工作汇报',
        evidence: '区委常委会会议纪要',
        leaders: ['区委书记'],
        linkKind: 'activity',
        linkId: a.id,
      }),
    );
    expect(after).toMatchObject({ fulfilments: 2, lastFulfilledOn: todayInChina(), clock: { state: 'fulfilled' } });
    const fs = ok(await o.leader.get(`/api/work-obligations/${ob.id}/fulfilments?limit=1`));
    expect(fs.items[0]).toMatchObject({
      linkKind: 'activity',
      linkTitle: '常委会专题协商',
      leaders: ['区委书记'],
      abilities: { edit: false },
    });
    expect(fs.nextCursor).not.toBeNull();
    const page2 = ok(await o.leader.get(`/api/work-obligations/${ob.id}/fulfilments?limit=1&cursor=${fs.nextCursor}`));
    expect(page2.items[0].note).toBe('听取汇报（上次）');
    expect(page2.nextCursor).toBeNull();
    // refused: future date, before the start, unknown or foreign link, half a link
    const tomorrow = new Date(Date.parse(`${todayInChina()}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
    expect((await o.staff.post(`/api/work-obligations/${ob.id}/fulfilments`, { fulfilledOn: tomorrow, note: 'x' })).statusCode).toBe(400);
    expect((await o.staff.post(`/api/work-obligations/${ob.id}/fulfilments`, { fulfilledOn: '2023-05-01', note: 'x' })).statusCode).toBe(
      400,
    );
    const other = await workOrg();
    const [foreign] = await ctx.database.db
      .insert(activities)
      .values({
        orgId: other.org.id,
        type: '视察',
        topic: '别处',
        organizerKind: 'office',
        organizerName: '办公室',
        startsAt: new Date(),
        endsAt: new Date(),
        status: 'held',
      })
      .returning();
    const refusedLink = await o.staff.post(`/api/work-obligations/${ob.id}/fulfilments`, {
      fulfilledOn: todayInChina(),
      note: 'x',
      linkKind: 'activity',
      linkId: foreign.id,
    });
    expect(refusedLink.statusCode).toBe(400);
    expect(refusedLink.json().message).toContain('关联记录');
    expect(
      (await o.staff.post(`/api/work-obligations/${ob.id}/fulfilments`, { fulfilledOn: todayInChina(), note: 'x', linkKind: 'proposal' }))
        .statusCode,
    ).toBe(400);
    expect(
      (
        await o.staff.post(`/api/work-obligations/${ob.id}/fulfilments`, {
          fulfilledOn: todayInChina(),
          note: 'x',
          linkKind: 'info_instruction',
          linkId: 1,
        })
      ).statusCode,
    ).toBe(400);
    // leaders may not record
    expect((await o.leader.post(`/api/work-obligations/${ob.id}/fulfilments`, { fulfilledOn: todayInChina(), note: 'x' })).statusCode).toBe(
      403,
    );
    // an inactive obligation takes no fulfilments (409), and says why
    cur = ok(await o.staff.get(`/api/orgs/${o.org.id}/work-obligations`)).items[0];
    const off = ok(await o.staff.patch(`/api/work-obligations/${ob.id}`, { active: false, version: cur.version }));
    expect(off.abilities.fulfil).toBe(false);
    const refused = await o.staff.post(`/api/work-obligations/${ob.id}/fulfilments`, { fulfilledOn: todayInChina(), note: 'x' });
    expect(refused.statusCode).toBe(409);
    expect(refused.json().message).toContain('停用');
  });

  it('a fulfilment is edited with its version (stale → 409) and audited', async () => {
    const o = await workOrg();
    const ob = ok(
      await o.staff.post(`/api/orgs/${o.org.id}/work-obligations`, {
        ...HEARING,
        code: 'key_tasks',
        frequency: 'yearly',
        everyMonths: null,
      }),
    );
    ok(await o.staff.post(`/api/work-obligations/${ob.id}/fulfilments`, { fulfilledOn: minusDays(1), note: '交办重点工作' }));
    const f = ok(await o.staff.get(`/api/work-obligations/${ob.id}/fulfilments`)).items[0];
    ok(await o.staff.patch(`/api/work-fulfilments/${f.id}`, { note: '交办2026年度重点工作12项', version: f.version }));
    expect((await o.staff.patch(`/api/work-fulfilments/${f.id}`, { note: '旧', version: f.version })).statusCode).toBe(409);
    const audits = await ctx.database.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.orgId, o.org.id), eq(auditLog.entityType, 'work_fulfilment')));
    expect(audits.map((x) => x.action).sort()).toEqual(['create', 'update']);
  });
});

describe('leaders at consultations and the dashboard', () => {
  it('counts the five figures from records and drills down to them; leaders read it, members do not', async () => {
    const o = await workOrg();
    const { db } = ctx.database;
    const ob = ok(await o.staff.post(`/api/orgs/${o.org.id}/work-obligations`, HEARING));
    for (const d of [300, 240, 180])
      ok(await o.staff.post(`/api/work-obligations/${ob.id}/fulfilments`, { fulfilledOn: minusDays(d), note: `听取汇报 ${d}` }));
    const mk = async (status: string, topic: string) =>
      (
        await db
          .insert(activities)
          .values({
            orgId: o.org.id,
            type: '专题协商会',
            topic,
            organizerKind: 'office',
            organizerName: '办公室',
            startsAt: new Date('2025-10-10T01:00:00Z'),
            endsAt: new Date('2025-10-10T04:00:00Z'),
            status,
          })
          .returning()
      )[0];
    const held = await mk('held', '专题协商一');
    const planned = await mk('planned', '专题协商二');
    ok(
      await o.staff.post(`/api/orgs/${o.org.id}/leader-attendances`, { activityId: held.id, leaderName: '张某', leaderTitle: '区委书记' }),
    );
    ok(await o.staff.post(`/api/orgs/${o.org.id}/leader-attendances`, { activityId: held.id, leaderName: '李某', leaderTitle: '区长' }));
    expect((await o.staff.post(`/api/orgs/${o.org.id}/leader-attendances`, { activityId: held.id, leaderName: '李某' })).statusCode).toBe(
      400,
    );
    expect(
      (await o.staff.post(`/api/orgs/${o.org.id}/leader-attendances`, { activityId: planned.id, leaderName: '李某' })).statusCode,
    ).toBe(409);
    const [out] = await db
      .insert(activityOutcomes)
      .values({ orgId: o.org.id, activityId: held.id, kind: 'consultation_report', title: '协商报告' })
      .returning();
    await db.insert(outcomeInstructions).values([
      { orgId: o.org.id, outcomeId: out.id, leader: '市领导', level: '市', text: '请研究', instructedOn: '2025-11-01' },
      { orgId: o.org.id, outcomeId: out.id, leader: '区领导', level: '区', text: '请落实', instructedOn: '2025-11-02' },
    ]);
    const issue = (seq: number, result: string | null) => ({
      orgId: o.org.id,
      outcomeId: out.id,
      activityId: held.id,
      seq,
      title: `问题${seq}`,
      status: result ?? 'open',
      result,
      responseDue: '2025-12-01',
    });
    await db.insert(problemIssues).values([issue(1, 'converted'), issue(2, 'converted'), issue(3, 'resolved'), issue(4, null)]);

    const d = ok(await o.leader.get(`/api/orgs/${o.org.id}/leader-dashboard`));
    expect(d.figures).toMatchObject({ hearings: 3, cityInstructionsOutcomes: 1, convertedOutcomes: 1, leaderConsultations: 1, solved: 1 });
    expect(d.activities.byType).toEqual([{ key: '专题协商会', count: 2 }]);
    expect(d.obligations).toMatchObject({ total: 1, overdue: 1 });
    const items = async (metric: string) => ok(await o.leader.get(`/api/orgs/${o.org.id}/leader-dashboard/items?metric=${metric}`)).items;
    expect((await items('hearings')).length).toBe(3);
    expect(await items('cityInstructions')).toMatchObject([
      { kind: 'outcome_instruction', title: '协商报告', link: `/activity-outcomes/${out.id}` },
    ]);
    expect(await items('converted')).toMatchObject([{ kind: 'outcome', id: out.id, detail: '2 项问题转化落实' }]);
    expect(await items('leaderConsultations')).toMatchObject([
      { kind: 'activity', id: held.id, date: '2025-10-10', detail: '区委书记张某、区长李某' },
    ]);
    expect(await items('solved')).toMatchObject([{ kind: 'problem_issue', title: '问题3' }]);
    // keyset paging through the drill-down
    const p1 = ok(await o.leader.get(`/api/orgs/${o.org.id}/leader-dashboard/items?metric=hearings&limit=2`));
    const p2 = ok(await o.leader.get(`/api/orgs/${o.org.id}/leader-dashboard/items?metric=hearings&limit=2&cursor=${p1.nextCursor}`));
    expect([...p1.items, ...p2.items].map((x: { title: string }) => x.title)).toEqual(['听取汇报 180', '听取汇报 240', '听取汇报 300']);
    expect((await o.leader.get(`/api/orgs/${o.org.id}/leader-dashboard/items?metric=hearings&cursor=bad`)).statusCode).toBe(400);
    expect((await o.leader.get(`/api/orgs/${o.org.id}/leader-dashboard/items?metric=nope`)).statusCode).toBe(400);
    expect((await o.member.get(`/api/orgs/${o.org.id}/leader-dashboard`)).statusCode).toBe(403);

    // attendance list and removal (audited); the cancelled/removed ones stop counting
    const list = ok(await o.leader.get(`/api/orgs/${o.org.id}/leader-attendances`)).items;
    expect(list.length).toBe(2);
    expect(list[0].abilities.delete).toBe(false);
    expect((await o.leader.del(`/api/leader-attendances/${list[0].id}`)).statusCode).toBe(403);
    ok(await o.staff.del(`/api/leader-attendances/${list[0].id}`));
    ok(await o.staff.del(`/api/leader-attendances/${list[1].id}`));
    expect(ok(await o.leader.get(`/api/orgs/${o.org.id}/leader-dashboard`)).figures.leaderConsultations).toBe(0);
    const audits = await db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.orgId, o.org.id), eq(auditLog.entityType, 'leader_attendance')));
    expect(audits.map((x) => x.action).sort()).toEqual(['create', 'create', 'delete', 'delete']);
  });
});

describe('the dashboard cache', () => {
  it('serves the stored aggregates while nothing changed, and moves with every audited change to an input', async () => {
    const { db } = ctx.database;
    // The platform's audit chain is part of the key, and on PostgreSQL other test files write to it concurrently
    // (creating organizations). An attempt during which the platform head moved proves nothing, so it is retried
    // with a new organization; one attempt with the heads unchanged must be served from the cache.
    const platformSeq = async () =>
      Number(
        (
          await ctx.database.rows<{ seq: number | string }>(
            sql`select coalesce((select seq from audit_heads where chain_key = 'platform'), 0) as seq`,
          )
        )[0].seq,
      );
    const mk = async (orgId: number, status: string, topic: string) =>
      (
        await db
          .insert(activities)
          .values({
            orgId,
            type: '专题协商会',
            topic,
            organizerKind: 'office',
            organizerName: '办公室',
            startsAt: new Date('2025-10-10T01:00:00Z'),
            endsAt: new Date('2025-10-10T04:00:00Z'),
            status,
          })
          .returning()
      )[0];
    let found: { o: Awaited<ReturnType<typeof workOrg>>; obId: number; held: number; planned: number } | undefined;
    for (let attempt = 0; attempt < 5 && !found; attempt++) {
      const o = await workOrg();
      const ob = ok(await o.staff.post(`/api/orgs/${o.org.id}/work-obligations`, HEARING));
      const held = await mk(o.org.id, 'held', '专题协商一');
      const planned = await mk(o.org.id, 'planned', '专题协商二');
      const url = `/api/orgs/${o.org.id}/leader-dashboard`;
      const before = await platformSeq();
      const d0 = ok(await o.leader.get(url));
      expect(d0.figures).toMatchObject({ hearings: 0, leaderConsultations: 0 });
      expect(d0.activities.byType).toEqual([{ key: '专题协商会', count: 2 }]);
      const stored = await ctx.database.rows<{ n: number }>(
        sql`select count(*)::int as n from leader_dashboard_cache where org_id = ${o.org.id}`,
      );
      expect(stored[0].n).toBe(1);
      // A write that bypasses the product (no audit row) is not seen: the answer comes from the cache.
      await db.insert(workFulfilments).values({ orgId: o.org.id, obligationId: ob.id, fulfilledOn: minusDays(30), note: '未经审计' });
      const cached = ok(await o.leader.get(url));
      if ((await platformSeq()) !== before) continue;
      expect(cached.figures.hearings).toBe(0);
      found = { o, obId: ob.id, held: held.id, planned: planned.id };
    }
    if (!found) throw new Error('the platform chain moved during every attempt');
    const { o, obId } = found;
    const url = `/api/orgs/${o.org.id}/leader-dashboard`;
    // Each change made through the product writes an audit row, so the next read recomputes and the figure moves.
    ok(await o.staff.post(`/api/work-obligations/${obId}/fulfilments`, { fulfilledOn: minusDays(10), note: '听取汇报' }));
    expect(ok(await o.leader.get(url)).figures.hearings).toBe(2);
    ok(
      await o.staff.post(`/api/orgs/${o.org.id}/leader-attendances`, {
        activityId: found.held,
        leaderName: '张某',
        leaderTitle: '区委书记',
      }),
    );
    expect(ok(await o.leader.get(url)).figures.leaderConsultations).toBe(1);
    const planned = ok(await o.staff.get(`/api/activities/${found.planned}`));
    ok(await o.staff.post(`/api/activities/${found.planned}/cancel`, { reason: '改期', version: planned.version }));
    expect(ok(await o.leader.get(url)).activities.byType).toEqual([{ key: '专题协商会', count: 1 }]);
    // A second read with nothing changed is the stored row again (same figures).
    expect(ok(await o.leader.get(url)).figures).toMatchObject({ hearings: 2, leaderConsultations: 1 });
  });
});
