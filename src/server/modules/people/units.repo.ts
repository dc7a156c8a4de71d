import { and, desc, eq, ilike, inArray, lt, sql, type SQL } from 'drizzle-orm';
import type { DbOrTx } from '@server/db/client';
import { unitOrgs, units } from '@server/db/schema/index';
import type { UnitFilter } from '@common/people';
import type { UnitRow } from './people.presenter';
import { containsPattern } from './people.repo';

const orgIdsAgg = sql<number[]>`(
  select coalesce(json_agg(uo.org_id order by uo.org_id), '[]'::json) from unit_orgs uo where uo.unit_id = units.id)`;

const base = (db: DbOrTx) => db.select({ u: units, orgIds: orgIdsAgg }).from(units);

/**
 * Units an organization sees: the ones it owns plus the ones that serve it (unit_orgs), newest first,
 * keyset-paged by id.
 */
export async function listUnits(db: DbOrTx, orgId: number, f: UnitFilter, afterId: number | null, limit: number): Promise<UnitRow[]> {
  // Owned units plus units serving the org, as an id set (an OR across the two made the planner scan all units).
  const where: SQL[] = [sql`${units.id} in (select u.id from units u where u.org_id = ${orgId} union select x.unit_id from unit_orgs x where x.org_id = ${orgId})`];
  if (f.unitGroup) where.push(eq(units.unitGroup, f.unitGroup));
  if (f.active !== undefined) where.push(eq(units.active, f.active));
  if (f.q) where.push(ilike(units.name, containsPattern(f.q)));
  if (afterId != null) where.push(lt(units.id, afterId));
  return base(db)
    .where(and(...where))
    .orderBy(desc(units.id))
    .limit(limit);
}

export async function getUnit(db: DbOrTx, id: number): Promise<UnitRow | undefined> {
  const [row] = await base(db).where(eq(units.id, id));
  return row;
}

export async function insertUnits(tx: DbOrTx, values: Array<typeof units.$inferInsert>): Promise<Array<typeof units.$inferSelect>> {
  const out: Array<typeof units.$inferSelect> = [];
  for (let i = 0; i < values.length; i += 500) out.push(...(await tx.insert(units).values(values.slice(i, i + 500)).returning()));
  return out;
}

/** Replaces the organizations each unit serves. */
export async function setUnitOrgs(tx: DbOrTx, entries: Array<{ unitId: number; orgIds: number[] }>): Promise<void> {
  const ids = entries.map((e) => e.unitId);
  for (let i = 0; i < ids.length; i += 1000) await tx.delete(unitOrgs).where(inArray(unitOrgs.unitId, ids.slice(i, i + 1000)));
  const rows = entries.flatMap((e) => [...new Set(e.orgIds)].map((orgId) => ({ unitId: e.unitId, orgId })));
  for (let i = 0; i < rows.length; i += 1000) await tx.insert(unitOrgs).values(rows.slice(i, i + 1000));
}

/** Names among `names` already used by units of the organization. */
export async function existingUnitNames(db: DbOrTx, orgId: number, names: string[]): Promise<Set<string>> {
  const out = new Set<string>();
  const unique = [...new Set(names)];
  for (let i = 0; i < unique.length; i += 1000) {
    const rows = await db
      .select({ name: units.name })
      .from(units)
      .where(and(eq(units.orgId, orgId), inArray(units.name, unique.slice(i, i + 1000))));
    for (const r of rows) out.add(r.name);
  }
  return out;
}
