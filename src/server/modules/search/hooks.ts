import { sql } from 'drizzle-orm';
import type { DbOrTx } from '@server/db/client';
import { indexProposals } from './sources/proposals';

/**
 * The search index's hook for the proposal commands: call it in the transaction of the change, after the change,
 * so the index row commits or rolls back with it (no lost updates, whichever instance served the request).
 */
export async function proposalsChanged(tx: DbOrTx, ids: number[]): Promise<void> {
  await indexProposals(tx, ids);
}

/** Indexes every proposal inside the caller's transaction (demo data, imports); returns how many. */
export async function indexAllProposals(tx: DbOrTx): Promise<number> {
  const res = (await tx.execute(sql`select id from proposals order by id`)) as unknown as { rows: Array<{ id: number | string }> };
  return indexProposals(tx, res.rows.map((r) => Number(r.id)));
}
