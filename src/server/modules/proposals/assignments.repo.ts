import { and, asc, desc, eq, inArray, ne, sql } from 'drizzle-orm';
import type { DbOrTx } from '@server/db/client';
import { hoisted, ph, UNNAMED } from '@server/db/prepared';
import { proposalAssignments, proposals, roleGrants, units } from '@server/db/schema/index';

export type AssignmentRow = typeof proposalAssignments.$inferSelect;

/** True when one of `unitIds` holds an open (not closed) assignment of the proposal. */
export async function openAssignedTo(db: DbOrTx, proposalId: number, unitIds: number[]): Promise<boolean> {
  if (!unitIds.length) return false;
  const rows = await db
    .select({ id: proposalAssignments.id })
    .from(proposalAssignments)
    .where(
      and(
        eq(proposalAssignments.proposalId, proposalId),
        inArray(proposalAssignments.unitId, unitIds),
        ne(proposalAssignments.status, 'closed'),
      ),
    )
    .limit(1);
  return rows.length > 0;
}

export async function getAssignment(db: DbOrTx, id: number): Promise<AssignmentRow | undefined> {
  const [row] = await db.select().from(proposalAssignments).where(eq(proposalAssignments.id, id));
  return row;
}

export async function lockAssignment(db: DbOrTx, id: number): Promise<AssignmentRow | undefined> {
  const [row] = await db.select().from(proposalAssignments).where(eq(proposalAssignments.id, id)).for('update');
  return row;
}

/** A proposal's assignments (closed ones included, oldest first) with unit names. */
export async function assignmentsOf(db: DbOrTx, proposalId: number) {
  return db
    .select({ a: proposalAssignments, unitName: units.name })
    .from(proposalAssignments)
    .innerJoin(units, eq(units.id, proposalAssignments.unitId))
    .where(eq(proposalAssignments.proposalId, proposalId))
    .orderBy(asc(proposalAssignments.id));
}

/** Open assignments of the proposal not yet signed for (a co-unit that already gave its opinion has signed). */
export async function pendingCount(db: DbOrTx, proposalId: number): Promise<number> {
  const [row] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(proposalAssignments)
    .where(and(eq(proposalAssignments.proposalId, proposalId), sql`${proposalAssignments.status} in ('assigned', 'adjustment_requested')`));
  return Number(row.n);
}

/** Unit ids of the proposal's open assignments. */
export async function openUnitIds(db: DbOrTx, proposalId: number): Promise<Set<number>> {
  const rows = await db
    .select({ unitId: proposalAssignments.unitId })
    .from(proposalAssignments)
    .where(and(eq(proposalAssignments.proposalId, proposalId), ne(proposalAssignments.status, 'closed')));
  return new Set(rows.map((r) => r.unitId));
}

/** Accounts handling for any of the units in the organization (unit_handler grants). */
export async function handlerAccountIds(db: DbOrTx, orgId: number, unitIds: number[]): Promise<number[]> {
  if (!unitIds.length) return [];
  const rows = await db
    .selectDistinct({ id: roleGrants.accountId })
    .from(roleGrants)
    .where(and(eq(roleGrants.orgId, orgId), eq(roleGrants.role, 'unit_handler'), inArray(roleGrants.unitId, unitIds)));
  return rows.map((r) => r.id);
}

/** Accounts holding any of `roles` in the organization. */
export async function accountsWithRoles(db: DbOrTx, orgId: number, roles: readonly string[]): Promise<number[]> {
  const rows = await db
    .selectDistinct({ id: roleGrants.accountId })
    .from(roleGrants)
    .where(and(eq(roleGrants.orgId, orgId), inArray(roleGrants.role, [...roles])));
  return rows.map((r) => r.id);
}

export async function isLeader(db: DbOrTx, orgId: number, accountId: number): Promise<boolean> {
  const rows = await db
    .select({ id: roleGrants.id })
    .from(roleGrants)
    .where(and(eq(roleGrants.orgId, orgId), eq(roleGrants.role, 'leader'), eq(roleGrants.accountId, accountId)))
    .limit(1);
  return rows.length > 0;
}

export interface InboxRow {
  a: AssignmentRow;
  unitName: string;
  subject: string;
  numberLabel: string | null;
  proposalState: string;
  isKey: boolean;
  /** Co-unit opinions of the proposal still outstanding (the lead may not reply while > 0). */
  pendingCo: number;
  /** The grade of this assignment's reply in its current round, if it replied. */
  replyGrade: string | null;
}

/** Statuses of work a unit has done (replied, opinion given, closed): its list shows the latest first. */
export const DONE_ASSIGNMENT_STATUSES: readonly string[] = ['replied', 'opinion_given', 'closed'];

/**
 * The unit inbox's statement for one shape (status filter or not, cursor or not, soonest or latest deadline first),
 * built once (db/prepared.ts).
 */
const inboxQuery = (db: DbOrTx, byStatus: boolean, paged: boolean, latestFirst: boolean) =>
  hoisted(db, `proposals.inbox:${+byStatus}${+paged}${+latestFirst}`, () => {
    // The page is found by walking each unit's (org, unit, deadline, id) index in order and stopping at `limit` (a
    // lateral per unit, merged), then the rows are read by id: `unit_id = any(…)` would read every open assignment
    // of the units and sort them (at 1 M proposals a busy unit holds tens of thousands; measured at 100k: 9 ms with
    // a custom plan, 177 ms with the generic one a named statement settles on, 1 ms this way).
    const dir = sql.raw(latestFirst ? 'desc' : 'asc');
    const status = byStatus ? sql`x.status = ${ph('status')}` : sql`x.status <> 'closed'`;
    const after = paged
      ? sql`and (x.deadline, x.id) ${sql.raw(latestFirst ? '<' : '>')} (${ph('afterDay')}::date, ${ph('afterId')}::bigint)`
      : sql``;
    const where = sql`${proposalAssignments.id} in (select q.id from unnest(${ph('unitIds')}::bigint[]) as w(id)
      cross join lateral (select x.id from proposal_assignments x
        where x.org_id = ${ph('orgId')} and x.unit_id = w.id and ${status} ${after}
        order by x.deadline ${dir}, x.id ${dir} limit ${ph('limit')}) q)`;
    return db
      .select({
        a: proposalAssignments,
        unitName: units.name,
        subject: proposals.subject,
        numberLabel: proposals.numberLabel,
        proposalState: proposals.state,
        isKey: proposals.isKey,
        pendingCo: sql<number>`(select count(*)::int from proposal_assignments c
                                 where c.proposal_id = ${proposalAssignments.proposalId} and c.role = 'co'
                                   and c.status not in ('closed', 'opinion_given'))`,
        replyGrade: sql<string | null>`(select r.grade from proposal_replies r
                                         where r.assignment_id = ${proposalAssignments.id} and r.round = ${proposalAssignments.round})`,
      })
      .from(proposalAssignments)
      .innerJoin(units, eq(units.id, proposalAssignments.unitId))
      .innerJoin(proposals, eq(proposals.id, proposalAssignments.proposalId))
      .where(where)
      .orderBy(
        ...(latestFirst
          ? [desc(proposalAssignments.deadline), desc(proposalAssignments.id)]
          : [asc(proposalAssignments.deadline), asc(proposalAssignments.id)]),
      )
      .limit(ph('limit'))
      .prepare(UNNAMED);
  });

/**
 * The unit inbox: assignments of the given units in the organization, filtered in SQL; open work by deadline (the
 * soonest first), done work (a DONE_ASSIGNMENT_STATUSES filter) the latest deadline first, so that ten years of
 * replies do not bury this year's.
 */
export async function inbox(
  db: DbOrTx,
  orgId: number,
  unitIds: number[],
  status: string | undefined,
  after: [string, number] | null,
  limit: number,
): Promise<InboxRow[]> {
  if (!unitIds.length) return [];
  const latestFirst = !!status && DONE_ASSIGNMENT_STATUSES.includes(status);
  return inboxQuery(db, !!status, !!after, latestFirst).execute({
    orgId,
    unitIds,
    status,
    afterDay: after?.[0],
    afterId: after?.[1],
    limit,
  });
}
