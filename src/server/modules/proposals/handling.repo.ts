/** Queries of the unit-side handling: co opinions, replies, contacts (面商), progress. */
import { and, asc, eq, inArray, ne, sql } from 'drizzle-orm';
import type { DbOrTx } from '@server/db/client';
import {
  accounts,
  proposalAssignments,
  proposalContacts,
  proposalProgress,
  proposalProposers,
  proposalReplies,
  units,
} from '@server/db/schema/index';

/** Roles of the units that reply (the co-units give their opinion to the lead instead). */
export const REPLYING_ROLES = ['lead', 'sole', 'separate'] as const;

/** Open co assignments of the proposal that have not given their opinion yet (with unit names), by id. */
export async function pendingOpinions(db: DbOrTx, proposalId: number): Promise<Array<{ id: number; unitName: string }>> {
  return db
    .select({ id: proposalAssignments.id, unitName: units.name })
    .from(proposalAssignments)
    .innerJoin(units, eq(units.id, proposalAssignments.unitId))
    .where(
      and(
        eq(proposalAssignments.proposalId, proposalId),
        eq(proposalAssignments.role, 'co'),
        ne(proposalAssignments.status, 'closed'),
        ne(proposalAssignments.status, 'opinion_given'),
      ),
    )
    .orderBy(asc(proposalAssignments.id));
}

/** For several proposals: how many open co assignments of each still owe their opinion (absent = none). */
export async function pendingOpinionCounts(db: DbOrTx, proposalIds: number[]): Promise<Map<number, number>> {
  if (!proposalIds.length) return new Map();
  const rows = await db
    .select({ proposalId: proposalAssignments.proposalId, n: sql<number>`count(*)::int` })
    .from(proposalAssignments)
    .where(
      and(
        inArray(proposalAssignments.proposalId, [...new Set(proposalIds)]),
        eq(proposalAssignments.role, 'co'),
        sql`${proposalAssignments.status} not in ('closed', 'opinion_given')`,
      ),
    )
    .groupBy(proposalAssignments.proposalId);
  return new Map(rows.map((r) => [r.proposalId, Number(r.n)]));
}

/** Open replying assignments of the proposal that have not replied yet. */
export async function unrepliedCount(db: DbOrTx, proposalId: number): Promise<number> {
  const [row] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(proposalAssignments)
    .where(
      and(
        eq(proposalAssignments.proposalId, proposalId),
        inArray(proposalAssignments.role, [...REPLYING_ROLES]),
        sql`${proposalAssignments.status} not in ('closed', 'replied')`,
      ),
    );
  return Number(row.n);
}

/** The latest deadline among the proposal's open assignments (the proposal's own deadline follows it). */
export async function latestOpenDeadline(db: DbOrTx, proposalId: number): Promise<{ deadline: string; provisional: boolean } | null> {
  const [row] = await db
    .select({ deadline: proposalAssignments.deadline, provisional: proposalAssignments.deadlineProvisional })
    .from(proposalAssignments)
    .where(and(eq(proposalAssignments.proposalId, proposalId), ne(proposalAssignments.status, 'closed')))
    .orderBy(sql`${proposalAssignments.deadline} desc`, sql`${proposalAssignments.deadlineProvisional} desc`)
    .limit(1);
  return row ? { deadline: row.deadline, provisional: row.provisional } : null;
}

/** Confirmed proposer rows (the first proposer, confirmed co-signers, proposers credited through a merge). */
export async function confirmedProposerIds(db: DbOrTx, proposalId: number): Promise<number[]> {
  const rows = await db
    .select({ id: proposalProposers.id })
    .from(proposalProposers)
    .where(and(eq(proposalProposers.proposalId, proposalId), eq(proposalProposers.status, 'confirmed')))
    .orderBy(asc(proposalProposers.id));
  return rows.map((r) => r.id);
}

/** The grade of an assignment's reply in a round, if it replied. */
export async function replyGrade(db: DbOrTx, assignmentId: number, round: number): Promise<string | null> {
  const [row] = await db
    .select({ grade: proposalReplies.grade })
    .from(proposalReplies)
    .where(and(eq(proposalReplies.assignmentId, assignmentId), eq(proposalReplies.round, round)));
  return row?.grade ?? null;
}

export async function contactsOf(db: DbOrTx, proposalId: number) {
  return db
    .select({ c: proposalContacts, unitName: units.name, createdByName: sql<string>`coalesce(${accounts.displayName}, '')` })
    .from(proposalContacts)
    .innerJoin(proposalAssignments, eq(proposalAssignments.id, proposalContacts.assignmentId))
    .innerJoin(units, eq(units.id, proposalAssignments.unitId))
    .leftJoin(accounts, eq(accounts.id, proposalContacts.createdByAccountId))
    .where(eq(proposalContacts.proposalId, proposalId))
    .orderBy(asc(proposalContacts.id));
}

export async function repliesOf(db: DbOrTx, proposalId: number) {
  return db
    .select({ r: proposalReplies, unitName: units.name })
    .from(proposalReplies)
    .innerJoin(units, eq(units.id, proposalReplies.unitId))
    .where(eq(proposalReplies.proposalId, proposalId))
    .orderBy(asc(proposalReplies.id));
}

export async function progressOf(db: DbOrTx, proposalId: number) {
  return db
    .select({ g: proposalProgress, unitName: units.name, createdByName: sql<string>`coalesce(${accounts.displayName}, '')` })
    .from(proposalProgress)
    .innerJoin(proposalAssignments, eq(proposalAssignments.id, proposalProgress.assignmentId))
    .innerJoin(units, eq(units.id, proposalAssignments.unitId))
    .leftJoin(accounts, eq(accounts.id, proposalProgress.createdByAccountId))
    .where(eq(proposalProgress.proposalId, proposalId))
    .orderBy(asc(proposalProgress.id));
}

export type ContactRow = Awaited<ReturnType<typeof contactsOf>>[number];
export type ReplyRow = Awaited<ReturnType<typeof repliesOf>>[number];
export type ProgressRow = Awaited<ReturnType<typeof progressOf>>[number];

/** Of the given assignments, those whose reply in their round has `grade`. */
export async function assignmentsWithGrade(
  db: DbOrTx,
  items: Array<{ id: number; round: number }>,
  grade: string | null,
): Promise<Set<number>> {
  if (!items.length || grade === null) return new Set();
  const rows = await db
    .select({ assignmentId: proposalReplies.assignmentId, round: proposalReplies.round })
    .from(proposalReplies)
    .where(
      and(
        inArray(
          proposalReplies.assignmentId,
          items.map((i) => i.id),
        ),
        eq(proposalReplies.grade, grade),
      ),
    );
  const roundOf = new Map(items.map((i) => [i.id, i.round]));
  return new Set(rows.filter((r) => roundOf.get(r.assignmentId) === r.round).map((r) => r.assignmentId));
}
