import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { and, eq, inArray, sql } from 'drizzle-orm';
import { z } from 'zod';
import { StudioListItem, StudioMembersBody, StudioView } from '@common/cooperation';
import { coopItems, memberStudios, studioProfiles, studios } from '@server/db/schema/index';
import { writeAudit } from '@server/lib/audit';
import { invalid, notFound, staleVersion } from '@server/lib/errors';
import { IdParams, OrgParams } from '@server/lib/schemas';
import { isCoopStaff } from './cooperation.access';
import { presentListItem } from './cooperation.presenter';
import * as repo from './cooperation.repo';

const tags = ['studios'];

type StudioRow = NonNullable<Awaited<ReturnType<typeof repo.studioRow>>>;
const presentStudio = (r: StudioRow): z.infer<typeof StudioListItem> => ({
  id: r.s.id,
  name: r.s.name,
  theme: r.s.theme,
  place: r.s.place,
  leadName: r.leadName ?? null,
  members: r.members,
  activities: r.activities,
});

/** 委员工作室: members with the 领衔委员, theme, place, the studio's activities and what arose from them. */
const routes: FastifyPluginAsyncZod = async (app) => {
  const { db } = app.database;

  app.get(
    '/api/orgs/:orgId/studios',
    { config: { permission: 'coop.read' }, schema: { tags, summary: '委员工作室列表（领衔委员、成员数、活动数）', params: OrgParams, response: { 200: z.object({ items: z.array(StudioListItem) }) } } },
    async (req) => {
      req.authorize(req.params.orgId);
      return { items: (await repo.listStudios(db, req.params.orgId)).map(presentStudio) };
    },
  );

  const view = async (req: FastifyRequest, id: number): Promise<z.infer<typeof StudioView>> => {
    const row = await repo.studioRow(db, id);
    if (!row) throw notFound();
    const actor = req.authorize(row.s.orgId);
    const [memberList, acts] = await Promise.all([repo.studioMembers(db, id), repo.studioActivities(db, row.s.orgId, id)]);
    const actIds = acts.map((a) => a.a.id);
    const items = actIds.length ? await repo.itemsWhere(db, inArray(coopItems.originActivityId, actIds)) : [];
    return Object.assign(presentStudio(row), {
      description: row.description ?? '',
      leadMemberId: row.leadMemberId ?? null,
      memberList: memberList.map((m) => ({ ...m, lead: m.id === row.leadMemberId })),
      activityList: acts.map(({ a, items: n }) => ({ id: a.id, topic: a.topic, type: a.type, startsAt: a.startsAt.toISOString(), status: a.status, items: n })),
      itemList: items.map(presentListItem),
      profileVersion: row.profileVersion ?? 0,
      canManage: isCoopStaff(actor, row.s.orgId),
    });
  };

  app.get(
    '/api/studios/:id',
    { config: { permission: 'coop.read' }, schema: { tags, summary: '委员工作室详情：成员、领衔委员、活动及其产生的合作事项', params: IdParams, response: { 200: StudioView } } },
    async (req) => view(req, req.params.id),
  );

  app.put(
    '/api/studios/:id/members',
    { config: { permission: 'coop.manage' }, schema: { tags, summary: '设置工作室成员与领衔委员（带版本号，首次为 0）', params: IdParams, body: StudioMembersBody, response: { 200: StudioView } } },
    async (req) => {
      const [studio] = await db.select().from(studios).where(eq(studios.id, req.params.id));
      if (!studio) throw notFound();
      req.authorize(studio.orgId);
      const b = req.body;
      const ids = [...new Set(b.memberIds)];
      if (b.leadMemberId != null && !ids.includes(b.leadMemberId)) ids.push(b.leadMemberId);
      const found = await repo.membersIn(db, studio.orgId, ids);
      const missing = ids.find((m) => !found.some((f) => f.id === m));
      if (missing !== undefined) throw invalid(b.leadMemberId === missing ? 'leadMemberId' : 'memberIds', 'not_member_of_org', { value: missing });
      await db.transaction(async (tx) => {
        const [profile] = await tx.select().from(studioProfiles).where(eq(studioProfiles.studioId, studio.id)).for('update');
        if ((profile?.version ?? 0) !== b.version) throw staleVersion();
        const before = (await repo.studioMembers(tx, studio.id)).map((m) => m.id);
        if (profile) {
          await tx
            .update(studioProfiles)
            .set({ leadMemberId: b.leadMemberId, description: b.description ?? profile.description, version: sql`${studioProfiles.version} + 1`, updatedAt: new Date() })
            .where(and(eq(studioProfiles.studioId, studio.id), eq(studioProfiles.version, b.version)));
        } else {
          await tx.insert(studioProfiles).values({ studioId: studio.id, orgId: studio.orgId, leadMemberId: b.leadMemberId, description: b.description ?? '' });
        }
        await tx.delete(memberStudios).where(eq(memberStudios.studioId, studio.id));
        if (ids.length) await tx.insert(memberStudios).values(ids.map((memberId) => ({ memberId, studioId: studio.id })));
        await writeAudit(tx, req.auditActor(), {
          orgId: studio.orgId,
          entityType: 'studio',
          entityId: studio.id,
          action: 'set_members',
          before: { memberIds: before, leadMemberId: profile?.leadMemberId ?? null },
          after: { memberIds: ids, leadMemberId: b.leadMemberId },
        });
      });
      return view(req, studio.id);
    },
  );
};
export default routes;
