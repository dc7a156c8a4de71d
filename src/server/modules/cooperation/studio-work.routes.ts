import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  RatingListView,
  RatingManualBody,
  RatingSettingsBody,
  RatingSettingsView,
  RatingYearBody,
  RatingYearQuery,
  RequestCreateBody,
  RequestListQuery,
  RequestListView,
  RequestStepBody,
  RequestView,
  ShiftCreateBody,
  ShiftListQuery,
  ShiftListView,
  ShiftStepBody,
  ShiftUpdateBody,
  ShiftView,
  requestActionsFor,
  shiftActionsFor,
  shownShiftStatus,
  type RequestOutcome,
  type RequestStatus,
  type ShiftActor,
  type ShiftSlot,
  type ShiftStatus,
} from '@common/studios';
import { COOP_READER_ROLES } from '@common/cooperation';
import { INFO_READER_ROLES } from '@common/info';
import { PROPOSAL_READER_ROLES } from '@common/proposals';
import type { Actor } from '@server/lib/context';
import { AppError, notFound } from '@server/lib/errors';
import { IdParams, OrgParams } from '@server/lib/schemas';
import { todayInChina } from '@server/lib/workdays';
import { isCoopStaff } from './cooperation.access';
import {
  createRequest,
  createShift,
  ratingAbilities,
  ratingsOf,
  saveRatingSettings,
  setManualScore,
  shiftActors,
  stepRatingYear,
  stepRequest,
  stepShift,
  updateShift,
} from './commands/studio-commands';
import * as repo from './studio-work.repo';

const tags = ['studios'];
const thisYear = () => Number(todayInChina().slice(0, 4));
const OUTCOME_PATHS: Record<Exclude<RequestOutcome, 'reply'>, string> = { proposal: '/proposals/', info_report: '/info-reports/', cooperation_item: '/coop-items/' };

export const presentShift = (r: repo.ShiftRow, actors: ShiftActor[], today: string): ShiftView => ({
  id: r.s.id,
  studioId: r.s.studioId,
  studioName: r.studioName,
  memberId: r.s.memberId,
  memberName: r.memberName,
  day: r.s.day,
  slot: r.s.slot as ShiftSlot,
  startTime: r.s.startTime,
  endTime: r.s.endTime,
  note: r.s.note,
  status: r.s.status as ShiftStatus,
  shown: shownShiftStatus(r.s.status as ShiftStatus, r.s.day, today),
  version: r.s.version,
  abilities: shiftActionsFor(r.s.status as ShiftStatus, r.s.day, today, actors),
  canEdit: actors.includes('staff') && r.s.status === 'planned',
});

/** Who may open what a request became: readers of each kind, in the studio's organization. */
const OUTCOME_READERS: Record<Exclude<RequestOutcome, 'reply'>, readonly string[]> = {
  proposal: PROPOSAL_READER_ROLES,
  info_report: INFO_READER_ROLES,
  cooperation_item: COOP_READER_ROLES,
};

/**
 * The contact is the office's: others get null. The outcome's link is given only to a caller who may open it: a
 * proposal or report is the receiving member's draft until they submit it, and then a page for its readers.
 */
const presentRequest = (r: repo.RequestRow, staff: boolean, actor: Actor): RequestView => {
  const outcome = r.r.outcome as RequestOutcome | null;
  const draft = r.outcomeState === 'draft';
  const canOpen =
    outcome != null &&
    outcome !== 'reply' &&
    r.r.outcomeId != null &&
    !draft &&
    (actor.isPlatformAdmin || actor.grants.some((g) => g.orgId === r.r.orgId && OUTCOME_READERS[outcome].includes(g.role)));
  return {
    id: r.r.id,
    studioId: r.r.studioId,
    requesterName: r.r.requesterName,
    contact: staff ? r.r.contact : null,
    content: r.r.content,
    receivedOn: r.r.receivedOn,
    receivedByMemberId: r.r.receivedByMemberId,
    receivedByName: r.receivedByName,
    status: r.r.status as RequestStatus,
    outcome,
    outcomeId: r.r.outcomeId,
    outcomeLink: canOpen ? `${OUTCOME_PATHS[outcome]}${r.r.outcomeId}` : null,
    outcomeDraft: draft,
    reply: r.r.reply,
    closedAt: r.r.closedAt?.toISOString() ?? null,
    version: r.r.version,
    abilities: staff ? requestActionsFor(r.r.status as RequestStatus, outcome != null && outcome !== 'reply') : [],
  };
};

/**
 * 委员工作室 issue #7: the duty roster (接待值班), public requests (群众诉求) and the yearly star rating. The offices
 * that run studios (COOP_STAFF_ROLES) plan and manage; readers see; a member sees and marks their own shifts.
 * Records of another organization are 404.
 */
const routes: FastifyPluginAsyncZod = async (app) => {
  const { database } = app;
  const { db } = database;

  /** The studio for the caller under the route's permission: missing or another organization → 404. */
  async function loadStudio(req: FastifyRequest, id: number) {
    const studio = await repo.getStudio(db, id);
    if (!studio) throw notFound();
    const actor = req.authorize(studio.orgId);
    return { studio, actor, staff: isCoopStaff(actor, studio.orgId) };
  }

  // ── Shifts ─────────────────────────────────────────────────
  async function shiftFor(req: FastifyRequest, id: number) {
    const row = await repo.shiftRow(db, id);
    if (!row) throw notFound();
    const actor = req.authorize(row.s.orgId);
    const staff = isCoopStaff(actor, row.s.orgId);
    const me = await repo.memberOfAccount(db, row.s.orgId, actor.accountId);
    return { row, actor, actors: shiftActors(actor, staff, row, me?.id ?? null) };
  }

  app.get(
    '/api/studios/:id/shifts',
    { config: { permission: 'coop.read' }, schema: { tags, summary: '工作室接待值班表（按日期范围）', params: IdParams, querystring: ShiftListQuery, response: { 200: ShiftListView } } },
    async (req) => {
      const { studio, staff } = await loadStudio(req, req.params.id);
      const today = todayInChina();
      const rows = await repo.studioShiftList(db, studio.id, req.query.from, req.query.to);
      return { items: rows.map((r) => presentShift(r, staff ? ['staff'] : [], today)), canPlan: staff };
    },
  );

  app.post(
    '/api/studios/:id/shifts',
    { config: { permission: 'coop.manage' }, schema: { tags, summary: '安排接待值班（委员须为工作室成员）', params: IdParams, body: ShiftCreateBody, response: { 200: ShiftView } } },
    async (req) => {
      const { studio } = await loadStudio(req, req.params.id);
      const id = await createShift(req, db, studio, req.body);
      return presentShift((await repo.shiftRow(db, id))!, ['staff'], todayInChina());
    },
  );

  app.patch(
    '/api/studio-shifts/:id',
    { config: { permission: 'coop.manage' }, schema: { tags, summary: '修改待值班的班次（带版本号）', params: IdParams, body: ShiftUpdateBody, response: { 200: ShiftView } } },
    async (req) => {
      const { row, actors } = await shiftFor(req, req.params.id);
      const studio = (await repo.getStudio(db, row.s.studioId))!;
      await updateShift(req, db, studio, row, req.body);
      return presentShift((await repo.shiftRow(db, row.s.id))!, actors, todayInChina());
    },
  );

  app.post(
    '/api/studio-shifts/:id/step',
    {
      config: { permission: 'studio.shift' },
      schema: { tags, summary: '值班状态变更：到岗（本人或办公室）、撤销到岗、取消、恢复', params: IdParams, body: ShiftStepBody, response: { 200: ShiftView } },
    },
    async (req) => {
      const { row, actors } = await shiftFor(req, req.params.id);
      if (!actors.length) throw new AppError(403, 'forbidden');
      await stepShift(req, db, row, actors, req.body.action, req.body.version);
      return presentShift((await repo.shiftRow(db, row.s.id))!, actors, todayInChina());
    },
  );

  app.get(
    '/api/orgs/:orgId/studio-shifts/mine',
    { config: { permission: 'studio.self' }, schema: { tags, summary: '我的工作室值班', params: OrgParams, querystring: ShiftListQuery, response: { 200: ShiftListView } } },
    async (req) => {
      const actor = req.authorize(req.params.orgId);
      const me = await repo.memberOfAccount(db, req.params.orgId, actor.accountId);
      if (!me) return { items: [], canPlan: false };
      const today = todayInChina();
      const rows = await repo.memberShiftList(db, req.params.orgId, me.id, req.query.from, req.query.to);
      return { items: rows.map((r) => presentShift(r, ['self'], today)), canPlan: false };
    },
  );

  // ── Requests ───────────────────────────────────────────────
  async function requestFor(req: FastifyRequest, id: number) {
    const row = await repo.requestRow(db, id);
    if (!row) throw notFound();
    const { studio, staff } = await loadStudio(req, row.r.studioId);
    return { row, studio, staff };
  }

  app.get(
    '/api/studios/:id/requests',
    { config: { permission: 'coop.read' }, schema: { tags, summary: '工作室群众诉求（联系方式仅办公室可见）', params: IdParams, querystring: RequestListQuery, response: { 200: RequestListView } } },
    async (req) => {
      const { studio, staff } = await loadStudio(req, req.params.id);
      const rows = await repo.requestList(db, studio.id, req.query.status);
      return { items: rows.map((r) => presentRequest(r, staff, req.me())), canRegister: staff };
    },
  );

  app.post(
    '/api/studios/:id/requests',
    { config: { permission: 'coop.manage' }, schema: { tags, summary: '登记群众诉求（接待委员须为工作室成员）', params: IdParams, body: RequestCreateBody, response: { 200: RequestView } } },
    async (req) => {
      const { studio } = await loadStudio(req, req.params.id);
      const id = await createRequest(req, db, studio, req.body);
      return presentRequest((await repo.requestRow(db, id))!, true, req.me());
    },
  );

  app.get(
    '/api/studio-requests/:id',
    { config: { permission: 'coop.read' }, schema: { tags, summary: '群众诉求详情', params: IdParams, response: { 200: RequestView } } },
    async (req) => {
      const { row, staff } = await requestFor(req, req.params.id);
      return presentRequest(row, staff, req.me());
    },
  );

  app.post(
    '/api/studio-requests/:id/step',
    {
      config: { permission: 'coop.manage' },
      schema: {
        tags,
        summary: '群众诉求办理：受理、转为提案/社情民意/合作事项（为接待委员生成草稿并关联）、直接答复、办结、重新打开',
        params: IdParams,
        body: RequestStepBody,
        response: { 200: RequestView },
      },
    },
    async (req) => {
      const { row, studio } = await requestFor(req, req.params.id);
      await stepRequest(req, db, studio, row, req.body);
      return presentRequest((await repo.requestRow(db, row.r.id))!, true, req.me());
    },
  );

  // ── Rating ─────────────────────────────────────────────────
  app.get(
    '/api/orgs/:orgId/studio-ratings',
    { config: { permission: 'coop.read' }, schema: { tags, summary: '工作室年度星级评定与排名（含各指标得分）', params: OrgParams, querystring: RatingYearQuery, response: { 200: RatingListView } } },
    async (req) => {
      const actor = req.authorize(req.params.orgId);
      const year = req.query.year ?? thisYear();
      const r = await ratingsOf(database, req.params.orgId, year);
      return {
        year,
        frozen: r.frozen,
        frozenAt: r.frozenAt?.toISOString() ?? null,
        yearVersion: r.version,
        items: r.items,
        abilities: ratingAbilities(actor, req.params.orgId, r.frozen, isCoopStaff(actor, req.params.orgId)),
      };
    },
  );

  for (const action of ['freeze', 'unfreeze'] as const) {
    app.post(
      `/api/orgs/:orgId/studio-ratings/${action}`,
      {
        config: { permission: 'coop.manage' },
        schema: { tags, summary: action === 'freeze' ? '冻结年度星级评定（保存当时结果）' : '解除冻结（组织管理员）', params: OrgParams, body: RatingYearBody, response: { 200: z.object({ ok: z.literal(true) }) } },
      },
      async (req) => {
        req.authorize(req.params.orgId);
        await stepRatingYear(req, database, req.params.orgId, req.body.year, action, req.body.version);
        return { ok: true as const };
      },
    );
  }

  app.get(
    '/api/orgs/:orgId/studio-rating-settings',
    { config: { permission: 'coop.read' }, schema: { tags, summary: '工作室星级评定指标与星级分档', params: OrgParams, response: { 200: RatingSettingsView } } },
    async (req) => {
      const actor = req.authorize(req.params.orgId);
      const s = await repo.ratingSettings(db, req.params.orgId);
      return { ...s, canEdit: isCoopStaff(actor, req.params.orgId) };
    },
  );

  app.put(
    '/api/orgs/:orgId/studio-rating-settings',
    { config: { permission: 'coop.manage' }, schema: { tags, summary: '保存星级评定指标与分档（带版本号，首次为 0）', params: OrgParams, body: RatingSettingsBody, response: { 200: RatingSettingsView } } },
    async (req) => {
      req.authorize(req.params.orgId);
      await saveRatingSettings(req, db, req.params.orgId, req.body);
      return { ...(await repo.ratingSettings(db, req.params.orgId)), canEdit: true };
    },
  );

  app.put(
    '/api/studios/:id/rating-manual',
    { config: { permission: 'coop.manage' }, schema: { tags, summary: '录入工作室某年度手工评议得分', params: IdParams, body: RatingManualBody, response: { 200: z.object({ ok: z.literal(true) }) } } },
    async (req) => {
      const { studio } = await loadStudio(req, req.params.id);
      await setManualScore(req, db, studio, req.body);
      return { ok: true as const };
    },
  );
};
export default routes;
