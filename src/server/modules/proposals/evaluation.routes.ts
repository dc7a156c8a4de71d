import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  EvaluationsView,
  KeyProposalItem,
  KeyProposalQuery,
  OverdueItem,
  OverdueQuery,
  ProposalCloseBody,
  ProposalEvaluateBody,
  ProposalGoodBody,
  ProposalRehandleBody,
  ProposalSupervisionBody,
  ProposalVersionBody,
  ProposalView,
  SupervisionView,
  type EvaluationView,
  type OverdueClock,
  type Rating,
  type SupervisionKind,
} from '@common/proposals';
import { invalid } from '@server/lib/errors';
import { decodeCursor, encodeCursor, pageResponse } from '@server/lib/paging';
import { IdParams, OrgParams } from '@server/lib/schemas';
import { isValidDay, loadWorkCalendar, todayInChina } from '@server/lib/workdays';
import {
  addSupervision,
  closeProposal,
  completeEvaluation,
  evaluateProposal,
  markGood,
  rehandleProposal,
} from './commands/evaluation-steps';
import * as evalRepo from './evaluation.repo';
import { loadVisible } from './proposals.access';
import { loadDetail, presentListItem } from './proposals.presenter';

const tags = ['proposals'];
const iso = (d: Date | string | null) => (d == null ? null : new Date(d).toISOString());
const num = (v: number | string | null) => (v == null ? null : Number(v));

/** Overdue cursor: the last row's [deadline, clock, entity id]. */
function overdueCursor(cursor: string | undefined): [string, string, number] | null {
  const v = decodeCursor<unknown[]>(cursor);
  if (!v) return null;
  if (
    typeof v[0] !== 'string' ||
    !isValidDay(v[0]) ||
    typeof v[1] !== 'string' ||
    typeof v[2] !== 'number' ||
    !Number.isSafeInteger(v[2])
  ) {
    throw invalid('cursor', 'invalid_format');
  }
  return [v[0], v[1], v[2]];
}

function idCursor(cursor: string | undefined): number | null {
  const v = decodeCursor<unknown[]>(cursor);
  if (!v) return null;
  if (typeof v[0] !== 'number' || !Number.isSafeInteger(v[0])) throw invalid('cursor', 'invalid_format');
  return v[0];
}

/** Evaluation (评价), the office's steps after it (重新办理 / 办结 / 好提案), supervision (督办), overdue and key lists. */
const evaluationRoutes: FastifyPluginAsyncZod = async (app) => {
  const { db } = app.database;
  const detail = (id: number, req: { me(): Parameters<typeof loadDetail>[2] }) => loadDetail(db, id, req.me());

  app.get(
    '/api/proposals/:id/evaluations',
    {
      config: { permission: 'proposals.read' },
      schema: { tags, summary: '提案人对办理的评价（各轮）', params: IdParams, response: { 200: EvaluationsView } },
    },
    async (req) => {
      const { row: p, actor } = await loadVisible(req, db, req.params.id);
      const rows = await evalRepo.evaluationsOf(db, p.id, actor.accountId);
      const open = p.state === 'replied' && (!p.evaluationDue || todayInChina() <= p.evaluationDue);
      const items: Array<z.infer<typeof EvaluationView>> = rows.map((r) => ({
        id: r.e.id,
        proposerId: r.e.proposerId,
        proposerName: r.proposerName,
        round: r.e.round,
        status: r.e.status as z.infer<typeof EvaluationView>['status'],
        workRating: r.e.workRating as Rating | null,
        resultRating: r.e.resultRating as Rating | null,
        comments: r.e.comments,
        ratedAt: iso(r.e.ratedAt),
        mine: open && !!r.isCaller && r.e.status === 'pending' && r.e.round === p.round,
      }));
      return { round: p.round, due: p.evaluationDue, dueProvisional: p.evaluationDueProvisional, items };
    },
  );

  app.post(
    '/api/proposals/:id/evaluate',
    {
      config: { permission: 'proposals.propose' },
      schema: {
        tags,
        summary: '评价办理（办理工作、办理结果）',
        params: IdParams,
        body: ProposalEvaluateBody,
        response: { 200: ProposalView },
      },
    },
    async (req) => {
      await evaluateProposal(req, db, req.params.id, req.body);
      return detail(req.params.id, req);
    },
  );

  app.post(
    '/api/proposals/:id/complete-evaluation',
    {
      config: { permission: 'proposals.review' },
      schema: {
        tags,
        summary: '结束评价（评价期限届满后，未评价的记为未表态）',
        params: IdParams,
        body: ProposalVersionBody,
        response: { 200: ProposalView },
      },
    },
    async (req) => {
      await completeEvaluation(req, db, req.params.id, req.body.version);
      return detail(req.params.id, req);
    },
  );

  app.post(
    '/api/proposals/:id/rehandle',
    {
      config: { permission: 'proposals.review' },
      schema: { tags, summary: '重新办理（评价不满意）', params: IdParams, body: ProposalRehandleBody, response: { 200: ProposalView } },
    },
    async (req) => {
      await rehandleProposal(req, db, req.params.id, req.body);
      return detail(req.params.id, req);
    },
  );

  app.post(
    '/api/proposals/:id/close',
    {
      config: { permission: 'proposals.review' },
      schema: { tags, summary: '办结', params: IdParams, body: ProposalCloseBody, response: { 200: ProposalView } },
    },
    async (req) => {
      await closeProposal(req, db, req.params.id, req.body);
      return detail(req.params.id, req);
    },
  );

  app.post(
    '/api/proposals/:id/good',
    {
      config: { permission: 'proposals.review' },
      schema: { tags, summary: '评选（或取消）好提案', params: IdParams, body: ProposalGoodBody, response: { 200: ProposalView } },
    },
    async (req) => {
      await markGood(req, db, req.params.id, req.body);
      return detail(req.params.id, req);
    },
  );

  const supervisions = async (proposalId: number) => ({
    items: (await evalRepo.supervisionsOf(db, proposalId)).map((r): z.infer<typeof SupervisionView> => ({
      id: r.s.id,
      kind: r.s.kind as SupervisionKind,
      happenedOn: r.s.happenedOn,
      notes: r.s.notes,
      leaderName: r.leaderName,
      createdByName: r.createdByName,
      createdAt: iso(r.s.createdAt)!,
    })),
  });

  app.get(
    '/api/proposals/:id/supervisions',
    {
      config: { permission: 'proposals.supervise' },
      schema: { tags, summary: '督办记录', params: IdParams, response: { 200: z.object({ items: z.array(SupervisionView) }) } },
    },
    async (req) => {
      await loadVisible(req, db, req.params.id);
      return supervisions(req.params.id);
    },
  );

  app.post(
    '/api/proposals/:id/supervisions',
    {
      config: { permission: 'proposals.supervise' },
      schema: {
        tags,
        summary: '记录督办（走访、会议、实地督查、督办意见）',
        params: IdParams,
        body: ProposalSupervisionBody,
        response: { 200: z.object({ items: z.array(SupervisionView) }) },
      },
    },
    async (req) => {
      if (!isValidDay(req.body.happenedOn)) throw invalid('happenedOn', 'invalid_date');
      await addSupervision(req, db, req.params.id, req.body);
      return supervisions(req.params.id);
    },
  );

  app.get(
    '/api/orgs/:orgId/proposals/overdue',
    {
      config: { permission: 'proposals.supervise' },
      schema: {
        tags,
        summary: '逾期（及即将到期）的办理、协办意见、签收和评价',
        params: OrgParams,
        querystring: OverdueQuery,
        response: { 200: pageResponse(OverdueItem) },
      },
    },
    async (req) => {
      const { orgId } = req.params;
      req.authorize(orgId);
      const { clock, unitId, withinWorkdays, cursor, limit } = req.query;
      const cal = await loadWorkCalendar(db);
      const today = todayInChina();
      // Overdue = the deadline passed (before today); with n, also those due within n working days.
      const lastDay = withinWorkdays > 0 ? cal.addWorkdays(today, withinWorkdays).date : cal.addDays(today, -1).date;
      const rows = await evalRepo.overdue(db, orgId, { lastDay, clock, unitId }, overdueCursor(cursor), limit + 1);
      const items = rows.slice(0, limit).map((r): z.infer<typeof OverdueItem> => {
        const past = cal.workdaysBetween(r.deadline, today);
        return {
          proposalId: Number(r.proposal_id),
          subject: r.subject,
          numberLabel: r.number_label,
          clock: r.clock as OverdueClock,
          assignmentId: num(r.assignment_id),
          unitId: num(r.unit_id),
          unitName: r.unit_name,
          deadline: r.deadline,
          deadlineProvisional: !!r.provisional || past.provisional,
          workdaysOverdue: past.count,
          isKey: !!r.is_key,
          supervisorName: r.supervisor_name,
        };
      });
      const last = rows.length > limit ? rows[limit - 1] : null;
      return { items, nextCursor: last ? encodeCursor([last.deadline, last.clock, Number(last.entity_id)]) : null };
    },
  );

  app.get(
    '/api/orgs/:orgId/proposals/key',
    {
      config: { permission: 'proposals.supervise' },
      schema: {
        tags,
        summary: '重点提案（督办领导、办理期限、状态）',
        params: OrgParams,
        querystring: KeyProposalQuery,
        response: { 200: pageResponse(KeyProposalItem) },
      },
    },
    async (req) => {
      const { orgId } = req.params;
      const { state, cursor, limit } = req.query;
      const actor = req.authorize(orgId);
      const rows = await evalRepo.keyProposals(db, orgId, { state }, idCursor(cursor), limit + 1);
      const items = rows.slice(0, limit).map(
        (r): z.infer<typeof KeyProposalItem> =>
          Object.assign(presentListItem(r, actor), {
            round: r.p.round,
            deadline: r.p.deadline,
            deadlineProvisional: r.p.deadlineProvisional,
            supervisorAccountId: r.p.supervisorAccountId,
            supervisorName: r.supervisorName,
            supervisionCount: Number(r.supervisionCount),
            lastSupervisedOn: r.lastSupervisedOn,
        }),
      );
      return { items, nextCursor: rows.length > limit ? encodeCursor([items[items.length - 1].id]) : null };
    },
  );
};
export default evaluationRoutes;
