/** 交办 and the unit's first steps: assign (single and bulk), the unit inbox, 签收, 申请调整 and the office's answer. */
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { and, eq, inArray } from 'drizzle-orm';
import { DEFAULT_PROPOSAL_SETTINGS } from '@common/proposals';
import { auditLog, outbox, proposalAssignments } from '@server/db/schema/index';
import { todayInChina, WorkCalendar } from '@server/lib/workdays';
import { createOrg, createTestApp, createUnit, signedIn, uniq, type Client, type TestContext } from '../../../../test/helpers';
import { assignmentClocks } from './commands/assign-proposal';
import { proposalOrg, submitted } from './proposals.fixtures';

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestApp();
});
afterAll(() => ctx.close());
afterEach(() => {
  vi.useRealTimers();
});

const cal = new WorkCalendar();
const outboxFor = async (accountId: number, eventType: string) =>
  (await ctx.database.db.select().from(outbox).where(eq(outbox.eventType, eventType))).filter((o) =>
    (o.payload as { recipients: number[] }).recipients.includes(accountId),
  );

/** An organization with three units, a handler for each, a member and a registered (non-public) proposal maker. */
async function setup() {
  const o = await proposalOrg(ctx);
  const unit2 = await createUnit(ctx.database, o.org.id, { name: uniq('万方汽车运输公司') });
  const unit3 = await createUnit(ctx.database, o.org.id, { name: uniq('县发展改革委') });
  const handler = (unitId: number) => signedIn(ctx, [{ orgId: o.org.id, role: 'unit_handler', unitId }]);
  const h1 = await handler(o.unit.id);
  const h2 = await handler(unit2.id);
  const h3 = await handler(unit3.id);
  const m = await o.member();
  const registered = async (subject = '关于开通县城至峨溶镇公交线路的建议') => {
    const s = await submitted(m, o.org.id, { subject, isPublic: false });
    const r = await o.staff.post(`/api/proposals/${s.id}/register`, { version: s.version });
    expect(r.statusCode, r.body).toBe(200);
    return r.json() as { id: number; version: number; numberLabel: string };
  };
  return { o, unit2, unit3, h1, h2, h3, m, registered };
}

const assign = (c: Client, p: { id: number; version: number }, body: Record<string, unknown>) =>
  c.post(`/api/proposals/${p.id}/assign`, { version: p.version, ...body });
const assignmentsOf = async (c: Client, id: number) =>
  (await c.get(`/api/proposals/${id}/assignments`)).json().items as Array<
    Record<string, unknown> & { id: number; unitId: number; version: number; status: string }
  >;

describe('assign (交办)', () => {
  it('主办+协办: one lead and co-units, the deadline from the calendar, handlers notified, audited', async () => {
    const { o, unit2, h1, h2, h3, m, registered } = await setup();
    const p = await registered();
    const r = await assign(o.staff, p, { assignMode: 'lead_co', units: [o.unit.id, unit2.id] });
    expect(r.statusCode, r.body).toBe(200);
    const today = todayInChina();
    const due = cal.addWorkdays(cal.addMonths(today, DEFAULT_PROPOSAL_SETTINGS.replyMonths).date, 0);
    expect(r.json()).toMatchObject({
      state: 'assigned',
      assignMode: 'lead_co',
      deadline: due.date,
      deadlineProvisional: due.provisional,
      isKey: false,
      version: p.version + 1,
    });
    const items = await assignmentsOf(o.staff, p.id);
    expect(items.map((a) => [a.unitId, a.role, a.status])).toEqual([
      [o.unit.id, 'lead', 'assigned'],
      [unit2.id, 'co', 'assigned'],
    ]);
    expect(items[0]).toMatchObject({ assignedOn: today, windowEnd: cal.addWorkdays(today, 10).date, deadline: due.date, abilities: [] });
    // The co-unit's opinion to the lead is due coHandlerOpinionMonths later, on a working day; the lead owes none.
    const opinionDue = cal.addWorkdays(cal.addMonths(today, DEFAULT_PROPOSAL_SETTINGS.coHandlerOpinionMonths).date, 0).date;
    expect([items[0].opinionDue, items[1].opinionDue]).toEqual([null, opinionDue]);
    expect(await outboxFor(h1.accountId, 'proposal.assign')).toHaveLength(1);
    expect(await outboxFor(h2.accountId, 'proposal.assign')).toHaveLength(1);
    expect(await outboxFor(h3.accountId, 'proposal.assign')).toHaveLength(0);
    expect(await outboxFor(m.accountId, 'proposal.assign')).toHaveLength(1);
    // Handlers of the assigned units read the (non-public) proposal; the third unit's handler does not.
    expect((await h1.get(`/api/proposals/${p.id}`)).statusCode).toBe(200);
    expect((await h2.get(`/api/proposals/${p.id}/timeline`)).statusCode).toBe(200);
    expect((await h3.get(`/api/proposals/${p.id}`)).statusCode).toBe(404);
    const timeline = (await o.staff.get(`/api/proposals/${p.id}/timeline`)).json().items;
    expect(timeline.at(-1)).toMatchObject({ action: 'assign', fromState: 'registered', toState: 'assigned' });
    // Assigning again is refused by the state machine.
    const again = await assign(o.staff, { id: p.id, version: p.version + 1 }, { assignMode: 'sole', units: [o.unit.id] });
    expect(again.statusCode).toBe(409);
    expect(again.json().code).toBe('proposal_transition_refused');
  });

  it('分办 and 独办; a key proposal names a leader; stale version 409', async () => {
    const { o, unit2, unit3, registered } = await setup();
    const p1 = await registered();
    const r1 = await assign(o.admin, p1, { assignMode: 'separate', units: [o.unit.id, unit2.id, unit3.id] });
    expect(r1.statusCode, r1.body).toBe(200);
    expect((await assignmentsOf(o.staff, p1.id)).map((a) => a.role)).toEqual(['separate', 'separate', 'separate']);
    const p2 = await registered();
    const stale = await assign(o.staff, { id: p2.id, version: p2.version - 1 }, { assignMode: 'sole', units: [unit3.id] });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().code).toBe('conflict_version');
    const leaderId = o.leader.accountId;
    const r2 = await assign(o.staff, p2, { assignMode: 'sole', units: [unit3.id], isKey: true, supervisorAccountId: leaderId });
    expect(r2.statusCode, r2.body).toBe(200);
    expect(r2.json()).toMatchObject({ isKey: true, supervisorAccountId: leaderId, assignMode: 'sole' });
    expect((await assignmentsOf(o.staff, p2.id)).map((a) => a.role)).toEqual(['sole']);
    expect(await outboxFor(leaderId, 'proposal.assign')).toHaveLength(1);
  });

  it('bad input is 400 naming the field; units must be active and serve the organization', async () => {
    const { o, unit2, registered } = await setup();
    const p = await registered();
    const foreign = await createOrg(ctx.database);
    const foreignUnit = await createUnit(ctx.database, foreign.id);
    const inactive = await createUnit(ctx.database, o.org.id, { active: false });
    const serving = await createUnit(ctx.database, foreign.id, { name: uniq('市级单位') });
    const cases: Array<[Record<string, unknown>, string, string]> = [
      [{ assignMode: 'sole', units: [o.unit.id, unit2.id] }, 'units', '「承办单位」该交办方式须指定 1 至 1 个承办单位'],
      [{ assignMode: 'lead_co', units: [o.unit.id] }, 'units', '「承办单位」该交办方式须指定 2 至 10 个承办单位'],
      [{ assignMode: 'separate', units: [o.unit.id, o.unit.id] }, 'units', `「承办单位」承办单位重复：${o.unit.id}`],
      [{ assignMode: 'sole', units: [foreignUnit.id] }, 'units', `「承办单位」找不到「${foreignUnit.id}」`],
      [{ assignMode: 'sole', units: [inactive.id] }, 'units', `「承办单位」找不到「${inactive.id}」`],
      [{ assignMode: 'sole', units: [o.unit.id], isKey: true }, 'supervisorAccountId', '「督办领导」重点提案须指定督办领导'],
      [
        { assignMode: 'sole', units: [o.unit.id], isKey: true, supervisorAccountId: o.staff.accountId },
        'supervisorAccountId',
        `「督办领导」「${o.staff.accountId}」不是本组织的领导`,
      ],
      [
        { assignMode: 'sole', units: [o.unit.id], supervisorAccountId: o.leader.accountId },
        'supervisorAccountId',
        '「督办领导」只有重点提案才指定督办领导',
      ],
      [{ assignMode: 'forward', units: [o.unit.id] }, 'assignMode', ''],
      [{ assignMode: 'sole', units: [] }, 'units', ''],
    ];
    for (const [body, field, message] of cases) {
      const r = await assign(o.staff, p, body);
      expect(r.statusCode, JSON.stringify(body)).toBe(400);
      expect(r.json().field).toBe(field);
      if (message) expect(r.json().message).toBe(message);
    }
    // A unit of another organization that serves this one (unit_orgs) may receive it.
    await ctx.database.db.execute(`insert into unit_orgs (unit_id, org_id) values (${serving.id}, ${o.org.id})`);
    const ok = await assign(o.staff, p, { assignMode: 'sole', units: [serving.id] });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(await ctx.database.db.select().from(proposalAssignments).where(eq(proposalAssignments.proposalId, p.id))).toHaveLength(1);
  });

  it('only the office assigns: a unit handler, a member or a leader gets 403; another organization 404; a submitted proposal 409', async () => {
    const { o, h1, m, registered } = await setup();
    const p = await registered();
    for (const c of [h1, m, o.leader]) expect((await assign(c, p, { assignMode: 'sole', units: [o.unit.id] })).statusCode).toBe(403);
    // A unit can never forward a proposal itself, in bulk either.
    expect(
      (
        await h1.post(`/api/orgs/${o.org.id}/proposals/assign-bulk`, {
          items: [{ proposalId: p.id, assignMode: 'sole', units: [o.unit.id], version: p.version }],
        })
      ).statusCode,
    ).toBe(403);
    const foreign = await createOrg(ctx.database);
    const outsider = await signedIn(ctx, [{ orgId: foreign.id, role: 'proposal_staff' }]);
    expect((await assign(outsider, p, { assignMode: 'sole', units: [o.unit.id] })).statusCode).toBe(404);
    const s = await submitted(m, o.org.id);
    const early = await assign(o.staff, s, { assignMode: 'sole', units: [o.unit.id] });
    expect(early.statusCode).toBe(409);
    expect(early.json().details).toMatchObject({ state: 'submitted', action: 'assign' });
  });
});

describe('bulk assign', () => {
  it('all or nothing: one bad item rolls everything back and the errors name each proposal', async () => {
    const { o, unit2, registered } = await setup();
    const [p1, p2, p3] = [await registered('甲'), await registered('乙'), await registered('丙')];
    const other = await proposalOrg(ctx);
    const om = await other.member();
    const os = await submitted(om, other.org.id);
    const foreignP = (await other.staff.post(`/api/proposals/${os.id}/register`, { version: os.version })).json();
    const url = `/api/orgs/${o.org.id}/proposals/assign-bulk`;
    const bad = await o.staff.post(url, {
      items: [
        { proposalId: p1.id, assignMode: 'sole', units: [o.unit.id], version: p1.version },
        { proposalId: p2.id, assignMode: 'sole', units: [o.unit.id, unit2.id], version: p2.version },
        { proposalId: foreignP.id, assignMode: 'sole', units: [o.unit.id], version: foreignP.version },
        { proposalId: p3.id, assignMode: 'lead_co', units: [o.unit.id, unit2.id], version: p3.version - 1 },
      ],
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json()).toMatchObject({ code: 'proposal_bulk_invalid', field: 'items' });
    expect(bad.json().message).toContain('3 件');
    expect(bad.json().message).toContain(`#${p2.id}`);
    expect(bad.json().details.errors).toMatchObject([
      { index: 1, proposalId: p2.id, status: 400, code: 'validation', field: 'units' },
      { index: 2, proposalId: foreignP.id, status: 404, code: 'not_found' },
      { index: 3, proposalId: p3.id, status: 409, code: 'conflict_version' },
    ]);
    for (const p of [p1, p2, p3]) expect((await o.staff.get(`/api/proposals/${p.id}`)).json().state).toBe('registered');
    expect(await ctx.database.db.select().from(proposalAssignments).where(eq(proposalAssignments.orgId, o.org.id))).toHaveLength(0);
    expect(
      await ctx.database.db
        .select()
        .from(auditLog)
        .where(and(eq(auditLog.orgId, o.org.id), eq(auditLog.action, 'assign'))),
    ).toHaveLength(0);

    const ok = await o.staff.post(url, {
      items: [
        { proposalId: p1.id, assignMode: 'sole', units: [o.unit.id], version: p1.version },
        { proposalId: p2.id, assignMode: 'separate', units: [o.unit.id, unit2.id], version: p2.version },
        { proposalId: p3.id, assignMode: 'lead_co', units: [unit2.id, o.unit.id], version: p3.version },
      ],
    });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(
      ok
        .json()
        .items.map((i: { proposalId: number; state: string; assignmentIds: number[] }) => [i.proposalId, i.state, i.assignmentIds.length]),
    ).toEqual([
      [p1.id, 'assigned', 1],
      [p2.id, 'assigned', 2],
      [p3.id, 'assigned', 2],
    ]);
    // The same proposal twice in one batch: the second is refused by the state machine, and nothing happens.
    const p4 = await registered('丁');
    const dup = await o.staff.post(url, {
      items: [
        { proposalId: p4.id, assignMode: 'sole', units: [o.unit.id], version: p4.version },
        { proposalId: p4.id, assignMode: 'sole', units: [unit2.id], version: p4.version },
      ],
    });
    expect(dup.statusCode).toBe(409);
    expect(dup.json().details.errors).toMatchObject([{ index: 1, proposalId: p4.id, code: 'proposal_transition_refused' }]);
    expect((await o.staff.get(`/api/proposals/${p4.id}`)).json().state).toBe('registered');
    // Another organization's office: 404.
    expect(
      (await other.staff.post(url, { items: [{ proposalId: p4.id, assignMode: 'sole', units: [o.unit.id], version: p4.version }] }))
        .statusCode,
    ).toBe(404);
  });
});

describe('unit inbox', () => {
  it("lists the caller's units' assignments by deadline with a working-day countdown, keyset paged", async () => {
    const { o, unit2, h1, h2, h3, registered } = await setup();
    const p1 = await registered('一');
    const p2 = await registered('二');
    await assign(o.staff, p1, { assignMode: 'sole', units: [o.unit.id] });
    await assign(o.staff, p2, { assignMode: 'lead_co', units: [o.unit.id, unit2.id] });
    // Make p2's deadline the earlier one, so the order is by deadline, not by id.
    const [a2] = await ctx.database.db
      .select()
      .from(proposalAssignments)
      .where(and(eq(proposalAssignments.proposalId, p2.id), eq(proposalAssignments.unitId, o.unit.id)));
    await ctx.database.db.update(proposalAssignments).set({ deadline: '2026-03-02' }).where(eq(proposalAssignments.id, a2.id));
    const url = `/api/orgs/${o.org.id}/unit-inbox`;
    const r = await h1.get(url);
    expect(r.statusCode, r.body).toBe(200);
    const items = r.json().items;
    expect(items.map((i: { proposalId: number }) => i.proposalId)).toEqual([p2.id, p1.id]);
    const today = todayInChina();
    expect(items[0]).toMatchObject({
      subject: '二',
      role: 'lead',
      status: 'assigned',
      deadline: '2026-03-02',
      workdaysLeft: cal.workdaysBetween(today, '2026-03-02').count,
      abilities: ['sign', 'request_adjustment'],
    });
    expect(items[0].workdaysLeft).toBeLessThan(0);
    const due = cal.addWorkdays(cal.addMonths(today, 3).date, 0);
    expect(items[1]).toMatchObject({
      deadline: due.date,
      workdaysLeft: cal.workdaysBetween(today, due.date).count,
      countdownProvisional: due.provisional || cal.workdaysBetween(today, due.date).provisional,
    });
    // Keyset paging.
    const page1 = (await h1.get(`${url}?limit=1`)).json();
    expect(page1.items.map((i: { proposalId: number }) => i.proposalId)).toEqual([p2.id]);
    const page2 = (await h1.get(`${url}?limit=1&cursor=${page1.nextCursor}`)).json();
    expect(page2.items.map((i: { proposalId: number }) => i.proposalId)).toEqual([p1.id]);
    expect(page2.nextCursor).toBeNull();
    expect((await h1.get(`${url}?cursor=bad`)).json()).toMatchObject({ code: 'validation', field: 'cursor' });
    // Other units see only their own.
    expect((await h2.get(url)).json().items.map((i: { proposalId: number; role: string }) => [i.proposalId, i.role])).toEqual([
      [p2.id, 'co'],
    ]);
    expect((await h3.get(url)).json().items).toEqual([]);
    // The office has no inbox (403); another organization 404.
    expect((await o.staff.get(url)).statusCode).toBe(403);
    const foreign = await createOrg(ctx.database);
    const fu = await createUnit(ctx.database, foreign.id);
    const outsider = await signedIn(ctx, [{ orgId: foreign.id, role: 'unit_handler', unitId: fu.id }]);
    expect((await outsider.get(url)).statusCode).toBe(404);
    // A handler of the unit in another organization does not see this organization's assignments either.
    const elsewhere = await signedIn(ctx, [{ orgId: foreign.id, role: 'unit_handler', unitId: o.unit.id }]);
    expect((await elsewhere.get(`/api/orgs/${foreign.id}/unit-inbox`)).json().items).toEqual([]);
  });

  it("merges a two-unit handler's units by deadline, page by page", async () => {
    const { o, unit2, registered } = await setup();
    const both = await signedIn(ctx, [
      { orgId: o.org.id, role: 'unit_handler', unitId: o.unit.id },
      { orgId: o.org.id, role: 'unit_handler', unitId: unit2.id },
    ]);
    const ps = [await registered('甲'), await registered('乙'), await registered('丙'), await registered('丁')];
    const plan: Array<[number, string]> = [
      [o.unit.id, '2026-12-01'],
      [unit2.id, '2026-12-02'],
      [o.unit.id, '2026-12-03'],
      [unit2.id, '2026-12-04'],
    ];
    for (const [i, p] of ps.entries()) {
      await assign(o.staff, p, { assignMode: 'sole', units: [plan[i][0]] });
      await ctx.database.db.update(proposalAssignments).set({ deadline: plan[i][1] }).where(eq(proposalAssignments.proposalId, p.id));
    }
    const url = `/api/orgs/${o.org.id}/unit-inbox?limit=3`;
    const first = (await both.get(url)).json();
    expect(first.items.map((i: { proposalId: number }) => i.proposalId)).toEqual([ps[0].id, ps[1].id, ps[2].id]);
    const next = (await both.get(`${url}&cursor=${first.nextCursor}`)).json();
    expect(next.items.map((i: { proposalId: number }) => i.proposalId)).toEqual([ps[3].id]);
    expect(next.nextCursor).toBeNull();
  });

  it('lists work already done (replied) with the latest deadline first, keyset paged the same way', async () => {
    const { o, h1, registered } = await setup();
    const ps = [await registered('早'), await registered('中'), await registered('晚')];
    for (const p of ps) await assign(o.staff, p, { assignMode: 'sole', units: [o.unit.id] });
    const deadlines = ['2017-04-10', '2021-04-12', '2025-04-14'];
    for (const [i, p] of ps.entries())
      await ctx.database.db
        .update(proposalAssignments)
        .set({ status: 'replied', deadline: deadlines[i] })
        .where(and(eq(proposalAssignments.proposalId, p.id), eq(proposalAssignments.unitId, o.unit.id)));
    const url = `/api/orgs/${o.org.id}/unit-inbox?status=replied&limit=2`;
    const first = (await h1.get(url)).json();
    expect(first.items.map((i: { deadline: string }) => i.deadline)).toEqual(['2025-04-14', '2021-04-12']);
    const next = (await h1.get(`${url}&cursor=${first.nextCursor}`)).json();
    expect(next.items.map((i: { deadline: string }) => i.deadline)).toEqual(['2017-04-10']);
    expect(next.nextCursor).toBeNull();
    // Open work keeps the soonest deadline first.
    await ctx.database.db
      .update(proposalAssignments)
      .set({ status: 'received' })
      .where(
        inArray(
          proposalAssignments.proposalId,
          ps.map((p) => p.id),
        ),
      );
    const open = (await h1.get(`/api/orgs/${o.org.id}/unit-inbox?status=received`)).json();
    expect(open.items.map((i: { deadline: string }) => i.deadline)).toEqual(deadlines);
  });
});

describe('sign for and request adjustment', () => {
  it('签收: only the own unit; when every unit has signed the proposal is being handled', async () => {
    const { o, unit2, h1, h2, h3, registered } = await setup();
    const p = await registered();
    await assign(o.staff, p, { assignMode: 'lead_co', units: [o.unit.id, unit2.id] });
    const [lead, co] = await assignmentsOf(o.staff, p.id);
    const sign = (c: Client, a: { id: number; version: number }) =>
      c.post(`/api/proposal-assignments/${a.id}/sign`, { version: a.version });
    expect((await sign(h2, lead)).statusCode).toBe(404); // the other unit of the same organization
    expect((await sign(h3, lead)).statusCode).toBe(404);
    expect((await sign(o.staff, lead)).statusCode).toBe(403);
    const foreign = await createOrg(ctx.database);
    const fu = await createUnit(ctx.database, foreign.id);
    expect((await sign(await signedIn(ctx, [{ orgId: foreign.id, role: 'unit_handler', unitId: fu.id }]), lead)).statusCode).toBe(404);
    expect((await sign(h1, { id: lead.id, version: lead.version + 1 })).statusCode).toBe(409);
    const r = await sign(h1, lead);
    expect(r.statusCode, r.body).toBe(200);
    // Signed for: the handling steps open (the reply waits for the proposal to be handled and the co opinion).
    expect(r.json().items.find((a: { id: number }) => a.id === lead.id)).toMatchObject({
      status: 'received',
      abilities: ['add_contact', 'request_extension'],
    });
    expect((await o.staff.get(`/api/proposals/${p.id}`)).json().state).toBe('assigned');
    const again = await sign(h1, { id: lead.id, version: lead.version + 1 });
    expect(again.statusCode).toBe(409);
    expect(again.json()).toMatchObject({ code: 'proposal_assignment_refused', message: '该交办当前状态为「已签收」，不能执行「签收」' });
    expect((await sign(h2, co)).statusCode).toBe(200);
    expect((await o.staff.get(`/api/proposals/${p.id}`)).json().state).toBe('handling');
    const timeline = (await h1.get(`/api/proposals/${p.id}/timeline`)).json().items.map((e: { action: string }) => e.action);
    expect(timeline.slice(-4)).toEqual(['assign', 'sign', 'sign', 'receive']);
    expect(await outboxFor(o.staff.accountId, 'proposal.sign')).toHaveLength(2);
    // The inbox filters by status in SQL; an unknown status is 400 naming the field.
    const inbox = `/api/orgs/${o.org.id}/unit-inbox`;
    expect((await h1.get(`${inbox}?status=received`)).json().items.map((i: { id: number }) => i.id)).toEqual([lead.id]);
    expect((await h1.get(`${inbox}?status=assigned`)).json().items).toEqual([]);
    expect((await h1.get(`${inbox}?status=forwarded`)).json()).toMatchObject({ code: 'validation', field: 'status' });
  });

  it('申请调整 → rejected: the unit must sign for; → approved: reassigned to another unit, the old assignment closed', async () => {
    const { o, unit2, unit3, h1, h2, h3, registered } = await setup();
    const p = await registered();
    await assign(o.staff, p, { assignMode: 'lead_co', units: [o.unit.id, unit2.id] });
    const [lead, co] = await assignmentsOf(o.staff, p.id);
    const ask = (c: Client, a: { id: number; version: number }, reason = '不属于本单位职责') =>
      c.post(`/api/proposal-assignments/${a.id}/request-adjustment`, { reason, version: a.version });
    expect((await ask(h1, lead, '  ')).json()).toMatchObject({ code: 'validation', field: 'reason' });
    expect((await ask(h2, lead)).statusCode).toBe(404);
    expect((await ask(o.staff, lead)).statusCode).toBe(403);
    const r = await ask(h1, lead);
    expect(r.statusCode, r.body).toBe(200);
    expect(r.json().items[0]).toMatchObject({ status: 'adjustment_requested', adjustmentReason: '不属于本单位职责' });
    expect(await outboxFor(o.staff.accountId, 'proposal.request_adjustment')).toHaveLength(1);
    // Office answers; a unit cannot answer for it.
    const reject = (c: Client, a: { id: number; version: number }) =>
      c.post(`/api/proposal-assignments/${a.id}/reject-adjustment`, { reason: '属于本单位职责范围', version: a.version });
    expect((await reject(h1, { id: lead.id, version: lead.version + 1 })).statusCode).toBe(403);
    expect((await reject(o.leader, { id: lead.id, version: lead.version + 1 })).statusCode).toBe(403);
    expect((await reject(o.staff, lead)).statusCode).toBe(409); // stale
    const rej = await reject(o.staff, { id: lead.id, version: lead.version + 1 });
    expect(rej.statusCode, rej.body).toBe(200);
    expect(rej.json().items[0]).toMatchObject({ status: 'assigned', adjustmentRejected: true, officeNote: '属于本单位职责范围' });
    expect(await outboxFor(h1.accountId, 'proposal.reject_adjustment')).toHaveLength(1);
    const twice = await ask(h1, { id: lead.id, version: lead.version + 2 });
    expect(twice.statusCode).toBe(409);
    expect(twice.json().code).toBe('proposal_adjustment_rejected_before');
    expect((await assignmentsOf(h1, p.id))[0].abilities).toEqual(['sign']);
    // The co-unit asks, and the office reassigns its part to a third unit.
    expect((await ask(h2, co)).statusCode).toBe(200);
    const approve = (c: Client, body: Record<string, unknown>) =>
      c.post(`/api/proposal-assignments/${co.id}/approve-adjustment`, { version: co.version + 1, ...body });
    expect((await approve(h2, { units: [unit3.id] })).statusCode).toBe(403);
    expect((await approve(o.staff, { units: [o.unit.id] })).json()).toMatchObject({ code: 'validation', field: 'units' });
    const ok = await approve(o.staff, { units: [unit3.id], note: '改由县发展改革委协办' });
    expect(ok.statusCode, ok.body).toBe(200);
    const after = ok.json().items;
    expect(
      after.map((a: { unitId: number; role: string; status: string; replacesId: number | null }) => [
        a.unitId,
        a.role,
        a.status,
        a.replacesId,
      ]),
    ).toEqual([
      [o.unit.id, 'lead', 'assigned', null],
      [unit2.id, 'co', 'closed', null],
      [unit3.id, 'co', 'assigned', co.id],
    ]);
    expect(await outboxFor(h3.accountId, 'proposal.approve_adjustment')).toHaveLength(1);
    // The replacing co-unit gets its own opinion clock from today.
    const today = todayInChina();
    expect(after[2].opinionDue).toBe(cal.addWorkdays(cal.addMonths(today, 1).date, 0).date);
    // The old unit no longer reads the non-public proposal nor sees it in its inbox; the new one does.
    expect((await h2.get(`/api/proposals/${p.id}`)).statusCode).toBe(404);
    expect((await h2.get(`/api/orgs/${o.org.id}/unit-inbox`)).json().items).toEqual([]);
    expect((await h3.get(`/api/orgs/${o.org.id}/unit-inbox`)).json().items.map((i: { proposalId: number }) => i.proposalId)).toEqual([
      p.id,
    ]);
    // Approving again: the closed assignment refuses.
    expect((await approve(o.staff, { units: [unit3.id], version: co.version + 2 })).statusCode).toBe(409);
    const audit = await ctx.database.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.entityType, 'proposal'), eq(auditLog.entityId, String(p.id))));
    expect(audit.map((a) => a.action)).toEqual(
      expect.arrayContaining(['assign', 'request_adjustment', 'reject_adjustment', 'approve_adjustment']),
    );
  });

  it('the window counts working days across the 2026 Spring Festival: from 2026-02-10 the last day is 2026-03-02', async () => {
    const { o, unit2, h1, h2, registered } = await setup();
    const p = await registered();
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date('2026-02-10T02:00:00Z'));
    const r = await assign(o.staff, p, { assignMode: 'separate', units: [o.unit.id, unit2.id] });
    expect(r.statusCode, r.body).toBe(200);
    // 2026-02-10 + 3 months = 2026-05-10, a Sunday → the next working day.
    expect(r.json()).toMatchObject({ deadline: '2026-05-11', deadlineProvisional: false });
    const [a1, a2] = await assignmentsOf(o.staff, p.id);
    expect(a1).toMatchObject({ assignedOn: '2026-02-10', windowEnd: '2026-03-02', windowProvisional: false });
    const inbox = (await h1.get(`/api/orgs/${o.org.id}/unit-inbox`)).json().items;
    expect(inbox[0]).toMatchObject({ workdaysLeft: cal.workdaysBetween('2026-02-10', '2026-05-11').count, countdownProvisional: false });
    // 2026-03-02, 18:00 in China: still inside the window.
    vi.setSystemTime(new Date('2026-03-02T10:00:00Z'));
    expect(
      (await h1.post(`/api/proposal-assignments/${a1.id}/request-adjustment`, { reason: '职责不符', version: a1.version })).statusCode,
    ).toBe(200);
    // 2026-03-03 in China: refused, naming the last day; signing for is still possible.
    vi.setSystemTime(new Date('2026-03-02T16:30:00Z'));
    // The inbox and the proposal page no longer offer 申请调整 for it (the button would only be refused), 签收 they do.
    const offered = (await h2.get(`/api/orgs/${o.org.id}/unit-inbox`)).json().items.find((x: { id: number }) => x.id === a2.id);
    expect(offered.abilities).toEqual(['sign']);
    expect((await assignmentsOf(h2, p.id)).find((x) => x.id === a2.id)?.abilities).toEqual(['sign']);
    const late = await h2.post(`/api/proposal-assignments/${a2.id}/request-adjustment`, { reason: '职责不符', version: a2.version });
    expect(late.statusCode).toBe(409);
    expect(late.json()).toMatchObject({
      code: 'proposal_adjustment_window_closed',
      message: '申请调整的期限已过（最后一天为 2026-03-02），请签收后办理',
    });
    const en = await h2.req(
      'POST',
      `/api/proposal-assignments/${a2.id}/request-adjustment`,
      { reason: 'x', version: a2.version },
      { 'x-lang': 'en' },
    );
    expect(en.json().message).toContain('the last day was 2026-03-02');
    expect((await h2.post(`/api/proposal-assignments/${a2.id}/sign`, { version: a2.version })).statusCode).toBe(200);
  });

  it('an uncovered year makes the clocks provisional', () => {
    const clocks = assignmentClocks(cal, DEFAULT_PROPOSAL_SETTINGS, '2031-03-10');
    expect(clocks).toMatchObject({ windowProvisional: true, deadlineProvisional: true });
    expect(assignmentClocks(cal, DEFAULT_PROPOSAL_SETTINGS, '2026-02-10')).toEqual({
      windowEnd: '2026-03-02',
      windowProvisional: false,
      deadline: '2026-05-11',
      deadlineProvisional: false,
    });
  });
});
