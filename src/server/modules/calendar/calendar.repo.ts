import { and, asc, eq, gt, gte, lte, type SQL } from 'drizzle-orm';
import type { DbOrTx } from '@server/db/client';
import { calendarOverrides, calendarYears } from '@server/db/schema/index';
import type { OverrideKind } from '@common/calendar';

export type OverrideRow = typeof calendarOverrides.$inferSelect;
export type YearRow = typeof calendarYears.$inferSelect;

/** Overrides ascending by day, optionally within one year, after the cursor day; limit+1 rows for paging. */
export async function listOverrides(db: DbOrTx, opts: { year?: number; after?: string; limit: number }) {
  const where: SQL[] = [];
  if (opts.year !== undefined) where.push(gte(calendarOverrides.day, `${opts.year}-01-01`), lte(calendarOverrides.day, `${opts.year}-12-31`));
  if (opts.after) where.push(gt(calendarOverrides.day, opts.after));
  return db
    .select()
    .from(calendarOverrides)
    .where(where.length ? and(...where) : undefined)
    .orderBy(asc(calendarOverrides.day))
    .limit(opts.limit + 1);
}

export async function getOverride(db: DbOrTx, day: string) {
  const [row] = await db.select().from(calendarOverrides).where(eq(calendarOverrides.day, day));
  return row;
}

export async function upsertOverride(tx: DbOrTx, v: { day: string; kind: OverrideKind; name: string }) {
  const [row] = await tx
    .insert(calendarOverrides)
    .values(v)
    .onConflictDoUpdate({ target: calendarOverrides.day, set: { kind: v.kind, name: v.name } })
    .returning();
  return row;
}

export async function deleteOverride(tx: DbOrTx, day: string) {
  await tx.delete(calendarOverrides).where(eq(calendarOverrides.day, day));
}

export async function listYears(db: DbOrTx) {
  return db.select().from(calendarYears).orderBy(asc(calendarYears.year));
}

export async function getYear(db: DbOrTx, year: number) {
  const [row] = await db.select().from(calendarYears).where(eq(calendarYears.year, year));
  return row;
}

export async function upsertYear(tx: DbOrTx, v: { year: number; official: boolean; note: string }) {
  const [row] = await tx
    .insert(calendarYears)
    .values(v)
    .onConflictDoUpdate({ target: calendarYears.year, set: { official: v.official, note: v.note } })
    .returning();
  return row;
}
