import { and, desc, eq, lt, type SQL } from 'drizzle-orm';
import type { DbOrTx } from '@server/db/client';
import { auditLog } from '@server/db/schema/index';

export interface AuditFilter {
  entityType?: string;
  entityId?: string;
  actorId?: number;
  action?: string;
  beforeId?: number;
  limit: number;
}

/** An organization's audit rows, newest first, filtered in SQL (indexes on org+entity, org+actor, org+id). */
export async function listAudit(db: DbOrTx, orgId: number, f: AuditFilter) {
  const where: SQL[] = [eq(auditLog.orgId, orgId)];
  if (f.entityType) where.push(eq(auditLog.entityType, f.entityType));
  if (f.entityId) where.push(eq(auditLog.entityId, f.entityId));
  if (f.actorId != null) where.push(eq(auditLog.actorAccountId, f.actorId));
  if (f.action) where.push(eq(auditLog.action, f.action));
  if (f.beforeId != null) where.push(lt(auditLog.id, f.beforeId));
  return db
    .select({
      id: auditLog.id,
      seq: auditLog.seq,
      actorAccountId: auditLog.actorAccountId,
      actorName: auditLog.actorName,
      entityType: auditLog.entityType,
      entityId: auditLog.entityId,
      action: auditLog.action,
      before: auditLog.before,
      after: auditLog.after,
      reason: auditLog.reason,
      requestId: auditLog.requestId,
      createdAt: auditLog.createdAt,
    })
    .from(auditLog)
    .where(and(...where))
    .orderBy(desc(auditLog.id))
    .limit(f.limit + 1);
}
