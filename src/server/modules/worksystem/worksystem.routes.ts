import type { FastifyRequest } from 'fastify';
import { chainHeads, inReadSnapshot } from '@server/lib/snapshot';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  DashboardItem,
  DashboardItemsQuery,
  FulfilmentCreateBody,
  FulfilmentUpdateBody,
  FulfilmentView,
  LeaderAttendanceBody,
  LeaderAttendanceView,
  LeaderDashboardView,
  LinkCandidate,
  LinkCandidatesQuery,
  ObligationCreateBody,
  ObligationUpdateBody,
  ObligationView,
} from '@common/worksystem';
import { can, type Actor } from '@server/lib/context';
import { invalid, notFound } from '@server/lib/errors';
import { decodeCursor, encodeCursor, PageQuery, pageResponse } from '@server/lib/paging';
import { IdParams, Ok, OrgParams } from '@server/lib/schemas';
import * as cmd from './commands/work-commands';
import { linkCandidates } from './link-candidates.repo';
import { isFlagged, obligationsWithClocks } from './worksystem.clocks';
import { presentFulfilment, presentObligation } from './worksystem.presenter';
import * as repo from './worksystem.repo';

const tags = ['worksystem'];
const manages = (actor: Actor, orgId: number) => can(actor, orgId, 'worksystem.manage');

const routes: FastifyPluginAsyncZod = async (app) => {
  const database = app.database;
  const { db } = database;

  const obligationView = async (actor: Actor, orgId: number, id: number) => {
    const all = await obligationsWithClocks(db, orgId);
    const o = all.find((x) => x.row.id === id);
    if (!o) throw notFound();
    return presentObligation(o.row, o.clock, o.total, o.last, manages(actor, orgId));
  };
  /** Loads an obligation and checks the route's permission in its organization (another organization → 404). */
  const loadObligation = async (req: FastifyRequest, id: number) => {
    const row = await repo.getObligation(db, id);
    if (!row) throw notFound();
    const actor = req.authorize(row.orgId);
    return { row, actor };
  };

  // ── Obligations ────────────────────────────────────────────
  app.get(
    '/api/orgs/:orgId/work-obligations',
    {
      config: { permission: 'worksystem.read' },
      schema: {
        tags,
        summary: '党委政协工作制度事项及其落实时钟（逾期标记）',
        params: OrgParams,
        response: { 200: z.object({ items: z.array(ObligationView) }) },
      },
    },
    async (req) => {
      const actor = req.authorize(req.params.orgId);
      const all = await obligationsWithClocks(db, req.params.orgId);
      const manage = manages(actor, req.params.orgId);
      return { items: all.map((o) => presentObligation(o.row, o.clock, o.total, o.last, manage)) };
    },
  );

  app.post(
    '/api/orgs/:orgId/work-obligations',
    {
      config: { permission: 'worksystem.manage' },
      schema: { tags, summary: '新增工作制度事项', params: OrgParams, body: ObligationCreateBody, response: { 200: ObligationView } },
    },
    async (req) => {
      const actor = req.authorize(req.params.orgId);
      const o = await cmd.createObligation(req, database, req.params.orgId, req.body);
      return obligationView(actor, req.params.orgId, o.id);
    },
  );

  app.post(
    '/api/orgs/:orgId/work-obligations/defaults',
    {
      config: { permission: 'worksystem.manage' },
      schema: {
        tags,
        summary: '按“五个一”默认事项初始化（仅在尚无事项时）',
        params: OrgParams,
        body: z.object({ startDate: z.string().regex(/^\d{4}-\d{2}-\d{2}$/) }).strict(),
        response: { 200: Ok },
      },
    },
    async (req) => {
      req.authorize(req.params.orgId);
      await cmd.seedDefaultObligations(req, database, req.params.orgId, req.body.startDate);
      return { ok: true as const };
    },
  );

  app.patch(
    '/api/work-obligations/:id',
    {
      config: { permission: 'worksystem.manage' },
      schema: {
        tags,
        summary: '修改工作制度事项（带版本号）',
        params: IdParams,
        body: ObligationUpdateBody,
        response: { 200: ObligationView },
      },
    },
    async (req) => {
      const { row, actor } = await loadObligation(req, req.params.id);
      await cmd.updateObligation(req, database, row, req.body);
      return obligationView(actor, row.orgId, row.id);
    },
  );

  // ── Fulfilments ────────────────────────────────────────────
  app.get(
    '/api/work-obligations/:id/fulfilments',
    {
      config: { permission: 'worksystem.read' },
      schema: {
        tags,
        summary: '落实记录（按日期倒序分页）',
        params: IdParams,
        querystring: z.object(PageQuery),
        response: { 200: pageResponse(FulfilmentView) },
      },
    },
    async (req) => {
      const { row, actor } = await loadObligation(req, req.params.id);
      const c = decodeCursor<unknown[]>(req.query.cursor);
      if (c && (typeof c[0] !== 'string' || typeof c[1] !== 'number')) throw invalid('cursor', 'invalid_format');
      const rows = await repo.listFulfilments(db, row.id, c ? [c[0] as string, c[1] as number] : null, req.query.limit + 1);
      const items = rows.slice(0, req.query.limit);
      const titles = await repo.linkTitles(db, row.orgId, items, await repo.hasInfoTables(db));
      const manage = manages(actor, row.orgId);
      const last = items[items.length - 1];
      return {
        items: items.map((f) => presentFulfilment(f, titles, manage)),
        nextCursor: rows.length > req.query.limit ? encodeCursor([last.fulfilledOn, last.id]) : null,
      };
    },
  );

  app.post(
    '/api/work-obligations/:id/fulfilments',
    {
      config: { permission: 'worksystem.manage' },
      schema: {
        tags,
        summary: '登记落实情况（日期、说明、佐证、领导、关联记录）',
        params: IdParams,
        body: FulfilmentCreateBody,
        response: { 200: ObligationView },
      },
    },
    async (req) => {
      const { row, actor } = await loadObligation(req, req.params.id);
      await cmd.recordFulfilment(req, database, row, req.body);
      return obligationView(actor, row.orgId, row.id);
    },
  );

  app.get(
    '/api/orgs/:orgId/work-link-candidates',
    {
      // Offered to those who record fulfilments (the same permission as the POST above).
      config: { permission: 'worksystem.manage' },
      schema: {
        tags,
        summary: '登记落实时可关联的本组织记录（按类型，标题/批示关键词查找，最新在前，最多 20 条）',
        params: OrgParams,
        querystring: LinkCandidatesQuery,
        response: { 200: z.object({ items: z.array(LinkCandidate) }) },
      },
    },
    async (req) => {
      const { orgId } = req.params;
      req.authorize(orgId);
      const { kind, q, limit } = req.query;
      const infoTables = kind === 'info_instruction' && (await repo.hasInfoTables(db));
      return { items: await linkCandidates(db, orgId, kind, q, limit, infoTables) };
    },
  );

  app.patch(
    '/api/work-fulfilments/:id',
    {
      config: { permission: 'worksystem.manage' },
      schema: {
        tags,
        summary: '修改落实记录（带版本号）',
        params: IdParams,
        body: FulfilmentUpdateBody,
        response: { 200: ObligationView },
      },
    },
    async (req) => {
      const f = await repo.getFulfilment(db, req.params.id);
      if (!f) throw notFound();
      const actor = req.authorize(f.orgId);
      await cmd.updateFulfilment(req, database, f, req.body);
      return obligationView(actor, f.orgId, f.obligationId);
    },
  );

  // ── Leaders' attendance at consultations ───────────────────
  app.get(
    '/api/orgs/:orgId/leader-attendances',
    {
      config: { permission: 'worksystem.read' },
      schema: {
        tags,
        summary: '党政领导出席政协协商活动记录',
        params: OrgParams,
        querystring: z.object(PageQuery),
        response: { 200: pageResponse(LeaderAttendanceView) },
      },
    },
    async (req) => {
      const actor = req.authorize(req.params.orgId);
      const c = decodeCursor<unknown[]>(req.query.cursor);
      if (c && typeof c[0] !== 'number') throw invalid('cursor', 'invalid_format');
      const rows = await repo.listLeaderAttendances(db, req.params.orgId, c ? (c[0] as number) : null, req.query.limit + 1);
      const items = rows.slice(0, req.query.limit);
      const manage = manages(actor, req.params.orgId);
      return {
        items: items.map((r) => ({
          id: r.la.id,
          activityId: r.la.activityId,
          activityTopic: r.topic,
          activityType: r.type,
          activityStartsAt: r.startsAt.toISOString(),
          leaderName: r.la.leaderName,
          leaderTitle: r.la.leaderTitle,
          abilities: { delete: manage },
        })),
        nextCursor: rows.length > req.query.limit ? encodeCursor([items[items.length - 1].la.id]) : null,
      };
    },
  );

  app.post(
    '/api/orgs/:orgId/leader-attendances',
    {
      config: { permission: 'worksystem.manage' },
      schema: {
        tags,
        summary: '登记党政领导出席协商活动',
        params: OrgParams,
        body: LeaderAttendanceBody,
        response: { 200: z.object({ id: z.number() }) },
      },
    },
    async (req) => {
      req.authorize(req.params.orgId);
      const row = await cmd.addLeaderAttendance(req, database, req.params.orgId, req.body);
      return { id: row.id };
    },
  );

  app.delete(
    '/api/leader-attendances/:id',
    { config: { permission: 'worksystem.manage' }, schema: { tags, summary: '删除领导出席记录', params: IdParams, response: { 200: Ok } } },
    async (req) => {
      await cmd.removeLeaderAttendance(req, database, req.params.id);
      return { ok: true as const };
    },
  );

  // ── Leadership dashboard (驾驶舱) ──────────────────────────
  app.get(
    '/api/orgs/:orgId/leader-dashboard',
    {
      config: { permission: 'worksystem.read' },
      schema: {
        tags,
        summary: '领导驾驶舱：提案、活动、信息、工作制度与“五个一”成效数字',
        params: OrgParams,
        response: { 200: LeaderDashboardView },
      },
    },
    async (req) => {
      const { orgId } = req.params;
      req.authorize(orgId);
      const info = await repo.hasInfoTables(db);
      // The aggregates are served from the cache while neither the organization's nor the platform's audit chain
      // has moved since they were computed; otherwise computed in one snapshot with the heads they reflect, then
      // stored. Every input is written by commands that audit to the record's own organization (a joint
      // activity's partner may step it, audited to the partner's chain, but cancel and edit — the only steps that
      // move a figure — are the host's). The obligations' clocks move with the date and are computed every time.
      const aggregates = async () => {
        const hit = await repo.cachedDashboard(db, orgId, info);
        if (hit) return hit;
        const { row, heads } = await inReadSnapshot(db, async (tx) => {
          const heads = await chainHeads(tx, orgId);
          return { heads, row: await repo.dashboardAggregates(tx, orgId, info) };
        });
        await repo.storeDashboard(db, orgId, heads, info, row);
        return row;
      };
      const [r, obligations] = await Promise.all([aggregates(), obligationsWithClocks(db, orgId)]);
      const active = obligations.filter((o) => o.row.active);
      return {
        figures: {
          hearings: r.hearings,
          cityInstructions: r.city_outcomes + r.city_info,
          cityInstructionsOutcomes: r.city_outcomes,
          cityInstructionsInfo: r.city_info,
          converted: r.converted_outcomes + r.converted_info,
          convertedOutcomes: r.converted_outcomes,
          convertedInfo: r.converted_info,
          leaderConsultations: r.leader_consultations,
          solved: r.solved,
        },
        proposals: { byStatus: r.proposals_by_status, rated: r.rated, satisfied: r.satisfied },
        activities: { byType: r.activities_by_type, issuesByStatus: r.issues_by_status },
        information: info ? { received: r.info_received, issued: r.info_issued, instructed: r.info_instructed } : null,
        obligations: {
          total: active.length,
          fulfilled: active.filter((o) => o.clock.state === 'fulfilled' && !isFlagged(o.clock)).length,
          pending: active.filter((o) => o.clock.state === 'pending' && !isFlagged(o.clock)).length,
          overdue: active.filter((o) => isFlagged(o.clock)).length,
        },
      };
    },
  );

  app.get(
    '/api/orgs/:orgId/leader-dashboard/items',
    {
      config: { permission: 'worksystem.read' },
      schema: {
        tags,
        summary: '驾驶舱数字背后的记录（钻取列表）',
        params: OrgParams,
        querystring: DashboardItemsQuery,
        response: { 200: pageResponse(DashboardItem) },
      },
    },
    async (req) => {
      const { orgId } = req.params;
      req.authorize(orgId);
      const c = decodeCursor<unknown[]>(req.query.cursor);
      if (c && (typeof c[0] !== 'string' || typeof c[1] !== 'string' || typeof c[2] !== 'number'))
        throw invalid('cursor', 'invalid_format');
      const info = await repo.hasInfoTables(db);
      const rows = await repo.dashboardItems(
        db,
        orgId,
        req.query.metric,
        info,
        c ? [c[0] as string, c[1] as string, c[2] as number] : null,
        req.query.limit + 1,
      );
      const items = rows.slice(0, req.query.limit);
      const last = items[items.length - 1];
      return {
        items: items.map((r) => ({ kind: r.kind, id: r.id, title: r.title, date: r.d || null, detail: r.detail ?? '', link: r.link })),
        nextCursor: rows.length > req.query.limit ? encodeCursor([last.d, last.kind, last.id]) : null,
      };
    },
  );
};
export default routes;
