/** 评价, 结束评价, 重新办理, 办结, 好提案, 督办, the overdue and key-proposal lists. */
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { auditLog, outbox, proposalAssignments, proposalEvaluations, proposals } from '@server/db/schema/index';
import { WorkCalendar } from '@server/lib/workdays';
import { createOrg, createTestApp, signedIn, type Client, type TestContext } from '../../../../test/helpers';
import { repliedProposal, versionOf } from './evaluation.fixtures';
import { proposalOrg, shiftDay, submitted } from './proposals.fixtures';

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
const evaluate = (c: Client, id: number, body: Record<string, unknown> = {}) =>
  c.post(`/api/proposals/${id}/evaluate`, { workRating: 'satisfied', resultRating: 'satisfied', ...body });
const auditActions = async (id: number) =>
  (
    await ctx.database.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.entityType, 'proposal'), eq(auditLog.entityId, String(id))))
  ).map((a) => a.action);
const setProposal = (id: number, set: Partial<typeof proposals.$inferInsert>) =>
  ctx.database.db.update(proposals).set(set).where(eq(proposals.id, id));

describe('evaluation (评价)', () => {
  it('each confirmed proposer rates once; the last rating completes it (replied → evaluated), audited and notified', async () => {
    const o = await proposalOrg(ctx);
    const r = await repliedProposal(ctx, o, { cosigners: 1, invited: true });
    const [co] = r.cosigners;
    // The list: one row per confirmed proposer; `mine` only for the caller's own pending row.
    const view = (await r.first.get(`/api/proposals/${r.p.id}/evaluations`)).json();
    expect(view).toMatchObject({ round: 1, due: r.due, dueProvisional: false });
    expect(view.items.map((i: { proposerId: number; mine: boolean; status: string }) => [i.proposerId, i.mine, i.status])).toEqual([
      [r.proposerRows[0].id, true, 'pending'],
      [r.proposerRows[1].id, false, 'pending'],
    ]);
    // The unit's handler and the office read it; nobody may rate for them.
    expect((await r.handler.get(`/api/proposals/${r.p.id}/evaluations`)).json().items.every((i: { mine: boolean }) => !i.mine)).toBe(true);
    expect((await o.staff.get(`/api/proposals/${r.p.id}/evaluations`)).statusCode).toBe(200);

    const one = await evaluate(r.first, r.p.id, { workRating: 'satisfied', resultRating: 'basically_satisfied', comments: '沟通及时' });
    expect(one.statusCode, one.body).toBe(200);
    expect(one.json()).toMatchObject({ state: 'replied', version: r.p.version });
    const again = await evaluate(r.first, r.p.id);
    expect(again.statusCode).toBe(409);
    expect(again.json()).toMatchObject({ code: 'proposal_already_evaluated', message: '您已评价过本轮办理，不能重复评价' });
    // The invited (unconfirmed) co-signer, another member and the office have no row to rate: 403.
    for (const c of [r.invited!, await o.member(), o.staff]) expect((await evaluate(c, r.p.id)).statusCode).toBe(403);
    // The unit handler holds no proposer relation either.
    expect((await evaluate(r.handler, r.p.id)).statusCode).toBe(403);
    // Another organization: 404.
    const foreign = await createOrg(ctx.database);
    expect((await evaluate(await signedIn(ctx, [{ orgId: foreign.id, role: 'member' }]), r.p.id)).statusCode).toBe(404);

    const last = await evaluate(co, r.p.id, { workRating: 'dissatisfied', resultRating: 'dissatisfied', comments: '没有解决' });
    expect(last.statusCode, last.body).toBe(200);
    expect(last.json()).toMatchObject({ state: 'evaluated', version: r.p.version + 1 });
    expect(last.json().evaluatedAt).not.toBeNull();
    const after = (await o.staff.get(`/api/proposals/${r.p.id}/evaluations`)).json().items;
    expect(after.map((i: { status: string; workRating: string }) => [i.status, i.workRating])).toEqual([
      ['rated', 'satisfied'],
      ['rated', 'dissatisfied'],
    ]);
    expect(after[0].comments).toBe('沟通及时');
    expect(await auditActions(r.p.id)).toEqual(['evaluate', 'evaluate', 'complete_evaluation']);
    const timeline = (await o.staff.get(`/api/proposals/${r.p.id}/timeline`)).json().items;
    expect(timeline.at(-1)).toMatchObject({
      action: 'complete_evaluation',
      fromState: 'replied',
      toState: 'evaluated',
      details: { rated: 2, noResponse: 0, dissatisfied: true },
    });
    expect(await outboxFor(o.staff.accountId, 'proposal.complete_evaluation')).toHaveLength(1);
    expect(await outboxFor(r.handler.accountId, 'proposal.complete_evaluation')).toHaveLength(1);
    expect(await outboxFor(o.staff.accountId, 'proposal.evaluate')).toHaveLength(2);
    // Evaluating an evaluated proposal: refused by the state machine.
    const late = await evaluate(co, r.p.id);
    expect(late.statusCode).toBe(409);
    expect(late.json()).toMatchObject({ code: 'proposal_transition_refused', details: { state: 'evaluated', action: 'evaluate' } });
  });

  it('a collective proposal is rated by its agent; bad ratings are 400 naming the field', async () => {
    const o = await proposalOrg(ctx);
    const agent = await signedIn(ctx, [{ orgId: o.org.id, role: 'member' }]);
    const r = await repliedProposal(ctx, o, { collectiveAgent: agent });
    const bad = await evaluate(agent, r.p.id, { workRating: 'great' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().field).toBe('workRating');
    expect(bad.json().message).toContain('办理工作评价');
    const wrongRow = await evaluate(agent, r.p.id, { proposerId: 999_999 });
    expect(wrongRow.statusCode).toBe(400);
    expect(wrongRow.json().field).toBe('proposerId');
    expect((await agent.get(`/api/proposals/${r.p.id}/evaluations`)).json().items[0]).toMatchObject({
      proposerName: r.collective!.name,
      mine: true,
    });
    const ok = await evaluate(agent, r.p.id, { proposerId: r.proposerRows[0].id });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json().state).toBe('evaluated');
  });

  it('the window counts working days across the 2026 Spring Festival: replied on 2026-02-10, the last day is 2026-03-09', async () => {
    const o = await proposalOrg(ctx);
    const r = await repliedProposal(ctx, o, { cosigners: 1 });
    const due = cal.addWorkdays('2026-02-10', 15);
    // 15 working days: the 春节 holiday (02-15 … 02-23) does not count; the adjusted Saturdays 02-14 and 02-28 do.
    expect(due).toEqual({ date: '2026-03-09', provisional: false });
    await setProposal(r.p.id, { evaluationDue: due.date });
    // Signed in before the clock is moved back (sessions are stamped by the database's clock).
    const foreign = await createOrg(ctx.database);
    const outsider = await signedIn(ctx, [{ orgId: foreign.id, role: 'proposal_staff' }]);
    vi.useFakeTimers({ toFake: ['Date'] });
    // 2026-03-09 at 18:00 in China: still open.
    vi.setSystemTime(new Date('2026-03-09T10:00:00Z'));
    expect((await evaluate(r.first, r.p.id)).statusCode).toBe(200);
    const early = await o.staff.post(`/api/proposals/${r.p.id}/complete-evaluation`, { version: r.p.version });
    expect(early.statusCode).toBe(409);
    expect(early.json()).toMatchObject({
      code: 'proposal_evaluation_not_due',
      message: '评价期限尚未届满（最后一天为 2026-03-09），期满后才能结束评价',
    });
    // 2026-03-10 in China: closed, naming the last day.
    vi.setSystemTime(new Date('2026-03-09T16:30:00Z'));
    const late = await evaluate(r.cosigners[0], r.p.id);
    expect(late.statusCode).toBe(409);
    expect(late.json()).toMatchObject({ code: 'proposal_evaluation_closed', message: '评价期限已过（最后一天为 2026-03-09），不能再评价' });
    const en = await r.cosigners[0].req(
      'POST',
      `/api/proposals/${r.p.id}/evaluate`,
      { workRating: 'satisfied', resultRating: 'satisfied' },
      { 'x-lang': 'en' },
    );
    expect(en.json().message).toContain('the last day was 2026-03-09');
    expect((await r.cosigners[0].get(`/api/proposals/${r.p.id}/evaluations`)).json().items.every((i: { mine: boolean }) => !i.mine)).toBe(
      true,
    );
    // The office completes it now: the missing rating becomes 未表态.
    const stale = await o.staff.post(`/api/proposals/${r.p.id}/complete-evaluation`, { version: r.p.version - 1 });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().code).toBe('conflict_version');
    expect((await r.first.post(`/api/proposals/${r.p.id}/complete-evaluation`, { version: r.p.version })).statusCode).toBe(403);
    expect((await outsider.post(`/api/proposals/${r.p.id}/complete-evaluation`, { version: r.p.version })).statusCode).toBe(404);
    const done = await o.staff.post(`/api/proposals/${r.p.id}/complete-evaluation`, { version: r.p.version });
    expect(done.statusCode, done.body).toBe(200);
    expect(done.json()).toMatchObject({ state: 'evaluated', version: r.p.version + 1 });
    const rows = await ctx.database.db.select().from(proposalEvaluations).where(eq(proposalEvaluations.proposalId, r.p.id));
    expect(rows.map((x) => x.status).sort()).toEqual(['no_response', 'rated']);
    const again = await o.staff.post(`/api/proposals/${r.p.id}/complete-evaluation`, { version: r.p.version + 1 });
    expect(again.statusCode).toBe(409);
    expect(again.json().code).toBe('proposal_transition_refused');
  });
});

describe('through the handling slice', () => {
  it('assign → sign → reply (the handling slice) → the proposer rates → evaluated → closed', async () => {
    const o = await proposalOrg(ctx);
    const m = await o.member();
    const handler = await signedIn(ctx, [{ orgId: o.org.id, role: 'unit_handler', unitId: o.unit.id }]);
    const s = await submitted(m, o.org.id, { isPublic: true });
    const reg = (await o.staff.post(`/api/proposals/${s.id}/register`, { version: s.version })).json();
    const assigned = await o.staff.post(`/api/proposals/${s.id}/assign`, { assignMode: 'sole', units: [o.unit.id], version: reg.version });
    expect(assigned.statusCode, assigned.body).toBe(200);
    const [a] = await ctx.database.db.select().from(proposalAssignments).where(eq(proposalAssignments.proposalId, s.id));
    const signed = await handler.post(`/api/proposal-assignments/${a.id}/sign`, { version: a.version });
    expect(signed.statusCode, signed.body).toBe(200);
    const replied = await handler.post(`/api/proposal-assignments/${a.id}/reply`, {
      grade: 'A',
      body: '<p>已采纳</p>',
      signer: '张局长',
      version: a.version + 1,
    });
    expect(replied.statusCode, replied.body).toBe(200);
    const ev = (await m.get(`/api/proposals/${s.id}/evaluations`)).json();
    expect(ev.due).toBe(cal.addWorkdays(o.today, 15).date);
    expect(ev.items).toEqual([expect.objectContaining({ round: 1, status: 'pending', mine: true })]);
    // Disclosed on reply: on the public page now.
    expect((await ctx.app.inject({ method: 'GET', url: `/api/public/proposals/${s.id}` })).statusCode).toBe(200);
    const done = await evaluate(m, s.id, { workRating: 'satisfied', resultRating: 'satisfied' });
    expect(done.json()).toMatchObject({ state: 'evaluated' });
    const closed = await o.staff.post(`/api/proposals/${s.id}/close`, { note: '办结', version: done.json().version });
    expect(closed.json()).toMatchObject({ state: 'closed' });
  });
});

describe('re-handling (重新办理) and closing (办结)', () => {
  it('only from evaluated with a 不满意 in the round: a new round, the replying units reopened with a new clock', async () => {
    const o = await proposalOrg(ctx);
    const r = await repliedProposal(ctx, o);
    const url = `/api/proposals/${r.p.id}/rehandle`;
    // Still replied: refused by the state machine.
    const early = await o.staff.post(url, { reason: '委员不满意', version: r.p.version });
    expect(early.statusCode).toBe(409);
    expect(early.json()).toMatchObject({ code: 'proposal_transition_refused', details: { state: 'replied', action: 'order_rehandling' } });
    expect((await evaluate(r.first, r.p.id, { workRating: 'basically_satisfied', resultRating: 'dissatisfied' })).statusCode).toBe(200);
    const v = await versionOf(ctx, r.p.id);
    // Wrong role, other organization, stale version, bad input.
    expect((await r.first.post(url, { reason: '不满意', version: v })).statusCode).toBe(403);
    expect((await r.handler.post(url, { reason: '不满意', version: v })).statusCode).toBe(403);
    const foreign = await createOrg(ctx.database);
    expect(
      (await (await signedIn(ctx, [{ orgId: foreign.id, role: 'proposal_staff' }])).post(url, { reason: '不满意', version: v })).statusCode,
    ).toBe(404);
    expect((await o.staff.post(url, { reason: '不满意', version: v - 1 })).json().code).toBe('conflict_version');
    const empty = await o.staff.post(url, { reason: ' ', version: v });
    expect(empty.statusCode).toBe(400);
    expect(empty.json().field).toBe('reason');

    const ok = await o.admin.post(url, { reason: '委员对结果不满意，请重新办理', version: v });
    expect(ok.statusCode, ok.body).toBe(200);
    const due = cal.addWorkdays(cal.addMonths(o.today, 3).date, 0);
    expect(ok.json()).toMatchObject({
      state: 'rehandling',
      round: 2,
      rehandlingReason: '委员对结果不满意，请重新办理',
      deadline: due.date,
      evaluationDue: null,
      version: v + 1,
    });
    const [a] = await ctx.database.db.select().from(proposalAssignments).where(eq(proposalAssignments.id, r.assignment.id));
    expect(a).toMatchObject({ status: 'received', round: 2, deadline: due.date, repliedAt: null });
    expect(await outboxFor(r.handler.accountId, 'proposal.reopen')).toHaveLength(1);
    expect(await outboxFor(r.first.accountId, 'proposal.order_rehandling')).toHaveLength(1);
    const timeline = (await o.staff.get(`/api/proposals/${r.p.id}/timeline`)).json().items;
    expect(timeline.map((t: { action: string }) => t.action).slice(-2)).toEqual(['reopen', 'order_rehandling']);
    expect(timeline.at(-1)).toMatchObject({ fromState: 'evaluated', toState: 'rehandling', reason: '委员对结果不满意，请重新办理' });
    // The previous round's evaluation stays visible; no row is open for round 2 yet.
    const ev = (await r.first.get(`/api/proposals/${r.p.id}/evaluations`)).json();
    expect(ev).toMatchObject({ round: 2, due: null });
    expect(ev.items.map((i: { round: number; mine: boolean }) => [i.round, i.mine])).toEqual([[1, false]]);
  });

  it('all satisfied: re-handling is refused; the office closes it with a note', async () => {
    const o = await proposalOrg(ctx);
    const r = await repliedProposal(ctx, o);
    expect((await r.first.post(`/api/proposals/${r.p.id}/close`, { version: r.p.version })).statusCode).toBe(403);
    const tooEarly = await o.staff.post(`/api/proposals/${r.p.id}/close`, { version: r.p.version });
    expect(tooEarly.statusCode).toBe(409);
    expect(tooEarly.json().details).toMatchObject({ state: 'replied', action: 'close' });
    await evaluate(r.first, r.p.id, { workRating: 'satisfied', resultRating: 'basically_satisfied' });
    const v = await versionOf(ctx, r.p.id);
    const refused = await o.staff.post(`/api/proposals/${r.p.id}/rehandle`, { reason: '再办', version: v });
    expect(refused.statusCode).toBe(409);
    expect(refused.json()).toMatchObject({ code: 'proposal_rehandle_not_dissatisfied', message: '本轮评价中没有「不满意」，不能重新办理' });
    expect((await o.staff.post(`/api/proposals/${r.p.id}/close`, { version: v - 1 })).json().code).toBe('conflict_version');
    const foreign = await createOrg(ctx.database);
    expect(
      (await (await signedIn(ctx, [{ orgId: foreign.id, role: 'proposal_staff' }])).post(`/api/proposals/${r.p.id}/close`, { version: v }))
        .statusCode,
    ).toBe(404);
    const closed = await o.staff.post(`/api/proposals/${r.p.id}/close`, { note: '已落实', version: v });
    expect(closed.statusCode, closed.body).toBe(200);
    expect(closed.json()).toMatchObject({ state: 'closed', version: v + 1 });
    expect(closed.json().closedAt).not.toBeNull();
    expect(await outboxFor(r.first.accountId, 'proposal.close')).toHaveLength(1);
    expect(await outboxFor(r.handler.accountId, 'proposal.close')).toHaveLength(1);
    const again = await o.staff.post(`/api/proposals/${r.p.id}/close`, { version: v + 1 });
    expect(again.statusCode).toBe(409);
  });
});

describe('good proposals (好提案)', () => {
  it('the office selects registered-or-later proposals only; version checked; proposers notified', async () => {
    const o = await proposalOrg(ctx);
    const r = await repliedProposal(ctx, o);
    const url = `/api/proposals/${r.p.id}/good`;
    expect((await r.first.post(url, { isGood: true, version: r.p.version })).statusCode).toBe(403);
    expect((await o.leader.post(url, { isGood: true, version: r.p.version })).statusCode).toBe(403);
    const foreign = await createOrg(ctx.database);
    expect(
      (await (await signedIn(ctx, [{ orgId: foreign.id, role: 'proposal_staff' }])).post(url, { isGood: true, version: r.p.version }))
        .statusCode,
    ).toBe(404);
    expect((await o.staff.post(url, { isGood: true, version: r.p.version + 5 })).json().code).toBe('conflict_version');
    const ok = await o.staff.post(url, { isGood: true, note: '建议具体可行', version: r.p.version });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json()).toMatchObject({ isGood: true, goodNote: '建议具体可行', state: 'replied', version: r.p.version + 1 });
    expect(await outboxFor(r.first.accountId, 'proposal.good')).toHaveLength(1);
    const off = await o.staff.post(url, { isGood: false, version: r.p.version + 1 });
    expect(off.json()).toMatchObject({ isGood: false });
    expect(await auditActions(r.p.id)).toEqual(['select_good', 'unselect_good']);
    // A submitted (not registered) proposal cannot be selected.
    const m = await o.member();
    const s = await submitted(m, o.org.id);
    const refused = await o.staff.post(`/api/proposals/${s.id}/good`, { isGood: true, version: s.version });
    expect(refused.statusCode).toBe(409);
    expect(refused.json().code).toBe('proposal_good_not_registered');
  });
});

describe('supervision (督办)', () => {
  it('leaders and the office record visits; others 403; another organization 404', async () => {
    const o = await proposalOrg(ctx);
    const r = await repliedProposal(ctx, o, { isKey: true, supervisorAccountId: o.leader.accountId });
    const url = `/api/proposals/${r.p.id}/supervisions`;
    const byLeader = await o.leader.post(url, { kind: 'visit', happenedOn: '2026-03-02', notes: '走访县交通运输委' });
    expect(byLeader.statusCode, byLeader.body).toBe(200);
    const byOffice = await o.staff.post(url, { kind: 'meeting', happenedOn: '2026-03-05', notes: '召开督办会' });
    expect(byOffice.statusCode, byOffice.body).toBe(200);
    const items = byOffice.json().items;
    expect(items).toHaveLength(2);
    expect(items[0]).toMatchObject({ kind: 'visit', happenedOn: '2026-03-02', notes: '走访县交通运输委' });
    expect(items[0].leaderName).toBeTruthy();
    // The office's record is in the supervising leader's name too.
    expect(items[1].leaderName).toBe(items[0].leaderName);
    expect(await outboxFor(r.handler.accountId, 'proposal.supervise')).toHaveLength(2);
    expect(await auditActions(r.p.id)).toEqual(['supervise', 'supervise']);
    expect((await r.first.post(url, { kind: 'visit', happenedOn: '2026-03-02', notes: 'x' })).statusCode).toBe(403);
    expect((await r.handler.get(url)).statusCode).toBe(403);
    const foreign = await createOrg(ctx.database);
    expect((await (await signedIn(ctx, [{ orgId: foreign.id, role: 'leader' }])).get(url)).statusCode).toBe(404);
    const bad = await o.leader.post(url, { kind: 'visit', happenedOn: '2026-02-30', notes: 'x' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().field).toBe('happenedOn');
    expect((await o.leader.get(url)).json().items).toHaveLength(2);
    // Not before registration.
    const s = await submitted(await o.member(), o.org.id);
    expect(
      (await o.staff.post(`/api/proposals/${s.id}/supervisions`, { kind: 'note', happenedOn: '2026-03-02', notes: 'x' })).json().code,
    ).toBe('proposal_supervision_not_registered');
  });
});

describe('overdue and key lists', () => {
  it('every clock past its deadline, in one list, filtered and paged; leaders and the office only', async () => {
    const o = await proposalOrg(ctx);
    const { db } = ctx.database;
    const today = o.today;
    // Evaluation overdue (pending past the due date), reply overdue (received past the deadline), and a
    // reply due in the future that only shows with withinWorkdays.
    const ev = await repliedProposal(ctx, o, { evaluationDue: shiftDay(today, -3), isKey: true, supervisorAccountId: o.leader.accountId });
    const reply = await repliedProposal(ctx, o, { state: 'handling' });
    await db
      .update(proposalAssignments)
      .set({ status: 'received', deadline: shiftDay(today, -10) })
      .where(eq(proposalAssignments.id, reply.assignment.id));
    const soon = await repliedProposal(ctx, o, { state: 'handling' });
    const soonDue = cal.addWorkdays(today, 2).date;
    await db
      .update(proposalAssignments)
      .set({ status: 'received', deadline: soonDue })
      .where(eq(proposalAssignments.id, soon.assignment.id));
    const sign = await repliedProposal(ctx, o, { state: 'assigned' });
    await db
      .update(proposalAssignments)
      .set({ status: 'assigned', windowEnd: shiftDay(today, -5) })
      .where(eq(proposalAssignments.id, sign.assignment.id));
    // An evaluated proposal (done) and one of another organization never show.
    await repliedProposal(ctx, o, { state: 'evaluated', evaluationDue: shiftDay(today, -30) });
    const other = await proposalOrg(ctx);
    await repliedProposal(ctx, other, { evaluationDue: shiftDay(today, -3) });

    const url = `/api/orgs/${o.org.id}/proposals/overdue`;
    const all = await o.staff.get(url);
    expect(all.statusCode, all.body).toBe(200);
    const items = all.json().items as Array<{
      clock: string;
      proposalId: number;
      deadline: string;
      workdaysOverdue: number;
      isKey: boolean;
      supervisorName: string | null;
      unitName: string | null;
    }>;
    expect(items.map((i) => [i.clock, i.proposalId])).toEqual([
      ['reply', reply.p.id],
      ['sign', sign.p.id],
      ['evaluation', ev.p.id],
    ]);
    expect(items[0]).toMatchObject({
      deadline: shiftDay(today, -10),
      workdaysOverdue: cal.workdaysBetween(shiftDay(today, -10), today).count,
      unitName: o.unit.name,
    });
    expect(items[2]).toMatchObject({ isKey: true, unitName: null });
    expect(items[2].supervisorName).toBeTruthy();
    // Filters and paging.
    const byClock = await o.leader.get(`${url}?clock=evaluation`);
    expect(byClock.statusCode, byClock.body).toBe(200);
    expect(byClock.json().items.map((i: { proposalId: number }) => i.proposalId)).toEqual([ev.p.id]);
    expect((await o.staff.get(`${url}?unitId=${o.unit.id}`)).json().items).toHaveLength(2);
    const p1 = (await o.staff.get(`${url}?limit=2`)).json();
    expect(p1.items).toHaveLength(2);
    const p2 = (await o.staff.get(`${url}?limit=2&cursor=${p1.nextCursor}`)).json();
    expect(p2.items.map((i: { clock: string }) => i.clock)).toEqual(['evaluation']);
    expect(p2.nextCursor).toBeNull();
    const within = (await o.staff.get(`${url}?withinWorkdays=2`)).json().items;
    expect(within.map((i: { proposalId: number }) => i.proposalId)).toContain(soon.p.id);
    expect(within.find((i: { proposalId: number }) => i.proposalId === soon.p.id).workdaysOverdue).toBe(-2);
    // Who may see it.
    expect((await ev.first.get(url)).statusCode).toBe(403);
    expect((await ev.handler.get(url)).statusCode).toBe(403);
    expect((await other.staff.get(url)).statusCode).toBe(404);
    expect((await o.staff.get(`${url}?cursor=zzz`)).statusCode).toBe(400);
  });

  it('key proposals with the supervising leader, paged', async () => {
    const o = await proposalOrg(ctx);
    const k1 = await repliedProposal(ctx, o, { isKey: true, supervisorAccountId: o.leader.accountId });
    const k2 = await repliedProposal(ctx, o, { isKey: true, supervisorAccountId: o.leader.accountId, state: 'handling' });
    await repliedProposal(ctx, o);
    await o.leader.post(`/api/proposals/${k1.p.id}/supervisions`, { kind: 'visit', happenedOn: '2026-03-02', notes: '走访' });
    const url = `/api/orgs/${o.org.id}/proposals/key`;
    const first = (await o.leader.get(`${url}?limit=1`)).json();
    expect(first.items.map((i: { id: number }) => i.id)).toEqual([k2.p.id]);
    const second = (await o.leader.get(`${url}?limit=1&cursor=${first.nextCursor}`)).json();
    expect(second.items[0]).toMatchObject({
      id: k1.p.id,
      state: 'replied',
      supervisionCount: 1,
      lastSupervisedOn: '2026-03-02',
      supervisorAccountId: o.leader.accountId,
    });
    expect(second.items[0].supervisorName).toBeTruthy();
    expect((await o.staff.get(`${url}?state=handling`)).json().items.map((i: { id: number }) => i.id)).toEqual([k2.p.id]);
    expect((await k1.first.get(url)).statusCode).toBe(403);
  });
});
