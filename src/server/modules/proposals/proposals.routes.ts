import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { and, eq, sql } from 'drizzle-orm';
import { z } from 'zod';
import {
  MyProposalsQuery,
  ProposalCategoryCreateBody,
  ProposalCategoryUpdateBody,
  ProposalCategoryView,
  ProposalCosignBody,
  ProposalCreateBody,
  ProposalInviteBody,
  ProposalListItem,
  ProposalListQuery,
  ProposalMergeBody,
  ProposalNotRegisterBody,
  ProposalReturnBody,
  ProposalSettingsBody,
  ProposalSettingsView,
  ProposalUpdateBody,
  ProposalRegisterBody,
  ProposalRegisterBulkBody,
  RegisterBulkResult,
  ProposalVersionBody,
  ProposalView,
  ProposalWithdrawBody,
  TimelineEntry,
} from '@common/proposals';
import { proposalCategories, proposalSettings } from '@server/db/schema/index';
import { writeAudit } from '@server/lib/audit';
import { invalid, notFound, staleVersion } from '@server/lib/errors';
import { decodeCursor, page, pageResponse } from '@server/lib/paging';
import { IdParams, OrgParams } from '@server/lib/schemas';
import { diff, updateVersioned } from '@server/lib/versioned';
import { cosignProposal } from './commands/cosign-proposal';
import { createProposal } from './commands/create-proposal';
import { inviteCosigners } from './commands/invite-proposal';
import { mergeProposal } from './commands/merge-proposal';
import { notRegisterProposal } from './commands/not-register-proposal';
import { registerBulk, registerProposal } from './commands/register-proposal';
import { resubmitProposal } from './commands/resubmit-proposal';
import { returnProposal } from './commands/return-proposal';
import { submitProposal } from './commands/submit-proposal';
import { updateProposal } from './commands/update-proposal';
import { withdrawProposal } from './commands/withdraw-proposal';
import assignmentRoutes from './assignments.routes';
import handlingRoutes from './handling.routes';
import evaluationRoutes from './evaluation.routes';
import statsRoutes from './stats.routes';
import documentsRoutes from './documents.routes';
import publicRoutes from './public.routes';
import attachmentRoutes from './attachments.routes';
import { loadVisible, loadVisibleDetail } from './proposals.access';
import { loadDetail, presentCategory, presentListItem, presentTimelineEntry } from './proposals.presenter';
import * as repo from './proposals.repo';
import { changeConfig } from '@server/lib/config-cache';

const tags = ['proposals'];

/** The last id of the previous page (lists ordered by id descending). */
function cursorId(cursor: string | undefined): number | null {
  const v = decodeCursor<unknown[]>(cursor);
  if (!v) return null;
  if (typeof v[0] !== 'number' || !Number.isSafeInteger(v[0])) throw invalid('cursor', 'invalid_format');
  return v[0];
}

const routes: FastifyPluginAsyncZod = async (app) => {
  const { db } = app.database;
  const detail = (id: number, req: { me(): Parameters<typeof loadDetail>[2] }) => loadDetail(db, id, req.me());
  await assignmentRoutes(app, {});
  await handlingRoutes(app, {});
  await evaluationRoutes(app, {});
  await statsRoutes(app, {});
  await documentsRoutes(app, {});
  await publicRoutes(app, {});
  await attachmentRoutes(app, {});

  // ── Lists ──────────────────────────────────────────────────
  app.get(
    '/api/orgs/:orgId/proposals',
    {
      config: { permission: 'proposals.review' },
      schema: {
        tags,
        summary: '提案受理列表（提案办）',
        params: OrgParams,
        querystring: ProposalListQuery,
        response: { 200: pageResponse(ProposalListItem) },
      },
    },
    async (req) => {
      const { orgId } = req.params;
      const actor = req.authorize(orgId);
      const { cursor, limit, ...filter } = req.query;
      const rows = await repo.listProposals(db, orgId, actor.accountId, filter, cursorId(cursor), limit + 1);
      const res = page(rows, limit, (r) => [r.p.id]);
      return { items: res.items.map((r) => presentListItem(r, actor)), nextCursor: res.nextCursor };
    },
  );

  app.get(
    '/api/orgs/:orgId/proposals/mine',
    {
      config: { permission: 'proposals.read' },
      schema: {
        tags,
        summary: '我的提案（含联名、待确认附议）',
        params: OrgParams,
        querystring: MyProposalsQuery,
        response: { 200: pageResponse(ProposalListItem) },
      },
    },
    async (req) => {
      const { orgId } = req.params;
      const actor = req.authorize(orgId);
      const { cursor, limit, ...filter } = req.query;
      const rows = await repo.listMine(db, orgId, actor.accountId, filter, cursorId(cursor), limit + 1);
      const res = page(rows, limit, (r) => [r.p.id]);
      return { items: res.items.map((r) => presentListItem(r, actor)), nextCursor: res.nextCursor };
    },
  );

  // ── Member side ────────────────────────────────────────────
  app.post(
    '/api/orgs/:orgId/proposals',
    {
      config: { permission: 'proposals.propose' },
      schema: { tags, summary: '新建提案草稿', params: OrgParams, body: ProposalCreateBody, response: { 200: ProposalView } },
    },
    async (req) => detail(await createProposal(req, db, req.params.orgId, req.body), req),
  );

  app.get(
    '/api/proposals/:id',
    { config: { permission: 'proposals.read' }, schema: { tags, summary: '提案详情', params: IdParams, response: { 200: ProposalView } } },
    async (req) => {
      const row = await loadVisibleDetail(req, db, req.params.id);
      return loadDetail(db, req.params.id, req.me(), row);
    },
  );

  app.patch(
    '/api/proposals/:id',
    {
      config: { permission: 'proposals.propose' },
      schema: {
        tags,
        summary: '保存草稿（自动保存，带版本号）',
        params: IdParams,
        body: ProposalUpdateBody,
        response: { 200: ProposalView },
      },
    },
    async (req) => {
      await updateProposal(req, db, req.params.id, req.body);
      return detail(req.params.id, req);
    },
  );

  app.post(
    '/api/proposals/:id/cosigners',
    {
      config: { permission: 'proposals.propose' },
      schema: { tags, summary: '邀请联名委员', params: IdParams, body: ProposalInviteBody, response: { 200: ProposalView } },
    },
    async (req) => {
      await inviteCosigners(req, db, req.params.id, req.body.memberIds);
      return detail(req.params.id, req);
    },
  );

  app.post(
    '/api/proposals/:id/cosign',
    {
      config: { permission: 'proposals.propose' },
      schema: { tags, summary: '联名委员确认附议或谢绝', params: IdParams, body: ProposalCosignBody, response: { 200: ProposalView } },
    },
    async (req) => {
      await cosignProposal(req, db, req.params.id, req.body.decision);
      return detail(req.params.id, req);
    },
  );

  app.post(
    '/api/proposals/:id/submit',
    {
      config: { permission: 'proposals.propose' },
      schema: { tags, summary: '提交提案', params: IdParams, body: ProposalVersionBody, response: { 200: ProposalView } },
    },
    async (req) => {
      await submitProposal(req, db, req.params.id, req.body.version);
      return detail(req.params.id, req);
    },
  );

  app.post(
    '/api/proposals/:id/resubmit',
    {
      config: { permission: 'proposals.propose' },
      schema: { tags, summary: '修改后重新提交', params: IdParams, body: ProposalVersionBody, response: { 200: ProposalView } },
    },
    async (req) => {
      await resubmitProposal(req, db, req.params.id, req.body.version);
      return detail(req.params.id, req);
    },
  );

  // ── Office review ──────────────────────────────────────────
  app.post(
    '/api/proposals/:id/register',
    {
      config: { permission: 'proposals.review' },
      schema: { tags, summary: '立案（编号）', params: IdParams, body: ProposalRegisterBody, response: { 200: ProposalView } },
    },
    async (req) => {
      await registerProposal(req, db, req.params.id, req.body.version, req.body.categoryId);
      return detail(req.params.id, req);
    },
  );

  app.post(
    '/api/orgs/:orgId/proposals/register-bulk',
    {
      config: { permission: 'proposals.review' },
      schema: {
        tags,
        summary: '批量立案（按所给顺序编号，全部成功或全部不执行）',
        params: OrgParams,
        body: ProposalRegisterBulkBody,
        response: { 200: RegisterBulkResult },
      },
    },
    async (req) => {
      const items = await registerBulk(req, db, req.params.orgId, req.body.items);
      return { items: items.map((i) => ({ ...i, state: i.state as z.infer<typeof RegisterBulkResult>['items'][number]['state'] })) };
    },
  );

  app.post(
    '/api/proposals/:id/merge',
    {
      config: { permission: 'proposals.review' },
      schema: { tags, summary: '并案（并入另一提案）', params: IdParams, body: ProposalMergeBody, response: { 200: ProposalView } },
    },
    async (req) => {
      await mergeProposal(req, db, req.params.id, req.body);
      return detail(req.params.id, req);
    },
  );

  app.post(
    '/api/proposals/:id/not-register',
    {
      config: { permission: 'proposals.review' },
      schema: { tags, summary: '不予立案并转办', params: IdParams, body: ProposalNotRegisterBody, response: { 200: ProposalView } },
    },
    async (req) => {
      await notRegisterProposal(req, db, req.params.id, req.body);
      return detail(req.params.id, req);
    },
  );

  app.post(
    '/api/proposals/:id/withdraw',
    {
      config: { permission: 'proposals.review' },
      schema: { tags, summary: '撤案（须提案人同意）', params: IdParams, body: ProposalWithdrawBody, response: { 200: ProposalView } },
    },
    async (req) => {
      await withdrawProposal(req, db, req.params.id, req.body);
      return detail(req.params.id, req);
    },
  );

  app.post(
    '/api/proposals/:id/return',
    {
      config: { permission: 'proposals.review' },
      schema: { tags, summary: '退回修改', params: IdParams, body: ProposalReturnBody, response: { 200: ProposalView } },
    },
    async (req) => {
      await returnProposal(req, db, req.params.id, req.body);
      return detail(req.params.id, req);
    },
  );

  app.get(
    '/api/proposals/:id/timeline',
    {
      config: { permission: 'proposals.read' },
      schema: {
        tags,
        summary: '提案流转记录（来自审计日志）',
        params: IdParams,
        response: { 200: z.object({ items: z.array(TimelineEntry) }) },
      },
    },
    async (req) => {
      const { row } = await loadVisible(req, db, req.params.id);
      return { items: (await repo.auditRowsOf(db, row.orgId, row.id)).map(presentTimelineEntry) };
    },
  );

  // ── Configuration: categories and settings ─────────────────
  app.get(
    '/api/orgs/:orgId/proposal-categories',
    {
      config: { permission: 'proposals.read' },
      schema: { tags, summary: '提案分类', params: OrgParams, response: { 200: z.object({ items: z.array(ProposalCategoryView) }) } },
    },
    async (req) => {
      req.authorize(req.params.orgId);
      return { items: (await repo.listCategories(db, req.params.orgId)).map(presentCategory) };
    },
  );

  app.post(
    '/api/orgs/:orgId/proposal-categories',
    {
      config: { permission: 'proposals.configure' },
      schema: {
        tags,
        summary: '新增提案分类',
        params: OrgParams,
        body: ProposalCategoryCreateBody,
        response: { 200: ProposalCategoryView },
      },
    },
    async (req) => {
      const { orgId } = req.params;
      req.authorize(orgId);
      const row = await db.transaction(async (tx) => {
        const [c] = await tx
          .insert(proposalCategories)
          .values({ ...req.body, orgId })
          .returning();
        await writeAudit(tx, req.auditActor(), {
          orgId,
          entityType: 'proposal_category',
          entityId: c.id,
          action: 'create',
          after: req.body,
        });
        return c;
      });
      return presentCategory(row);
    },
  );

  app.patch(
    '/api/proposal-categories/:id',
    {
      config: { permission: 'proposals.configure' },
      schema: {
        tags,
        summary: '修改提案分类',
        params: IdParams,
        body: ProposalCategoryUpdateBody,
        response: { 200: ProposalCategoryView },
      },
    },
    async (req) => {
      const before = await repo.getCategory(db, req.params.id);
      if (!before) throw notFound();
      req.authorize(before.orgId);
      const { version, ...rest } = req.body;
      const set = Object.fromEntries(Object.entries(rest).filter(([, v]) => v !== undefined));
      const row = await db.transaction(async (tx) => {
        const after = await updateVersioned(tx, proposalCategories, before.id, version, set);
        await writeAudit(tx, req.auditActor(), {
          orgId: before.orgId,
          entityType: 'proposal_category',
          entityId: before.id,
          action: 'update',
          ...diff(before, after),
        });
        return after;
      });
      return presentCategory(row);
    },
  );

  app.get(
    '/api/orgs/:orgId/proposal-leaders',
    {
      config: { permission: 'proposals.review' },
      schema: {
        tags,
        summary: '可督办重点提案的领导（交办时选择督办领导）',
        params: OrgParams,
        response: { 200: z.object({ items: z.array(z.object({ id: z.number(), name: z.string() })) }) },
      },
    },
    async (req) => {
      req.authorize(req.params.orgId);
      return { items: await repo.leadersOf(db, req.params.orgId) };
    },
  );

  app.get(
    '/api/orgs/:orgId/proposal-settings',
    {
      config: { permission: 'proposals.read' },
      schema: { tags, summary: '提案工作配置（缺省取默认值）', params: OrgParams, response: { 200: ProposalSettingsView } },
    },
    async (req) => {
      req.authorize(req.params.orgId);
      return { orgId: req.params.orgId, ...(await repo.loadSettings(db, req.params.orgId)) };
    },
  );

  app.put(
    '/api/orgs/:orgId/proposal-settings',
    {
      config: { permission: 'proposals.configure' },
      schema: {
        tags,
        summary: '保存提案工作配置（版本号 0 表示首次保存）',
        params: OrgParams,
        body: ProposalSettingsBody,
        response: { 200: ProposalSettingsView },
      },
    },
    async (req) => {
      const { orgId } = req.params;
      req.authorize(orgId);
      const { config, version } = req.body;
      const current = await repo.loadSettings(db, orgId);
      await changeConfig(db, async (tx) => {
        if (version === 0) {
          const inserted = await tx.insert(proposalSettings).values({ orgId, config }).onConflictDoNothing().returning();
          if (!inserted.length) throw staleVersion();
        } else {
          const updated = await tx
            .update(proposalSettings)
            .set({ config, version: sql`${proposalSettings.version} + 1`, updatedAt: new Date() })
            .where(and(eq(proposalSettings.orgId, orgId), eq(proposalSettings.version, version)))
            .returning();
          if (!updated.length) throw staleVersion();
        }
        await writeAudit(tx, req.auditActor(), {
          orgId,
          entityType: 'proposal_settings',
          entityId: orgId,
          action: 'update',
          ...diff({ config: current.config }, { config }),
        });
      });
      return { orgId, ...(await repo.loadSettings(db, orgId)) };
    },
  );
};
export default routes;
