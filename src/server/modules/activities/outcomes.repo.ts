import { and, asc, eq, inArray, sql, type SQL } from 'drizzle-orm';
import type { IssueStatus } from '@common/activities';
import type { Database, DbOrTx, Tx } from '@server/db/client';
import {
  activities,
  activityOutcomes,
  collectiveProposers,
  outcomeInstructions,
  problemIssueUnits,
  problemIssueUpdates,
  problemIssues,
  units,
} from '@server/db/schema/index';

export type OutcomeRow = typeof activityOutcomes.$inferSelect;
export type IssueRow = typeof problemIssues.$inferSelect;

export async function getOutcome(db: DbOrTx, id: number) {
  const [row] = await db
    .select({ o: activityOutcomes, collectiveName: collectiveProposers.name, activityTopic: activities.topic })
    .from(activityOutcomes)
    .innerJoin(activities, eq(activities.id, activityOutcomes.activityId))
    .leftJoin(collectiveProposers, eq(collectiveProposers.id, activityOutcomes.collectiveId))
    .where(eq(activityOutcomes.id, id));
  return row;
}

export async function instructionsOf(db: DbOrTx, outcomeId: number) {
  return db.select().from(outcomeInstructions).where(eq(outcomeInstructions.outcomeId, outcomeId)).orderBy(asc(outcomeInstructions.instructedOn), asc(outcomeInstructions.id));
}

export async function issuesOf(db: DbOrTx, outcomeId: number) {
  return db.select().from(problemIssues).where(eq(problemIssues.outcomeId, outcomeId)).orderBy(asc(problemIssues.seq));
}

export async function getIssue(db: DbOrTx, id: number) {
  const [row] = await db.select().from(problemIssues).where(eq(problemIssues.id, id));
  return row;
}

export async function lockIssue(tx: Tx, id: number) {
  const [row] = await tx.select().from(problemIssues).where(eq(problemIssues.id, id)).for('update');
  return row;
}

/** Units and answers of many issues at once (no N+1). */
export async function unitsOfIssues(db: DbOrTx, issueIds: number[]) {
  if (!issueIds.length) return [];
  return db
    .select({ iu: problemIssueUnits, unitName: units.name })
    .from(problemIssueUnits)
    .innerJoin(units, eq(units.id, problemIssueUnits.unitId))
    .where(inArray(problemIssueUnits.issueId, issueIds))
    .orderBy(asc(problemIssueUnits.id));
}

export async function updatesOfIssues(db: DbOrTx, issueIds: number[]) {
  if (!issueIds.length) return [];
  return db.select().from(problemIssueUpdates).where(inArray(problemIssueUpdates.issueId, issueIds)).orderBy(asc(problemIssueUpdates.id));
}

export async function nextSeq(tx: Tx, outcomeId: number): Promise<number> {
  const [r] = await tx
    .select({ n: sql<number>`coalesce(max(${problemIssues.seq}), 0)::int` })
    .from(problemIssues)
    .where(eq(problemIssues.outcomeId, outcomeId));
  return Number(r.n) + 1;
}

/** A unit's inbox: the issues sent to the caller's units, the earliest response due first; keyset on (due, id). */
export async function unitInbox(db: DbOrTx, orgId: number, unitIds: number[], status: IssueStatus | undefined, cursor: [string, number] | null, limit: number) {
  if (!unitIds.length) return [];
  const conds: SQL[] = [eq(problemIssueUnits.orgId, orgId), inArray(problemIssueUnits.unitId, unitIds)];
  if (status) conds.push(eq(problemIssues.status, status));
  if (cursor) conds.push(sql`(${problemIssues.responseDue}, ${problemIssues.id}) > (${cursor[0]}, ${cursor[1]})`);
  return db
    .select({ i: problemIssues, iu: problemIssueUnits, unitName: units.name, outcomeTitle: activityOutcomes.title })
    .from(problemIssueUnits)
    .innerJoin(problemIssues, eq(problemIssues.id, problemIssueUnits.issueId))
    .innerJoin(units, eq(units.id, problemIssueUnits.unitId))
    .innerJoin(activityOutcomes, eq(activityOutcomes.id, problemIssues.outcomeId))
    .where(and(...conds))
    .orderBy(asc(problemIssues.responseDue), asc(problemIssues.id))
    .limit(limit);
}

/** The counts the seed page quotes, straight from the records (one statement). */
export async function stats(database: Database, orgId: number, today: string) {
  const [r] = await database.rows<Record<string, number>>(sql`
    select
      (select count(*) from ${activities} where org_id = ${orgId} and status <> 'cancelled')::int as activities,
      (select count(*) from ${activities} where org_id = ${orgId} and status in ('held', 'minutes_filed', 'closed'))::int as held,
      (select count(*) from ${activityOutcomes} where org_id = ${orgId})::int as outcomes,
      (select count(distinct outcome_id) from ${problemIssues} where org_id = ${orgId} and result = 'converted')::int as outcomes_converted,
      (select count(*) from ${outcomeInstructions} where org_id = ${orgId})::int as instructions,
      (select count(*) from ${problemIssues} where org_id = ${orgId})::int as issues,
      (select count(*) from ${problemIssues} where org_id = ${orgId} and status <> 'open')::int as issues_responded,
      (select count(*) from ${problemIssues} where org_id = ${orgId} and result = 'converted')::int as issues_converted,
      (select count(*) from ${problemIssues} where org_id = ${orgId} and result = 'resolved')::int as issues_resolved,
      (select count(*) from ${problemIssues} where org_id = ${orgId} and status = 'open' and response_due < ${today})::int as issues_overdue`);
  return {
    activities: r.activities,
    held: r.held,
    outcomes: r.outcomes,
    outcomesConverted: r.outcomes_converted,
    instructions: r.instructions,
    issues: r.issues,
    issuesResponded: r.issues_responded,
    issuesConverted: r.issues_converted,
    issuesResolved: r.issues_resolved,
    issuesOverdue: r.issues_overdue,
  };
}

