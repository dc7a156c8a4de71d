import { aliasedTable, and, asc, desc, eq, inArray, lt, ne, or, sql, type SQL } from 'drizzle-orm';
import type { JointStatus } from '@common/joint';
import type { DbOrTx, Tx } from '@server/db/client';
import { activities, activityOrgs, organizations, roleGrants } from '@server/db/schema/index';

export type JointRow = typeof activityOrgs.$inferSelect;

/** Among `orgIds`, the organizations that accepted the host's invitation to the activity (index: activity_orgs_activity_org_uq). */
export async function acceptedPartnerOrgIds(db: DbOrTx, activityId: number, orgIds: number[]): Promise<number[]> {
  if (!orgIds.length) return [];
  const rows = await db
    .select({ orgId: activityOrgs.orgId })
    .from(activityOrgs)
    .where(and(eq(activityOrgs.activityId, activityId), inArray(activityOrgs.orgId, orgIds), eq(activityOrgs.status, 'accepted')))
    .orderBy(asc(activityOrgs.orgId));
  return rows.map((r) => r.orgId);
}

/** Every invited organization of an activity, with its name (one statement). */
export async function partnersOf(db: DbOrTx, activityId: number) {
  return db
    .select({ j: activityOrgs, orgName: organizations.shortName })
    .from(activityOrgs)
    .innerJoin(organizations, eq(organizations.id, activityOrgs.orgId))
    .where(eq(activityOrgs.activityId, activityId))
    .orderBy(asc(activityOrgs.id));
}

export async function getJoint(db: DbOrTx, id: number): Promise<JointRow | undefined> {
  const [row] = await db.select().from(activityOrgs).where(eq(activityOrgs.id, id));
  return row;
}

export async function lockJoint(tx: Tx, id: number): Promise<JointRow | undefined> {
  const [row] = await tx.select().from(activityOrgs).where(eq(activityOrgs.id, id)).for('update');
  return row;
}

export async function jointOf(tx: DbOrTx, activityId: number, orgId: number): Promise<JointRow | undefined> {
  const [row] = await tx
    .select()
    .from(activityOrgs)
    .where(and(eq(activityOrgs.activityId, activityId), eq(activityOrgs.orgId, orgId)));
  return row;
}

/** The organization's short name (九龙坡区政协), as shown beside joint activities. */
export async function orgName(db: DbOrTx, orgId: number): Promise<string> {
  const [row] = await db.select({ name: organizations.shortName }).from(organizations).where(eq(organizations.id, orgId));
  return row?.name ?? '';
}

/** Every other organization of the deployment, for the invitation picker. */
export async function orgOptions(db: DbOrTx, excludeOrgId: number) {
  return db
    .select({ id: organizations.id, name: organizations.shortName })
    .from(organizations)
    .where(ne(organizations.id, excludeOrgId))
    .orderBy(asc(organizations.id))
    .limit(1000);
}

/** Accounts holding one of `roles` in an organization (the recipients of an invitation). */
export async function accountsWithRole(db: DbOrTx, orgId: number, roles: readonly string[]): Promise<number[]> {
  const rows = await db
    .selectDistinct({ accountId: roleGrants.accountId })
    .from(roleGrants)
    .where(and(eq(roleGrants.orgId, orgId), inArray(roleGrants.role, [...roles])));
  return rows.map((r) => r.accountId);
}

/** Of the given activities, those with a pending or accepted partner organization (the list's 联合 tag). */
export async function jointActivityIds(db: DbOrTx, activityIds: number[]): Promise<Set<number>> {
  if (!activityIds.length) return new Set();
  const rows = await db
    .selectDistinct({ id: activityOrgs.activityId })
    .from(activityOrgs)
    .where(and(inArray(activityOrgs.activityId, activityIds), inArray(activityOrgs.status, ['invited', 'accepted'])));
  return new Set(rows.map((r) => r.id));
}

const hostOrgs = aliasedTable(organizations, 'host_org');

/** The invitations addressed to an organization in one status, newest first (keyset on invited_at, id). */
export async function invitationsTo(db: DbOrTx, orgId: number, status: JointStatus, cursor: [string, number] | null, limit: number) {
  const conds: SQL[] = [eq(activityOrgs.orgId, orgId), eq(activityOrgs.status, status)];
  if (cursor) {
    const at = new Date(cursor[0]);
    conds.push(or(lt(activityOrgs.invitedAt, at), and(eq(activityOrgs.invitedAt, at), lt(activityOrgs.id, cursor[1])))!);
  }
  return db
    .select({ j: activityOrgs, a: activities, hostOrgName: hostOrgs.shortName })
    .from(activityOrgs)
    .innerJoin(activities, eq(activities.id, activityOrgs.activityId))
    .innerJoin(hostOrgs, eq(hostOrgs.id, activityOrgs.hostOrgId))
    .where(and(...conds))
    .orderBy(desc(activityOrgs.invitedAt), desc(activityOrgs.id))
    .limit(limit);
}

/** Count of pending invitations addressed to an organization (nav badge, dashboard). */
export async function pendingInvitationCount(db: DbOrTx, orgId: number): Promise<number> {
  const [r] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(activityOrgs)
    .where(and(eq(activityOrgs.orgId, orgId), eq(activityOrgs.status, 'invited')));
  return Number(r?.n ?? 0);
}
