/**
 * The proposers' evaluation (评价), the office's completion of it, re-handling (重新办理), closing (办结), the
 * good-proposal selection (好提案) and supervision records (督办).
 */
import type { FastifyRequest } from 'fastify';
import { and, eq, sql } from 'drizzle-orm';
import { REGISTERED_STATES, RATING_LABELS, findTransition, type ProposalState, type Rating } from '@common/proposals';
import type { Db, Tx } from '@server/db/client';
import { proposalEvaluations, proposals, proposalSupervisions } from '@server/db/schema/index';
import { writeAudit, type AuditActor } from '@server/lib/audit';
import { AppError, forbidden, invalid, notFound, staleVersion } from '@server/lib/errors';
import { emit } from '@server/lib/outbox';
import { loadWorkCalendar, todayInChina } from '@server/lib/workdays';
import * as assignmentsRepo from '../assignments.repo';
import * as evalRepo from '../evaluation.repo';
import { loadVisible } from '../proposals.access';
import * as repo from '../proposals.repo';
import { reopenForRehandling } from './handling-steps';
import { refused, runTransition } from './transition';

const labelOf = (p: { numberLabel: string | null; subject: string }) => p.numberLabel ?? p.subject;
const linkOf = (id: number) => `/proposals/${id}`;
const without = (ids: number[], me: number | null) => [...new Set(ids)].filter((x) => x !== me);

/** The accounts of the proposal office (提案办). */
const officeAccounts = (tx: Tx, orgId: number) => assignmentsRepo.accountsWithRoles(tx, orgId, ['proposal_staff']);

/**
 * Ends the evaluation of the current round (replied → evaluated): pending rows become 未表态 (no_response),
 * evaluatedAt is set, audited as `complete_evaluation` with the tally, the office and the replying units notified.
 * The caller holds the proposal's lock and has checked the state.
 */
export async function finishEvaluation(
  tx: Tx,
  actor: AuditActor,
  p: repo.ProposalRow,
  how: 'all_rated' | 'office' | 'expired',
): Promise<void> {
  const noResponse = await tx
    .update(proposalEvaluations)
    .set({ status: 'no_response' })
    .where(and(eq(proposalEvaluations.proposalId, p.id), eq(proposalEvaluations.round, p.round), eq(proposalEvaluations.status, 'pending')))
    .returning({ id: proposalEvaluations.id });
  const now = new Date();
  await tx
    .update(proposals)
    .set({ state: 'evaluated', evaluatedAt: now, updatedAt: now, version: sql`${proposals.version} + 1` })
    .where(eq(proposals.id, p.id));
  const tally = await evalRepo.countByStatus(tx, p.id, p.round);
  const dissatisfied = await evalRepo.hasDissatisfied(tx, p.id, p.round);
  await writeAudit(tx, actor, {
    orgId: p.orgId,
    entityType: 'proposal',
    entityId: p.id,
    action: 'complete_evaluation',
    before: { state: p.state },
    after: { state: 'evaluated', round: p.round, how, rated: tally.rated ?? 0, noResponse: noResponse.length, dissatisfied },
  });
  const recipients = without(
    [...(await officeAccounts(tx, p.orgId)), ...(await evalRepo.replyingHandlerAccounts(tx, p.id))],
    actor.accountId,
  );
  if (recipients.length) {
    await emit(tx, p.orgId, 'proposal.complete_evaluation', {
      recipients,
      kind: 'proposal',
      link: linkOf(p.id),
      email: true,
      title: `提案评价已结束${dissatisfied ? '（有不满意）' : ''}：${labelOf(p)}`,
      body: `已评价 ${tally.rated ?? 0} 人，未表态 ${noResponse.length} 人`,
    });
  }
}

/**
 * 评价: a confirmed proposer (or an agent of the collective proposer) rates the reply of the current round, once,
 * within the due date. The last pending rating completes the evaluation.
 */
export async function evaluateProposal(
  req: FastifyRequest,
  db: Db,
  id: number,
  body: { workRating: Rating; resultRating: Rating; comments: string; proposerId?: number },
): Promise<void> {
  const pre = await loadVisible(req, db, id);
  await db.transaction(async (tx) => {
    const locked = await repo.lockProposals(tx, [id]);
    const p = locked.get(id);
    if (!p) throw notFound();
    if (!findTransition(p.state as ProposalState, 'evaluate')) throw refused(req, p.state, 'evaluate', pre.actors);
    const mine = await evalRepo.callerRowsForUpdate(tx, id, p.round, pre.actor.accountId);
    if (!mine.length) throw forbidden();
    let row: (typeof mine)[number]['e'] | undefined;
    if (body.proposerId !== undefined) {
      row = mine.find((m) => m.e.proposerId === body.proposerId)?.e;
      if (!row) throw invalid('proposerId', 'unknown_ref', { value: body.proposerId });
    } else {
      const pending = mine.filter((m) => m.e.status === 'pending');
      if (pending.length > 1) throw invalid('proposerId', 'required');
      row = (pending[0] ?? mine[0]).e;
    }
    if (row.status !== 'pending')
      throw new AppError(409, 'proposal_already_evaluated', { details: { status: row.status, round: row.round } });
    const today = todayInChina();
    if (p.evaluationDue && today > p.evaluationDue) {
      throw new AppError(409, 'proposal_evaluation_closed', {
        params: { due: p.evaluationDue },
        details: { evaluationDue: p.evaluationDue },
      });
    }
    await tx
      .update(proposalEvaluations)
      .set({
        status: 'rated',
        workRating: body.workRating,
        resultRating: body.resultRating,
        comments: body.comments,
        ratedByAccountId: pre.actor.accountId,
        ratedAt: new Date(),
      })
      .where(eq(proposalEvaluations.id, row.id));
    await tx.update(proposals).set({ updatedAt: new Date() }).where(eq(proposals.id, id));
    await writeAudit(tx, req.auditActor(), {
      orgId: p.orgId,
      entityType: 'proposal',
      entityId: id,
      action: 'evaluate',
      before: { state: p.state },
      after: { state: p.state, round: p.round, proposerId: row.proposerId, workRating: body.workRating, resultRating: body.resultRating },
      reason: body.comments,
    });
    const office = without(await officeAccounts(tx, p.orgId), pre.actor.accountId);
    if (office.length) {
      await emit(tx, p.orgId, 'proposal.evaluate', {
        recipients: office,
        kind: 'proposal',
        link: linkOf(id),
        title: `提案人已评价：${labelOf(p)}`,
        body: `办理工作：${RATING_LABELS[body.workRating].zh}；办理结果：${RATING_LABELS[body.resultRating].zh}`,
      });
    }
    const left = await evalRepo.countByStatus(tx, id, p.round);
    if (!left.pending) await finishEvaluation(tx, req.auditActor(), p, 'all_rated');
  });
}

/** 评价结束 by the office: only after the due date; pending ratings become 未表态. */
export async function completeEvaluation(req: FastifyRequest, db: Db, id: number, version: number): Promise<void> {
  const pre = await loadVisible(req, db, id);
  await db.transaction(async (tx) => {
    const p = (await repo.lockProposals(tx, [id])).get(id);
    if (!p) throw notFound();
    const t = findTransition(p.state as ProposalState, 'complete_evaluation');
    if (!t) throw refused(req, p.state, 'complete_evaluation', pre.actors);
    if (!t.roles.some((r) => pre.actors.has(r))) throw forbidden();
    if (version !== p.version) throw staleVersion();
    const today = todayInChina();
    if (p.evaluationDue && today <= p.evaluationDue) {
      throw new AppError(409, 'proposal_evaluation_not_due', {
        params: { due: p.evaluationDue },
        details: { evaluationDue: p.evaluationDue },
      });
    }
    await finishEvaluation(tx, req.auditActor(), p, 'office');
  });
}

/** 重新办理: only from evaluated with a 不满意 rating in the current round; a new round and a new clock. */
export async function rehandleProposal(req: FastifyRequest, db: Db, id: number, body: { reason: string; version: number }): Promise<void> {
  await runTransition(req, db, id, 'order_rehandling', { version: body.version }, async ({ tx, row }) => {
    if (!(await evalRepo.hasDissatisfied(tx, row.id, row.round))) {
      throw new AppError(409, 'proposal_rehandle_not_dissatisfied', { details: { round: row.round } });
    }
    const round = row.round + 1;
    // The new clock: today + replyMonths (calendar), moved to a working day — as on assignment.
    const { config } = await repo.loadSettings(tx, row.orgId);
    const cal = await loadWorkCalendar(tx);
    const due = cal.addWorkdays(cal.addMonths(todayInChina(), config.replyMonths).date, 0);
    // The handling slice reopens the replying units (audited `reopen`, the units notified).
    const reopened = await reopenForRehandling(tx, req, row, due.date, due.provisional);
    return {
      set: {
        round,
        rehandlingReason: body.reason,
        deadline: due.date,
        deadlineProvisional: due.provisional,
        repliedAt: null,
        evaluationDue: null,
        evaluationDueProvisional: false,
        evaluatedAt: null,
      },
      before: { round: row.round },
      after: { round, deadline: due.date, reopened },
      reason: body.reason,
      notifyProposers: { title: `提案重新办理：${labelOf(row)}`, body: body.reason },
    };
  });
}

/** 办结 by the office, with a note. */
export async function closeProposal(req: FastifyRequest, db: Db, id: number, body: { note: string; version: number }): Promise<void> {
  await runTransition(req, db, id, 'close', { version: body.version }, async ({ tx, row }) => ({
    set: { closedAt: new Date() },
    reason: body.note,
    notifyProposers: { title: `提案已办结：${labelOf(row)}`, body: body.note || undefined },
    notify: {
      recipients: await evalRepo.replyingHandlerAccounts(tx, row.id),
      title: `提案已办结：${labelOf(row)}`,
      body: body.note || undefined,
    },
  }));
}

/** 好提案: the office selects (or unselects) a registered-or-later proposal. */
export async function markGood(
  req: FastifyRequest,
  db: Db,
  id: number,
  body: { isGood: boolean; note: string; version: number },
): Promise<void> {
  const pre = await loadVisible(req, db, id);
  await db.transaction(async (tx) => {
    const p = (await repo.lockProposals(tx, [id])).get(id);
    if (!p) throw notFound();
    if (!REGISTERED_STATES.includes(p.state as ProposalState))
      throw new AppError(409, 'proposal_good_not_registered', { details: { state: p.state } });
    if (body.version !== p.version) throw staleVersion();
    const now = new Date();
    await tx
      .update(proposals)
      .set({
        isGood: body.isGood,
        goodNote: body.note,
        goodAt: body.isGood ? now : null,
        updatedAt: now,
        version: sql`${proposals.version} + 1`,
      })
      .where(eq(proposals.id, id));
    await writeAudit(tx, req.auditActor(), {
      orgId: p.orgId,
      entityType: 'proposal',
      entityId: id,
      action: body.isGood ? 'select_good' : 'unselect_good',
      before: { isGood: p.isGood },
      after: { isGood: body.isGood },
      reason: body.note,
    });
    if (body.isGood && !p.isGood) {
      const recipients = without(await repo.proposerAccountIds(tx, id), pre.actor.accountId);
      if (recipients.length)
        await emit(tx, p.orgId, 'proposal.good', {
          recipients,
          kind: 'proposal',
          link: linkOf(id),
          email: true,
          title: `提案被评为好提案：${labelOf(p)}`,
          body: body.note || undefined,
        });
    }
  });
}

/** 督办 record on a registered-or-later proposal: by a leader (recorded as the leader) or the office. */
export async function addSupervision(
  req: FastifyRequest,
  db: Db,
  id: number,
  body: { kind: string; happenedOn: string; notes: string },
): Promise<number> {
  const pre = await loadVisible(req, db, id);
  return db.transaction(async (tx) => {
    const p = (await repo.lockProposals(tx, [id])).get(id);
    if (!p) throw notFound();
    if (!REGISTERED_STATES.includes(p.state as ProposalState))
      throw new AppError(409, 'proposal_supervision_not_registered', { details: { state: p.state } });
    const isLeader = pre.actors.has('leader');
    const leaderAccountId = isLeader ? pre.actor.accountId : p.supervisorAccountId;
    const [s] = await tx
      .insert(proposalSupervisions)
      .values({
        orgId: p.orgId,
        proposalId: id,
        kind: body.kind,
        happenedOn: body.happenedOn,
        notes: body.notes,
        leaderAccountId,
        createdByAccountId: pre.actor.accountId,
      })
      .returning();
    await writeAudit(tx, req.auditActor(), {
      orgId: p.orgId,
      entityType: 'proposal',
      entityId: id,
      action: 'supervise',
      after: { supervisionId: s.id, kind: body.kind, happenedOn: body.happenedOn, leaderAccountId },
      reason: body.notes,
    });
    const recipients = without(
      [
        ...(await evalRepo.openHandlerAccounts(tx, id)),
        ...(await officeAccounts(tx, p.orgId)),
        ...(p.supervisorAccountId ? [p.supervisorAccountId] : []),
      ],
      pre.actor.accountId,
    );
    if (recipients.length)
      await emit(tx, p.orgId, 'proposal.supervise', {
        recipients,
        kind: 'proposal',
        link: linkOf(id),
        title: `督办：${labelOf(p)}`,
        body: body.notes,
      });
    return s.id;
  });
}
