/** Reads of the evaluation / office / supervision slice: evaluation rows, supervisions, overdue and key lists. */
import { and, asc, desc, eq, lt, sql, type SQL } from 'drizzle-orm';
import type { DbOrTx } from '@server/db/client';
import {
  accounts,
  collectiveProposers,
  members,
  plenarySessions,
  proposalCategories,
  proposals,
  proposalEvaluations,
  proposalProposers,
  proposalSupervisions,
} from '@server/db/schema/index';

const rowsOf = <T>(res: unknown) => (res as { rows: T[] }).rows;

/** SQL: the proposer row `pp` is the account (as a member) or a collective the account is an agent of. */
const proposerIsAccount = (accountId: number) => sql`(
  exists (select 1 from members xm where xm.id = ${proposalProposers.memberId} and xm.account_id = ${accountId})
  or exists (select 1 from collective_agents xa where xa.collective_id = ${proposalProposers.collectiveId} and xa.account_id = ${accountId}))`;

export interface EvaluationRow {
  e: typeof proposalEvaluations.$inferSelect;
  proposerName: string;
  /** The caller is this proposer (member) or acts for it (collective agent). */
  isCaller: boolean;
}

/** Every evaluation row of the proposal (all rounds), with the proposer's name and whether it is the caller's. */
export async function evaluationsOf(db: DbOrTx, proposalId: number, accountId: number): Promise<EvaluationRow[]> {
  return db
    .select({
      e: proposalEvaluations,
      proposerName: sql<string>`coalesce(${members.name}, ${collectiveProposers.name}, '')`,
      isCaller: sql<boolean>`${proposerIsAccount(accountId)}`,
    })
    .from(proposalEvaluations)
    .innerJoin(proposalProposers, eq(proposalProposers.id, proposalEvaluations.proposerId))
    .leftJoin(members, eq(members.id, proposalProposers.memberId))
    .leftJoin(collectiveProposers, eq(collectiveProposers.id, proposalProposers.collectiveId))
    .where(eq(proposalEvaluations.proposalId, proposalId))
    .orderBy(
      asc(proposalEvaluations.round),
      sql`case when ${proposalProposers.role} = 'first' then 0 else 1 end`,
      asc(proposalProposers.id),
    );
}

/** The caller's evaluation rows of one round, locked (rows of proposers the caller is or acts for). */
export async function callerRowsForUpdate(db: DbOrTx, proposalId: number, round: number, accountId: number) {
  return db
    .select({ e: proposalEvaluations })
    .from(proposalEvaluations)
    .innerJoin(proposalProposers, eq(proposalProposers.id, proposalEvaluations.proposerId))
    .where(and(eq(proposalEvaluations.proposalId, proposalId), eq(proposalEvaluations.round, round), proposerIsAccount(accountId)))
    .orderBy(asc(proposalEvaluations.id))
    .for('update', { of: proposalEvaluations });
}

export async function countByStatus(db: DbOrTx, proposalId: number, round: number): Promise<Record<string, number>> {
  const rows = await db
    .select({ status: proposalEvaluations.status, n: sql<number>`count(*)::int` })
    .from(proposalEvaluations)
    .where(and(eq(proposalEvaluations.proposalId, proposalId), eq(proposalEvaluations.round, round)))
    .groupBy(proposalEvaluations.status);
  return Object.fromEntries(rows.map((r) => [r.status, Number(r.n)]));
}

/** True when some rating of the round is 不满意 (on the work or on the result). */
export async function hasDissatisfied(db: DbOrTx, proposalId: number, round: number): Promise<boolean> {
  const rows = await db
    .select({ id: proposalEvaluations.id })
    .from(proposalEvaluations)
    .where(
      and(
        eq(proposalEvaluations.proposalId, proposalId),
        eq(proposalEvaluations.round, round),
        sql`(${proposalEvaluations.workRating} = 'dissatisfied' or ${proposalEvaluations.resultRating} = 'dissatisfied')`,
      ),
    )
    .limit(1);
  return rows.length > 0;
}

/** Accounts of one proposer row: the member's account, or the collective's agents. */
export async function accountsOfProposer(db: DbOrTx, proposerId: number): Promise<number[]> {
  const res = await db.execute(sql`
    select m.account_id as id from proposal_proposers pp join members m on m.id = pp.member_id
      where pp.id = ${proposerId} and m.account_id is not null
    union
    select ca.account_id as id from proposal_proposers pp join collective_agents ca on ca.collective_id = pp.collective_id
      where pp.id = ${proposerId}`);
  return rowsOf<{ id: number | string }>(res).map((r) => Number(r.id));
}

/** Replying units' handlers (lead / sole / separate, open assignments) of a proposal. */
export async function replyingHandlerAccounts(db: DbOrTx, proposalId: number): Promise<number[]> {
  const res = await db.execute(sql`
    select distinct g.account_id as id from proposal_assignments a
      join role_grants g on g.org_id = a.org_id and g.role = 'unit_handler' and g.unit_id = a.unit_id
     where a.proposal_id = ${proposalId} and a.status <> 'closed' and a.role in ('lead', 'sole', 'separate')`);
  return rowsOf<{ id: number | string }>(res).map((r) => Number(r.id));
}

/** Handlers of every open assignment's unit (co-units included). */
export async function openHandlerAccounts(db: DbOrTx, proposalId: number): Promise<number[]> {
  const res = await db.execute(sql`
    select distinct g.account_id as id from proposal_assignments a
      join role_grants g on g.org_id = a.org_id and g.role = 'unit_handler' and g.unit_id = a.unit_id
     where a.proposal_id = ${proposalId} and a.status <> 'closed'`);
  return rowsOf<{ id: number | string }>(res).map((r) => Number(r.id));
}

// ── Supervision ──────────────────────────────────────────────
export async function supervisionsOf(db: DbOrTx, proposalId: number) {
  const leader = sql<string | null>`(select la.display_name from accounts la where la.id = ${proposalSupervisions.leaderAccountId})`;
  return db
    .select({ s: proposalSupervisions, leaderName: leader, createdByName: sql<string>`coalesce(${accounts.displayName}, '')` })
    .from(proposalSupervisions)
    .leftJoin(accounts, eq(accounts.id, proposalSupervisions.createdByAccountId))
    .where(eq(proposalSupervisions.proposalId, proposalId))
    .orderBy(asc(proposalSupervisions.happenedOn), asc(proposalSupervisions.id));
}

// ── Overdue (every clock in one query) ───────────────────────
export interface OverdueRow {
  clock: 'reply' | 'opinion' | 'evaluation' | 'sign';
  entity_id: number | string;
  proposal_id: number | string;
  subject: string;
  number_label: string | null;
  assignment_id: number | string | null;
  unit_id: number | string | null;
  unit_name: string | null;
  deadline: string;
  provisional: boolean;
  is_key: boolean;
  supervisor_name: string | null;
}

/**
 * The organization's clocks with a deadline on or before `lastDay`, in one SQL statement:
 * reply (open lead/sole/separate assignments not yet replied), opinion (co-units signed for, no opinion yet),
 * sign (still awaiting sign-for past the window), evaluation (pending ratings past the proposal's due date).
 * Ordered by (deadline, clock, entity id) with a keyset cursor.
 */
export async function overdue(
  db: DbOrTx,
  orgId: number,
  f: { lastDay: string; clock?: string; unitId?: number },
  after: [string, string, number] | null,
  limit: number,
): Promise<OverdueRow[]> {
  const unit = f.unitId ? sql`and a.unit_id = ${f.unitId}` : sql``;
  const parts: SQL[] = [];
  const want = (c: string) => !f.clock || f.clock === c;
  const handling = sql`p.state in ('assigned', 'handling', 'rehandling')`;
  if (want('reply'))
    parts.push(sql`select 'reply'::text as clock, a.id as entity_id, a.proposal_id, a.id as assignment_id, a.unit_id, a.deadline as deadline, a.deadline_provisional as provisional
      from proposal_assignments a join proposals p on p.id = a.proposal_id
      where a.org_id = ${orgId} and a.role in ('lead', 'sole', 'separate') and a.status in ('assigned', 'received')
        and ${handling} and a.deadline <= ${f.lastDay}::date ${unit}`);
  if (want('opinion'))
    parts.push(sql`select 'opinion'::text as clock, a.id as entity_id, a.proposal_id, a.id as assignment_id, a.unit_id, a.opinion_due as deadline, false as provisional
      from proposal_assignments a join proposals p on p.id = a.proposal_id
      where a.org_id = ${orgId} and a.role = 'co' and a.status = 'received' and a.opinion_due is not null
        and ${handling} and a.opinion_due <= ${f.lastDay}::date ${unit}`);
  if (want('sign'))
    parts.push(sql`select 'sign'::text as clock, a.id as entity_id, a.proposal_id, a.id as assignment_id, a.unit_id, a.window_end as deadline, a.window_provisional as provisional
      from proposal_assignments a join proposals p on p.id = a.proposal_id
      where a.org_id = ${orgId} and a.status = 'assigned' and ${handling} and a.window_end <= ${f.lastDay}::date ${unit}`);
  if (want('evaluation') && !f.unitId)
    parts.push(sql`select 'evaluation'::text as clock, p.id as entity_id, p.id as proposal_id, null::bigint as assignment_id, null::bigint as unit_id, p.evaluation_due as deadline, p.evaluation_due_provisional as provisional
      from proposals p
      where p.org_id = ${orgId} and p.state = 'replied' and p.evaluation_due <= ${f.lastDay}::date
        and exists (select 1 from proposal_evaluations e where e.proposal_id = p.id and e.round = p.round and e.status = 'pending')`);
  if (!parts.length) return [];
  const keyset = after ? sql`where (c.deadline, c.clock, c.entity_id) > (${after[0]}::date, ${after[1]}, ${after[2]})` : sql``;
  const res = await db.execute(sql`
    select c.clock, c.entity_id, c.proposal_id, c.assignment_id, c.unit_id, to_char(c.deadline, 'YYYY-MM-DD') as deadline, c.provisional,
           p.subject, p.number_label, p.is_key, u.name as unit_name, sa.display_name as supervisor_name
      from (${sql.join(parts, sql` union all `)}) c
      join proposals p on p.id = c.proposal_id
      left join units u on u.id = c.unit_id
      left join accounts sa on sa.id = p.supervisor_account_id
      ${keyset}
     order by c.deadline, c.clock, c.entity_id
     limit ${limit}`);
  return rowsOf<OverdueRow>(res);
}

// ── Key proposals (重点提案) ─────────────────────────────────
/**
 * The organization's key proposals, id descending (keyset): the office list's columns plus the leader's name and
 * the supervision count and last date. Relations to the caller are not computed (abilities from roles only).
 */
export async function keyProposals(db: DbOrTx, orgId: number, f: { state?: string }, afterId: number | null, limit: number) {
  const where: SQL[] = [eq(proposals.orgId, orgId), eq(proposals.isKey, true)];
  if (f.state) where.push(eq(proposals.state, f.state));
  if (afterId != null) where.push(lt(proposals.id, afterId));
  return db
    .select({
      p: proposals,
      sessionName: plenarySessions.name,
      categoryName: proposalCategories.name,
      proposerName: sql<string>`coalesce(${collectiveProposers.name}, ${members.name}, '')`,
      proposerCount: sql<number>`(select count(*)::int from proposal_proposers x where x.proposal_id = ${proposals.id} and x.status = 'confirmed')`,
      rel: sql<null>`null`,
      supervisorName: sql<string | null>`(select sa.display_name from accounts sa where sa.id = ${proposals.supervisorAccountId})`,
      supervisionCount: sql<number>`(select count(*)::int from proposal_supervisions s where s.proposal_id = ${proposals.id})`,
      lastSupervisedOn: sql<string | null>`(select to_char(max(s.happened_on), 'YYYY-MM-DD') from proposal_supervisions s where s.proposal_id = ${proposals.id})`,
    })
    .from(proposals)
    .leftJoin(plenarySessions, eq(plenarySessions.id, proposals.sessionId))
    .leftJoin(proposalCategories, eq(proposalCategories.id, proposals.categoryId))
    .leftJoin(collectiveProposers, eq(collectiveProposers.id, proposals.collectiveId))
    .leftJoin(members, eq(members.id, proposals.firstProposerMemberId))
    .where(and(...where))
    .orderBy(desc(proposals.id))
    .limit(limit);
}
