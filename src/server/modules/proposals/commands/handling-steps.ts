/**
 * The unit side of handling (办理), step by step on an assignment: the co-unit's opinion to the lead (协办意见),
 * contacts with the proposer (面商), one extension (延期) with the office's decision, the office's permission for the
 * lead to reply before every co opinion is in, grade-B progress reports, and the reopening of the replying units
 * when the office orders re-handling. The reply itself is in ./reply.ts.
 */
import type { FastifyRequest } from 'fastify';
import { and, eq, inArray, sql } from 'drizzle-orm';
import { pick } from '@common/messages';
import { CONTACT_FORM_LABELS, EXTENSION_STATUS_LABELS, type ContactForm, type ExtensionStatus } from '@common/proposals';
import type { Db, Tx } from '@server/db/client';
import { proposalAssignments, proposalContacts, proposalProgress, proposals } from '@server/db/schema/index';
import { writeAudit } from '@server/lib/audit';
import { AppError, invalid } from '@server/lib/errors';
import { emit } from '@server/lib/outbox';
import { isValidDay, loadWorkCalendar } from '@server/lib/workdays';
import * as assignmentsRepo from '../assignments.repo';
import * as handlingRepo from '../handling.repo';
import { followUpGrade, gradeLabelOf } from '../handling.presenter';
import * as repo from '../proposals.repo';
import { CONTACT_STATES, extensionCap, labelOf, PRE_REPLY_STATES, PROGRESS_STATES, runStep } from './assignment-steps';

/** Handler accounts of the proposal's open lead assignment (where co opinions go). */
async function leadHandlers(tx: Tx, proposalId: number, orgId: number): Promise<number[]> {
  const rows = await tx
    .select({ unitId: proposalAssignments.unitId })
    .from(proposalAssignments)
    .where(
      and(
        eq(proposalAssignments.proposalId, proposalId),
        eq(proposalAssignments.role, 'lead'),
        sql`${proposalAssignments.status} <> 'closed'`,
      ),
    );
  return assignmentsRepo.handlerAccountIds(
    tx,
    orgId,
    rows.map((r) => r.unitId),
  );
}

const staffOf = (tx: Tx, orgId: number) => assignmentsRepo.accountsWithRoles(tx, orgId, ['proposal_staff']);

/** 协办意见: a co-unit gives its opinion to the lead unit (received → opinion_given). */
export async function submitOpinion(req: FastifyRequest, db: Db, id: number, body: { opinion: string; version: number }) {
  return runStep(req, db, id, 'submit_opinion', { version: body.version, states: PRE_REPLY_STATES }, async ({ tx, a, p }) => ({
    set: { opinion: body.opinion, opinionAt: new Date() },
    after: { opinion: body.opinion },
    notify: {
      recipients: await leadHandlers(tx, a.proposalId, a.orgId),
      title: `协办单位已提交协办意见：${labelOf(p)}`,
      body: body.opinion,
    },
  }));
}

/**
 * 面商: any open assignment of the caller's unit records a contact with the proposer (append-only, no version).
 * Returns the new contact's id.
 */
export async function addContact(req: FastifyRequest, db: Db, id: number, body: { form: string; contactDate: string; notes: string }) {
  let contactId = 0;
  const proposalId = await runStep(
    req,
    db,
    id,
    'add_contact',
    { version: null, states: CONTACT_STATES },
    async ({ tx, a, p, actor, today }) => {
      if (!isValidDay(body.contactDate)) throw invalid('contactDate', 'invalid_date');
      if (body.contactDate > today) throw invalid('contactDate', 'not_future');
      const [row] = await tx
        .insert(proposalContacts)
        .values({
          orgId: a.orgId,
          proposalId: a.proposalId,
          assignmentId: a.id,
          form: body.form,
          contactDate: body.contactDate,
          notes: body.notes,
          createdByAccountId: actor.accountId,
        })
        .returning({ id: proposalContacts.id });
      contactId = row.id;
      // The proposers learn what was recorded as a contact with them (and may tell the office if it did not happen).
      const form = CONTACT_FORM_LABELS[body.form as ContactForm]?.zh ?? body.form;
      return {
        after: { contactId: row.id, form: body.form, contactDate: body.contactDate },
        notify: {
          recipients: await repo.proposerAccountIds(tx, a.proposalId),
          title: `承办单位记录了与您的沟通：${labelOf(p)}`,
          body: `${body.contactDate} ${form}：${body.notes}`,
        },
      };
    },
  );
  return { proposalId, contactId };
}

/** 申请延期: a replying unit, once per assignment, while the deadline is below the cap (assignedOn + maxMonths). */
export async function requestExtension(req: FastifyRequest, db: Db, id: number, body: { reason: string; version: number }) {
  return runStep(req, db, id, 'request_extension', { version: body.version, states: PRE_REPLY_STATES }, async ({ tx, a, p }) => {
    if (a.extensionStatus !== 'none') {
      throw new AppError(409, 'proposal_extension_used', {
        params: {
          status: pick(
            EXTENSION_STATUS_LABELS[a.extensionStatus as ExtensionStatus] ?? { zh: a.extensionStatus, en: a.extensionStatus },
            req.lang,
          ),
        },
        details: { extensionStatus: a.extensionStatus },
      });
    }
    const { config } = await repo.loadSettings(tx, a.orgId);
    const cap = extensionCap(a.assignedOn, config.maxMonths);
    if (a.deadline >= cap)
      throw new AppError(409, 'proposal_extension_cap', {
        params: { months: config.maxMonths, cap },
        details: { cap, deadline: a.deadline },
      });
    return {
      set: { extensionStatus: 'requested', extensionReason: body.reason, extensionRequestedAt: new Date() },
      after: { extensionStatus: 'requested' },
      reason: body.reason,
      notify: { recipients: await staffOf(tx, a.orgId), title: `承办单位申请延期：${labelOf(p)}`, body: body.reason },
    };
  });
}

function requireRequested(a: assignmentsRepo.AssignmentRow) {
  if (a.extensionStatus !== 'requested')
    throw new AppError(409, 'proposal_extension_not_requested', { details: { extensionStatus: a.extensionStatus } });
}

/** The proposal's deadline follows the latest deadline of its open assignments. */
async function syncProposalDeadline(tx: Tx, proposalId: number) {
  const latest = await handlingRepo.latestOpenDeadline(tx, proposalId);
  if (!latest) return;
  await tx
    .update(proposals)
    .set({
      deadline: latest.deadline,
      deadlineProvisional: latest.provisional,
      version: sql`${proposals.version} + 1`,
      updatedAt: new Date(),
    })
    .where(eq(proposals.id, proposalId));
}

/**
 * 同意延期 (office): the deadline moves by extensionMonths, never beyond assignedOn + maxMonths, onto a working day;
 * the original deadline is kept; the proposal's deadline follows its open assignments.
 */
export async function approveExtension(req: FastifyRequest, db: Db, id: number, body: { note: string; version: number }) {
  return runStep(req, db, id, 'approve_extension', { version: body.version, states: PRE_REPLY_STATES }, async ({ tx, a, p }) => {
    requireRequested(a);
    const { config } = await repo.loadSettings(tx, a.orgId);
    const cal = await loadWorkCalendar(tx);
    const extended = cal.addMonths(a.deadline, config.extensionMonths).date;
    const cap = extensionCap(a.assignedOn, config.maxMonths);
    const due = cal.addWorkdays(extended < cap ? extended : cap, 0);
    return {
      set: {
        extensionStatus: 'approved',
        extensionNote: body.note,
        originalDeadline: a.originalDeadline ?? a.deadline,
        deadline: due.date,
        deadlineProvisional: due.provisional,
      },
      after: { extensionStatus: 'approved', deadlineBefore: a.deadline, deadline: due.date, deadlineProvisional: due.provisional },
      reason: body.note || undefined,
      afterwards: () => syncProposalDeadline(tx, a.proposalId),
      notify: {
        recipients: await assignmentsRepo.handlerAccountIds(tx, a.orgId, [a.unitId]),
        title: `延期申请已同意：${labelOf(p)}`,
        body: `办理期限延至 ${due.date}${due.provisional ? '（暂定）' : ''}${body.note ? `。${body.note}` : ''}`,
      },
    };
  });
}

/** 不同意延期 (office): the deadline stays; the unit may not ask again. */
export async function rejectExtension(req: FastifyRequest, db: Db, id: number, body: { reason: string; version: number }) {
  return runStep(req, db, id, 'reject_extension', { version: body.version, states: PRE_REPLY_STATES }, async ({ tx, a, p }) => {
    requireRequested(a);
    return {
      set: { extensionStatus: 'rejected', extensionNote: body.reason },
      after: { extensionStatus: 'rejected' },
      reason: body.reason,
      notify: {
        recipients: await assignmentsRepo.handlerAccountIds(tx, a.orgId, [a.unitId]),
        title: `延期申请未获同意：${labelOf(p)}`,
        body: body.reason,
      },
    };
  });
}

/** 准予先行答复 (office): the lead unit may reply before every co-unit's opinion is in. */
export async function overrideOpinions(req: FastifyRequest, db: Db, id: number, body: { reason: string; version: number }) {
  return runStep(req, db, id, 'override_opinions', { version: body.version, states: PRE_REPLY_STATES }, async ({ tx, a, p }) => ({
    set: { opinionsOverrideReason: body.reason },
    after: {
      opinionsOverrideReason: body.reason,
      pendingOpinions: (await handlingRepo.pendingOpinions(tx, a.proposalId)).map((x) => x.id),
    },
    reason: body.reason,
    notify: {
      recipients: await assignmentsRepo.handlerAccountIds(tx, a.orgId, [a.unitId]),
      title: `提案办准予先行答复：${labelOf(p)}`,
      body: body.reason,
    },
  }));
}

/**
 * 报送进展: a replying unit whose reply of the current round is grade B reports progress while the proposal is
 * replied or evaluated, until it is closed (append-only, no version). Returns the new record's id.
 */
export async function reportProgress(req: FastifyRequest, db: Db, id: number, body: { body: string }) {
  let progressId = 0;
  const proposalId = await runStep(
    req,
    db,
    id,
    'report_progress',
    { version: null, states: PROGRESS_STATES },
    async ({ tx, a, p, actor }) => {
      const { config } = await repo.loadSettings(tx, a.orgId);
      const b = followUpGrade(config);
      const grade = await handlingRepo.replyGrade(tx, a.id, p.round);
      if (b === null || grade !== b) {
        throw new AppError(409, 'proposal_progress_not_b', {
          params: { grade: b === null ? '' : `${b} ${gradeLabelOf(config, b)}` },
          details: { grade, followUpGrade: b },
        });
      }
      const [row] = await tx
        .insert(proposalProgress)
        .values({ orgId: a.orgId, proposalId: a.proposalId, assignmentId: a.id, body: body.body, createdByAccountId: actor.accountId })
        .returning({ id: proposalProgress.id });
      progressId = row.id;
      const recipients = [...new Set([...(await staffOf(tx, a.orgId)), ...(await repo.proposerAccountIds(tx, a.proposalId))])];
      return { after: { progressId: row.id }, notify: { recipients, title: `承办单位报送办理进展：${labelOf(p)}`, body: body.body } };
    },
  );
  return { proposalId, progressId };
}

/**
 * Re-handling (重新办理), for the office's order (evaluation slice): every open replying assignment that has replied
 * is reopened for the new round — status received, round = the new round, the new deadline, repliedAt cleared —
 * each audited (`reopen`) on the proposal's timeline, and the units' handlers notified. Runs in the caller's
 * transaction; the caller sets the proposal's own state, round and deadline.
 *
 * `proposalRow` may be the row before the order (state `evaluated`: the new round is round + 1) or after it
 * (state `rehandling`: its round is already the new one). Returns the reopened assignment ids.
 */
export async function reopenForRehandling(
  tx: Tx,
  req: FastifyRequest,
  proposalRow: repo.ProposalRow,
  newDeadline: string,
  provisional: boolean,
): Promise<number[]> {
  const round = proposalRow.state === 'rehandling' ? proposalRow.round : proposalRow.round + 1;
  const rows = await tx
    .select()
    .from(proposalAssignments)
    .where(
      and(
        eq(proposalAssignments.proposalId, proposalRow.id),
        inArray(proposalAssignments.role, [...handlingRepo.REPLYING_ROLES]),
        eq(proposalAssignments.status, 'replied'),
      ),
    )
    .orderBy(proposalAssignments.id)
    .for('update');
  if (!rows.length) return [];
  await tx
    .update(proposalAssignments)
    .set({
      status: 'received',
      round,
      deadline: newDeadline,
      deadlineProvisional: provisional,
      repliedAt: null,
      version: sql`${proposalAssignments.version} + 1`,
      updatedAt: new Date(),
    })
    .where(
      inArray(
        proposalAssignments.id,
        rows.map((r) => r.id),
      ),
    );
  for (const a of rows) {
    await writeAudit(tx, req.auditActor(), {
      orgId: a.orgId,
      entityType: 'proposal',
      entityId: a.proposalId,
      action: 'reopen',
      before: { assignmentId: a.id, unitId: a.unitId, status: a.status, round: a.round, deadline: a.deadline },
      after: { assignmentId: a.id, unitId: a.unitId, status: 'received', round, deadline: newDeadline, deadlineProvisional: provisional },
    });
  }
  const recipients = await assignmentsRepo.handlerAccountIds(
    tx,
    proposalRow.orgId,
    rows.map((r) => r.unitId),
  );
  const actorId = req.actor?.accountId;
  const to = recipients.filter((r) => r !== actorId);
  if (to.length) {
    await emit(tx, proposalRow.orgId, 'proposal.reopen', {
      recipients: to,
      kind: 'proposal',
      link: `/proposals/${proposalRow.id}`,
      email: true,
      title: `提案须重新办理：${labelOf(proposalRow)}`,
      body: `第 ${round} 轮办理期限 ${newDeadline}${provisional ? '（暂定）' : ''}`,
    });
  }
  return rows.map((r) => r.id);
}
