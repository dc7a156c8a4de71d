import { asc, eq, inArray, sql } from 'drizzle-orm';
import type { IssueStatus } from '@common/activities';
import type { Database, DbOrTx, Tx } from '@server/db/client';
import { hoisted, ph, UNNAMED } from '@server/db/prepared';
import {
  activities,
  activityOrgs,
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

/**
 * A unit's inbox: the issues sent to the caller's units in deadline order — the earliest response due first
 * (`due`, for what waits for an answer) or the latest first (`recent`, for everything). Keyset on (due, issue id).
 * Each unit is one range of `problem_issue_units_inbox(_status)_idx` (the issue's due day and status are copied
 * onto the unit row by triggers), read with a LIMIT per unit and merged, so a department holding tens of thousands
 * of issues reads a page's worth of index entries, not all of them.
 */
export async function unitInbox(
  database: Database,
  orgId: number,
  unitIds: number[],
  opts: { status?: IssueStatus; order: 'due' | 'recent'; cursor: [string, number] | null; limit: number },
  db?: DbOrTx,
) {
  if (!unitIds.length) return [];
  return unitInboxQuery(db ?? database.db, !!opts.status, !!opts.cursor, opts.order === 'recent').execute({
    orgId,
    unitIds: `{${unitIds.join(',')}}`,
    status: opts.status,
    afterDay: opts.cursor?.[0],
    afterId: opts.cursor?.[1],
    limit: opts.limit,
  });
}

/** The inbox statement of one shape (status filter, cursor, order), built once (db/prepared.ts). */
const unitInboxQuery = (db: DbOrTx, byStatus: boolean, paged: boolean, desc: boolean) =>
  hoisted(db, `outcomes.unitInbox:${+byStatus}${+paged}${+desc}`, () => {
    const dir = desc ? sql`desc` : sql`asc`;
    const cmp = desc ? sql`<` : sql`>`;
    const after = paged ? sql`and (x.response_due, x.issue_id) ${cmp} (${ph('afterDay')}::date, ${ph('afterId')}::bigint)` : sql``;
    const status = byStatus ? sql`and x.issue_status = ${ph('status')}` : sql``;
    // One statement: the keyset page of (issue, unit) pairs — a lateral walk of each unit's index, merged — then the
    // issues, their outcome titles and the unit names joined onto it. Every join is qualified (drizzle renders bare
    // column names only in single-table selects).
    const pageSql = sql`(select p.issue_id, p.response_due, p.unit_id, p.responded_at
        from unnest(${ph('unitIds')}::bigint[]) as u(id)
        cross join lateral (
          select x.issue_id, x.response_due, x.unit_id, x.responded_at from ${problemIssueUnits} x
          where x.unit_id = u.id and x.org_id = ${ph('orgId')} ${status} ${after}
          order by x.response_due ${dir}, x.issue_id ${dir} limit ${ph('limit')}
        ) p
        order by p.response_due ${dir}, p.issue_id ${dir} limit ${ph('limit')}) as pg`;
    return db
      .select({
        i: problemIssues,
        outcomeTitle: activityOutcomes.title,
        unitName: units.name,
        responseDue: sql<string>`pg.response_due::text`,
        responded: sql<boolean>`pg.responded_at is not null`,
      })
      .from(pageSql)
      .innerJoin(problemIssues, eq(problemIssues.id, sql`pg.issue_id`))
      .innerJoin(activityOutcomes, eq(activityOutcomes.id, problemIssues.outcomeId))
      .innerJoin(units, eq(units.id, sql`pg.unit_id`))
      .orderBy(sql`pg.response_due ${dir}, pg.issue_id ${dir}`)
      .prepare(UNNAMED);
  });

/** The counts the seed page quotes, straight from the records (one statement); joint activities joined count too. */
export async function stats(database: Database, orgId: number, today: string) {
  const [r] = await database.rows<Record<string, number>>(sql`
    select
      (select count(*) from ${activities} where org_id = ${orgId} and status <> 'cancelled')::int as activities,
      (select count(*) from ${activities} where org_id = ${orgId} and status in ('held', 'minutes_filed', 'closed'))::int as held,
      (select count(*) from ${activityOrgs} o join ${activities} a on a.id = o.activity_id
        where o.org_id = ${orgId} and o.status = 'accepted' and a.status <> 'cancelled')::int as joined,
      (select count(*) from ${activityOrgs} o join ${activities} a on a.id = o.activity_id
        where o.org_id = ${orgId} and o.status = 'accepted' and a.status in ('held', 'minutes_filed', 'closed'))::int as joined_held,
      (select count(distinct o.activity_id) from ${activityOrgs} o join ${activities} a on a.id = o.activity_id
        where o.host_org_id = ${orgId} and o.status = 'accepted' and a.status <> 'cancelled')::int as joint_hosted,
      (select count(*) from ${activityOutcomes} where org_id = ${orgId})::int as outcomes,
      (select count(distinct outcome_id) from ${problemIssues} where org_id = ${orgId} and result = 'converted')::int as outcomes_converted,
      (select count(*) from ${outcomeInstructions} where org_id = ${orgId})::int as instructions,
      (select count(*) from ${problemIssues} where org_id = ${orgId})::int as issues,
      (select count(*) from ${problemIssues} where org_id = ${orgId} and status <> 'open')::int as issues_responded,
      (select count(*) from ${problemIssues} where org_id = ${orgId} and result = 'converted')::int as issues_converted,
      (select count(*) from ${problemIssues} where org_id = ${orgId} and result = 'resolved')::int as issues_resolved,
      (select count(*) from ${problemIssues} where org_id = ${orgId} and status = 'open' and response_due < ${today})::int as issues_overdue`);
  return {
    // joint activities count for the host (its own rows) and for every organization that joined them
    activities: r.activities + r.joined,
    held: r.held + r.joined_held,
    jointHosted: r.joint_hosted,
    jointJoined: r.joined,
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

