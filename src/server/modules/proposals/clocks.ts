/**
 * The proposal clocks (办理时限): run by the worker every few minutes (and from the command line).
 *
 *  1. Evaluation expiry — a proposal still 已答复 after its evaluation due date: pending ratings become 未表态
 *     (no_response) and the proposal moves to 已评价, audited as the system.
 *  2. Reminders at the organization's `reminderOffsetsWorkdays` (default 5, 1, 0): n > 0 working days before a
 *     deadline, to the unit's handlers (reply / co-handler opinion / sign-for clocks) or to the proposer (evaluation);
 *     0 = on the first working day after the deadline passed: the overdue escalation, to the unit, the office and
 *     the supervising leader.
 *
 * Every reminder is keyed `<clock>:<entity id>:<deadline>:<offset>` in proposal_reminders (unique): the key is
 * inserted with ON CONFLICT DO NOTHING and the notification written to the outbox in the same transaction only
 * when the insert took place, so no reminder is ever sent twice — across restarts and several app instances.
 * A moved deadline (extension, re-handling) is a new key. When the worker missed days, only the most urgent
 * reminder due by now is sent (never a burst of stale ones).
 */
import { eq, sql, type SQL } from 'drizzle-orm';
import type { ProposalSettingsConfig } from '@common/proposals';
import type { Db } from '@server/db/client';
import { proposalReminders } from '@server/db/schema/index';
import type { AuditActor } from '@server/lib/audit';
import { emit } from '@server/lib/outbox';
import { loadWorkCalendar, todayInChina, type WorkCalendar } from '@server/lib/workdays';
import * as assignmentsRepo from './assignments.repo';
import { finishEvaluation } from './commands/evaluation-steps';
import * as evalRepo from './evaluation.repo';
import * as repo from './proposals.repo';

export const CLOCK_ACTOR: AuditActor = { accountId: null, name: 'system', requestId: 'proposal-clocks' };

export interface ClockRun {
  /** Proposals whose evaluation window ended (→ evaluated). */
  expired: number;
  /** Reminders sent before a deadline. */
  reminders: number;
  /** Overdue escalations sent. */
  escalations: number;
}

type Clock = 'reply' | 'opinion' | 'sign' | 'evaluation';
interface Candidate {
  clock: Clock;
  entity_id: number | string;
  org_id: number | string;
  proposal_id: number | string;
  unit_id: number | string | null;
  proposer_id: number | string | null;
  deadline: string;
  subject: string;
  number_label: string | null;
  supervisor_account_id: number | string | null;
}

const rowsOf = <T>(res: unknown) => (res as { rows: T[] }).rows;
const CLOCK_NAMES: Record<Clock, string> = { reply: '答复', opinion: '协办意见', sign: '签收', evaluation: '评价' };

/** Look-ahead for reminders before a deadline, in calendar days (30 working days fit in it, holidays included). */
const LOOKAHEAD_DAYS = 70;

/**
 * Which reminder is due today for a deadline: the overdue escalation (0) from the first working day after it;
 * before it, the smallest offset whose day has come. null when none.
 */
export function reminderOffset(
  cal: WorkCalendar,
  deadline: string,
  today: string,
  offsets: readonly number[],
  escalate: boolean,
): number | null {
  if (today > deadline) {
    if (!escalate || !offsets.includes(0)) return null;
    return today >= cal.addWorkdays(deadline, 1).date ? 0 : null;
  }
  const due = offsets.filter((k) => k > 0 && today >= cal.addWorkdays(deadline, -k).date);
  return due.length ? Math.min(...due) : null;
}

export const reminderKey = (clock: Clock, entityId: number, deadline: string, offset: number) =>
  `${clock}:${entityId}:${deadline}:${offset}`;

export interface ClockOptions {
  /** China's date by default. */
  today?: string;
  /** Only these organizations (tests sharing a database); every organization by default. */
  orgIds?: number[];
}

const inOrgs = (column: SQL, orgIds: number[] | undefined) =>
  orgIds
    ? orgIds.length
      ? sql`and ${column} in (${sql.join(
          orgIds.map((id) => sql`${id}`),
          sql`, `,
        )})`
      : sql`and false`
    : sql``;

async function expireEvaluations(db: Db, today: string, orgIds: number[] | undefined): Promise<number> {
  const due = rowsOf<{ id: number | string }>(
    await db.execute(
      sql`select id from proposals where state = 'replied' and evaluation_due < ${today}::date ${inOrgs(sql`org_id`, orgIds)} order by id`,
    ),
  );
  let n = 0;
  for (const { id } of due) {
    const done = await db.transaction(async (tx) => {
      const p = (await repo.lockProposals(tx, [Number(id)])).get(Number(id));
      // Another instance may have completed it meanwhile.
      if (!p || p.state !== 'replied' || !p.evaluationDue || p.evaluationDue >= today) return false;
      await finishEvaluation(tx, CLOCK_ACTOR, p, 'expired');
      return true;
    });
    if (done) n++;
  }
  return n;
}

/** Open clocks with a deadline ahead within the look-ahead, or past and not escalated yet. One statement. */
async function candidates(db: Db, today: string, orgIds: number[] | undefined): Promise<Candidate[]> {
  const handling = sql`p.state in ('assigned', 'handling', 'rehandling')`;
  const res = await db.execute(sql`
    select c.clock, c.entity_id, c.org_id, c.proposal_id, c.unit_id, c.proposer_id, to_char(c.deadline, 'YYYY-MM-DD') as deadline,
           p.subject, p.number_label, p.supervisor_account_id from (
      select 'reply'::text as clock, a.id as entity_id, a.org_id, a.proposal_id, a.unit_id, null::bigint as proposer_id, a.deadline as deadline
        from proposal_assignments a join proposals p on p.id = a.proposal_id
       where a.role in ('lead', 'sole', 'separate') and a.status in ('assigned', 'received') and ${handling}
      union all
      select 'opinion'::text, a.id, a.org_id, a.proposal_id, a.unit_id, null::bigint, a.opinion_due
        from proposal_assignments a join proposals p on p.id = a.proposal_id
       where a.role = 'co' and a.status = 'received' and a.opinion_due is not null and ${handling}
      union all
      select 'sign'::text, a.id, a.org_id, a.proposal_id, a.unit_id, null::bigint, a.window_end
        from proposal_assignments a join proposals p on p.id = a.proposal_id
       where a.status = 'assigned' and ${handling}
      union all
      select 'evaluation'::text, e.id, e.org_id, e.proposal_id, null::bigint, e.proposer_id, p.evaluation_due
        from proposal_evaluations e join proposals p on p.id = e.proposal_id and e.round = p.round
       where e.status = 'pending' and p.state = 'replied' and p.evaluation_due is not null
    ) c
    join proposals p on p.id = c.proposal_id
    where ((c.deadline >= ${today}::date and c.deadline <= ${today}::date + ${LOOKAHEAD_DAYS}::int)
       or (c.deadline < ${today}::date and c.clock <> 'evaluation'
           and not exists (select 1 from proposal_reminders r where r.key = c.clock || ':' || c.entity_id || ':' || to_char(c.deadline, 'YYYY-MM-DD') || ':0')))
      ${inOrgs(sql`c.org_id`, orgIds)}
    order by c.deadline, c.clock, c.entity_id`);
  return rowsOf<Candidate>(res);
}

/**
 * One pass of every proposal clock for `today` (China's date by default). Idempotent: running it again, or in two
 * instances at once, sends nothing twice.
 */
export async function runProposalClocks(db: Db, opts: ClockOptions = {}): Promise<ClockRun> {
  const today = opts.today ?? todayInChina();
  const out: ClockRun = { expired: await expireEvaluations(db, today, opts.orgIds), reminders: 0, escalations: 0 };
  const cal = await loadWorkCalendar(db);
  const settings = new Map<number, ProposalSettingsConfig>();
  for (const c of await candidates(db, today, opts.orgIds)) {
    const orgId = Number(c.org_id);
    if (!settings.has(orgId)) settings.set(orgId, (await repo.loadSettings(db, orgId)).config);
    const offsets = settings.get(orgId)!.reminderOffsetsWorkdays;
    const offset = reminderOffset(cal, c.deadline, today, offsets, c.clock !== 'evaluation');
    if (offset === null) continue;
    const key = reminderKey(c.clock, Number(c.entity_id), c.deadline, offset);
    const sent = await db.transaction(async (tx) => {
      const inserted = await tx
        .insert(proposalReminders)
        .values({ orgId, key, proposalId: Number(c.proposal_id) })
        .onConflictDoNothing({ target: proposalReminders.key })
        .returning({ id: proposalReminders.id });
      if (!inserted.length) return false;
      const label = c.number_label ?? c.subject;
      const what = CLOCK_NAMES[c.clock];
      let recipients: number[];
      if (c.clock === 'evaluation') recipients = await evalRepo.accountsOfProposer(tx, Number(c.proposer_id));
      else recipients = await assignmentsRepo.handlerAccountIds(tx, orgId, [Number(c.unit_id)]);
      if (offset === 0) {
        const office = await assignmentsRepo.accountsWithRoles(tx, orgId, ['proposal_staff']);
        const leader = c.supervisor_account_id != null ? [Number(c.supervisor_account_id)] : [];
        recipients = [...new Set([...recipients, ...office, ...leader])];
      }
      if (!recipients.length) return true;
      const left = cal.workdaysBetween(today, c.deadline).count;
      await emit(tx, orgId, offset === 0 ? 'proposal.overdue' : 'proposal.reminder', {
        recipients,
        kind: 'proposal',
        link: `/proposals/${Number(c.proposal_id)}`,
        email: true,
        title:
          offset === 0
            ? `提案${what}已逾期（期限 ${c.deadline}）：${label}`
            : `提案${what}期限 ${c.deadline}，还有 ${left} 个工作日：${label}`,
        body:
          offset === 0
            ? `${what}期限 ${c.deadline} 已过，请尽快办理。`
            : c.clock === 'evaluation'
              ? `请于 ${c.deadline} 前对办理工作和办理结果作出评价，逾期视为未表态。`
              : `请于 ${c.deadline} 前完成${what}。`,
      });
      return true;
    });
    if (sent) {
      if (offset === 0) out.escalations++;
      else out.reminders++;
    }
  }
  return out;
}

/** Reminder keys already recorded for a proposal (tests, diagnostics). */
export async function remindersOf(db: Db, proposalId: number): Promise<string[]> {
  const rows = await db.select({ key: proposalReminders.key }).from(proposalReminders).where(eq(proposalReminders.proposalId, proposalId));
  return rows.map((r) => r.key).sort();
}
