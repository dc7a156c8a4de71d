import type { FastifyRequest } from 'fastify';
import { and, eq, inArray, sql } from 'drizzle-orm';
import type { z } from 'zod';
import { pick } from '@common/messages';
import {
  findIssueTransition,
  ISSUE_ACTION_LABELS,
  ISSUE_STATUS_LABELS,
  issueActionsFor,
  type IssueAction,
  type IssueActor,
  type IssueCreateBody,
  type IssueRespondBody,
  type IssueStatus,
} from '@common/activities';
import type { Db, DbOrTx, Tx } from '@server/db/client';
import { accounts, problemIssueUnits, problemIssueUpdates, problemIssues, roleGrants, units } from '@server/db/schema/index';
import { writeAudit } from '@server/lib/audit';
import { unitIdsIn, type Actor } from '@server/lib/context';
import { AppError, forbidden, invalid, notFound, staleVersion } from '@server/lib/errors';
import { emit } from '@server/lib/outbox';
import { loadWorkCalendar, todayInChina } from '@server/lib/workdays';
import { isActivityReader, isActivityStaff } from '../activities.access';
import * as activitiesRepo from '../activities.repo';
import * as repo from '../outcomes.repo';
import { problemIssuesChanged } from '@server/modules/search/hooks';

/** The caller's relations to an issue: the office, and/or a handler of one of its units (`myUnitIds`). */
export async function issueActors(db: DbOrTx, actor: Actor, issue: repo.IssueRow) {
  const out = new Set<IssueActor>();
  if (isActivityStaff(actor, issue.orgId)) out.add('office');
  const mine = unitIdsIn(actor, issue.orgId);
  let myUnitIds: number[] = [];
  if (mine.length) {
    const rows = await db
      .select({ unitId: problemIssueUnits.unitId })
      .from(problemIssueUnits)
      .where(and(eq(problemIssueUnits.issueId, issue.id), inArray(problemIssueUnits.unitId, mine)));
    myUnitIds = rows.map((r) => r.unitId);
    if (myUnitIds.length) out.add('unit');
  }
  return { actors: out, myUnitIds };
}

/** Loads an issue: another organization → 404; visible to readers and to handlers of its units, else 404. */
export async function loadIssue(req: FastifyRequest, db: DbOrTx, id: number) {
  const issue = await repo.getIssue(db, id);
  if (!issue) throw notFound();
  const actor = req.authorize(issue.orgId);
  const { actors, myUnitIds } = await issueActors(db, actor, issue);
  if (!actors.size && !isActivityReader(actor, issue.orgId)) throw notFound();
  return { issue, actor, actors, myUnitIds };
}

function refused(req: FastifyRequest, status: string, action: IssueAction, actors: Set<IssueActor>) {
  const lang = req.lang;
  const allowed = issueActionsFor(status as IssueStatus, actors).map((a) => pick(ISSUE_ACTION_LABELS[a], lang));
  return new AppError(409, 'issue_transition_refused', {
    params: {
      state: pick(ISSUE_STATUS_LABELS[status as IssueStatus], lang),
      action: pick(ISSUE_ACTION_LABELS[action], lang),
      allowed: allowed.length ? allowed.join(lang === 'en' ? ', ' : '、') : lang === 'en' ? 'none' : '无',
    },
    details: { state: status, action },
  });
}

/**
 * One step of an issue: in ONE transaction the issue is locked, checked against the table (409), the caller's
 * relation (403), the version (409 when given), changed by `apply` and audited.
 */
export async function runIssueStep(
  req: FastifyRequest,
  db: Db,
  id: number,
  action: IssueAction,
  version: number | null,
  apply: (tx: Tx, issue: repo.IssueRow, myUnitIds: number[]) => Promise<{ set?: Partial<typeof problemIssues.$inferInsert>; after?: Record<string, unknown>; reason?: string }>,
): Promise<void> {
  const { actor } = await loadIssue(req, db, id);
  await db.transaction(async (tx) => {
    const issue = await repo.lockIssue(tx, id);
    if (!issue) throw notFound();
    const { actors, myUnitIds } = await issueActors(tx, actor, issue);
    const t = findIssueTransition(issue.status as IssueStatus, action);
    if (!t) throw refused(req, issue.status, action, actors);
    if (!t.roles.some((r) => actors.has(r))) throw forbidden();
    if (version !== null && version !== issue.version) throw staleVersion();
    const effect = await apply(tx, issue, myUnitIds);
    await tx
      .update(problemIssues)
      .set({ ...(effect.set ?? {}), status: t.to, updatedAt: new Date(), version: sql`${problemIssues.version} + 1` })
      .where(eq(problemIssues.id, id));
    await problemIssuesChanged(tx, [id]);
    await writeAudit(tx, req.auditActor(), {
      orgId: issue.orgId,
      entityType: 'problem_issue',
      entityId: id,
      action,
      before: { status: issue.status },
      after: { status: t.to, ...(effect.after ?? {}) },
      reason: effect.reason,
    });
  });
}

/** Adds an issue to an outcome's problem list, sent to units of the organization; their handlers are notified. */
export async function createIssue(req: FastifyRequest, db: Db, outcome: repo.OutcomeRow, b: z.infer<typeof IssueCreateBody>): Promise<void> {
  const unitIds = [...new Set(b.unitIds)];
  if (unitIds.length !== b.unitIds.length) throw invalid('unitIds', 'duplicate_unit', { value: b.unitIds.find((u, i) => b.unitIds.indexOf(u) !== i) });
  const found = await db
    .select({ id: units.id, name: units.name })
    .from(units)
    .where(and(eq(units.orgId, outcome.orgId), inArray(units.id, unitIds)));
  const missing = unitIds.find((u) => !found.some((f) => f.id === u));
  if (missing !== undefined) throw invalid('unitIds', 'unknown_ref', { value: missing });
  const { config } = await activitiesRepo.loadSettings(db, outcome.orgId);
  const responseDue = b.responseDue ?? (await loadWorkCalendar(db)).addWorkdays(todayInChina(), config.responseDueWorkdays).date;
  await db.transaction(async (tx) => {
    const seq = await repo.nextSeq(tx, outcome.id);
    const [issue] = await tx
      .insert(problemIssues)
      .values({ orgId: outcome.orgId, outcomeId: outcome.id, activityId: outcome.activityId, seq, title: b.title, detail: b.detail, responseDue })
      .returning();
    await tx.insert(problemIssueUnits).values(unitIds.map((unitId) => ({ orgId: outcome.orgId, issueId: issue.id, unitId })));
    await problemIssuesChanged(tx, [issue.id]);
    await writeAudit(tx, req.auditActor(), {
      orgId: outcome.orgId,
      entityType: 'problem_issue',
      entityId: issue.id,
      action: 'create',
      after: { outcomeId: outcome.id, seq, title: b.title, units: found.map((f) => f.name), responseDue },
    });
    const handlers = await tx
      .selectDistinct({ id: roleGrants.accountId })
      .from(roleGrants)
      .innerJoin(accounts, eq(accounts.id, roleGrants.accountId))
      .where(and(eq(roleGrants.orgId, outcome.orgId), eq(roleGrants.role, 'unit_handler'), inArray(roleGrants.unitId, unitIds)));
    if (handlers.length)
      await emit(tx, outcome.orgId, 'problem_issue.assigned', {
        recipients: handlers.map((h) => h.id),
        kind: 'activity',
        title: `问题清单待表态：${b.title}`,
        body: `请于 ${responseDue} 前表态（承诺事项、具体措施、计划完成时间）。`,
        link: `/problem-inbox`,
        email: true,
      });
  });
}

/** A unit answers (表态) for its share of the issue; the first answer moves the issue to 已表态. */
export async function respondIssue(req: FastifyRequest, db: Db, id: number, b: z.infer<typeof IssueRespondBody>): Promise<void> {
  const actor = req.me();
  await runIssueStep(req, db, id, 'respond', null, async (tx, _issue, myUnitIds) => {
    const unitId = myUnitIds[0];
    await tx
      .update(problemIssueUnits)
      .set({ commitment: b.commitment, measures: b.measures, plannedCompletion: b.plannedCompletion, respondedAt: new Date(), respondedByAccountId: actor.accountId, updatedAt: new Date() })
      .where(and(eq(problemIssueUnits.issueId, id), eq(problemIssueUnits.unitId, unitId)));
    return { after: { unitId, commitment: b.commitment, plannedCompletion: b.plannedCompletion } };
  });
}

/** A unit posts a progress update (推进中). */
export async function postProgress(req: FastifyRequest, db: Db, id: number, body: string): Promise<void> {
  const actor = req.me();
  await runIssueStep(req, db, id, 'progress', null, async (tx, issue, myUnitIds) => {
    await tx.insert(problemIssueUpdates).values({ orgId: issue.orgId, issueId: id, unitId: myUnitIds[0], authorName: actor.displayName, body });
    return { after: { progress: body } };
  });
}
