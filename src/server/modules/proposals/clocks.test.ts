/** The proposal clocks: reminders at working-day offsets, overdue escalation, evaluation expiry; never twice. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { auditLog, outbox, proposalAssignments, proposalEvaluations, proposals } from '@server/db/schema/index';
import { WorkCalendar } from '@server/lib/workdays';
import { createTestApp, type TestContext } from '../../../../test/helpers';
import { startWorker } from '@server/worker/worker';
import { reminderKey, reminderOffset, remindersOf, runProposalClocks } from './clocks';
import { repliedProposal } from './evaluation.fixtures';
import { proposalOrg } from './proposals.fixtures';

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestApp();
});
afterAll(() => ctx.close());

const cal = new WorkCalendar();
const OFFSETS = [5, 1, 0];
const eventsFor = async (accountId: number, eventType: string, proposalId: number) =>
  (await ctx.database.db.select().from(outbox).where(eq(outbox.eventType, eventType))).filter((o) => {
    const p = o.payload as { recipients: number[]; link: string };
    return p.recipients.includes(accountId) && p.link === `/proposals/${proposalId}`;
  });

describe('reminder offsets (working days)', () => {
  it('counts across the 2026 Spring Festival: 5 working days before 2026-02-25 is 2026-02-11, not 02-18', () => {
    const d = '2026-02-25';
    expect(reminderOffset(cal, d, '2026-02-10', OFFSETS, true)).toBeNull();
    expect(reminderOffset(cal, d, '2026-02-11', OFFSETS, true)).toBe(5);
    // Every day of the holiday still asks for the 5-day reminder (sent once by its key).
    expect(reminderOffset(cal, d, '2026-02-18', OFFSETS, true)).toBe(5);
    expect(reminderOffset(cal, d, '2026-02-24', OFFSETS, true)).toBe(1);
    expect(reminderOffset(cal, d, '2026-02-25', OFFSETS, true)).toBe(1);
    expect(reminderOffset(cal, d, '2026-02-26', OFFSETS, true)).toBe(0);
    // The first working day after a deadline on Friday 2026-02-13 is the adjusted Saturday 2026-02-14 (调休上班).
    expect(reminderOffset(cal, '2026-02-13', '2026-02-14', OFFSETS, true)).toBe(0);
    // Without 0 in the settings, or for the evaluation clock, there is no escalation.
    expect(reminderOffset(cal, d, '2026-02-26', [5, 1], true)).toBeNull();
    expect(reminderOffset(cal, d, '2026-02-26', OFFSETS, false)).toBeNull();
    // A missed day sends only the most urgent reminder due by now.
    expect(reminderOffset(cal, d, '2026-02-25', [5, 3, 1], true)).toBe(1);
    expect(reminderKey('reply', 42, '2026-04-20', 5)).toBe('reply:42:2026-04-20:5');
  });
});

describe('runProposalClocks', () => {
  it('reply clock: 5 and 1 working days before, then the overdue escalation to the unit, the office and the leader — each once', async () => {
    const o = await proposalOrg(ctx);
    const r = await repliedProposal(ctx, o, { state: 'handling', isKey: true, supervisorAccountId: o.leader.accountId });
    const { db } = ctx.database;
    await db
      .update(proposalAssignments)
      .set({ status: 'received', deadline: '2026-02-25' })
      .where(eq(proposalAssignments.id, r.assignment.id));
    const id = r.assignment.id;
    await runProposalClocks(db, { today: '2026-02-10', orgIds: [o.org.id] });
    expect(await remindersOf(db, r.p.id)).toEqual([]);
    await runProposalClocks(db, { today: '2026-02-11', orgIds: [o.org.id] });
    await runProposalClocks(db, { today: '2026-02-12', orgIds: [o.org.id] });
    expect(await remindersOf(db, r.p.id)).toEqual([`reply:${id}:2026-02-25:5`]);
    const first = await eventsFor(r.handler.accountId, 'proposal.reminder', r.p.id);
    expect(first).toHaveLength(1);
    expect((first[0].payload as { title: string }).title).toContain('还有 5 个工作日');
    await runProposalClocks(db, { today: '2026-02-24', orgIds: [o.org.id] });
    expect(await eventsFor(r.handler.accountId, 'proposal.reminder', r.p.id)).toHaveLength(2);
    expect(await eventsFor(o.staff.accountId, 'proposal.reminder', r.p.id)).toHaveLength(0);
    await runProposalClocks(db, { today: '2026-02-26', orgIds: [o.org.id] });
    await runProposalClocks(db, { today: '2026-02-27', orgIds: [o.org.id] });
    expect(await remindersOf(db, r.p.id)).toEqual([`reply:${id}:2026-02-25:0`, `reply:${id}:2026-02-25:1`, `reply:${id}:2026-02-25:5`]);
    for (const who of [r.handler, o.staff, o.leader]) expect(await eventsFor(who.accountId, 'proposal.overdue', r.p.id)).toHaveLength(1);
    expect(await eventsFor(r.first.accountId, 'proposal.overdue', r.p.id)).toHaveLength(0);
    // An approved extension moves the deadline: the new deadline has its own reminders.
    await db.update(proposalAssignments).set({ deadline: '2026-03-25' }).where(eq(proposalAssignments.id, id));
    await runProposalClocks(db, { today: '2026-03-24', orgIds: [o.org.id] });
    expect(await remindersOf(db, r.p.id)).toContain(`reply:${id}:2026-03-25:1`);
    // Replied: no more reminders.
    await db.update(proposalAssignments).set({ status: 'replied' }).where(eq(proposalAssignments.id, id));
    await runProposalClocks(db, { today: '2026-03-30', orgIds: [o.org.id] });
    expect(await remindersOf(db, r.p.id)).not.toContain(`reply:${id}:2026-03-25:0`);
  });

  it('two instances at once: every reminder is sent exactly once', async () => {
    const o = await proposalOrg(ctx);
    const { db } = ctx.database;
    const list = await Promise.all([0, 1, 2].map(() => repliedProposal(ctx, o, { state: 'handling' })));
    for (const r of list)
      await db
        .update(proposalAssignments)
        .set({ status: 'received', deadline: '2026-05-20' })
        .where(eq(proposalAssignments.id, r.assignment.id));
    const [a, b] = await Promise.all([
      runProposalClocks(db, { today: '2026-05-19', orgIds: [o.org.id] }),
      runProposalClocks(db, { today: '2026-05-19', orgIds: [o.org.id] }),
    ]);
    expect(a.reminders + b.reminders).toBe(3);
    for (const r of list) {
      expect(await remindersOf(db, r.p.id)).toEqual([`reply:${r.assignment.id}:2026-05-20:1`]);
      expect(await eventsFor(r.handler.accountId, 'proposal.reminder', r.p.id)).toHaveLength(1);
    }
  });

  it('evaluation: proposers reminded before the due date; after it the pending ratings become 未表态 (audited as the system), once', async () => {
    const o = await proposalOrg(ctx);
    const { db } = ctx.database;
    const r = await repliedProposal(ctx, o, { cosigners: 1, evaluationDue: '2026-03-09' });
    const [co] = r.cosigners;
    await db
      .update(proposalEvaluations)
      .set({ status: 'rated', workRating: 'satisfied', resultRating: 'satisfied' })
      .where(eq(proposalEvaluations.id, r.evaluations[0].id));
    await runProposalClocks(db, { today: '2026-03-02', orgIds: [o.org.id] });
    // Only the proposer who has not rated yet is reminded.
    expect(await eventsFor(co.accountId, 'proposal.reminder', r.p.id)).toHaveLength(1);
    expect(await eventsFor(r.first.accountId, 'proposal.reminder', r.p.id)).toHaveLength(0);
    await runProposalClocks(db, { today: '2026-03-09', orgIds: [o.org.id] });
    expect(await remindersOf(db, r.p.id)).toEqual([
      `evaluation:${r.evaluations[1].id}:2026-03-09:1`,
      `evaluation:${r.evaluations[1].id}:2026-03-09:5`,
    ]);
    const [x, y] = await Promise.all([
      runProposalClocks(db, { today: '2026-03-10', orgIds: [o.org.id] }),
      runProposalClocks(db, { today: '2026-03-10', orgIds: [o.org.id] }),
    ]);
    expect(x.expired + y.expired).toBe(1);
    const [p] = await db.select().from(proposals).where(eq(proposals.id, r.p.id));
    expect(p).toMatchObject({ state: 'evaluated', version: r.p.version + 1 });
    expect(p.evaluatedAt).not.toBeNull();
    const rows = await db.select().from(proposalEvaluations).where(eq(proposalEvaluations.proposalId, r.p.id));
    expect(rows.map((e) => e.status).sort()).toEqual(['no_response', 'rated']);
    const audits = await db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.entityType, 'proposal'), eq(auditLog.entityId, String(r.p.id)), eq(auditLog.action, 'complete_evaluation')));
    expect(audits).toHaveLength(1);
    expect(audits[0]).toMatchObject({ actorAccountId: null, actorName: 'system' });
    expect(audits[0].after).toMatchObject({ state: 'evaluated', how: 'expired', rated: 1, noResponse: 1 });
    expect(await eventsFor(o.staff.accountId, 'proposal.complete_evaluation', r.p.id)).toHaveLength(1);
    // No escalation for the evaluation clock; nothing else happens on later days.
    await runProposalClocks(db, { today: '2026-03-11', orgIds: [o.org.id] });
    expect(await remindersOf(db, r.p.id)).toHaveLength(2);
  });

  it('opinion and sign-for clocks remind the unit; the organization’s offsets apply', async () => {
    const o = await proposalOrg(ctx);
    const { db } = ctx.database;
    await db.execute(
      `insert into proposal_settings (org_id, config) values (${o.org.id}, '${JSON.stringify({ reminderOffsetsWorkdays: [3, 0] })}'::jsonb)`,
    );
    const co = await repliedProposal(ctx, o, { state: 'handling' });
    await db
      .update(proposalAssignments)
      .set({ role: 'co', status: 'received', opinionDue: '2026-06-10' })
      .where(eq(proposalAssignments.id, co.assignment.id));
    const sign = await repliedProposal(ctx, o, { state: 'assigned' });
    await db
      .update(proposalAssignments)
      .set({ status: 'assigned', windowEnd: '2026-06-10', deadline: '2026-09-10' })
      .where(eq(proposalAssignments.id, sign.assignment.id));
    await runProposalClocks(db, { today: cal.addWorkdays('2026-06-10', -3).date, orgIds: [o.org.id] });
    await runProposalClocks(db, { today: '2026-06-11', orgIds: [o.org.id] });
    expect(await remindersOf(db, co.p.id)).toEqual([
      `opinion:${co.assignment.id}:2026-06-10:0`,
      `opinion:${co.assignment.id}:2026-06-10:3`,
    ]);
    expect(await remindersOf(db, sign.p.id)).toEqual([
      `sign:${sign.assignment.id}:2026-06-10:0`,
      `sign:${sign.assignment.id}:2026-06-10:3`,
    ]);
    expect(await eventsFor(sign.handler.accountId, 'proposal.overdue', sign.p.id)).toHaveLength(1);
    expect((await eventsFor(co.handler.accountId, 'proposal.reminder', co.p.id))[0].payload).toMatchObject({
      title: expect.stringContaining('协办意见'),
    });
  });
});

describe('the worker', () => {
  it('runs the clocks (tickClocks) beside the outbox and stops cleanly', async () => {
    const o = await proposalOrg(ctx);
    const r = await repliedProposal(ctx, o, { evaluationDue: '2020-01-06' });
    const worker = startWorker(ctx.database, ctx.config, ctx.app.log, {
      intervalMs: 20,
      mailer: null,
      clocksIntervalMs: 0,
      clocks: { orgIds: [o.org.id] },
    });
    try {
      const run = await worker.tickClocks();
      expect(run).not.toBeNull();
      expect(run).toEqual({ expired: 1, reminders: 0, escalations: 0 });
      const [p] = await ctx.database.db.select().from(proposals).where(eq(proposals.id, r.p.id));
      expect(p.state).toBe('evaluated');
    } finally {
      await worker.stop();
    }
  });

  it('stop() waits for the whole clocks pass (activity, work-system and duty clocks too), before the database closes', async () => {
    const worker = startWorker(ctx.database, ctx.config, ctx.app.log, { intervalMs: 20, mailer: null, clocksIntervalMs: 0 });
    let finished = false;
    const pass = worker.tickClocks().then(() => (finished = true));
    await worker.stop();
    expect(finished).toBe(true);
    await pass;
  });
});
