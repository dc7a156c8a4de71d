import type { FastifyRequest } from 'fastify';
import { eq, sql } from 'drizzle-orm';
import { pick } from '@common/messages';
import {
  ACTIVITY_ACTION_LABELS,
  ACTIVITY_STATUS_LABELS,
  activityActionsFrom,
  findActivityTransition,
  type ActivityAction,
  type ActivityStatus,
} from '@common/activities';
import type { Db, Tx } from '@server/db/client';
import { activities } from '@server/db/schema/index';
import { writeAudit } from '@server/lib/audit';
import { AppError, notFound, staleVersion } from '@server/lib/errors';
import { HOST_ONLY_ACTIONS } from '@common/joint';
import { loadActivity, type LoadedActivity } from '../activities.access';
import * as repo from '../activities.repo';
import { activitiesChanged } from '@server/modules/search/hooks';

/** 409 naming the activity's status and the actions the table allows in it. */
export function activityRefused(req: FastifyRequest, status: string, action: ActivityAction): AppError {
  const lang = req.lang;
  const allowed = activityActionsFrom(status as ActivityStatus).map((a) => pick(ACTIVITY_ACTION_LABELS[a], lang));
  return new AppError(409, 'activity_transition_refused', {
    params: {
      state: pick(ACTIVITY_STATUS_LABELS[status as ActivityStatus] ?? { zh: status, en: status }, lang),
      action: pick(ACTIVITY_ACTION_LABELS[action], lang),
      allowed: allowed.length ? allowed.join(lang === 'en' ? ', ' : '、') : lang === 'en' ? 'none' : '无',
    },
    details: { state: status, action, allowed: activityActionsFrom(status as ActivityStatus) },
  });
}

export interface StepEffect {
  set?: Partial<typeof activities.$inferInsert>;
  before?: Record<string, unknown>;
  after?: Record<string, unknown>;
  reason?: string;
  /** Audit action name when it differs from the table's action (e.g. `leave_approve`). */
  auditAction?: string;
}

/**
 * One office action on an activity: loaded and checked for the caller (404/403), then in ONE transaction locked,
 * checked against the transition table (409), the version (409 when given), changed by `apply` and audited.
 * The record's version is bumped when `version` is given (the caller edited the activity itself).
 * Joint activities: staff of an accepted partner organization take the same steps except the host's own
 * (HOST_ONLY_ACTIONS → 403); the audit row goes to the chain of the organization the caller acts for.
 */
export async function runActivityStep(
  req: FastifyRequest,
  db: Db,
  id: number,
  action: ActivityAction,
  version: number | null,
  apply: (tx: Tx, row: repo.ActivityRow, ctx: LoadedActivity) => Promise<StepEffect>,
): Promise<void> {
  const ctx = await loadActivity(req, db, id);
  if (ctx.side === 'partner' && (HOST_ONLY_ACTIONS as readonly string[]).includes(action)) throw new AppError(403, 'joint_host_only');
  await db.transaction(async (tx) => {
    const row = await repo.lockActivity(tx, id);
    if (!row) throw notFound();
    const t = findActivityTransition(row.status as ActivityStatus, action);
    if (!t) throw activityRefused(req, row.status, action);
    if (version !== null && version !== row.version) throw staleVersion();
    const effect = await apply(tx, row, ctx);
    const statusChanges = t.to !== row.status;
    if (statusChanges || version !== null || effect.set) {
      await tx
        .update(activities)
        .set({
          ...(effect.set ?? {}),
          status: t.to,
          updatedAt: new Date(),
          ...(version !== null || statusChanges ? { version: sql`${activities.version} + 1` } : {}),
        })
        .where(eq(activities.id, id));
      await activitiesChanged(tx, [id]);
    }
    await writeAudit(tx, req.auditActor(), {
      orgId: ctx.orgId,
      entityType: 'activity',
      entityId: id,
      action: effect.auditAction ?? action,
      before: { status: row.status, ...(effect.before ?? {}) },
      after: { status: t.to, ...(effect.after ?? {}) },
      reason: effect.reason,
    });
  });
}
