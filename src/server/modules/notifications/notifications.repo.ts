import { and, count, desc, eq, isNull, lt, type SQL } from 'drizzle-orm';
import type { DbOrTx } from '@server/db/client';
import { notifications } from '@server/db/schema/index';

export type NotificationRow = typeof notifications.$inferSelect;

export async function listNotifications(db: DbOrTx, accountId: number, f: { unread: boolean; beforeId?: number; limit: number }) {
  const where: SQL[] = [eq(notifications.accountId, accountId)];
  if (f.unread) where.push(isNull(notifications.readAt));
  if (f.beforeId != null) where.push(lt(notifications.id, f.beforeId));
  return db
    .select()
    .from(notifications)
    .where(and(...where))
    .orderBy(desc(notifications.id))
    .limit(f.limit + 1);
}

export async function unreadCount(db: DbOrTx, accountId: number) {
  const [row] = await db
    .select({ n: count() })
    .from(notifications)
    .where(and(eq(notifications.accountId, accountId), isNull(notifications.readAt)));
  return Number(row?.n ?? 0);
}

export async function getNotification(db: DbOrTx, id: number) {
  const [row] = await db.select().from(notifications).where(eq(notifications.id, id));
  return row;
}

export async function markRead(db: DbOrTx, id: number, accountId: number) {
  const [row] = await db
    .update(notifications)
    .set({ readAt: new Date() })
    .where(and(eq(notifications.id, id), eq(notifications.accountId, accountId), isNull(notifications.readAt)))
    .returning();
  return row;
}

export async function markAllRead(db: DbOrTx, accountId: number) {
  const rows = await db
    .update(notifications)
    .set({ readAt: new Date() })
    .where(and(eq(notifications.accountId, accountId), isNull(notifications.readAt)))
    .returning({ id: notifications.id });
  return rows.length;
}
