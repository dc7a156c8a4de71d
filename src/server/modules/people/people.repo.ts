import { and, eq, inArray, type SQL } from 'drizzle-orm';
import type { PgColumn, PgTable } from 'drizzle-orm/pg-core';
import type { DbOrTx } from '@server/db/client';
import { accounts, organizations, roleGrants } from '@server/db/schema/index';
import { invalid } from '@server/lib/errors';
import { decodeCursor } from '@server/lib/paging';

/** ILIKE pattern for a free-text search, with the LIKE wildcards in the user's text escaped. */
export const containsPattern = (q: string) => `%${q.replace(/[\\%_]/g, '\\$&')}%`;

type OrgTable = PgTable & { id: PgColumn; orgId: PgColumn };

/** Ids from `ids` that are not rows of `table` in organization `orgId`. */
export async function missingInOrg(db: DbOrTx, table: OrgTable, orgId: number, ids: number[]): Promise<number[]> {
  const unique = [...new Set(ids)];
  if (!unique.length) return [];
  const rows = (await db
    .select({ id: table.id })
    .from(table as PgTable)
    .where(and(eq(table.orgId, orgId), inArray(table.id, unique)) as SQL)) as Array<{ id: number }>;
  const found = new Set(rows.map((r) => Number(r.id)));
  return unique.filter((i) => !found.has(i));
}

/** Throws 400 naming `field` when any id does not belong to the organization. */
export async function assertInOrg(db: DbOrTx, table: OrgTable, orgId: number, ids: Array<number | null | undefined>, field: string): Promise<void> {
  const given = ids.filter((i): i is number => i != null);
  const missing = await missingInOrg(db, table, orgId, given);
  if (missing.length) throw invalid(field, 'unknown_ref', { value: missing[0] });
}

/** Accounts (of `ids`) that hold at least one role in the organization. */
export async function accountsWithRoleIn(db: DbOrTx, orgId: number, ids: number[]): Promise<Set<number>> {
  const unique = [...new Set(ids)];
  if (!unique.length) return new Set();
  const rows = await db
    .selectDistinct({ id: roleGrants.accountId })
    .from(roleGrants)
    .innerJoin(accounts, eq(accounts.id, roleGrants.accountId))
    .where(and(eq(roleGrants.orgId, orgId), inArray(roleGrants.accountId, unique)));
  return new Set(rows.map((r) => r.id));
}

/** Throws 400 naming `field` unless every account holds a role in the organization. */
export async function assertAccountsInOrg(db: DbOrTx, orgId: number, ids: number[], field: string): Promise<void> {
  const ok = await accountsWithRoleIn(db, orgId, ids);
  const bad = ids.find((i) => !ok.has(i));
  if (bad !== undefined) throw invalid(field, 'no_role_in_org', { value: bad });
}

/** Ids from `ids` that are not organizations. */
export async function missingOrgs(db: DbOrTx, ids: number[]): Promise<number[]> {
  const unique = [...new Set(ids)];
  if (!unique.length) return [];
  const rows = await db.select({ id: organizations.id }).from(organizations).where(inArray(organizations.id, unique));
  const found = new Set(rows.map((r) => r.id));
  return unique.filter((i) => !found.has(i));
}

/** Raw-SQL rows (json aggregates) may bring ids as numbers or strings depending on the driver. */
export const nums = (v: unknown): number[] => (Array.isArray(v) ? v.map((x) => Number(x)) : []);

/** The last id of the previous page from a keyset cursor (lists ordered by id descending). */
export function cursorId(cursor: string | undefined): number | null {
  const v = decodeCursor<unknown[]>(cursor);
  if (!v) return null;
  const n = v[0];
  if (typeof n !== 'number' || !Number.isSafeInteger(n)) throw invalid('cursor', 'invalid_format');
  return n;
}
