import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { and, eq } from 'drizzle-orm';
import { z } from 'zod';
import {
  ActivityStatsView,
  InstructionBody,
  IssueCreateBody,
  IssueInboxItem,
  IssueInboxQuery,
  IssueProgressBody,
  IssueRespondBody,
  IssueSettleBody,
  IssueView,
  OutcomeCreateBody,
  OutcomeUpdateBody,
  OutcomeView,
  issueActionsFor,
  type IssueActor,
  type IssueResult,
  type IssueStatus,
  type OutcomeKind,
} from '@common/activities';
import type { DbOrTx } from '@server/db/client';
import { activityOutcomes, collectiveProposers, outcomeInstructions, problemIssues } from '@server/db/schema/index';
import { writeAudit } from '@server/lib/audit';
import { unitIdsIn, type Actor } from '@server/lib/context';
import { invalid, notFound } from '@server/lib/errors';
import { decodeCursor, encodeCursor, pageResponse } from '@server/lib/paging';
import { IdParams, OrgParams } from '@server/lib/schemas';
import { diff, updateVersioned } from '@server/lib/versioned';
import { todayInChina } from '@server/lib/workdays';
import { isActivityReader, isActivityStaff } from './activities.access';
import { runActivityStep } from './commands/activity-step';
import { createIssue, loadIssue, postProgress, respondIssue, runIssueStep } from './commands/issue-steps';
import * as activitiesRepo from './activities.repo';
import { sanitizeRich } from './activities.text';
import * as repo from './outcomes.repo';
import { outcomesChanged, problemIssuesChanged } from '@server/modules/search/hooks';

const tags = ['activities'];

async function checkCollective(db: DbOrTx, orgId: number, collectiveId: number | null | undefined) {
  if (collectiveId == null) return;
  const [c] = await db
    .select({ id: collectiveProposers.id })
    .from(collectiveProposers)
    .where(and(eq(collectiveProposers.id, collectiveId), eq(collectiveProposers.orgId, orgId)));
  if (!c) throw invalid('collectiveId', 'unknown_ref', { value: collectiveId });
}

/** Issues with their units, answers and updates (three statements for the whole list). */
async function presentIssues(db: DbOrTx, issues: repo.IssueRow[], actor: Actor) {
  const ids = issues.map((i) => i.id);
  const [unitRows, updates] = await Promise.all([repo.unitsOfIssues(db, ids), repo.updatesOfIssues(db, ids)]);
  const myUnits = new Set(issues.length ? unitIdsIn(actor, issues[0].orgId) : []);
  const office = issues.length ? isActivityStaff(actor, issues[0].orgId) : false;
  return issues.map((i) => {
    const us = unitRows.filter((u) => u.iu.issueId === i.id);
    const actors = new Set<IssueActor>();
    if (office) actors.add('office');
    if (us.some((u) => myUnits.has(u.iu.unitId))) actors.add('unit');
    return {
      id: i.id,
      orgId: i.orgId,
      outcomeId: i.outcomeId,
      activityId: i.activityId,
      seq: i.seq,
      title: i.title,
      detail: i.detail,
      status: i.status as IssueStatus,
      result: i.result as IssueResult | null,
      resultReason: i.resultReason,
      responseDue: i.responseDue,
      version: i.version,
      units: us.map((u) => ({
        unitId: u.iu.unitId,
        unitName: u.unitName,
        commitment: u.iu.commitment,
        measures: u.iu.measures,
        plannedCompletion: u.iu.plannedCompletion,
        respondedAt: u.iu.respondedAt?.toISOString() ?? null,
      })),
      updates: updates
        .filter((u) => u.issueId === i.id)
        .map((u) => ({ id: u.id, unitId: u.unitId, authorName: u.authorName, body: u.body, createdAt: u.createdAt.toISOString() })),
      abilities: issueActionsFor(i.status as IssueStatus, actors),
    };
  });
}

const routes: FastifyPluginAsyncZod = async (app) => {
  const { db } = app.database;

  /** Outcomes are read by the offices and leaders (units see their issues through the inbox). */
  const loadOutcome = async (req: Parameters<typeof loadIssue>[0], id: number) => {
    const row = await repo.getOutcome(db, id);
    if (!row) throw notFound();
    const actor = req.authorize(row.o.orgId);
    if (!isActivityReader(actor, row.o.orgId)) throw notFound();
    return { row, actor };
  };
  const outcomeDetail = async (req: Parameters<typeof loadIssue>[0], id: number) => {
    const { row, actor } = await loadOutcome(req, id);
    const [instructions, issues] = await Promise.all([repo.instructionsOf(db, id), repo.issuesOf(db, id)]);
    const o = row.o;
    return {
      id: o.id,
      orgId: o.orgId,
      activityId: o.activityId,
      activityTopic: row.activityTopic,
      kind: o.kind as OutcomeKind,
      title: o.title,
      authorKind: o.authorKind as 'org' | 'collective',
      collectiveId: o.collectiveId,
      authorName: row.collectiveName ?? '',
      findings: o.findings,
      recommendations: o.recommendations,
      version: o.version,
      instructions: instructions.map((x) => ({ id: x.id, leader: x.leader, level: x.level, text: x.text, instructedOn: x.instructedOn })),
      issues: await presentIssues(db, issues, actor),
      canManage: isActivityStaff(actor, o.orgId),
    };
  };
  const issueDetail = async (req: Parameters<typeof loadIssue>[0], id: number) => {
    const { issue, actor } = await loadIssue(req, db, id);
    return (await presentIssues(db, [issue], actor))[0];
  };

  // ── Outcomes ───────────────────────────────────────────────
  app.post(
    '/api/activities/:id/outcomes',
    { config: { permission: 'activities.manage' }, schema: { tags, summary: '登记活动成果（协商报告、建议案、调研/视察报告）', params: IdParams, body: OutcomeCreateBody, response: { 200: OutcomeView } } },
    async (req) => {
      const pre = await activitiesRepo.getActivity(db, req.params.id);
      if (!pre) throw notFound();
      req.authorize(pre.orgId);
      await checkCollective(db, pre.orgId, req.body.collectiveId);
      let outcomeId = 0;
      await runActivityStep(req, db, req.params.id, 'add_outcome', null, async (tx, row) => {
        const [o] = await tx
          .insert(activityOutcomes)
          .values({
            orgId: row.orgId,
            activityId: row.id,
            kind: req.body.kind,
            title: req.body.title,
            authorKind: req.body.collectiveId ? 'collective' : 'org',
            collectiveId: req.body.collectiveId ?? null,
            findings: sanitizeRich(req.body.findings),
            recommendations: sanitizeRich(req.body.recommendations),
          })
          .returning();
        outcomeId = o.id;
        await writeAudit(tx, req.auditActor(), { orgId: row.orgId, entityType: 'activity_outcome', entityId: o.id, action: 'create', after: { kind: o.kind, title: o.title } });
        await outcomesChanged(tx, [o.id]);
        return { after: { outcomeId: o.id, title: o.title } };
      });
      return outcomeDetail(req, outcomeId);
    },
  );

  app.get(
    '/api/activity-outcomes/:id',
    { config: { permission: 'activities.read' }, schema: { tags, summary: '成果详情（批示、问题清单）', params: IdParams, response: { 200: OutcomeView } } },
    async (req) => outcomeDetail(req, req.params.id),
  );

  app.patch(
    '/api/activity-outcomes/:id',
    { config: { permission: 'activities.manage' }, schema: { tags, summary: '修改成果（带版本号）', params: IdParams, body: OutcomeUpdateBody, response: { 200: OutcomeView } } },
    async (req) => {
      const { row } = await loadOutcome(req, req.params.id);
      const { version, ...rest } = req.body;
      await checkCollective(db, row.o.orgId, rest.collectiveId);
      const set: Record<string, unknown> = Object.fromEntries(Object.entries(rest).filter(([, v]) => v !== undefined));
      if (rest.findings !== undefined) set.findings = sanitizeRich(rest.findings);
      if (rest.recommendations !== undefined) set.recommendations = sanitizeRich(rest.recommendations);
      if (rest.collectiveId !== undefined) set.authorKind = rest.collectiveId ? 'collective' : 'org';
      await db.transaction(async (tx) => {
        const after = await updateVersioned(tx, activityOutcomes, row.o.id, version, set);
        await writeAudit(tx, req.auditActor(), { orgId: row.o.orgId, entityType: 'activity_outcome', entityId: row.o.id, action: 'update', ...diff(row.o, after) });
        await outcomesChanged(tx, [row.o.id]);
        // The issues' hits name their outcome.
        if (rest.title !== undefined) await problemIssuesChanged(tx, (await tx.select({ id: problemIssues.id }).from(problemIssues).where(eq(problemIssues.outcomeId, row.o.id))).map((x) => x.id));
      });
      return outcomeDetail(req, req.params.id);
    },
  );

  app.post(
    '/api/activity-outcomes/:id/instructions',
    { config: { permission: 'activities.manage' }, schema: { tags, summary: '登记领导批示', params: IdParams, body: InstructionBody, response: { 200: OutcomeView } } },
    async (req) => {
      const { row } = await loadOutcome(req, req.params.id);
      if (req.body.instructedOn > todayInChina()) throw invalid('instructedOn', 'not_future');
      await db.transaction(async (tx) => {
        const [x] = await tx
          .insert(outcomeInstructions)
          .values({ orgId: row.o.orgId, outcomeId: row.o.id, ...req.body })
          .returning();
        await writeAudit(tx, req.auditActor(), { orgId: row.o.orgId, entityType: 'activity_outcome', entityId: row.o.id, action: 'add_instruction', after: { instructionId: x.id, leader: x.leader, level: x.level } });
        await outcomesChanged(tx, [row.o.id]);
      });
      return outcomeDetail(req, req.params.id);
    },
  );

  app.post(
    '/api/activity-outcomes/:id/issues',
    { config: { permission: 'activities.manage' }, schema: { tags, summary: '问题清单：新增问题并交有关部门表态', params: IdParams, body: IssueCreateBody, response: { 200: OutcomeView } } },
    async (req) => {
      const { row } = await loadOutcome(req, req.params.id);
      await createIssue(req, db, row.o, req.body);
      return outcomeDetail(req, req.params.id);
    },
  );

  // ── Issues ─────────────────────────────────────────────────
  app.get(
    '/api/problem-issues/:id',
    { config: { permission: 'activities.participate' }, schema: { tags, summary: '问题清单事项详情', params: IdParams, response: { 200: IssueView } } },
    async (req) => issueDetail(req, req.params.id),
  );

  app.post(
    '/api/problem-issues/:id/respond',
    { config: { permission: 'activities.respond' }, schema: { tags, summary: '部门表态（承诺、措施、计划完成时间）', params: IdParams, body: IssueRespondBody, response: { 200: IssueView } } },
    async (req) => {
      await respondIssue(req, db, req.params.id, req.body);
      return issueDetail(req, req.params.id);
    },
  );

  app.post(
    '/api/problem-issues/:id/progress',
    { config: { permission: 'activities.respond' }, schema: { tags, summary: '报送落实进展', params: IdParams, body: IssueProgressBody, response: { 200: IssueView } } },
    async (req) => {
      await postProgress(req, db, req.params.id, req.body.body);
      return issueDetail(req, req.params.id);
    },
  );

  app.post(
    '/api/problem-issues/:id/settle',
    { config: { permission: 'activities.participate' }, schema: { tags, summary: '标记转化落实、已解决或暂不能解决（须说明原因）', params: IdParams, body: IssueSettleBody, response: { 200: IssueView } } },
    async (req) => {
      const { result, reason, version } = req.body;
      if (result === 'cannot_resolve' && !reason) throw invalid('reason', 'required');
      await runIssueStep(req, db, req.params.id, result, version, async () => ({ set: { result, resultReason: reason }, after: { result }, reason: reason || undefined }));
      return issueDetail(req, req.params.id);
    },
  );

  app.post(
    '/api/problem-issues/:id/close',
    { config: { permission: 'activities.manage' }, schema: { tags, summary: '办公室核销', params: IdParams, body: z.object({ version: z.number().int().positive() }), response: { 200: IssueView } } },
    async (req) => {
      await runIssueStep(req, db, req.params.id, 'close', req.body.version, async () => ({ set: { closedAt: new Date() } }));
      return issueDetail(req, req.params.id);
    },
  );

  app.get(
    '/api/orgs/:orgId/problem-inbox',
    { config: { permission: 'activities.respond' }, schema: { tags, summary: '本单位的问题清单事项（按表态期限排序）', params: OrgParams, querystring: IssueInboxQuery, response: { 200: pageResponse(IssueInboxItem) } } },
    async (req) => {
      const { orgId } = req.params;
      const actor = req.authorize(orgId);
      const v = decodeCursor<unknown[]>(req.query.cursor);
      if (v && (typeof v[0] !== 'string' || typeof v[1] !== 'number')) throw invalid('cursor', 'invalid_format');
      const rows = await repo.unitInbox(app.database, orgId, unitIdsIn(actor, orgId), {
        status: req.query.status,
        order: req.query.order,
        cursor: v ? [v[0] as string, v[1] as number] : null,
        limit: req.query.limit + 1,
      });
      const items = rows.slice(0, req.query.limit);
      const last = items[items.length - 1];
      return {
        items: items.map((r) => ({
          id: r.i.id,
          seq: r.i.seq,
          title: r.i.title,
          status: r.i.status as IssueStatus,
          responseDue: r.i.responseDue,
          outcomeTitle: r.outcomeTitle,
          activityId: r.i.activityId,
          unitName: r.unitName,
          responded: r.responded,
          version: r.i.version,
        })),
        nextCursor: rows.length > req.query.limit ? encodeCursor([last.responseDue, last.i.id]) : null,
      };
    },
  );

  app.get(
    '/api/orgs/:orgId/activity-stats',
    { config: { permission: 'activities.read' }, schema: { tags, summary: '协商成果统计（成果转化、问题解决、领导批示）', params: OrgParams, response: { 200: ActivityStatsView } } },
    async (req) => {
      req.authorize(req.params.orgId);
      return repo.stats(app.database, req.params.orgId, todayInChina());
    },
  );

};
export default routes;
