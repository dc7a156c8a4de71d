import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  InfoAdoptionBody,
  InfoFeedbackBody,
  InfoInstructionBody,
  InfoIssueCreateBody,
  InfoIssueView,
  InfoListItem,
  InfoListQuery,
  InfoMergeBody,
  InfoRejectBody,
  InfoReportCreateBody,
  InfoReportUpdateBody,
  InfoReportView,
  InfoReturnBody,
  InfoStatsQuery,
  InfoStatsView,
  InfoVersionBody,
  infoIssueLabel,
  type InfoStatus,
} from '@common/info';
import { proposals } from '@server/db/schema/index';
import { sendDocx } from '@server/lib/docx';
import { invalid, notFound } from '@server/lib/errors';
import { decodeCursor, encodeCursor, pageResponse } from '@server/lib/paging';
import { IdParams, OrgParams } from '@server/lib/schemas';
import { eq } from 'drizzle-orm';
import { isInfoReader, loadReport } from './info.access';
import { bulletinDocx } from './info.docx';
import { loadDetail, presentListItem } from './info.presenter';
import * as repo from './info.repo';
import { infoStats } from './info.stats';
import { createIssue } from './commands/issue-commands';
import {
  createReport,
  mergeReports,
  recordAdoption,
  recordFeedback,
  recordInstruction,
  rejectReport,
  returnReport,
  submitReport,
  updateReport,
} from './commands/report-commands';
import { runInfoStep } from './commands/info-step';

const tags = ['info'];
const produces = ['application/vnd.openxmlformats-officedocument.wordprocessingml.document'];

function idCursor(cursor: string | undefined): number | null {
  const v = decodeCursor<unknown[]>(cursor);
  if (!v) return null;
  if (typeof v[0] !== 'number') throw invalid('cursor', 'invalid_format');
  return v[0];
}

function presentIssue(issue: repo.IssueRow, reports: repo.ReportRow[]) {
  return {
    id: issue.id,
    orgId: issue.orgId,
    year: issue.year,
    number: issue.number,
    label: infoIssueLabel(issue.year, issue.number),
    title: issue.title,
    issuedOn: String(issue.issuedOn),
    reports: reports
      .filter((r) => r.issueId === issue.id)
      .map((r) => ({ id: r.id, title: r.title, submitterName: r.submitterName, status: r.status as InfoStatus })),
  };
}

/** 社情民意信息: reports, the 采编 flow, bulletin issues (with .docx), adoptions, instructions, feedback, statistics. */
const routes: FastifyPluginAsyncZod = async (app) => {
  const { db } = app.database;
  const detail = async (req: Parameters<typeof loadReport>[0], id: number) => {
    const { row, actors } = await loadReport(req, db, id);
    return loadDetail(db, row, actors);
  };

  // ── Reports ────────────────────────────────────────────────
  app.get(
    '/api/orgs/:orgId/info-reports',
    {
      config: { permission: 'info.read' },
      schema: {
        tags,
        summary: '社情民意信息列表（信息科、领导看全部；其他人只看本人报送或联名的）',
        params: OrgParams,
        querystring: InfoListQuery,
        response: { 200: pageResponse(InfoListItem) },
      },
    },
    async (req) => {
      const { orgId } = req.params;
      const actor = req.authorize(orgId);
      const memberId = await repo.memberIdOf(db, orgId, actor.accountId);
      const { cursor, limit, mine, status, q } = req.query;
      const own = mine === 'true' || !isInfoReader(actor, orgId);
      const rows = await repo.listReports(db, orgId, actor.accountId, memberId, { own, status, q }, idCursor(cursor), limit + 1);
      const items = rows.slice(0, limit);
      return {
        items: items.map((r) => presentListItem(r.r, { year: r.issueYear, number: r.issueNumber })),
        nextCursor: rows.length > limit ? encodeCursor([items[items.length - 1].r.id]) : null,
      };
    },
  );

  app.post(
    '/api/orgs/:orgId/info-reports',
    {
      config: { permission: 'info.submit' },
      schema: {
        tags,
        summary: '新建社情民意信息草稿（委员、党派团体、信息员、工作室）',
        params: OrgParams,
        body: InfoReportCreateBody,
        response: { 200: InfoReportView },
      },
    },
    async (req) => detail(req, await createReport(req, db, req.params.orgId, req.body)),
  );

  app.get(
    '/api/info-reports/:id',
    {
      config: { permission: 'info.read' },
      schema: {
        tags,
        summary: '社情民意信息详情（含采编记录、采用、批示、反馈与可执行操作）',
        params: IdParams,
        response: { 200: InfoReportView },
      },
    },
    async (req) => detail(req, req.params.id),
  );

  app.patch(
    '/api/info-reports/:id',
    {
      config: { permission: 'info.submit' },
      schema: {
        tags,
        summary: '修改（报送人改草稿或退回件；信息科采编修改并留痕）',
        params: IdParams,
        body: InfoReportUpdateBody,
        response: { 200: InfoReportView },
      },
    },
    async (req) => {
      await updateReport(req, db, req.params.id, req.body);
      return detail(req, req.params.id);
    },
  );

  app.post(
    '/api/info-reports/:id/submit',
    {
      config: { permission: 'info.submit' },
      schema: { tags, summary: '报送（退回后重新报送）', params: IdParams, body: InfoVersionBody, response: { 200: InfoReportView } },
    },
    async (req) => {
      await submitReport(req, db, req.params.id, req.body.version);
      return detail(req, req.params.id);
    },
  );

  app.post(
    '/api/info-reports/:id/accept',
    {
      config: { permission: 'info.manage' },
      schema: { tags, summary: '接收采编', params: IdParams, body: InfoVersionBody, response: { 200: InfoReportView } },
    },
    async (req) => {
      await runInfoStep(req, db, req.params.id, 'accept', req.body.version, async () => ({}));
      return detail(req, req.params.id);
    },
  );

  app.post(
    '/api/info-reports/:id/return',
    {
      config: { permission: 'info.manage' },
      schema: {
        tags,
        summary: '退回修改（附修改意见，通知报送人）',
        params: IdParams,
        body: InfoReturnBody,
        response: { 200: InfoReportView },
      },
    },
    async (req) => {
      await returnReport(req, db, req.params.id, req.body.comments, req.body.version);
      return detail(req, req.params.id);
    },
  );

  app.post(
    '/api/info-reports/:id/reject',
    {
      config: { permission: 'info.manage' },
      schema: { tags, summary: '不予采用（附理由）', params: IdParams, body: InfoRejectBody, response: { 200: InfoReportView } },
    },
    async (req) => {
      await rejectReport(req, db, req.params.id, req.body.reason, req.body.version);
      return detail(req, req.params.id);
    },
  );

  app.post(
    '/api/info-reports/:id/merge',
    {
      config: { permission: 'info.manage' },
      schema: {
        tags,
        summary: '合并信息（被合并的信息关联到本条，作者计入联名）',
        params: IdParams,
        body: InfoMergeBody,
        response: { 200: InfoReportView },
      },
    },
    async (req) => {
      await mergeReports(req, db, req.params.id, req.body.sourceIds, req.body.version);
      return detail(req, req.params.id);
    },
  );

  app.post(
    '/api/info-reports/:id/adoptions',
    {
      config: { permission: 'info.manage' },
      schema: {
        tags,
        summary: '登记上报/上级采用（机关、层级、日期）',
        params: IdParams,
        body: InfoAdoptionBody,
        response: { 200: InfoReportView },
      },
    },
    async (req) => {
      await recordAdoption(req, db, req.params.id, req.body);
      return detail(req, req.params.id);
    },
  );

  app.post(
    '/api/info-reports/:id/instructions',
    {
      config: { permission: 'info.manage' },
      schema: {
        tags,
        summary: '登记领导批示（领导、层级、内容、日期）',
        params: IdParams,
        body: InfoInstructionBody,
        response: { 200: InfoReportView },
      },
    },
    async (req) => {
      await recordInstruction(req, db, req.params.id, req.body);
      return detail(req, req.params.id);
    },
  );

  app.post(
    '/api/info-reports/:id/feedback',
    {
      config: { permission: 'info.manage' },
      schema: {
        tags,
        summary: '登记部门落实反馈（单位、内容、日期）',
        params: IdParams,
        body: InfoFeedbackBody,
        response: { 200: InfoReportView },
      },
    },
    async (req) => {
      await recordFeedback(req, db, req.params.id, req.body);
      return detail(req, req.params.id);
    },
  );

  app.post(
    '/api/info-reports/:id/archive',
    {
      config: { permission: 'info.manage' },
      schema: { tags, summary: '归档', params: IdParams, body: InfoVersionBody, response: { 200: InfoReportView } },
    },
    async (req) => {
      await runInfoStep(req, db, req.params.id, 'archive', req.body.version, async () => ({ set: { archivedAt: new Date() } }));
      return detail(req, req.params.id);
    },
  );

  app.get(
    '/api/proposals/:id/info-reports',
    {
      config: { permission: 'info.read' },
      schema: {
        tags,
        summary: '由该提案转来的社情民意信息（转社情民意）',
        params: IdParams,
        response: { 200: z.object({ items: z.array(InfoListItem) }) },
      },
    },
    async (req) => {
      const [p] = await db.select({ orgId: proposals.orgId }).from(proposals).where(eq(proposals.id, req.params.id));
      if (!p) throw notFound();
      const actor = req.authorize(p.orgId);
      const memberId = await repo.memberIdOf(db, p.orgId, actor.accountId);
      const rows = await repo.reportsFromProposal(db, req.params.id);
      const reader = isInfoReader(actor, p.orgId);
      const visible: repo.ReportRow[] = [];
      for (const r of rows) if (reader || (await repo.isSubmitter(db, r, actor.accountId, memberId))) visible.push(r);
      const issues = await Promise.all(visible.map((r) => repo.issueOf(db, r.issueId)));
      return { items: visible.map((r, i) => presentListItem(r, issues[i])) };
    },
  );

  // ── Bulletin issues ────────────────────────────────────────
  app.get(
    '/api/orgs/:orgId/info-issues',
    {
      config: { permission: 'info.stats' },
      schema: {
        tags,
        summary: '《社情民意》期刊列表',
        params: OrgParams,
        querystring: z.object({ cursor: z.string().max(200).optional(), limit: z.coerce.number().int().min(1).max(200).default(50) }),
        response: { 200: pageResponse(InfoIssueView) },
      },
    },
    async (req) => {
      const { orgId } = req.params;
      req.authorize(orgId);
      const rows = await repo.listIssues(db, orgId, idCursor(req.query.cursor), req.query.limit + 1);
      const items = rows.slice(0, req.query.limit);
      const reports = await repo.reportsOfIssues(
        db,
        items.map((i) => i.id),
      );
      return {
        items: items.map((i) => presentIssue(i, reports)),
        nextCursor: rows.length > req.query.limit ? encodeCursor([items[items.length - 1].id]) : null,
      };
    },
  );

  app.post(
    '/api/orgs/:orgId/info-issues',
    {
      config: { permission: 'info.manage' },
      schema: {
        tags,
        summary: '编发新一期《社情民意》（期号按年连续）',
        params: OrgParams,
        body: InfoIssueCreateBody,
        response: { 200: InfoIssueView },
      },
    },
    async (req) => {
      const id = await createIssue(req, db, req.params.orgId, req.body);
      const issue = (await repo.getIssue(db, id))!;
      return presentIssue(issue, await repo.reportsOfIssues(db, [id]));
    },
  );

  app.get(
    '/api/info-issues/:id',
    {
      config: { permission: 'info.stats' },
      schema: { tags, summary: '一期《社情民意》', params: IdParams, response: { 200: InfoIssueView } },
    },
    async (req) => {
      const issue = await repo.getIssue(db, req.params.id);
      if (!issue) throw notFound();
      req.authorize(issue.orgId);
      return presentIssue(issue, await repo.reportsOfIssues(db, [issue.id]));
    },
  );

  app.get(
    '/api/info-issues/:id/bulletin.docx',
    { config: { permission: 'info.stats' }, schema: { tags, summary: '《社情民意》期刊（Word）', params: IdParams, produces } },
    async (req, reply) => {
      const issue = await repo.getIssue(db, req.params.id);
      if (!issue) throw notFound();
      req.authorize(issue.orgId);
      const f = await bulletinDocx(db, issue);
      return sendDocx(reply, f.filename, f.buf, f.ascii);
    },
  );

  // ── Statistics ─────────────────────────────────────────────
  app.get(
    '/api/orgs/:orgId/info-stats',
    {
      config: { permission: 'info.stats' },
      schema: {
        tags,
        summary: '社情民意统计（收到、编发、期数、上级采用与批示按层级、反馈；按月、报送人、界别、组织）',
        params: OrgParams,
        querystring: InfoStatsQuery,
        response: { 200: InfoStatsView },
      },
    },
    async (req) => {
      const { orgId } = req.params;
      req.authorize(orgId);
      return infoStats(app.database, orgId, req.query.year);
    },
  );
};
export default routes;
