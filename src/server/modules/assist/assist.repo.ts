import { and, eq, inArray, ne, sql } from 'drizzle-orm';
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

/** The organization's registered (and later) proposals: what the office decided about them is the lesson. */
export function pastProposals(db: DbOrTx, orgId: number) {
  return db
    .select({ id: proposals.id, subject: proposals.subject, body: proposals.body, categoryId: proposals.categoryId, numberLabel: proposals.numberLabel })
    .from(proposals)
    .where(and(eq(proposals.orgId, orgId), inArray(proposals.state, [...REGISTERED_STATES])));
}

/** Open (not superseded) assignments of the organization, oldest first. */
export function pastAssignments(db: DbOrTx, orgId: number) {
  return db
    .select({ proposalId: proposalAssignments.proposalId, unitId: proposalAssignments.unitId, role: proposalAssignments.role })
    .from(proposalAssignments)
    .where(and(eq(proposalAssignments.orgId, orgId), ne(proposalAssignments.status, 'closed')))
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
