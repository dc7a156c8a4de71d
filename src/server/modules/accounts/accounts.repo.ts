import { and, desc, eq, exists, inArray, lt, or, sql, type SQL } from 'drizzle-orm';
import type { DbOrTx } from '@server/db/client';
import { accounts, authSessions, roleGrants, unitOrgs, units } from '@server/db/schema/index';
import type { Role } from '@common/roles';

export type AccountRow = typeof accounts.$inferSelect;
export type GrantRow = typeof roleGrants.$inferSelect;

const escapeLike = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);

/** Accounts holding a grant in `orgId` (optionally of `role`), matching `q`, id descending, keyset after `beforeId`. */
export async function listAccounts(db: DbOrTx, orgId: number, f: { role?: Role; q?: string; beforeId?: number; limit: number }) {
  const grantCond: SQL[] = [eq(roleGrants.accountId, accounts.id), eq(roleGrants.orgId, orgId)];
  if (f.role) grantCond.push(eq(roleGrants.role, f.role));
  const where: SQL[] = [exists(db.select({ one: sql`1` }).from(roleGrants).where(and(...grantCond)))];
  if (f.q) {
    const like = `%${escapeLike(f.q)}%`;
    where.push(
      or(
        sql`${accounts.username} ilike ${like}`,
        sql`${accounts.displayName} ilike ${like}`,
        sql`coalesce(${accounts.phone}, '') ilike ${like}`,
        sql`${accounts.email} ilike ${like}`,
      )!,
    );
  }
  if (f.beforeId != null) where.push(lt(accounts.id, f.beforeId));
  return db
    .select()
    .from(accounts)
    .where(and(...where))
    .orderBy(desc(accounts.id))
    .limit(f.limit + 1);
}

/** The grants of the given accounts in one organization, with unit names (one query for a whole page). */
export async function grantsIn(db: DbOrTx, orgId: number, accountIds: number[]) {
  if (accountIds.length === 0) return [];
  return db
    .select({ id: roleGrants.id, accountId: roleGrants.accountId, role: roleGrants.role, unitId: roleGrants.unitId, unitName: units.name, title: roleGrants.title })
    .from(roleGrants)
    .leftJoin(units, eq(units.id, roleGrants.unitId))
    .where(and(eq(roleGrants.orgId, orgId), inArray(roleGrants.accountId, accountIds)))
    .orderBy(roleGrants.id);
}

/** Every grant of an account, in every organization. */
export async function allGrantsOf(db: DbOrTx, accountId: number) {
  return db.select().from(roleGrants).where(eq(roleGrants.accountId, accountId));
}

export async function getAccount(db: DbOrTx, id: number) {
  const [row] = await db.select().from(accounts).where(eq(accounts.id, id));
  return row;
}

export async function findByUsername(db: DbOrTx, username: string) {
  const [row] = await db.select({ id: accounts.id }).from(accounts).where(sql`lower(${accounts.username}) = lower(${username})`);
  return row;
}

export async function findByPhone(db: DbOrTx, phone: string, exceptId?: number) {
  const [row] = await db
    .select({ id: accounts.id })
    .from(accounts)
    .where(and(eq(accounts.phone, phone), exceptId ? sql`${accounts.id} <> ${exceptId}` : sql`true`));
  return row;
}

export async function insertAccount(db: DbOrTx, v: typeof accounts.$inferInsert) {
  const [row] = await db.insert(accounts).values(v).returning();
  return row;
}

export async function getGrant(db: DbOrTx, id: number) {
  const [row] = await db.select().from(roleGrants).where(eq(roleGrants.id, id));
  return row;
}

export async function findGrant(db: DbOrTx, accountId: number, orgId: number, role: string, unitId: number | null) {
  const [row] = await db
    .select({ id: roleGrants.id })
    .from(roleGrants)
    .where(and(eq(roleGrants.accountId, accountId), eq(roleGrants.orgId, orgId), eq(roleGrants.role, role), sql`coalesce(${roleGrants.unitId}, 0) = ${unitId ?? 0}`));
  return row;
}

export async function insertGrant(db: DbOrTx, v: typeof roleGrants.$inferInsert) {
  const [row] = await db.insert(roleGrants).values(v).returning();
  return row;
}

export async function deleteGrant(db: DbOrTx, id: number) {
  await db.delete(roleGrants).where(eq(roleGrants.id, id));
}

/** The unit, when the organization owns it or it serves the organization (unit_orgs). */
export async function unitServing(db: DbOrTx, unitId: number, orgId: number) {
  const [row] = await db
    .select({ id: units.id, name: units.name })
    .from(units)
    .where(
      and(
        eq(units.id, unitId),
        or(eq(units.orgId, orgId), exists(db.select({ one: sql`1` }).from(unitOrgs).where(and(eq(unitOrgs.unitId, units.id), eq(unitOrgs.orgId, orgId))))),
      ),
    );
  return row;
}

export async function unitName(db: DbOrTx, unitId: number | null) {
  if (unitId == null) return null;
  const [row] = await db.select({ name: units.name }).from(units).where(eq(units.id, unitId));
  return row?.name ?? null;
}

export async function setPassword(db: DbOrTx, id: number, passwordHash: string, mustChange: boolean) {
  await db
    .update(accounts)
    .set({ passwordHash, mustChangePassword: mustChange, updatedAt: new Date(), version: sql`${accounts.version} + 1` })
    .where(eq(accounts.id, id));
}

export async function deleteSessionsOf(db: DbOrTx, accountId: number) {
  await db.delete(authSessions).where(eq(authSessions.accountId, accountId));
}
