import { and, desc, eq, inArray, ne, sql } from 'drizzle-orm';
import { REGISTERED_STATES } from '@common/proposals';
import type { DbOrTx } from '@server/db/client';
import { proposalAssignments, proposalCategories, proposals, units } from '@server/db/schema/index';

/**
 * What the suggestions are learned from changes whenever a registered proposal, an assignment, a unit (its 职能)
 * or a category changes: counts and latest update times of the four, in one round trip. Every instance computes it
 * from the database, so a cached model is never stale on any instance.
 */
export async function fingerprint(db: DbOrTx, orgId: number): Promise<string> {
  const states = sql.join(
    REGISTERED_STATES.map((s) => sql`${s}`),
    sql`, `,
  );
  const res = await db.execute<{ p: string; a: string; u: string; c: string }>(sql`
    select
      (select count(*) || ':' || coalesce(max(updated_at)::text, '') from proposals where org_id = ${orgId} and state in (${states})) as p,
      (select count(*) || ':' || coalesce(max(updated_at)::text, '') from proposal_assignments where org_id = ${orgId}) as a,
      (select count(*) || ':' || coalesce(max(updated_at)::text, '') from units where org_id = ${orgId}) as u,
      (select count(*) || ':' || coalesce(max(updated_at)::text, '') from proposal_categories where org_id = ${orgId}) as c`);
  const row = (res as unknown as { rows: { p: string; a: string; u: string; c: string }[] }).rows[0];
  return `${row.p}|${row.a}|${row.u}|${row.c}`;
}

/**
 * At most this many of the organization's latest registered proposals are learned from: the office's recent
 * decisions are the lesson that matters (units and categories change over the years), and a model rebuilt inside a
 * request must stay quick for an organization with 100k proposals.
 */
export const MAX_LEARNED = 1500;

/** The organization's latest registered (and later) proposals: what the office decided about them is the lesson. */
export function pastProposals(db: DbOrTx, orgId: number, max = MAX_LEARNED) {
  return db
    .select({ id: proposals.id, subject: proposals.subject, body: proposals.body, categoryId: proposals.categoryId, numberLabel: proposals.numberLabel })
    .from(proposals)
    .where(and(eq(proposals.orgId, orgId), inArray(proposals.state, [...REGISTERED_STATES])))
    .orderBy(desc(proposals.id))
    .limit(max);
}

/** Open (not superseded) assignments of the given proposals, oldest first. */
export function pastAssignments(db: DbOrTx, orgId: number, proposalIds: number[]) {
  if (!proposalIds.length) return Promise.resolve([]);
  return db
    .select({ proposalId: proposalAssignments.proposalId, unitId: proposalAssignments.unitId, role: proposalAssignments.role })
    .from(proposalAssignments)
    .where(and(eq(proposalAssignments.orgId, orgId), inArray(proposalAssignments.proposalId, proposalIds), ne(proposalAssignments.status, 'closed')))
    .orderBy(proposalAssignments.id);
}

export function orgUnits(db: DbOrTx, orgId: number) {
  return db.select({ id: units.id, name: units.name, duties: units.duties, active: units.active }).from(units).where(eq(units.orgId, orgId));
}

export function orgCategories(db: DbOrTx, orgId: number) {
  return db
    .select({ id: proposalCategories.id, name: proposalCategories.name, active: proposalCategories.active })
    .from(proposalCategories)
    .where(eq(proposalCategories.orgId, orgId));
}
