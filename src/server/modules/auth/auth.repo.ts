import { and, eq, gt, inArray, or, sql } from 'drizzle-orm';
import type { DbOrTx } from '@server/db/client';
import { accounts, authSessions, loginThrottle, organizations, roleGrants, units } from '@server/db/schema/index';

/** Finds an account by account name (case-insensitive) or phone number. */
export async function findAccountByLogin(db: DbOrTx, login: string) {
  const [row] = await db
    .select()
    .from(accounts)
    .where(or(sql`lower(${accounts.username}) = lower(${login})`, eq(accounts.phone, login)))
    .limit(1);
  return row;
}

export async function getThrottle(db: DbOrTx, identifier: string) {
  const [row] = await db.select().from(loginThrottle).where(eq(loginThrottle.identifier, identifier));
  return row;
}

/** Counts one failure; returns the lock time when the failure reaches the limit. */
export async function recordFailure(db: DbOrTx, identifier: string, maxFailures: number, lockMinutes: number): Promise<Date | null> {
  const [row] = await db
    .insert(loginThrottle)
    .values({ identifier, failures: 1 })
    .onConflictDoUpdate({
      target: loginThrottle.identifier,
      set: { failures: sql`case when ${loginThrottle.lockedUntil} is not null and ${loginThrottle.lockedUntil} <= now() then 1 else ${loginThrottle.failures} + 1 end`, lockedUntil: sql`case when ${loginThrottle.lockedUntil} <= now() then null else ${loginThrottle.lockedUntil} end`, updatedAt: sql`now()` },
    })
    .returning();
  if (row.failures >= maxFailures) {
    const until = new Date(Date.now() + lockMinutes * 60_000);
    await db.update(loginThrottle).set({ lockedUntil: until, failures: 0 }).where(eq(loginThrottle.identifier, identifier));
    return until;
  }
  return null;
}

export async function clearThrottle(db: DbOrTx, identifier: string) {
  await db.delete(loginThrottle).where(eq(loginThrottle.identifier, identifier));
}

export async function createSession(db: DbOrTx, v: typeof authSessions.$inferInsert) {
  await db.insert(authSessions).values(v);
}

export async function deleteSession(db: DbOrTx, tokenHash: string) {
  await db.delete(authSessions).where(eq(authSessions.tokenHash, tokenHash));
}

export async function deleteSessionsOf(db: DbOrTx, accountId: number, exceptHash?: string) {
  await db
    .delete(authSessions)
    .where(and(eq(authSessions.accountId, accountId), exceptHash ? sql`${authSessions.tokenHash} <> ${exceptHash}` : sql`true`));
}

export async function setActiveOrg(db: DbOrTx, tokenHash: string, orgId: number) {
  await db.update(authSessions).set({ activeOrgId: orgId }).where(and(eq(authSessions.tokenHash, tokenHash), gt(authSessions.expiresAt, sql`now()`)));
}

/** The caller's grants with organization and unit names, for the session view. */
export async function grantViews(db: DbOrTx, accountId: number) {
  return db
    .select({ id: roleGrants.id, orgId: roleGrants.orgId, orgName: organizations.name, role: roleGrants.role, unitId: roleGrants.unitId, unitName: units.name, title: roleGrants.title })
    .from(roleGrants)
    .innerJoin(organizations, eq(organizations.id, roleGrants.orgId))
    .leftJoin(units, eq(units.id, roleGrants.unitId))
    .where(eq(roleGrants.accountId, accountId))
    .orderBy(roleGrants.orgId, roleGrants.id);
}

export async function orgsByIds(db: DbOrTx, ids: number[]) {
  if (ids.length === 0) return [];
  return db.select({ id: organizations.id, name: organizations.name, shortName: organizations.shortName }).from(organizations).where(inArray(organizations.id, ids)).orderBy(organizations.id);
}

export async function allOrgs(db: DbOrTx) {
  return db.select({ id: organizations.id, name: organizations.name, shortName: organizations.shortName }).from(organizations).orderBy(organizations.id);
}

export async function getAccount(db: DbOrTx, id: number) {
  const [row] = await db.select().from(accounts).where(eq(accounts.id, id));
  return row;
}

export async function setPassword(db: DbOrTx, id: number, passwordHash: string, mustChange: boolean) {
  await db.update(accounts).set({ passwordHash, mustChangePassword: mustChange, updatedAt: new Date(), version: sql`${accounts.version} + 1` }).where(eq(accounts.id, id));
}
