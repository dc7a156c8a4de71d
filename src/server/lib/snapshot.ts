import { sql } from 'drizzle-orm';
import type { DbOrTx } from '@server/db/client';

/**
 * Runs aggregate reads in one read-only snapshot (every number, and the chain heads they reflect, from the same
 * moment) with PostgreSQL's JIT off: the aggregates finish in milliseconds, and at scale the planner's cost estimate
 * would switch JIT on and compile the sub-plans for longer than they run. Used by the proposal statistics and the
 * leaders' dashboard.
 */
export async function inReadSnapshot<T>(db: DbOrTx, fn: (tx: DbOrTx) => Promise<T>): Promise<T> {
  return db.transaction(
    async (tx) => {
      await tx.execute(sql`set local jit = off`);
      return fn(tx);
    },
    { isolationLevel: 'repeatable read', accessMode: 'read only' },
  );
}

export interface ChainHeads {
  orgSeq: number;
  platformSeq: number;
}

/**
 * The heads of the organization's and the platform's audit chains (0 before their first change): every audited
 * change moves one of them, so together they key caches of figures derived from audited records.
 */
export async function chainHeads(db: DbOrTx, orgId: number): Promise<ChainHeads> {
  const res = (await db.execute(
    sql`select coalesce((select seq from audit_heads where chain_key = ${String(orgId)}), 0) as "orgSeq",
               coalesce((select seq from audit_heads where chain_key = 'platform'), 0) as "platformSeq"`,
  )) as unknown as { rows: Array<{ orgSeq: number | string; platformSeq: number | string }> };
  const [row] = res.rows;
  return { orgSeq: Number(row.orgSeq), platformSeq: Number(row.platformSeq) };
}
