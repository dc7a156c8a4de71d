import { and, eq, sql, type SQL } from 'drizzle-orm';
import type { PgColumn, PgTable } from 'drizzle-orm/pg-core';
import type { DbOrTx } from '@server/db/client';
import { staleVersion } from './errors';

type VersionedTable = PgTable & { id: PgColumn; version: PgColumn; updatedAt: PgColumn };

/**
 * Optimistic update: succeeds only when the row still has the version the editor loaded.
 * A stale version gets 409 instead of silently overwriting someone else's edit.
 */
export async function updateVersioned<T extends VersionedTable>(
  tx: DbOrTx,
  table: T,
  id: number,
  version: number,
  set: Record<string, unknown>,
): Promise<T['$inferSelect']> {
  const rows = (await tx
    .update(table)
    .set({ ...set, version: sql`${table.version} + 1`, updatedAt: new Date() } as never)
    .where(and(eq(table.id, id), eq(table.version, version)) as SQL)
    .returning()) as T['$inferSelect'][];
  if (rows.length === 0) throw staleVersion();
  return rows[0];
}

/** Keeps only keys whose value changed, for the audit's before/after summary. */
export function diff(before: Record<string, unknown>, after: Record<string, unknown>): { before: Record<string, unknown>; after: Record<string, unknown> } {
  const b: Record<string, unknown> = {};
  const a: Record<string, unknown> = {};
  for (const k of Object.keys(after)) {
    if (k === 'version' || k === 'updatedAt' || k === 'createdAt') continue;
    const bv = before[k] instanceof Date ? (before[k]).toISOString() : before[k];
    const av = after[k] instanceof Date ? (after[k]).toISOString() : after[k];
    if (JSON.stringify(bv) !== JSON.stringify(av)) {
      b[k] = bv;
      a[k] = av;
    }
  }
  return { before: b, after: a };
}
