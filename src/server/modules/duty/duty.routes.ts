import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { FastifyRequest } from 'fastify';
import { eq } from 'drizzle-orm';
import { z } from 'zod';
import {
  DutyGroupsQuery,
  DutyGroupsView,
  DutyManualBody,
  DutyManualListQuery,
  DutyManualUpdateBody,
  DutyManualView,
  DutyMemberParams,
  DutyRecomputeView,
  DutyRecordView,
  DutyScoresQuery,
  DutyScoresView,
  DutySettingsBody,
  DutySettingsView,
  DutyYearParams,
  DutyYearQuery,
  DutyYearVersionBody,
  DutyYearView,
  dutyYearActions,
  DUTY_STAFF_ROLES,
} from '@common/duty';
import { organizations } from '@server/db/schema/index';
import type { Database } from '@server/db/client';
import { can, rolesIn, type Actor } from '@server/lib/context';
import { sendDocx } from '@server/lib/docx';
import { notFound } from '@server/lib/errors';
import { IdParams, OrgParams } from '@server/lib/schemas';
import { todayInChina } from '@server/lib/workdays';
import { createManual, deleteManual, recomputeYear, saveSettings, setFrozen, updateManual } from './commands/duty-commands';
import { itemsOf, presentEntry, presentManual, type RecordView } from './duty.presenter';
import * as repo from './duty.repo';
import { statementDocx } from './duty.statement';

const tags = ['duty'];
const produces = ['application/vnd.openxmlformats-officedocument.wordprocessingml.document'];
const thisYear = () => Number(todayInChina().slice(0, 4));
const iso = (v: Date | string | null) => (v == null ? null : new Date(v).toISOString());
const isStaff = (actor: Actor, orgId: number) =>
  actor.isPlatformAdmin || rolesIn(actor, orgId).some((r) => (DUTY_STAFF_ROLES as readonly string[]).includes(r));

/** A member's record for a year (the current year by default), with the caller's abilities. */
async function buildRecord(database: Database, actor: Actor, orgId: number, memberId: number, year: number): Promise<RecordView> {
  const member = await repo.memberOf(database.db, orgId, memberId);
  if (!member) throw notFound();
  const [{ config }, y, rec, years, manual] = await Promise.all([
    repo.loadSettings(database.db, orgId),
    repo.findYear(database.db, orgId, year),
    repo.memberRecord(database, orgId, year, memberId),
    repo.listYears(database, orgId),
    repo.listManual(database, orgId, year, memberId),
  ]);
  const entries = rec.entries.map(presentEntry);
  const staff = isStaff(actor, orgId);
  return {
    orgId,
    year,
    years: [...new Set([thisYear(), ...years.map((r) => r.year)])].sort((a, b) => b - a),
    member: { id: member.id, name: member.name, sector: rec.sector, group: rec.group },
    state: y?.frozen ? 'frozen' : 'open',
    computedAt: iso(y?.computedAt ?? null),
    total: rec.score?.total ?? 0,
    grade: rec.score?.grade ?? '—',
    rank: rec.score?.rank ?? null,
    of: rec.score?.of ?? 0,
    meetsMinimums: rec.score?.meets_minimums ?? false,
    proposalsOrReports: rec.score?.proposals_or_reports ?? 0,
    activities: rec.score?.activities ?? 0,
    minimums: { proposalsOrReports: config.minProposalsOrReports, activities: config.minActivities },
    items: itemsOf(entries, config),
    entries,
    manual: staff ? manual.map((m) => presentManual(m, year)) : [],
    abilities: { addManual: staff && !y?.frozen && can(actor, orgId, 'duty.manage'), statement: true },
  };
}

const routes: FastifyPluginAsyncZod = async (app) => {
  const database = app.database;
  const { db } = database;
  const orgName = async (orgId: number) =>
    (await db.select({ name: organizations.name }).from(organizations).where(eq(organizations.id, orgId)))[0]?.name ?? '';
  const myMemberId = async (req: FastifyRequest, orgId: number) => {
    const actor = req.authorize(orgId);
    const id = await repo.memberIdOfAccount(db, orgId, actor.accountId);
    if (!id) throw notFound();
    return { actor, id };
  };

  // ── Records ────────────────────────────────────────────────
  app.get(
    '/api/orgs/:orgId/duty/me',
    {
      config: { permission: 'duty.self' },
      schema: {
        tags,
        summary: '我的履职（本人年度积分、明细与等次）',
        params: OrgParams,
        querystring: DutyYearQuery,
        response: { 200: DutyRecordView },
      },
    },
    async (req) => {
      const { actor, id } = await myMemberId(req, req.params.orgId);
      return buildRecord(database, actor, req.params.orgId, id, req.query.year ?? thisYear());
    },
  );

  app.get(
    '/api/orgs/:orgId/duty/me/statement.docx',
    {
      config: { permission: 'duty.self' },
      schema: { tags, summary: '本人年度履职报告（Word）', params: OrgParams, querystring: DutyYearQuery, produces },
    },
    async (req, reply) => {
      const { actor, id } = await myMemberId(req, req.params.orgId);
      const f = await statementDocx(
        await orgName(req.params.orgId),
        await buildRecord(database, actor, req.params.orgId, id, req.query.year ?? thisYear()),
      );
      return sendDocx(reply, f.filename, f.buf, f.ascii);
    },
  );

  app.get(
    '/api/orgs/:orgId/duty/members/:memberId',
    {
      config: { permission: 'duty.read' },
      schema: {
        tags,
        summary: '委员履职档案（工作人员、领导查看）',
        params: DutyMemberParams,
        querystring: DutyYearQuery,
        response: { 200: DutyRecordView },
      },
    },
    async (req) => {
      const actor = req.authorize(req.params.orgId);
      return buildRecord(database, actor, req.params.orgId, req.params.memberId, req.query.year ?? thisYear());
    },
  );

  app.get(
    '/api/orgs/:orgId/duty/members/:memberId/statement.docx',
    {
      config: { permission: 'duty.read' },
      schema: { tags, summary: '委员年度履职报告（Word）', params: DutyMemberParams, querystring: DutyYearQuery, produces },
    },
    async (req, reply) => {
      const actor = req.authorize(req.params.orgId);
      const r = await buildRecord(database, actor, req.params.orgId, req.params.memberId, req.query.year ?? thisYear());
      const f = await statementDocx(await orgName(req.params.orgId), r);
      return sendDocx(reply, f.filename, f.buf, f.ascii);
    },
  );

  // ── Rankings and lists ─────────────────────────────────────
  app.get(
    '/api/orgs/:orgId/duty/scores',
    {
      config: { permission: 'duty.read' },
      schema: {
        tags,
        summary: '履职积分排名（可按界别、小组筛选；低于合格线、未达年度基本要求名单）',
        params: OrgParams,
        querystring: DutyScoresQuery,
        response: { 200: DutyScoresView },
      },
    },
    async (req) => {
      const { orgId } = req.params;
      req.authorize(orgId);
      const { year, offset, limit, ...f } = req.query;
      const { config } = await repo.loadSettings(db, orgId);
      const { rows, total } = await repo.listScores(database, orgId, year, f, config.bands.length - 1, offset, limit);
      return {
        total,
        offset,
        items: rows.map((r) => ({
          rank: Number(r.rank),
          memberId: Number(r.member_id),
          name: r.name,
          sector: r.sector,
          group: r.grp,
          total: Number(r.total),
          grade: r.grade,
          meetsMinimums: r.meets_minimums,
          proposalsOrReports: Number(r.proposals_or_reports),
          activities: Number(r.activities),
        })),
      };
    },
  );

  app.get(
    '/api/orgs/:orgId/duty/groups',
    {
      config: { permission: 'duty.read' },
      schema: {
        tags,
        summary: '界别、委员小组履职排名',
        params: OrgParams,
        querystring: DutyGroupsQuery,
        response: { 200: DutyGroupsView },
      },
    },
    async (req) => {
      const { orgId } = req.params;
      req.authorize(orgId);
      const { config } = await repo.loadSettings(db, orgId);
      const rows = await repo.listGroups(database, orgId, req.query.year, req.query.by, config.bands.length - 1);
      return {
        items: rows.map((r) => ({
          id: r.id == null ? null : Number(r.id),
          name: r.name ?? '未分组',
          members: Number(r.members),
          average: Number(r.average),
          best: Number(r.best),
          below: Number(r.below),
          missed: Number(r.missed),
        })),
      };
    },
  );

  // ── Years: recompute, freeze, unfreeze ─────────────────────
  app.get(
    '/api/orgs/:orgId/duty/years',
    {
      config: { permission: 'duty.read' },
      schema: {
        tags,
        summary: '履职年度（计算时间、冻结状态）',
        params: OrgParams,
        response: { 200: z.object({ items: z.array(DutyYearView) }) },
      },
    },
    async (req) => {
      const { orgId } = req.params;
      const actor = req.authorize(orgId);
      const roles = rolesIn(actor, orgId);
      const rows = await repo.listYears(database, orgId);
      // The current year is listed before its first computation.
      if (!rows.some((y) => y.year === thisYear()))
        rows.unshift({ year: thisYear(), frozen: false, frozen_at: null, computed_at: null, version: 0, members: 0 });
      return {
        items: rows.map((y) => {
          const acts = dutyYearActions(y.frozen ? 'frozen' : 'open', roles, actor.isPlatformAdmin);
          return {
            year: y.year,
            state: y.frozen ? ('frozen' as const) : ('open' as const),
            frozenAt: iso(y.frozen_at),
            computedAt: iso(y.computed_at),
            members: Number(y.members),
            version: Number(y.version),
            abilities: { recompute: acts.includes('recompute'), freeze: acts.includes('freeze'), unfreeze: acts.includes('unfreeze') },
          };
        }),
      };
    },
  );

  app.post(
    '/api/orgs/:orgId/duty/years/:year/recompute',
    {
      config: { permission: 'duty.manage' },
      schema: {
        tags,
        summary: '重新计算该年度全部委员的履职积分（冻结年度拒绝）',
        params: DutyYearParams,
        body: z.object({}).optional(),
        response: { 200: DutyRecomputeView },
      },
    },
    async (req) => {
      req.authorize(req.params.orgId);
      return recomputeYear(database, req.auditActor(), req.params.orgId, req.params.year);
    },
  );

  app.post(
    '/api/orgs/:orgId/duty/years/:year/freeze',
    {
      config: { permission: 'duty.manage' },
      schema: {
        tags,
        summary: '冻结年度（此后不再重算）',
        params: DutyYearParams,
        body: DutyYearVersionBody,
        response: { 200: z.object({ ok: z.literal(true) }) },
      },
    },
    async (req) => {
      const actor = req.authorize(req.params.orgId);
      await setFrozen(database, req.auditActor(), actor.accountId, req.params.orgId, req.params.year, 'freeze', req.body.version);
      return { ok: true as const };
    },
  );

  app.post(
    '/api/orgs/:orgId/duty/years/:year/unfreeze',
    {
      config: { permission: 'duty.unfreeze' },
      schema: {
        tags,
        summary: '解除年度冻结（仅组织管理员）',
        params: DutyYearParams,
        body: DutyYearVersionBody,
        response: { 200: z.object({ ok: z.literal(true) }) },
      },
    },
    async (req) => {
      const actor = req.authorize(req.params.orgId);
      await setFrozen(database, req.auditActor(), actor.accountId, req.params.orgId, req.params.year, 'unfreeze', req.body.version);
      return { ok: true as const };
    },
  );

  // ── Rules ──────────────────────────────────────────────────
  app.get(
    '/api/orgs/:orgId/duty/settings',
    {
      config: { permission: 'duty.read' },
      schema: { tags, summary: '履职计分规则、等次与年度基本要求（缺省取默认值）', params: OrgParams, response: { 200: DutySettingsView } },
    },
    async (req) => {
      const actor = req.authorize(req.params.orgId);
      return {
        orgId: req.params.orgId,
        ...(await repo.loadSettings(db, req.params.orgId)),
        canEdit: can(actor, req.params.orgId, 'duty.manage'),
      };
    },
  );

  app.put(
    '/api/orgs/:orgId/duty/settings',
    {
      config: { permission: 'duty.manage' },
      schema: {
        tags,
        summary: '保存计分规则（版本号 0 表示首次保存；未冻结年度随即重算）',
        params: OrgParams,
        body: DutySettingsBody,
        response: { 200: DutySettingsView },
      },
    },
    async (req) => {
      const { orgId } = req.params;
      req.authorize(orgId);
      const res = await saveSettings(database, req.auditActor(), orgId, req.body.config, req.body.version);
      return { orgId, ...(await repo.loadSettings(db, orgId)), canEdit: true, ...res };
    },
  );

  // ── Manual entries ─────────────────────────────────────────
  app.get(
    '/api/orgs/:orgId/duty/manual',
    {
      config: { permission: 'duty.read' },
      schema: {
        tags,
        summary: '手工登记的履职事项',
        params: OrgParams,
        querystring: DutyManualListQuery,
        response: { 200: z.object({ items: z.array(DutyManualView) }) },
      },
    },
    async (req) => {
      req.authorize(req.params.orgId);
      const rows = await repo.listManual(database, req.params.orgId, req.query.year, req.query.memberId);
      return { items: rows.map((m) => presentManual(m, req.query.year)) };
    },
  );

  app.post(
    '/api/orgs/:orgId/duty/manual',
    {
      config: { permission: 'duty.manage' },
      schema: {
        tags,
        summary: '手工登记履职事项（系统外的履职，附佐证）',
        params: OrgParams,
        body: DutyManualBody,
        response: { 200: z.object({ id: z.number() }) },
      },
    },
    async (req) => {
      const actor = req.authorize(req.params.orgId);
      return { id: await createManual(database, req.auditActor(), actor.accountId, req.params.orgId, req.body) };
    },
  );

  const loadManual = async (req: FastifyRequest, id: number) => {
    const row = await repo.getManual(db, id);
    if (!row) throw notFound();
    req.authorize(row.orgId);
    return row;
  };

  app.patch(
    '/api/duty-manual/:id',
    {
      config: { permission: 'duty.manage' },
      schema: {
        tags,
        summary: '修改手工登记（带版本号）',
        params: IdParams,
        body: DutyManualUpdateBody,
        response: { 200: z.object({ ok: z.literal(true) }) },
      },
    },
    async (req) => {
      const row = await loadManual(req, req.params.id);
      await updateManual(database, req.auditActor(), row.id, row.orgId, req.body);
      return { ok: true as const };
    },
  );

  app.post(
    '/api/duty-manual/:id/delete',
    {
      config: { permission: 'duty.manage' },
      schema: {
        tags,
        summary: '删除手工登记（带版本号）',
        params: IdParams,
        body: DutyYearVersionBody,
        response: { 200: z.object({ ok: z.literal(true) }) },
      },
    },
    async (req) => {
      const row = await loadManual(req, req.params.id);
      await deleteManual(database, req.auditActor(), row.id, row.orgId, req.body.version);
      return { ok: true as const };
    },
  );
};
export default routes;
