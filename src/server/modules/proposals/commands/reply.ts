/**
 * 答复: a replying unit (lead / sole / separate) answers the proposal; the lead only once every open co-unit has
 * given its opinion, unless the office allowed it. The last reply of the round moves the proposal to 已答复
 * (complete_replies): the evaluation window opens for every confirmed proposer, and a public proposal is disclosed.
 */
import type { FastifyRequest } from 'fastify';
import { eq, sql } from 'drizzle-orm';
import { findTransition, type ProposalState } from '@common/proposals';
import type { Db, Tx } from '@server/db/client';
import { proposalEvaluations, proposalReplies, proposals } from '@server/db/schema/index';
import { writeAudit } from '@server/lib/audit';
import { AppError, invalid } from '@server/lib/errors';
import { emit } from '@server/lib/outbox';
import { loadWorkCalendar } from '@server/lib/workdays';
import * as assignmentsRepo from '../assignments.repo';
import * as handlingRepo from '../handling.repo';
import * as repo from '../proposals.repo';
import { plainText, sanitizeBody } from '../proposals.text';
import { labelOf, REPLY_STATES, runStep } from './assignment-steps';

export interface ReplyInput {
  grade: string;
  body: string;
  docNumber: string;
  signer: string;
  version: number;
}

/**
 * complete_replies inside the caller's transaction (the proposal row locked): handling|rehandling → replied, the
 * evaluation window (evaluationWorkdays working days from today), one pending evaluation row per confirmed
 * proposer for the round, the proposers notified, a public proposal disclosed the first time.
 */
export async function completeReplies(
  req: FastifyRequest,
  tx: Tx,
  p: repo.ProposalRow,
  today: string,
  actorId: number | null,
): Promise<void> {
  const t = findTransition(p.state as ProposalState, 'complete_replies');
  if (!t) return;
  const { config } = await repo.loadSettings(tx, p.orgId);
  const cal = await loadWorkCalendar(tx);
  const due = cal.addWorkdays(today, config.evaluationWorkdays);
  const proposerIds = await handlingRepo.confirmedProposerIds(tx, p.id);
  if (proposerIds.length) {
    await tx
      .insert(proposalEvaluations)
      .values(proposerIds.map((proposerId) => ({ orgId: p.orgId, proposalId: p.id, proposerId, round: p.round })))
      .onConflictDoNothing();
  }
  const now = new Date();
  const disclose = p.isPublic && p.disclosedAt === null;
  await tx
    .update(proposals)
    .set({
      state: t.to,
      repliedAt: now,
      evaluationDue: due.date,
      evaluationDueProvisional: due.provisional,
      ...(disclose ? { disclosedAt: now } : {}),
      version: sql`${proposals.version} + 1`,
      updatedAt: now,
    })
    .where(eq(proposals.id, p.id));
  await writeAudit(tx, req.auditActor(), {
    orgId: p.orgId,
    entityType: 'proposal',
    entityId: p.id,
    action: 'complete_replies',
    before: { state: p.state },
    after: {
      state: t.to,
      round: p.round,
      evaluationDue: due.date,
      evaluationDueProvisional: due.provisional,
      evaluations: proposerIds.length,
      disclosed: disclose,
    },
  });
  const recipients = (await repo.proposerAccountIds(tx, p.id)).filter((a) => a !== actorId);
  if (recipients.length) {
    await emit(tx, p.orgId, 'proposal.complete_replies', {
      recipients,
      kind: 'proposal',
      link: `/proposals/${p.id}`,
      email: true,
      title: `请对办理情况进行评价：${labelOf(p)}`,
      body: `承办单位已答复，请于 ${due.date}${due.provisional ? '（暂定）' : ''} 前对办理工作和办理结果作出评价。`,
    });
  }
}

export async function replyAssignment(req: FastifyRequest, db: Db, id: number, input: ReplyInput) {
  return runStep(req, db, id, 'reply', { version: input.version, states: REPLY_STATES }, async ({ tx, a, p, actor, today }) => {
    const { config } = await repo.loadSettings(tx, a.orgId);
    const codes = config.gradeLabels.map((g) => g.code);
    if (!codes.includes(input.grade)) throw invalid('grade', 'not_in_list', { options: codes.join('、') });
    const body = sanitizeBody(input.body);
    if (!plainText(body)) throw invalid('body', 'required');
    if (a.role === 'lead' && !a.opinionsOverrideReason) {
      const pending = await handlingRepo.pendingOpinions(tx, a.proposalId);
      if (pending.length) {
        throw new AppError(409, 'proposal_opinions_pending', {
          params: { count: pending.length, units: pending.map((x) => x.unitName).join('、') },
          details: { pendingAssignmentIds: pending.map((x) => x.id) },
        });
      }
    }
    const [reply] = await tx
      .insert(proposalReplies)
      .values({
        orgId: a.orgId,
        proposalId: a.proposalId,
        assignmentId: a.id,
        unitId: a.unitId,
        round: p.round,
        grade: input.grade,
        body,
        docNumber: input.docNumber,
        signer: input.signer,
        repliedByAccountId: actor.accountId,
      })
      .returning({ id: proposalReplies.id });
    return {
      set: { repliedAt: new Date(), round: p.round },
      after: { replyId: reply.id, round: p.round, grade: input.grade, docNumber: input.docNumber },
      // After the assignment is written: the last reply of the round completes the replies.
      afterwards: async () => {
        if ((await handlingRepo.unrepliedCount(tx, a.proposalId)) === 0) await completeReplies(req, tx, p, today, actor.accountId);
      },
      notify: {
        recipients: await assignmentsRepo.accountsWithRoles(tx, a.orgId, ['proposal_staff']),
        title: `承办单位已答复：${labelOf(p)}`,
        body: `${input.grade} ${config.gradeLabels.find((g) => g.code === input.grade)?.label ?? ''}`.trim(),
      },
    };
  });
}
