import type { FastifyRequest } from 'fastify';
import { eq, sql } from 'drizzle-orm';
import { pick } from '@common/messages';
import {
  INFO_ACTION_LABELS,
  INFO_STATUS_LABELS,
  INFO_TRANSITIONS,
  findInfoTransition,
  type InfoAction,
  type InfoStatus,
} from '@common/info';
import type { Db, Tx } from '@server/db/client';
import { infoReports } from '@server/db/schema/index';
import { writeAudit } from '@server/lib/audit';
import { AppError, forbidden, notFound, staleVersion } from '@server/lib/errors';
import { emit, type NotifyPayload } from '@server/lib/outbox';
import type { Actor } from '@server/lib/context';
import { infoActorsOf, loadReport } from '../info.access';
import * as repo from '../info.repo';
import { infoReportsChanged } from '@server/modules/search/hooks';

/** 409 naming the report's status and the actions the table allows in it. */
export function infoRefused(lang: FastifyRequest['lang'], status: string, action: InfoAction): AppError {
  const allowedCodes = [...new Set(INFO_TRANSITIONS.filter((t) => t.from === status).map((t) => t.action))];
  const allowed = allowedCodes.map((a) => pick(INFO_ACTION_LABELS[a], lang));
  return new AppError(409, 'info_transition_refused', {
    params: {
      state: pick(INFO_STATUS_LABELS[status as InfoStatus] ?? { zh: status, en: status }, lang),
      action: pick(INFO_ACTION_LABELS[action], lang),
      allowed: allowed.length ? allowed.join(lang === 'en' ? ', ' : '、') : lang === 'en' ? 'none' : '无',
    },
    details: { state: status, action, allowed: allowedCodes },
  });
}

export interface StepEffect {
  set?: Partial<typeof infoReports.$inferInsert>;
  before?: Record<string, unknown>;
  after?: Record<string, unknown>;
  reason?: string;
  /** A notification to the report's submitters, written to the outbox in the same transaction. */
  notify?: Omit<NotifyPayload, 'recipients' | 'link'> & { eventType: string };
}

/**
 * One action on a report: loaded and checked for the caller (404/403); then in ONE transaction locked, checked
 * against the transition table (409) and the caller's hat for that row (403), the version (409 when given),
 * changed by `apply`, audited, and the submitters notified when asked. Every change bumps the version.
 */
export async function runInfoStep(
  req: FastifyRequest,
  db: Db,
  id: number,
  action: InfoAction,
  version: number | null,
  apply: (tx: Tx, row: repo.ReportRow, actor: Actor) => Promise<StepEffect>,
): Promise<void> {
  const { actor, memberId } = await loadReport(req, db, id);
  await db.transaction(async (tx) => {
    const row = await repo.lockReport(tx, id);
    if (!row) throw notFound();
    const t = findInfoTransition(row.status as InfoStatus, action);
    if (!t) throw infoRefused(req.lang, row.status, action);
    const actors = infoActorsOf(actor, row, await repo.isSubmitter(tx, row, actor.accountId, memberId));
    if (!actors.includes(t.by)) throw forbidden();
    if (version !== null && version !== row.version) throw staleVersion();
    const effect = await apply(tx, row, actor);
    await tx
      .update(infoReports)
      .set({ ...(effect.set ?? {}), status: t.to, updatedAt: new Date(), version: sql`${infoReports.version} + 1` })
      .where(eq(infoReports.id, id));
    await infoReportsChanged(tx, [id]);
    await writeAudit(tx, req.auditActor(), {
      orgId: row.orgId,
      entityType: 'info_report',
      entityId: id,
      action,
      before: { status: row.status, ...(effect.before ?? {}) },
      after: { status: t.to, ...(effect.after ?? {}) },
      reason: effect.reason,
    });
    if (effect.notify) {
      const { eventType, ...payload } = effect.notify;
      const recipients = (await repo.recipientsOf(tx, row)).filter((a) => a !== actor.accountId);
      if (recipients.length) await emit(tx, row.orgId, eventType, { ...payload, recipients, link: `/info-reports/${id}` });
    }
  });
}
