import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { FastifyRequest } from 'fastify';
import { and, asc, eq, inArray } from 'drizzle-orm';
import { z } from 'zod';
import {
  COOP_STATUSES,
  CampaignActivitiesBody,
  CampaignBody,
  CampaignListItem,
  CampaignUpdateBody,
  CampaignView,
  CoopItemCreateBody,
  CoopItemStepBody,
  CoopItemUpdateBody,
  CoopItemView,
  CoopListItem,
  CoopListQuery,
  CoopPointAddBody,
  CoopPointStepBody,
  CoopProgressBody,
  type CoopStatus,
} from '@common/cooperation';
import type { Db } from '@server/db/client';
import { campaignActivities, campaigns, coopItems, organizations } from '@server/db/schema/index';
import { writeAudit } from '@server/lib/audit';
import { AppError, invalid } from '@server/lib/errors';
import { decodeCursor, encodeCursor, pageResponse } from '@server/lib/paging';
import { IdParams, OrgParams } from '@server/lib/schemas';
import { diff, updateVersioned } from '@server/lib/versioned';
import { isCoopStaff, loadCampaign, loadItem } from './cooperation.access';
import { loadItemView, presentListItem } from './cooperation.presenter';
import * as repo from './cooperation.repo';
import { addPoint, addProgress, createItem, stepItem, stepPoint, updateItem } from './commands/item-commands';
import linkRoutes from './links.routes';
import studioRoutes from './studios.routes';
import studioWorkRoutes from './studio-work.routes';

const tags = ['cooperation'];

function cursorOf(cursor: string | undefined): number | null {
  const v = decodeCursor<unknown[]>(cursor);
  if (!v) return null;
  if (typeof v[0] !== 'number') throw invalid('cursor', 'invalid_format');
  return v[0];
}

/** Wraps pg's unique violation (a campaign name used twice) as a 409 naming the field. */
async function uniqueName<T>(name: string, fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (err) {
    const code = (err as { code?: string; cause?: { code?: string } }).code ?? (err as { cause?: { code?: string } }).cause?.code;
    if (code === '23505') throw new AppError(409, 'duplicate', { field: 'name', params: { value: name } });
    throw err;
  }
}

async function campaignView(req: FastifyRequest, db: Db, database: Parameters<typeof repo.campaignCounts>[0], id: number): Promise<z.infer<typeof CampaignView>> {
  const { row: c, actor } = await loadCampaign(req, db, id);
  const [row, counts, acts, items] = await Promise.all([
    repo.campaignRow(db, c.id),
    repo.campaignCounts(database, c.id),
    repo.campaignActivityList(db, c.id),
    repo.itemsWhere(db, eq(coopItems.campaignId, c.id)),
  ]);
  const byStatus = Object.fromEntries(COOP_STATUSES.map((s) => [s, counts.byStatus[s] ?? 0])) as Record<CoopStatus, number>;
  return Object.assign(presentCampaign(row), {
    counts: {
      activities: counts.activities,
      members: counts.members,
      membersAttended: counts.attended,
      membersNamed: counts.named,
      items: Object.values(byStatus).reduce((a, b) => a + b, 0),
      itemsByStatus: byStatus,
    },
    activityList: acts.map(({ a, attended }) => ({ id: a.id, topic: a.topic, type: a.type, startsAt: a.startsAt.toISOString(), status: a.status, organizerName: a.organizerName, attended })),
    itemList: items.map(presentListItem),
    canManage: isCoopStaff(actor, c.orgId),
  });
}

function presentCampaign(r: { c: repo.CampaignRow; activities: number; items: number }): z.infer<typeof CampaignListItem> {
  return { id: r.c.id, name: r.c.name, startDate: r.c.startDate, endDate: r.c.endDate, description: r.c.description, activities: r.activities, items: r.items, version: r.c.version };
}

const routes: FastifyPluginAsyncZod = async (app) => {
  const { db } = app.database;
  const itemView = async (req: FastifyRequest, id: number) => loadItemView(db, await loadItem(req, db, id));
  await linkRoutes(app, {});
  await studioRoutes(app, {});
  await studioWorkRoutes(app, {});

  // ── Cooperation items ──────────────────────────────────────
  app.get(
    '/api/orgs/:orgId/coop-items',
    {
      config: { permission: 'coop.read' },
      schema: { tags, summary: '合作事项列表（本组织牵头及作为合作方参与的；状态、履职实践活动、关键词筛选）', params: OrgParams, querystring: CoopListQuery, response: { 200: pageResponse(CoopListItem) } },
    },
    async (req) => {
      const { orgId } = req.params;
      req.authorize(orgId);
      const { cursor, limit, ...f } = req.query;
      const rows = await repo.listItems(db, orgId, f, cursorOf(cursor), limit + 1);
      const items = rows.slice(0, limit);
      return { items: items.map(presentListItem), nextCursor: rows.length > limit ? encodeCursor([items[items.length - 1].i.id]) : null };
    },
  );

  app.post(
    '/api/orgs/:orgId/coop-items',
    { config: { permission: 'coop.manage' }, schema: { tags, summary: '新建合作事项（合作方、共识事项；可由活动或工作室活动产生）', params: OrgParams, body: CoopItemCreateBody, response: { 200: CoopItemView } } },
    async (req) => itemView(req, await createItem(req, db, req.params.orgId, req.body)),
  );

  app.get(
    '/api/coop-items/:id',
    { config: { permission: 'coop.read' }, schema: { tags, summary: '合作事项详情（牵头组织与合作方组织可见）', params: IdParams, response: { 200: CoopItemView } } },
    async (req) => itemView(req, req.params.id),
  );

  app.patch(
    '/api/coop-items/:id',
    { config: { permission: 'coop.manage' }, schema: { tags, summary: '修改合作事项（带版本号）', params: IdParams, body: CoopItemUpdateBody, response: { 200: CoopItemView } } },
    async (req) => {
      await updateItem(req, db, req.params.id, req.body);
      return itemView(req, req.params.id);
    },
  );

  for (const action of ['complete', 'suspend', 'resume'] as const) {
    app.post(
      `/api/coop-items/:id/${action}`,
      { config: { permission: 'coop.manage' }, schema: { tags, summary: { complete: '标记合作事项完成', suspend: '中止合作事项', resume: '恢复推进' }[action], params: IdParams, body: CoopItemStepBody, response: { 200: CoopItemView } } },
      async (req) => {
        await stepItem(req, db, req.params.id, action, req.body.reason, req.body.version);
        return itemView(req, req.params.id);
      },
    );
  }

  app.post(
    '/api/coop-items/:id/points',
    { config: { permission: 'coop.manage' }, schema: { tags, summary: '添加共识事项', params: IdParams, body: CoopPointAddBody, response: { 200: CoopItemView } } },
    async (req) => {
      await addPoint(req, db, req.params.id, req.body);
      return itemView(req, req.params.id);
    },
  );

  app.post(
    '/api/coop-points/:id/step',
    { config: { permission: 'coop.manage' }, schema: { tags, summary: '变更共识事项状态（完成须附佐证）', params: IdParams, body: CoopPointStepBody, response: { 200: CoopItemView } } },
    async (req) => itemView(req, await stepPoint(req, db, req.params.id, req.body)),
  );

  app.post(
    '/api/coop-items/:id/progress',
    { config: { permission: 'coop.progress' }, schema: { tags, summary: '记录进展（合作方组织只能就其负责的共识事项记录）', params: IdParams, body: CoopProgressBody, response: { 200: CoopItemView } } },
    async (req) => {
      await addProgress(req, db, req.params.id, req.body);
      // The view is read under the read rules (the caller may hold only the progress permission's roles).
      return itemView(req, req.params.id);
    },
  );

  app.get(
    '/api/orgs/:orgId/coop-partner-orgs',
    {
      config: { permission: 'coop.manage' },
      schema: { tags, summary: '可列为合作方的组织（本平台全部组织的名称）', params: OrgParams, response: { 200: z.object({ items: z.array(z.object({ id: z.number(), name: z.string() })) }) } },
    },
    async (req) => {
      req.authorize(req.params.orgId);
      const rows = await db.select({ id: organizations.id, name: organizations.shortName }).from(organizations).orderBy(asc(organizations.id)).limit(1000);
      return { items: rows.filter((r) => r.id !== req.params.orgId) };
    },
  );

  // ── Campaigns ──────────────────────────────────────────────
  app.get(
    '/api/orgs/:orgId/campaigns',
    { config: { permission: 'coop.read' }, schema: { tags, summary: '履职实践活动列表（活动与合作事项数）', params: OrgParams, response: { 200: z.object({ items: z.array(CampaignListItem) }) } } },
    async (req) => {
      req.authorize(req.params.orgId);
      return { items: (await repo.listCampaigns(db, req.params.orgId)).map(presentCampaign) };
    },
  );

  app.post(
    '/api/orgs/:orgId/campaigns',
    { config: { permission: 'coop.manage' }, schema: { tags, summary: '新建履职实践活动', params: OrgParams, body: CampaignBody, response: { 200: CampaignView } } },
    async (req) => {
      const { orgId } = req.params;
      req.authorize(orgId);
      const b = req.body;
      if (b.endDate && b.endDate < b.startDate) throw invalid('endDate', 'date_order');
      const id = await uniqueName(b.name, () =>
        db.transaction(async (tx) => {
          const [row] = await tx.insert(campaigns).values({ orgId, name: b.name, startDate: b.startDate, endDate: b.endDate ?? null, description: b.description }).returning();
          await writeAudit(tx, req.auditActor(), { orgId, entityType: 'campaign', entityId: row.id, action: 'create', after: { name: row.name, startDate: row.startDate, endDate: row.endDate } });
          return row.id;
        }),
      );
      return campaignView(req, db, app.database, id);
    },
  );

  app.get(
    '/api/campaigns/:id',
    { config: { permission: 'coop.read' }, schema: { tags, summary: '履职实践活动详情：参与委员数、合作事项数（按状态）、活动', params: IdParams, response: { 200: CampaignView } } },
    async (req) => campaignView(req, db, app.database, req.params.id),
  );

  app.patch(
    '/api/campaigns/:id',
    { config: { permission: 'coop.manage' }, schema: { tags, summary: '修改履职实践活动（带版本号）', params: IdParams, body: CampaignUpdateBody, response: { 200: CampaignView } } },
    async (req) => {
      const { row } = await loadCampaign(req, db, req.params.id);
      const { version, ...rest } = req.body;
      const set = Object.fromEntries(Object.entries(rest).filter(([, v]) => v !== undefined));
      const start = rest.startDate ?? row.startDate;
      const end = rest.endDate === undefined ? row.endDate : rest.endDate;
      if (end && end < start) throw invalid('endDate', 'date_order');
      await uniqueName(rest.name ?? row.name, () =>
        db.transaction(async (tx) => {
          const after = await updateVersioned(tx, campaigns, row.id, version, set);
          await writeAudit(tx, req.auditActor(), { orgId: row.orgId, entityType: 'campaign', entityId: row.id, action: 'update', ...diff(row, after) });
        }),
      );
      return campaignView(req, db, app.database, row.id);
    },
  );

  app.post(
    '/api/campaigns/:id/activities',
    { config: { permission: 'coop.manage' }, schema: { tags, summary: '将本组织的活动归入履职实践活动', params: IdParams, body: CampaignActivitiesBody, response: { 200: CampaignView } } },
    async (req) => {
      const { row } = await loadCampaign(req, db, req.params.id);
      const ids = [...new Set(req.body.activityIds)];
      const found = await repo.activitiesIn(db, row.orgId, ids);
      const missing = ids.find((i) => !found.some((f) => f.id === i));
      if (missing !== undefined) throw invalid('activityIds', 'unknown_ref', { value: missing });
      await db.transaction(async (tx) => {
        const added = await tx
          .insert(campaignActivities)
          .values(ids.map((activityId) => ({ campaignId: row.id, activityId, orgId: row.orgId })))
          .onConflictDoNothing()
          .returning({ id: campaignActivities.activityId });
        await writeAudit(tx, req.auditActor(), { orgId: row.orgId, entityType: 'campaign', entityId: row.id, action: 'add_activities', after: { activityIds: added.map((a) => a.id) } });
      });
      return campaignView(req, db, app.database, row.id);
    },
  );

  app.delete(
    '/api/campaigns/:id/activities/:activityId',
    {
      config: { permission: 'coop.manage' },
      schema: { tags, summary: '将活动移出履职实践活动', params: IdParams.extend({ activityId: z.coerce.number().int().positive() }), response: { 200: CampaignView } },
    },
    async (req) => {
      const { row } = await loadCampaign(req, db, req.params.id);
      await db.transaction(async (tx) => {
        const gone = await tx
          .delete(campaignActivities)
          .where(and(eq(campaignActivities.campaignId, row.id), inArray(campaignActivities.activityId, [req.params.activityId])))
          .returning();
        if (!gone.length) throw invalid('activityIds', 'unknown_ref', { value: req.params.activityId });
        await writeAudit(tx, req.auditActor(), { orgId: row.orgId, entityType: 'campaign', entityId: row.id, action: 'remove_activity', before: { activityId: req.params.activityId } });
      });
      return campaignView(req, db, app.database, row.id);
    },
  );
};
export default routes;
