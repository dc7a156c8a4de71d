import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import type { DbOrTx } from '@server/db/client';
import { committees, memberGroups, organizations, plenarySessions, sectors, studios, terms } from '@server/db/schema/index';
import type { Catalog } from '@common/orgs';

export const catalogTables = { sectors, committees, groups: memberGroups, studios } as const;

export async function listOrgs(db: DbOrTx, ids: number[] | 'all') {
  const q = db.select().from(organizations);
  return ids === 'all' ? q.orderBy(asc(organizations.id)) : ids.length ? q.where(inArray(organizations.id, ids)).orderBy(asc(organizations.id)) : [];
}

export async function getOrg(db: DbOrTx, id: number) {
  const [row] = await db.select().from(organizations).where(eq(organizations.id, id));
  return row;
}

export async function insertOrg(db: DbOrTx, v: typeof organizations.$inferInsert) {
  const [row] = await db.insert(organizations).values(v).returning();
  return row;
}

export async function listTerms(db: DbOrTx, orgId: number) {
  return db.select().from(terms).where(eq(terms.orgId, orgId)).orderBy(asc(terms.number));
}

export async function getTerm(db: DbOrTx, id: number) {
  const [row] = await db.select().from(terms).where(eq(terms.id, id));
  return row;
}

export async function insertTerm(db: DbOrTx, v: typeof terms.$inferInsert) {
  const [row] = await db.insert(terms).values(v).returning();
  return row;
}

export async function listSessions(db: DbOrTx, orgId: number) {
  return db
    .select({ s: plenarySessions, termNumber: terms.number })
    .from(plenarySessions)
    .innerJoin(terms, eq(terms.id, plenarySessions.termId))
    .where(eq(plenarySessions.orgId, orgId))
    .orderBy(asc(plenarySessions.startDate));
}

export async function getSession(db: DbOrTx, id: number) {
  const [row] = await db
    .select({ s: plenarySessions, termNumber: terms.number })
    .from(plenarySessions)
    .innerJoin(terms, eq(terms.id, plenarySessions.termId))
    .where(eq(plenarySessions.id, id));
  return row;
}

export async function insertSession(db: DbOrTx, v: typeof plenarySessions.$inferInsert) {
  const [row] = await db.insert(plenarySessions).values(v).returning();
  return row;
}

export async function listCatalog(db: DbOrTx, catalog: Catalog, orgId: number) {
  const t = catalogTables[catalog];
  const order = 'sort' in t ? [asc(t.sort), asc(t.id)] : [asc(t.id)];
  return db.select().from(t).where(eq(t.orgId, orgId)).orderBy(...order);
}

export async function getCatalogItem(db: DbOrTx, catalog: Catalog, id: number) {
  const t = catalogTables[catalog];
  const [row] = await db.select().from(t).where(eq(t.id, id));
  return row;
}

export async function insertCatalogItem(db: DbOrTx, catalog: Catalog, v: Record<string, unknown>) {
  const t = catalogTables[catalog];
  const [row] = await db.insert(t).values(v as never).returning();
  return row as typeof sectors.$inferSelect & { theme?: string; place?: string };
}

export async function deleteCatalogItem(db: DbOrTx, catalog: Catalog, id: number) {
  const t = catalogTables[catalog];
  await db.delete(t).where(eq(t.id, id));
}

/** Catalogue items of one organization by name (used by imports to resolve names to ids). */
export async function catalogByName(db: DbOrTx, catalog: Catalog, orgId: number): Promise<Map<string, number>> {
  const rows = await listCatalog(db, catalog, orgId);
  return new Map(rows.map((r) => [r.name, r.id]));
}

export async function orgExists(db: DbOrTx, id: number) {
  const [row] = await db.select({ id: organizations.id }).from(organizations).where(and(eq(organizations.id, id), sql`true`));
  return !!row;
}
