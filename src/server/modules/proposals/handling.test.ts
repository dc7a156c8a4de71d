/** The unit side of handling: co opinions, 面商, extensions, the office's override, replies, progress, re-handling. */
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { and, eq } from 'drizzle-orm';
import type { FastifyRequest } from 'fastify';
import { DEFAULT_PROPOSAL_SETTINGS } from '@common/proposals';
import { auditLog, outbox, proposalAssignments, proposalEvaluations, proposalReplies, proposals } from '@server/db/schema/index';
import { todayInChina, WorkCalendar } from '@server/lib/workdays';
import { createOrg, createTestApp, createUnit, signedIn, type Client, type TestContext } from '../../../../test/helpers';
import { reopenForRehandling } from './commands/handling-steps';
import { handlingOrg, REPLY, replyOk, type AssignmentJson } from './handling.fixtures';
import { submitted } from './proposals.fixtures';
import * as repo from './proposals.repo';

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
const step = (c: Client, a: { id: number }, path: string, body: Record<string, unknown> = {}) =>
  c.post(`/api/proposal-assignments/${a.id}/${path}`, body);
const handlingOf = async (c: Client, proposalId: number) => {
  const r = await c.get(`/api/proposals/${proposalId}/handling`);
  expect(r.statusCode, r.body).toBe(200);
  return r.json() as {
    round: number;
    assignments: AssignmentJson[];
    contacts: Array<Record<string, unknown>>;
    replies: Array<Record<string, unknown>>;
    progress: Array<Record<string, unknown>>;
  };
};
const find = (items: AssignmentJson[], id: number) => items.find((a) => a.id === id)!;
const proposalRow = async (id: number) => (await ctx.database.db.select().from(proposals).where(eq(proposals.id, id)))[0];
const actionsOf = async (proposalId: number) =>
  (
    await ctx.database.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.entityType, 'proposal'), eq(auditLog.entityId, String(proposalId))))
  ).map((a) => a.action);

describe('主办+协办 (秀山: 县交通运输委 leads, 万方汽车运输公司 co-handles)', () => {
  it('co opinion → 面商 → lead reply A → 已答复 with an evaluation row per confirmed proposer', async () => {
    const x = await handlingOrg(ctx);
    const { o, h1, h2, h3, m, c, d } = x;
    const { p, assignments } = await x.handling('lead_co', [o.unit.id, x.unit2.id]);
    const [lead, co] = assignments;
    expect([lead.role, co.role]).toEqual(['lead', 'co']);
    // The co-unit's opinion is due a month after the assignment, on a working day; the lead has none.
    const today = todayInChina();
    expect(co.opinionDue).toBe(cal.addWorkdays(cal.addMonths(today, DEFAULT_PROPOSAL_SETTINGS.coHandlerOpinionMonths).date, 0).date);
    expect(lead.opinionDue).toBeNull();

    // Abilities: the lead may not reply before the co opinion; the co-unit gives its opinion.
    let view = await handlingOf(h1, p.id);
    expect(find(view.assignments, lead.id).abilities).toEqual(['add_contact', 'request_extension']);
    expect(find(view.assignments, co.id).abilities).toEqual([]);
    expect(find((await handlingOf(h2, p.id)).assignments, co.id).abilities).toEqual(['submit_opinion', 'add_contact']);
    expect(find((await handlingOf(o.staff, p.id)).assignments, lead.id).abilities).toEqual(['override_opinions']);
    // The lead's inbox row says what its reply waits for (the inbox offers no 答复 button until then).
    const inboxRow = async () =>
      ((await h1.get(`/api/orgs/${o.org.id}/unit-inbox`)).json().items as Array<{ id: number; opinionsPending: number }>).find(
        (r) => r.id === lead.id,
      );
    expect(await inboxRow()).toMatchObject({ opinionsPending: 1 });

    // The lead's reply is refused (409) until the co opinion is in; a co-unit never replies; the lead gives no opinion.
    const early = await step(h1, lead, 'reply', { ...REPLY, version: lead.version });
    expect(early.statusCode).toBe(409);
    expect(early.json().code).toBe('proposal_opinions_pending');
    expect(early.json().message).toContain('尚有 1 个协办单位未提交协办意见');
    expect(early.json().message).toContain('万方汽车运输公司');
    const coReply = await step(h2, co, 'reply', { ...REPLY, version: co.version });
    expect(coReply.statusCode).toBe(409);
    expect(coReply.json()).toMatchObject({ code: 'proposal_assignment_role_refused', message: '「协办」单位不能执行「答复」' });
    expect((await step(h1, lead, 'opinion', { opinion: '同意', version: lead.version })).json().code).toBe(
      'proposal_assignment_role_refused',
    );

    // 协办意见: only the co-unit's own handler (another unit 404, the office and a member 403), the current version.
    const opinion = { opinion: '建议由万方公司调配两台中巴车运营该线路', version: co.version };
    expect((await step(h1, co, 'opinion', opinion)).statusCode).toBe(404);
    expect((await step(h3, co, 'opinion', opinion)).statusCode).toBe(404);
    expect((await step(o.staff, co, 'opinion', opinion)).statusCode).toBe(403);
    expect((await step(m, co, 'opinion', opinion)).statusCode).toBe(403);
    expect((await step(h2, co, 'opinion', { ...opinion, version: co.version + 1 })).json().code).toBe('conflict_version');
    expect((await step(h2, co, 'opinion', { ...opinion, opinion: ' ' })).json()).toMatchObject({
      code: 'validation',
      field: 'opinion',
      message: '「协办意见」不能为空',
    });
    const op = await step(h2, co, 'opinion', opinion);
    expect(op.statusCode, op.body).toBe(200);
    expect(find(op.json().assignments, co.id)).toMatchObject({
      status: 'opinion_given',
      opinion: opinion.opinion,
      version: co.version + 1,
    });
    expect(find(op.json().assignments, co.id).opinionAt).toBeTruthy();
    expect(await inboxRow()).toMatchObject({ opinionsPending: 0, abilities: expect.arrayContaining(['reply']) });
    expect(await outboxFor(h1.accountId, 'proposal.submit_opinion')).toHaveLength(1);
    const twice = await step(h2, co, 'opinion', { ...opinion, version: co.version + 1 });
    expect(twice.statusCode).toBe(409);
    expect(twice.json()).toMatchObject({
      code: 'proposal_assignment_refused',
      message: '该交办当前状态为「已提交协办意见」，不能执行「提交协办意见」',
    });

    // 面商: append-only, no version; the date may not be in the future; the co-unit may still record one.
    const contact = { form: 'meeting', contactDate: today, notes: '召开座谈会，与提案人面商线路走向' };
    expect((await step(h2, lead, 'contacts', contact)).statusCode).toBe(404);
    expect((await step(o.staff, lead, 'contacts', contact)).statusCode).toBe(403);
    expect((await step(h1, lead, 'contacts', { ...contact, contactDate: '2099-01-01' })).json()).toMatchObject({
      field: 'contactDate',
      message: '「沟通日期」不能晚于今天',
    });
    expect((await step(h1, lead, 'contacts', { ...contact, contactDate: '2026-02-30' })).json()).toMatchObject({ field: 'contactDate' });
    expect((await step(h1, lead, 'contacts', { ...contact, form: 'pigeon' })).json()).toMatchObject({ field: 'form' });
    const ct = await step(h1, lead, 'contacts', contact);
    expect(ct.statusCode, ct.body).toBe(200);
    expect(ct.json()).toMatchObject({ assignmentId: lead.id, form: 'meeting', contactDate: today, notes: contact.notes });
    expect(ct.json().unitName).toContain('县交通运输委');
    expect((await step(h2, co, 'contacts', { ...contact, form: 'phone' })).statusCode).toBe(200);
    const told = await outboxFor(c.accountId, 'proposal.add_contact');
    expect(told).toHaveLength(2);
    expect((told[0].payload as { body: string }).body).toBe(`${today} 座谈会：${contact.notes}`);

    // Now the lead may reply (its version did not change with the contact).
    view = await handlingOf(h1, p.id);
    expect(find(view.assignments, lead.id)).toMatchObject({
      version: lead.version,
      abilities: ['add_contact', 'request_extension', 'reply'],
    });
    expect(find((await handlingOf(o.staff, p.id)).assignments, lead.id).abilities).toEqual([]);
    const bad = await step(h1, lead, 'reply', { ...REPLY, grade: 'D', version: lead.version });
    expect(bad.statusCode).toBe(400);
    expect(bad.json()).toMatchObject({ code: 'validation', field: 'grade', message: '「办理结果等级」须从配置的选项中选择：A、B、C' });
    expect((await step(h1, lead, 'reply', { ...REPLY, body: '<script>alert(1)</script>', version: lead.version })).json()).toMatchObject({
      field: 'body',
    });
    expect((await step(h1, lead, 'reply', { ...REPLY, signer: '', version: lead.version })).json()).toMatchObject({ field: 'signer' });
    expect((await step(h1, lead, 'reply', { ...REPLY, version: lead.version - 1 })).statusCode).toBe(409);
    expect((await step(h2, lead, 'reply', { ...REPLY, version: lead.version })).statusCode).toBe(404);
    expect((await step(m, lead, 'reply', { ...REPLY, version: lead.version })).statusCode).toBe(403);
    const done = await replyOk(h1, lead, { body: '<p onclick="x()">已开通公交线路。</p><script>alert(1)</script>' });
    expect(done.replies).toHaveLength(1);
    expect(done.replies[0]).toMatchObject({
      assignmentId: lead.id,
      round: 1,
      grade: 'A',
      gradeLabel: '已解决或采纳',
      body: '<p>已开通公交线路。</p>',
      docNumber: REPLY.docNumber,
      signer: REPLY.signer,
    });
    expect(find(done.assignments, lead.id)).toMatchObject({ status: 'replied', abilities: ['add_contact'] });
    expect(done.contacts.map((x: { form: string }) => x.form)).toEqual(['meeting', 'phone']);

    // The proposal is 已答复: the evaluation window, one pending row per confirmed proposer (not the one who declined).
    const row = await proposalRow(p.id);
    const due = cal.addWorkdays(today, DEFAULT_PROPOSAL_SETTINGS.evaluationWorkdays);
    expect(row).toMatchObject({ state: 'replied', evaluationDue: due.date, evaluationDueProvisional: due.provisional, disclosedAt: null });
    expect(row.repliedAt).toBeTruthy();
    const evals = await ctx.database.db.select().from(proposalEvaluations).where(eq(proposalEvaluations.proposalId, p.id));
    expect(evals.map((e) => [e.round, e.status])).toEqual([
      [1, 'pending'],
      [1, 'pending'],
    ]);
    const proposers = await repo.proposersOf(ctx.database.db, p.id);
    expect(new Set(evals.map((e) => e.proposerId))).toEqual(new Set(proposers.filter((x) => x.status === 'confirmed').map((x) => x.id)));
    for (const who of [m, c]) {
      const notes = await outboxFor(who.accountId, 'proposal.complete_replies');
      expect(notes).toHaveLength(1);
      expect((notes[0].payload as { title: string }).title).toContain('请对办理情况进行评价');
    }
    expect(await outboxFor(d.accountId, 'proposal.complete_replies')).toHaveLength(0);
    expect(await outboxFor(o.staff.accountId, 'proposal.reply')).toHaveLength(1);
    expect(await actionsOf(p.id)).toEqual(expect.arrayContaining(['submit_opinion', 'add_contact', 'reply', 'complete_replies']));
    const timeline = (await m.get(`/api/proposals/${p.id}/timeline`)).json().items;
    expect(timeline.at(-1)).toMatchObject({ action: 'complete_replies', fromState: 'handling', toState: 'replied' });

    // Replying twice is refused; a grade-A reply reports no progress; 面商 is still possible after the reply.
    expect((await step(h1, lead, 'reply', { ...REPLY, version: lead.version + 1 })).json().code).toBe('proposal_assignment_refused');
    const prog = await step(h1, lead, 'progress', { body: '线路已运行' });
    expect(prog.statusCode).toBe(409);
    expect(prog.json()).toMatchObject({
      code: 'proposal_progress_not_b',
      message: '只有本轮答复等级为「B 正在解决或列入计划」的承办单位报送办理进展',
    });
    expect((await step(h1, lead, 'contacts', contact)).statusCode).toBe(200);

    // The proposers read the handling; a unit not involved does not.
    expect((await handlingOf(c, p.id)).replies).toHaveLength(1);
    expect((await h3.get(`/api/proposals/${p.id}/handling`)).statusCode).toBe(404);
  });

  it('the office may let the lead reply before the co opinion (准予先行答复)', async () => {
    const x = await handlingOrg(ctx);
    const { o, h1, h2, m } = x;
    const { p, assignments } = await x.handling('lead_co', [o.unit.id, x.unit2.id, x.unit3.id]);
    const [lead, co, co2] = assignments;
    expect((await step(h2, co, 'opinion', { opinion: '同意', version: co.version })).statusCode).toBe(200);
    // One co-unit is still missing.
    expect((await step(h1, lead, 'reply', { ...REPLY, version: lead.version })).json().message).toContain('尚有 1 个协办单位');
    const body = { reason: '协办单位逾期未提交意见', version: lead.version };
    expect((await step(h1, lead, 'override-opinions', body)).statusCode).toBe(403);
    expect((await step(m, lead, 'override-opinions', body)).statusCode).toBe(403);
    expect((await step(o.leader, lead, 'override-opinions', body)).statusCode).toBe(403);
    expect((await step(o.staff, co2, 'override-opinions', { ...body, version: co2.version })).json().code).toBe(
      'proposal_assignment_role_refused',
    );
    expect((await step(o.staff, lead, 'override-opinions', { ...body, version: lead.version + 1 })).statusCode).toBe(409);
    expect((await step(o.staff, lead, 'override-opinions', { ...body, reason: '' })).json()).toMatchObject({ field: 'reason' });
    const ok = await step(o.staff, lead, 'override-opinions', body);
    expect(ok.statusCode, ok.body).toBe(200);
    expect(find(ok.json().assignments, lead.id)).toMatchObject({
      opinionsOverrideReason: body.reason,
      status: 'received',
      version: lead.version + 1,
    });
    expect(await outboxFor(h1.accountId, 'proposal.override_opinions')).toHaveLength(1);
    expect(find((await handlingOf(h1, p.id)).assignments, lead.id).abilities).toContain('reply');
    await replyOk(h1, { id: lead.id, version: lead.version + 1 });
    expect((await proposalRow(p.id)).state).toBe('replied');
    // The proposal is no longer being handled: the late co opinion is refused with the proposal's state.
    const late = await step(x.h3, co2, 'opinion', { opinion: '迟到的意见', version: co2.version });
    expect(late.statusCode).toBe(409);
    expect(late.json()).toMatchObject({
      code: 'proposal_handling_state_refused',
      message: '该提案当前状态为「已答复」，不能执行「提交协办意见」',
    });
  });

  it('a co-unit that gives its opinion before the lead signs for does not hold the proposal in 已交办', async () => {
    const x = await handlingOrg(ctx);
    const { o, h1, h2 } = x;
    const p = await x.registered();
    expect(
      (await o.staff.post(`/api/proposals/${p.id}/assign`, { assignMode: 'lead_co', units: [o.unit.id, x.unit2.id], version: p.version }))
        .statusCode,
    ).toBe(200);
    const [lead, co] = await x.assignmentsOf(o.staff, p.id);
    expect((await step(h2, co, 'sign', { version: co.version })).statusCode).toBe(200);
    // Before the lead signs for it, the co-unit already gives its opinion (the proposal is 已交办).
    const op = await step(h2, co, 'opinion', { opinion: '同意', version: co.version + 1 });
    expect(op.statusCode, op.body).toBe(200);
    expect((await step(h1, lead, 'sign', { version: lead.version })).statusCode).toBe(200);
    expect((await proposalRow(p.id)).state).toBe('handling');
    // While 已交办 (another unit has not signed for it yet) a reply is refused by the proposal's state.
    const q = await x.registered();
    expect(
      (await o.staff.post(`/api/proposals/${q.id}/assign`, { assignMode: 'separate', units: [o.unit.id, x.unit3.id], version: q.version }))
        .statusCode,
    ).toBe(200);
    const [s1] = await x.assignmentsOf(o.staff, q.id);
    expect((await step(h1, s1, 'sign', { version: s1.version })).statusCode).toBe(200);
    expect(find((await handlingOf(h1, q.id)).assignments, s1.id).abilities).toEqual(['add_contact', 'request_extension']);
    const early = await step(h1, s1, 'reply', { ...REPLY, version: s1.version + 1 });
    expect(early.statusCode).toBe(409);
    expect(early.json()).toMatchObject({
      code: 'proposal_handling_state_refused',
      message: '该提案当前状态为「已交办」，不能执行「答复」',
    });
  });
});

describe('延期 (extension)', () => {
  it('once per assignment; approved across the 2026 Spring Festival onto a working day; the proposal deadline follows', async () => {
    const x = await handlingOrg(ctx);
    const { o, h1, h2, m } = x;
    const p = await x.registered();
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date('2025-10-16T02:00:00Z'));
    expect(
      (await o.staff.post(`/api/proposals/${p.id}/assign`, { assignMode: 'lead_co', units: [o.unit.id, x.unit2.id], version: p.version }))
        .statusCode,
    ).toBe(200);
    const [lead0, co0] = await x.assignmentsOf(o.staff, p.id);
    // 2025-10-16 + 3 months = 2026-01-16, a Friday.
    expect(lead0).toMatchObject({ assignedOn: '2025-10-16', deadline: '2026-01-16', extensionStatus: 'none' });
    expect(co0.opinionDue).toBe('2025-11-17'); // 2025-11-16 is a Sunday
    expect((await step(h1, lead0, 'sign', { version: lead0.version })).statusCode).toBe(200);
    expect((await step(h2, co0, 'sign', { version: co0.version })).statusCode).toBe(200);
    const lead = { id: lead0.id, version: lead0.version + 1 };
    const co = { id: co0.id, version: co0.version + 1 };

    const ask = { reason: '需与交通运输部门跨部门协调车辆', version: lead.version };
    expect((await step(h2, co, 'request-extension', { ...ask, version: co.version })).json().code).toBe('proposal_assignment_role_refused');
    expect((await step(h2, lead, 'request-extension', ask)).statusCode).toBe(404);
    expect((await step(o.staff, lead, 'request-extension', ask)).statusCode).toBe(403);
    expect((await step(m, lead, 'request-extension', ask)).statusCode).toBe(403);
    expect((await step(h1, lead, 'request-extension', { ...ask, version: lead.version + 5 })).statusCode).toBe(409);
    const r = await step(h1, lead, 'request-extension', ask);
    expect(r.statusCode, r.body).toBe(200);
    expect(find(r.json().assignments, lead.id)).toMatchObject({
      extensionStatus: 'requested',
      extensionReason: ask.reason,
      abilities: ['add_contact'],
    });
    expect(await outboxFor(o.staff.accountId, 'proposal.request_extension')).toHaveLength(1);
    const again = await step(h1, lead, 'request-extension', { ...ask, version: lead.version + 1 });
    expect(again.statusCode).toBe(409);
    expect(again.json()).toMatchObject({ code: 'proposal_extension_used', message: '每个交办只能申请一次延期（当前：延期待批）' });
    expect(find((await handlingOf(o.staff, p.id)).assignments, lead.id).abilities).toEqual([
      'approve_extension',
      'reject_extension',
      'override_opinions',
    ]);

    // The office approves: 2026-01-16 + 1 month = 2026-02-16, in the Spring Festival holiday → 2026-02-24.
    const approve = { note: '同意延期一个月', version: lead.version + 1 };
    expect((await step(h1, lead, 'approve-extension', approve)).statusCode).toBe(403);
    expect((await step(o.leader, lead, 'approve-extension', approve)).statusCode).toBe(403);
    expect((await step(o.staff, co, 'approve-extension', { ...approve, version: co.version })).json().code).toBe(
      'proposal_assignment_role_refused',
    );
    expect((await step(o.staff, lead, 'approve-extension', { ...approve, version: lead.version })).statusCode).toBe(409);
    const ok = await step(o.staff, lead, 'approve-extension', approve);
    expect(ok.statusCode, ok.body).toBe(200);
    expect(find(ok.json().assignments, lead.id)).toMatchObject({
      extensionStatus: 'approved',
      extensionNote: approve.note,
      originalDeadline: '2026-01-16',
      deadline: '2026-02-24',
      deadlineProvisional: false,
    });
    expect(cal.day('2026-02-16')).toMatchObject({ workday: false, name: '春节' });
    // The proposal's deadline is the latest of its open assignments (the co-unit keeps 2026-01-16).
    expect(await proposalRow(p.id)).toMatchObject({ deadline: '2026-02-24', deadlineProvisional: false });
    expect(await outboxFor(h1.accountId, 'proposal.approve_extension')).toHaveLength(1);
    // Decided: neither answer again, and no second request.
    expect((await step(o.staff, lead, 'approve-extension', { ...approve, version: lead.version + 2 })).json().code).toBe(
      'proposal_extension_not_requested',
    );
    expect((await step(o.staff, lead, 'reject-extension', { reason: 'x', version: lead.version + 2 })).json().code).toBe(
      'proposal_extension_not_requested',
    );
    expect((await step(h1, lead, 'request-extension', { ...ask, version: lead.version + 2 })).json()).toMatchObject({
      code: 'proposal_extension_used',
      message: '每个交办只能申请一次延期（当前：已延期）',
    });
    const timeline = (await o.staff.get(`/api/proposals/${p.id}/timeline`)).json().items;
    expect(timeline.at(-1)).toMatchObject({ action: 'approve_extension' });
  });

  it('the office may refuse; never beyond maxMonths from the assignment (refused when the deadline already reaches it)', async () => {
    const x = await handlingOrg(ctx);
    const { o, h1, h3 } = x;
    const settings = async (patch: Record<string, unknown>) => {
      const cur = (await o.staff.get(`/api/orgs/${o.org.id}/proposal-settings`)).json();
      const r = await o.staff.put(`/api/orgs/${o.org.id}/proposal-settings`, { config: { ...cur.config, ...patch }, version: cur.version });
      expect(r.statusCode, r.body).toBe(200);
    };
    const p = await x.registered();
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date('2025-10-16T02:00:00Z'));
    expect(
      (await o.staff.post(`/api/proposals/${p.id}/assign`, { assignMode: 'separate', units: [o.unit.id, x.unit3.id], version: p.version }))
        .statusCode,
    ).toBe(200);
    const [a1, a3] = await x.assignmentsOf(o.staff, p.id);
    for (const [who, a] of [
      [h1, a1],
      [h3, a3],
    ] as const)
      expect((await step(who, a, 'sign', { version: a.version })).statusCode).toBe(200);

    // The deadline (assignedOn + 3 months) already is the cap when maxMonths is 3.
    await settings({ maxMonths: 3 });
    const capped = await step(h1, a1, 'request-extension', { reason: '协调', version: a1.version + 1 });
    expect(capped.statusCode).toBe(409);
    expect(capped.json()).toMatchObject({
      code: 'proposal_extension_cap',
      message: '办理期限已达交办之日起 3 个月的上限（2026-01-16），不能再延期',
    });
    expect(find((await handlingOf(h1, p.id)).assignments, a1.id).abilities).not.toContain('request_extension');

    // maxMonths 5, extensionMonths 3: 2026-01-16 + 3 months = 2026-04-16 is capped at 2026-03-16 (a Monday).
    await settings({ maxMonths: 5, extensionMonths: 3 });
    expect((await step(h1, a1, 'request-extension', { reason: '协调', version: a1.version + 1 })).statusCode).toBe(200);
    const ok = await step(o.staff, a1, 'approve-extension', { version: a1.version + 2 });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(find(ok.json().assignments, a1.id)).toMatchObject({ deadline: '2026-03-16', originalDeadline: '2026-01-16', extensionNote: '' });

    // The other unit is refused: the deadline stays, and it may not ask again.
    expect((await step(h3, a3, 'request-extension', { reason: '人手不足', version: a3.version + 1 })).statusCode).toBe(200);
    expect((await step(h3, a3, 'reject-extension', { reason: '时间充足', version: a3.version + 2 })).statusCode).toBe(403);
    expect((await step(o.staff, a3, 'reject-extension', { reason: ' ', version: a3.version + 2 })).json()).toMatchObject({
      field: 'reason',
    });
    const rej = await step(o.staff, a3, 'reject-extension', { reason: '时间充足', version: a3.version + 2 });
    expect(rej.statusCode, rej.body).toBe(200);
    expect(find(rej.json().assignments, a3.id)).toMatchObject({
      extensionStatus: 'rejected',
      extensionNote: '时间充足',
      deadline: '2026-01-16',
      originalDeadline: null,
    });
    expect(await outboxFor(h3.accountId, 'proposal.reject_extension')).toHaveLength(1);
    expect((await step(h3, a3, 'request-extension', { reason: '再次申请', version: a3.version + 3 })).json().code).toBe(
      'proposal_extension_used',
    );
    expect(await proposalRow(p.id)).toMatchObject({ deadline: '2026-03-16' });
  });
});

describe('分办 and 独办', () => {
  it('分办: every unit replies before the proposal is 已答复; a public proposal is disclosed then', async () => {
    const x = await handlingOrg(ctx);
    const { o, h1, h3, m } = x;
    const { p, assignments } = await x.handling('separate', [o.unit.id, x.unit3.id], { isPublic: true });
    const [a1, a3] = assignments;
    // Separate units reply directly (no co opinions to wait for).
    expect(find((await handlingOf(h1, p.id)).assignments, a1.id).abilities).toEqual(['add_contact', 'request_extension', 'reply']);
    await replyOk(h1, a1, { grade: 'B', body: '<p>列入明年计划。</p>' });
    expect(await proposalRow(p.id)).toMatchObject({ state: 'handling', disclosedAt: null });
    expect(await outboxFor(m.accountId, 'proposal.complete_replies')).toHaveLength(0);
    await replyOk(h3, a3, { grade: 'C' });
    const row = await proposalRow(p.id);
    expect(row.state).toBe('replied');
    expect(row.disclosedAt).toBeTruthy();
    const view = await handlingOf(m, p.id);
    expect(view.replies.map((r) => [r.assignmentId, r.grade, r.gradeLabel])).toEqual([
      [a1.id, 'B', '正在解决或列入计划'],
      [a3.id, 'C', '因条件限制留作参考'],
    ]);
    expect(await ctx.database.db.select().from(proposalEvaluations).where(eq(proposalEvaluations.proposalId, p.id))).toHaveLength(2);
  });

  it('proposers credited through a merge (并案) are asked to evaluate too', async () => {
    const x = await handlingOrg(ctx);
    const { o, h1 } = x;
    const target = await x.registered();
    const other = await o.member();
    const s = await submitted(other, o.org.id, { subject: '关于增开峨溶镇班车的建议' });
    expect((await o.staff.post(`/api/proposals/${s.id}/merge`, { targetId: target.id, version: s.version })).statusCode).toBe(200);
    const cur = (await o.staff.get(`/api/proposals/${target.id}`)).json();
    const { p, assignments } = await x.handling('sole', [o.unit.id], { proposal: { id: target.id, version: cur.version } });
    await replyOk(h1, assignments[0]);
    const proposers = await repo.proposersOf(ctx.database.db, p.id);
    const merged = proposers.find((r) => r.creditedViaMergeFrom === s.id)!;
    expect(merged).toBeTruthy();
    const evals = await ctx.database.db.select().from(proposalEvaluations).where(eq(proposalEvaluations.proposalId, p.id));
    expect(evals.map((e) => e.proposerId).sort()).toEqual(
      proposers
        .filter((r) => r.status === 'confirmed')
        .map((r) => r.id)
        .sort(),
    );
    expect(evals.map((e) => e.proposerId)).toContain(merged.id);
    expect(await outboxFor(other.accountId, 'proposal.complete_replies')).toHaveLength(1);
  });

  it('grades follow the settings: a 4th grade D is accepted once configured', async () => {
    const x = await handlingOrg(ctx);
    const { o, h1 } = x;
    const { p, assignments } = await x.handling('sole', [o.unit.id]);
    const [a] = assignments;
    expect((await step(h1, a, 'reply', { ...REPLY, grade: 'D', version: a.version })).json()).toMatchObject({ field: 'grade' });
    const en = await h1.req(
      'POST',
      `/api/proposal-assignments/${a.id}/reply`,
      { ...REPLY, grade: 'D', version: a.version },
      { 'x-lang': 'en' },
    );
    expect(en.json().message).toContain('must be one of the configured options: A、B、C');
    const cur = (await o.staff.get(`/api/orgs/${o.org.id}/proposal-settings`)).json();
    const gradeLabels = [...cur.config.gradeLabels, { code: 'D', label: '不予采纳' }];
    expect(
      (await o.staff.put(`/api/orgs/${o.org.id}/proposal-settings`, { config: { ...cur.config, gradeLabels }, version: cur.version }))
        .statusCode,
    ).toBe(200);
    const done = await replyOk(h1, a, { grade: 'D' });
    expect(done.replies[0]).toMatchObject({ grade: 'D', gradeLabel: '不予采纳' });
    expect((await proposalRow(p.id)).state).toBe('replied');
  });
});

describe('报送进展 (grade-B follow-up)', () => {
  it('only after a B reply, by the replying unit, while replied or evaluated', async () => {
    const x = await handlingOrg(ctx);
    const { o, h1, h2, m } = x;
    const { p, assignments } = await x.handling('sole', [o.unit.id]);
    const [a] = assignments;
    const body = { body: '已完成线路勘察，计划下月开通' };
    // Before the reply: refused by the assignment's status.
    const before = await step(h1, a, 'progress', body);
    expect(before.statusCode).toBe(409);
    expect(before.json().code).toBe('proposal_assignment_refused');
    await replyOk(h1, a, { grade: 'B' });
    expect(find((await handlingOf(h1, p.id)).assignments, a.id).abilities).toEqual(['add_contact', 'report_progress']);
    expect((await step(h2, a, 'progress', body)).statusCode).toBe(404);
    expect((await step(o.staff, a, 'progress', body)).statusCode).toBe(403);
    expect((await step(m, a, 'progress', body)).statusCode).toBe(403);
    expect((await step(h1, a, 'progress', { body: '' })).json()).toMatchObject({ field: 'body' });
    const r = await step(h1, a, 'progress', body);
    expect(r.statusCode, r.body).toBe(200);
    expect(r.json()).toMatchObject({ assignmentId: a.id, body: body.body });
    expect(r.json().createdByName).toBeTruthy();
    expect(await outboxFor(m.accountId, 'proposal.report_progress')).toHaveLength(1);
    // Evaluated: still possible (no version: the assignment is untouched).
    await ctx.database.db.update(proposals).set({ state: 'evaluated' }).where(eq(proposals.id, p.id));
    expect((await step(h1, a, 'progress', { body: '线路已开通' })).statusCode).toBe(200);
    expect((await handlingOf(m, p.id)).progress.map((g) => g.body)).toEqual([body.body, '线路已开通']);
    // Closed (办结): refused with the proposal's state.
    await ctx.database.db.update(proposals).set({ state: 'closed' }).where(eq(proposals.id, p.id));
    const closed = await step(h1, a, 'progress', body);
    expect(closed.statusCode).toBe(409);
    expect(closed.json()).toMatchObject({
      code: 'proposal_handling_state_refused',
      message: '该提案当前状态为「已办结」，不能执行「报送进展」',
    });
    expect((await step(h1, a, 'contacts', { form: 'phone', contactDate: todayInChina(), notes: '回访' })).json().code).toBe(
      'proposal_handling_state_refused',
    );
    expect(find((await handlingOf(h1, p.id)).assignments, a.id).abilities).toEqual([]);
  });
});

describe('tenancy and roles on every handling route', () => {
  it('another organization 404; a member 403 on unit steps; a unit handler 403 on office steps', async () => {
    const x = await handlingOrg(ctx);
    const { o, h1, m } = x;
    const { p, assignments } = await x.handling('sole', [o.unit.id]);
    const [a] = assignments;
    const foreign = await createOrg(ctx.database);
    const fu = await createUnit(ctx.database, foreign.id);
    const outsider = await signedIn(ctx, [
      { orgId: foreign.id, role: 'unit_handler', unitId: fu.id },
      { orgId: foreign.id, role: 'proposal_staff' },
    ]);
    // A handler of the same unit in another organization does not act here either.
    const elsewhere = await signedIn(ctx, [{ orgId: foreign.id, role: 'unit_handler', unitId: o.unit.id }]);
    const unitSteps: Array<[string, Record<string, unknown>]> = [
      ['opinion', { opinion: '意见', version: a.version }],
      ['contacts', { form: 'phone', contactDate: todayInChina(), notes: '电话沟通' }],
      ['request-extension', { reason: '协调', version: a.version }],
      ['reply', { ...REPLY, version: a.version }],
      ['progress', { body: '进展' }],
    ];
    const officeSteps: Array<[string, Record<string, unknown>]> = [
      ['approve-extension', { version: a.version }],
      ['reject-extension', { reason: '时间充足', version: a.version }],
      ['override-opinions', { reason: '逾期', version: a.version }],
    ];
    for (const [path, body] of [...unitSteps, ...officeSteps]) {
      expect((await step(outsider, a, path, body)).statusCode, path).toBe(404);
      expect((await step(elsewhere, a, path, body)).statusCode, path).toBe(404);
      expect((await step(m, a, path, body)).statusCode, path).toBe(403);
    }
    for (const [path, body] of unitSteps) expect((await step(o.staff, a, path, body)).statusCode, path).toBe(403);
    for (const [path, body] of officeSteps) expect((await step(h1, a, path, body)).statusCode, path).toBe(403);
    expect((await step(h1, { id: 999_999_999 }, 'reply', { ...REPLY, version: 1 })).statusCode).toBe(404);
    expect((await outsider.get(`/api/proposals/${p.id}/handling`)).statusCode).toBe(404);
    expect((await elsewhere.get(`/api/proposals/${p.id}/handling`)).statusCode).toBe(404);
    expect((await o.leader.get(`/api/proposals/${p.id}/handling`)).statusCode).toBe(200);
    expect((await x.d.get(`/api/proposals/${p.id}/handling`)).statusCode).toBe(200); // an invited co-signer who declined
    // Nothing of the refused calls was written.
    expect(
      (await actionsOf(p.id)).filter((act) =>
        ['submit_opinion', 'add_contact', 'request_extension', 'reply', 'report_progress'].includes(act),
      ),
    ).toEqual([]);
  });
});

describe('unit inbox abilities', () => {
  it('the inbox offers the handling steps of each row', async () => {
    const x = await handlingOrg(ctx);
    const { o, h1, h2 } = x;
    const { p, assignments } = await x.handling('lead_co', [o.unit.id, x.unit2.id]);
    const [lead, co] = assignments;
    const inbox = async (c: Client) => (await c.get(`/api/orgs/${o.org.id}/unit-inbox`)).json().items as AssignmentJson[];
    expect((await inbox(h1)).find((i) => i.id === lead.id)!.abilities).toEqual(['add_contact', 'request_extension']);
    expect((await inbox(h2)).find((i) => i.id === co.id)!.abilities).toEqual(['submit_opinion', 'add_contact']);
    await step(h2, co, 'opinion', { opinion: '同意', version: co.version });
    expect((await inbox(h1)).find((i) => i.id === lead.id)!.abilities).toEqual(['add_contact', 'request_extension', 'reply']);
    await replyOk(h1, lead, { grade: 'B' });
    expect((await inbox(h1)).find((i) => i.id === lead.id)!.abilities).toEqual(['add_contact', 'report_progress']);
    expect((await proposalRow(p.id)).state).toBe('replied');
  });
});

describe('reopenForRehandling (called by the office’s re-handling order)', () => {
  const fakeReq = (accountId: number | null) =>
    ({
      actor: accountId === null ? null : { accountId },
      auditActor: () => ({ accountId, name: 'office', requestId: 'test' }),
    }) as unknown as FastifyRequest;

  it('reopens every replying unit for the next round; the second reply opens a second evaluation', async () => {
    const x = await handlingOrg(ctx);
    const { o, h1, h2, h3, m } = x;
    const { p, assignments } = await x.handling('lead_co', [o.unit.id, x.unit2.id]);
    const [lead, co] = assignments;
    await step(h2, co, 'opinion', { opinion: '同意', version: co.version });
    await replyOk(h1, lead);
    // The office's evaluation and re-handling (the evaluation slice) — simulated on the rows.
    await ctx.database.db.update(proposals).set({ state: 'evaluated' }).where(eq(proposals.id, p.id));
    const before = await proposalRow(p.id);
    const newDue = cal.addWorkdays(cal.addMonths(todayInChina(), 3).date, 0);
    const ids = await ctx.database.db.transaction(async (tx) => {
      const reopened = await reopenForRehandling(tx, fakeReq(o.staff.accountId), before, newDue.date, newDue.provisional);
      await tx
        .update(proposals)
        .set({ state: 'rehandling', round: before.round + 1, deadline: newDue.date })
        .where(eq(proposals.id, p.id));
      return reopened;
    });
    expect(ids).toEqual([lead.id]); // the co-unit gave an opinion; it does not reply
    const rows = await ctx.database.db
      .select()
      .from(proposalAssignments)
      .where(eq(proposalAssignments.proposalId, p.id))
      .orderBy(proposalAssignments.id);
    expect(rows.map((r) => [r.id, r.status, r.round, r.repliedAt])).toEqual([
      [lead.id, 'received', 2, null],
      [co.id, 'opinion_given', 1, null],
    ]);
    expect(rows[0]).toMatchObject({ deadline: newDue.date, deadlineProvisional: newDue.provisional, version: lead.version + 2 });
    expect(await actionsOf(p.id)).toContain('reopen');
    expect(await outboxFor(h1.accountId, 'proposal.reopen')).toHaveLength(1);
    expect(await outboxFor(h3.accountId, 'proposal.reopen')).toHaveLength(0);

    // Round 2: the lead replies again (the co opinion stands), the proposal is replied, round-2 evaluation rows.
    const view = await handlingOf(h1, p.id);
    expect(view.round).toBe(2);
    expect(find(view.assignments, lead.id).abilities).toContain('reply');
    await replyOk(h1, { id: lead.id, version: lead.version + 2 }, { grade: 'B', body: '<p>重新办理：已调整线路。</p>' });
    expect(await proposalRow(p.id)).toMatchObject({ state: 'replied', round: 2 });
    const replies = await ctx.database.db
      .select()
      .from(proposalReplies)
      .where(eq(proposalReplies.proposalId, p.id))
      .orderBy(proposalReplies.id);
    expect(replies.map((r) => [r.round, r.grade])).toEqual([
      [1, 'A'],
      [2, 'B'],
    ]);
    const evals = await ctx.database.db.select().from(proposalEvaluations).where(eq(proposalEvaluations.proposalId, p.id));
    expect(evals.map((e) => e.round).sort()).toEqual([1, 1, 2, 2]);
    expect(await outboxFor(m.accountId, 'proposal.complete_replies')).toHaveLength(2);

    // Called with the row after the order (state rehandling), the round is not incremented twice.
    await ctx.database.db.update(proposals).set({ state: 'rehandling', round: 3 }).where(eq(proposals.id, p.id));
    const after = await proposalRow(p.id);
    await ctx.database.db.transaction((tx) => reopenForRehandling(tx, fakeReq(null), after, newDue.date, false));
    expect((await ctx.database.db.select().from(proposalAssignments).where(eq(proposalAssignments.id, lead.id)))[0]).toMatchObject({
      status: 'received',
      round: 3,
    });
    // Nothing to reopen: no replied unit left.
    expect(await ctx.database.db.transaction((tx) => reopenForRehandling(tx, fakeReq(null), after, newDue.date, false))).toEqual([]);
  });
});
