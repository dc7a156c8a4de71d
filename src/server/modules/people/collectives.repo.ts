import { and, desc, eq, ilike, lt, sql, type SQL } from 'drizzle-orm';
import type { DbOrTx } from '@server/db/client';
import { collectiveAgents, collectiveProposers } from '@server/db/schema/index';
import type { CollectiveRow } from './people.presenter';
import { containsPattern } from './people.repo';

const agentsAgg = sql<Array<{ accountId: number; displayName: string }>>`(
  select coalesce(json_agg(json_build_object('accountId', a.id, 'displayName', a.display_name) order by a.id), '[]'::json)
  from collective_agents ca join accounts a on a.id = ca.account_id where ca.collective_id = collective_proposers.id)`;

const base = (db: DbOrTx) => db.select({ c: collectiveProposers, agents: agentsAgg }).from(collectiveProposers);

export async function listCollectives(
  db: DbOrTx,
  orgId: number,
  f: { kind?: string; q?: string },
  afterId: number | null,
  limit: number,
): Promise<CollectiveRow[]> {
  const where: SQL[] = [eq(collectiveProposers.orgId, orgId)];
  if (f.kind) where.push(eq(collectiveProposers.kind, f.kind));
  if (f.q) where.push(ilike(collectiveProposers.name, containsPattern(f.q)));
  if (afterId != null) where.push(lt(collectiveProposers.id, afterId));
  return base(db)
    .where(and(...where))
    .orderBy(desc(collectiveProposers.id))
    .limit(limit);
}

export async function getCollective(db: DbOrTx, id: number): Promise<CollectiveRow | undefined> {
  const [row] = await base(db).where(eq(collectiveProposers.id, id));
  return row;
}

export async function insertCollective(tx: DbOrTx, v: typeof collectiveProposers.$inferInsert) {
  const [row] = await tx.insert(collectiveProposers).values(v).returning();
  return row;
}

export async function setAgents(tx: DbOrTx, collectiveId: number, accountIds: number[]): Promise<void> {
  await tx.delete(collectiveAgents).where(eq(collectiveAgents.collectiveId, collectiveId));
  const unique = [...new Set(accountIds)];
  if (unique.length) await tx.insert(collectiveAgents).values(unique.map((accountId) => ({ collectiveId, accountId })));
}

/** True when another collective of the organization already uses the name. */
export async function collectiveNameTaken(db: DbOrTx, orgId: number, name: string, exceptId?: number): Promise<boolean> {
  const rows = await db
    .select({ id: collectiveProposers.id })
    .from(collectiveProposers)
    .where(and(eq(collectiveProposers.orgId, orgId), eq(collectiveProposers.name, name)));
  return rows.some((r) => r.id !== exceptId);
}
