import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  AssignBulkResult,
  AssignmentAdjustBody,
  AssignmentApproveBody,
  AssignmentRejectBody,
  AssignmentVersionBody,
  AssignmentView,
  ProposalAssignBody,
  ProposalAssignBulkBody,
  ProposalView,
  UnitInboxItem,
  UnitInboxQuery,
} from '@common/proposals';
import { unitIdsIn } from '@server/lib/context';
import { invalid } from '@server/lib/errors';
import { decodeCursor, page, pageResponse } from '@server/lib/paging';
import { IdParams, OrgParams } from '@server/lib/schemas';
import { isValidDay, loadWorkCalendar, todayInChina } from '@server/lib/workdays';
import * as assignmentsRepo from './assignments.repo';
import * as proposalsRepo from './proposals.repo';
import { assignBulk, assignProposal } from './commands/assign-proposal';
import { approveAdjustment, assignmentAbilities, rejectAdjustment, requestAdjustment, signAssignment } from './commands/assignment-steps';
import { inboxContexts, presentAssignmentsOf } from './handling.presenter';
import { loadVisible } from './proposals.access';
import { loadDetail, presentInboxItem } from './proposals.presenter';

const tags = ['proposals'];

/** Inbox cursor: the last row's [deadline, id]. */
function inboxCursor(cursor: string | undefined): [string, number] | null {
  const v = decodeCursor<unknown[]>(cursor);
  if (!v) return null;
  if (typeof v[0] !== 'string' || !isValidDay(v[0]) || typeof v[1] !== 'number' || !Number.isSafeInteger(v[1]))
    throw invalid('cursor', 'invalid_format');
  return [v[0], v[1]];
}

/** 交办 (office) and the unit's first steps: inbox, 签收, 申请调整, and the office's answer. */
const assignmentRoutes: FastifyPluginAsyncZod = async (app) => {
  const { db } = app.database;
  const assignmentsOf = async (proposalId: number, req: { me(): Parameters<typeof presentAssignmentsOf>[2] }) => ({
    items: await presentAssignmentsOf(db, proposalId, req.me()),
  });

  app.post(
    '/api/proposals/:id/assign',
    {
      config: { permission: 'proposals.review' },
      schema: {
        tags,
        summary: '交办（主办+协办 / 分办 / 独办）',
        params: IdParams,
        body: ProposalAssignBody,
        response: { 200: ProposalView },
      },
    },
    async (req) => {
      await assignProposal(req, db, req.params.id, req.body);
      return loadDetail(db, req.params.id, req.me());
    },
  );

  app.post(
    '/api/orgs/:orgId/proposals/assign-bulk',
    {
      config: { permission: 'proposals.review' },
      schema: {
        tags,
        summary: '批量交办（全部成功或全部不执行）',
        params: OrgParams,
        body: ProposalAssignBulkBody,
        response: { 200: AssignBulkResult },
      },
    },
    async (req) => {
      const items = await assignBulk(req, db, req.params.orgId, req.body.items);
      return { items: items.map((i) => ({ ...i, state: i.state as z.infer<typeof AssignBulkResult>['items'][number]['state'] })) };
    },
  );

  app.get(
    '/api/proposals/:id/assignments',
    {
      config: { permission: 'proposals.read' },
      schema: {
        tags,
        summary: '提案的交办记录（各承办单位）',
        params: IdParams,
        response: { 200: z.object({ items: z.array(AssignmentView) }) },
      },
    },
    async (req) => {
      await loadVisible(req, db, req.params.id);
      return assignmentsOf(req.params.id, req);
    },
  );

  app.get(
    '/api/orgs/:orgId/unit-inbox',
    {
      config: { permission: 'proposals.handle' },
      schema: {
        tags,
        summary: '承办单位待办（按办理期限排序，工作日倒计时）',
        params: OrgParams,
        querystring: UnitInboxQuery,
        response: { 200: pageResponse(UnitInboxItem) },
      },
    },
    async (req) => {
      const { orgId } = req.params;
      const actor = req.authorize(orgId);
      const { cursor, limit, status } = req.query;
      // Three independent reads at once: the page (with each row's pending co-opinions and reply grade), the
      // working-day calendar and the organization's settings.
      const [rows, cal, settings] = await Promise.all([
        assignmentsRepo.inbox(db, orgId, unitIdsIn(actor, orgId), status, inboxCursor(cursor), limit + 1),
        loadWorkCalendar(db),
        proposalsRepo.loadSettings(db, orgId),
      ]);
      const res = page(rows, limit, (r) => [r.a.deadline, r.a.id]);
      const today = todayInChina();
      const ctxOf = inboxContexts(settings.config);
      return {
        items: res.items.map((r) => presentInboxItem(r, actor, cal, today, assignmentAbilities(actor, r.a, ctxOf(r)))),
        nextCursor: res.nextCursor,
      };
    },
  );

  app.post(
    '/api/proposal-assignments/:id/sign',
    {
      config: { permission: 'proposals.handle' },
      schema: {
        tags,
        summary: '签收',
        params: IdParams,
        body: AssignmentVersionBody,
        response: { 200: z.object({ items: z.array(AssignmentView) }) },
      },
    },
    async (req) => assignmentsOf(await signAssignment(req, db, req.params.id, req.body.version), req),
  );

  app.post(
    '/api/proposal-assignments/:id/request-adjustment',
    {
      config: { permission: 'proposals.handle' },
      schema: {
        tags,
        summary: '申请调整（签收期限内）',
        params: IdParams,
        body: AssignmentAdjustBody,
        response: { 200: z.object({ items: z.array(AssignmentView) }) },
      },
    },
    async (req) => assignmentsOf(await requestAdjustment(req, db, req.params.id, req.body), req),
  );

  app.post(
    '/api/proposal-assignments/:id/approve-adjustment',
    {
      config: { permission: 'proposals.review' },
      schema: {
        tags,
        summary: '同意调整并改交其他单位',
        params: IdParams,
        body: AssignmentApproveBody,
        response: { 200: z.object({ items: z.array(AssignmentView) }) },
      },
    },
    async (req) => assignmentsOf(await approveAdjustment(req, db, req.params.id, req.body), req),
  );

  app.post(
    '/api/proposal-assignments/:id/reject-adjustment',
    {
      config: { permission: 'proposals.review' },
      schema: {
        tags,
        summary: '不同意调整（单位须签收）',
        params: IdParams,
        body: AssignmentRejectBody,
        response: { 200: z.object({ items: z.array(AssignmentView) }) },
      },
    },
    async (req) => assignmentsOf(await rejectAdjustment(req, db, req.params.id, req.body), req),
  );
};
export default assignmentRoutes;
