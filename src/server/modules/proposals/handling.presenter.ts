/** Read models of the unit-side handling: assignments with handling abilities, contacts, replies, progress. */
import type { z } from 'zod';
import type { AssignmentView, ContactView, HandlingView, ProgressView, ProposalSettingsConfig, ReplyView } from '@common/proposals';
import type { DbOrTx } from '@server/db/client';
import type { Actor } from '@server/lib/context';
import type { AssignmentRow } from './assignments.repo';
import * as assignmentsRepo from './assignments.repo';
import { assignmentAbilities, type HandlingContext } from './commands/assignment-steps';
import * as handlingRepo from './handling.repo';
import { presentAssignment } from './proposals.presenter';
import * as repo from './proposals.repo';

const iso = (d: Date | string | null | undefined) => (d == null ? null : d instanceof Date ? d.toISOString() : new Date(d).toISOString());

/** The grade code whose replies are followed up (B: 正在解决或列入计划) — the 2nd configured grade. */
export const followUpGrade = (config: ProposalSettingsConfig): string | null => config.gradeLabels[1]?.code ?? null;

export const gradeLabelOf = (config: ProposalSettingsConfig, code: string) =>
  config.gradeLabels.find((g) => g.code === code)?.label ?? code;

/** One assignment with every ability open to the caller, the handling steps included. */
export function presentHandlingAssignment(
  a: AssignmentRow,
  unitName: string,
  actor: Actor,
  ctx: HandlingContext,
): z.infer<typeof AssignmentView> {
  return presentAssignment(a, unitName, actor, assignmentAbilities(actor, a, ctx));
}

/** The handling contexts of a proposal's assignments (the co opinions and the current round's grades in two queries). */
export async function handlingContexts(
  db: DbOrTx,
  p: { id: number; state: string; round: number },
  config: ProposalSettingsConfig,
): Promise<(a: AssignmentRow) => HandlingContext> {
  const pending = (await handlingRepo.pendingOpinionCounts(db, [p.id])).get(p.id) ?? 0;
  const replies = await handlingRepo.repliesOf(db, p.id);
  const b = followUpGrade(config);
  const gradeB = new Set(replies.filter((r) => r.r.round === p.round && r.r.grade === b).map((r) => r.r.assignmentId));
  return (a) => ({ proposalState: p.state, opinionsIn: pending === 0, gradeB: gradeB.has(a.id), maxMonths: config.maxMonths });
}

/** A proposal's assignments (closed ones included, oldest first) as the caller sees them. */
export async function presentAssignmentsOf(db: DbOrTx, proposalId: number, actor: Actor): Promise<Array<z.infer<typeof AssignmentView>>> {
  const p = await repo.getProposal(db, proposalId);
  if (!p) return [];
  const { config } = await repo.loadSettings(db, p.orgId);
  const ctxOf = await handlingContexts(db, p, config);
  return (await assignmentsRepo.assignmentsOf(db, proposalId)).map((r) => presentHandlingAssignment(r.a, r.unitName, actor, ctxOf(r.a)));
}

export const presentContact = (r: handlingRepo.ContactRow): z.infer<typeof ContactView> => ({
  id: r.c.id,
  assignmentId: r.c.assignmentId,
  unitName: r.unitName,
  form: r.c.form as z.infer<typeof ContactView>['form'],
  contactDate: r.c.contactDate,
  notes: r.c.notes,
  createdByName: r.createdByName,
  createdAt: iso(r.c.createdAt)!,
});

export const presentReply = (r: handlingRepo.ReplyRow, config: ProposalSettingsConfig): z.infer<typeof ReplyView> => ({
  id: r.r.id,
  assignmentId: r.r.assignmentId,
  unitId: r.r.unitId,
  unitName: r.unitName,
  round: r.r.round,
  grade: r.r.grade,
  gradeLabel: gradeLabelOf(config, r.r.grade),
  body: r.r.body,
  docNumber: r.r.docNumber,
  signer: r.r.signer,
  repliedAt: iso(r.r.repliedAt)!,
});

export const presentProgress = (r: handlingRepo.ProgressRow): z.infer<typeof ProgressView> => ({
  id: r.g.id,
  assignmentId: r.g.assignmentId,
  unitName: r.unitName,
  body: r.g.body,
  createdByName: r.createdByName,
  createdAt: iso(r.g.createdAt)!,
});

/** GET /api/proposals/:id/handling: everything the units did, ordered by id. */
export async function loadHandling(db: DbOrTx, p: repo.ProposalRow, actor: Actor): Promise<z.infer<typeof HandlingView>> {
  const { config } = await repo.loadSettings(db, p.orgId);
  const ctxOf = await handlingContexts(db, p, config);
  const assignments = await assignmentsRepo.assignmentsOf(db, p.id);
  const contacts = await handlingRepo.contactsOf(db, p.id);
  const replies = await handlingRepo.repliesOf(db, p.id);
  const progress = await handlingRepo.progressOf(db, p.id);
  return {
    proposalId: p.id,
    round: p.round,
    assignments: assignments.map((r) => presentHandlingAssignment(r.a, r.unitName, actor, ctxOf(r.a))),
    contacts: contacts.map(presentContact),
    replies: replies.map((r) => presentReply(r, config)),
    progress: progress.map(presentProgress),
  };
}

/** Handling contexts for unit-inbox rows (one organization), from what the inbox query already carries per row. */
export function inboxContexts(config: ProposalSettingsConfig): (r: assignmentsRepo.InboxRow) => HandlingContext {
  const b = followUpGrade(config);
  return (r) => ({
    proposalState: r.proposalState,
    opinionsIn: Number(r.pendingCo) === 0,
    gradeB: b !== null && r.replyGrade === b,
    maxMonths: config.maxMonths,
  });
}
