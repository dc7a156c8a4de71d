import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  ActivityDashboardQuery,
  ActivityDashboardView,
  JointDeclineBody,
  JointInvitationItem,
  JointInvitationQuery,
  JointInviteBody,
  JointOrgOption,
  JointVersionBody,
  jointActionsFor,
  type JointStatus,
} from '@common/joint';
import { ActivityView } from '@common/activities';
import { invalid } from '@server/lib/errors';
import { decodeCursor, encodeCursor, pageResponse } from '@server/lib/paging';
import { IdParams, OrgParams } from '@server/lib/schemas';
import { todayInChina } from '@server/lib/workdays';
import { loadActivity } from './activities.access';
import { loadDetail } from './activities.presenter';
import { answerInvitation, inviteOrg, type JointResponse } from './commands/joint-commands';
import { dashboard } from './dashboard.repo';
import * as jointRepo from './joint.repo';

const tags = ['activities'];

/** Joint activities (联合协商 across organizations) and the activities dashboard (活动概况). */
const routes: FastifyPluginAsyncZod = async (app) => {
  const { db } = app.database;
  const detail = async (req: Parameters<typeof loadActivity>[0], id: number) => {
    const { row, actor, participant, orgId, side } = await loadActivity(req, db, id);
    return loadDetail(db, row, actor, participant, { orgId, side });
  };

  app.get(
    '/api/orgs/:orgId/joint-org-options',
    {
      config: { permission: 'activities.manage' },
      schema: { tags, summary: '可邀请联合举办活动的其他政协组织', params: OrgParams, response: { 200: z.object({ items: z.array(JointOrgOption) }) } },
    },
    async (req) => {
      req.authorize(req.params.orgId);
      return { items: await jointRepo.orgOptions(db, req.params.orgId) };
    },
  );

  app.post(
    '/api/activities/:id/orgs',
    {
      config: { permission: 'activities.manage' },
      schema: { tags, summary: '邀请其他政协组织联合举办（主办方工作人员；对方组织管理员收到通知）', params: IdParams, body: JointInviteBody, response: { 200: ActivityView } },
    },
    async (req) => {
      await inviteOrg(req, db, req.params.id, req.body.orgId);
      return detail(req, req.params.id);
    },
  );

  const answer = (action: JointResponse) => async (req: { params: { id: number }; body: { version: number; reason?: string } } & Parameters<typeof loadActivity>[0]) => {
    await answerInvitation(req, db, req.params.id, action, req.body.version, req.body.reason ?? '');
    const j = await jointRepo.getJoint(db, req.params.id);
    return { id: req.params.id, status: (j?.status ?? 'invited') as JointStatus, version: j?.version ?? 0 };
  };
  const AnswerView = z.object({ id: z.number(), status: z.enum(['invited', 'accepted', 'declined', 'withdrawn']), version: z.number() });

  app.post(
    '/api/activity-orgs/:id/accept',
    { config: { permission: 'activities.joint_respond' }, schema: { tags, summary: '接受联合活动邀请（受邀组织管理员）', params: IdParams, body: JointVersionBody, response: { 200: AnswerView } } },
    answer('accept'),
  );
  app.post(
    '/api/activity-orgs/:id/decline',
    { config: { permission: 'activities.joint_respond' }, schema: { tags, summary: '谢绝联合活动邀请（须说明原因）', params: IdParams, body: JointDeclineBody, response: { 200: AnswerView } } },
    answer('decline'),
  );
  app.post(
    '/api/activity-orgs/:id/withdraw',
    { config: { permission: 'activities.manage' }, schema: { tags, summary: '撤回尚未答复的联合活动邀请（主办方工作人员）', params: IdParams, body: JointVersionBody, response: { 200: AnswerView } } },
    answer('withdraw'),
  );

  app.get(
    '/api/orgs/:orgId/joint-invitations',
    {
      config: { permission: 'activities.joint_respond' },
      schema: { tags, summary: '本组织收到的联合活动邀请（按状态）', params: OrgParams, querystring: JointInvitationQuery, response: { 200: pageResponse(JointInvitationItem) } },
    },
    async (req) => {
      const { orgId } = req.params;
      req.authorize(orgId);
      const { status, limit } = req.query;
      const c = decodeCursor<unknown[]>(req.query.cursor);
      if (c && (typeof c[0] !== 'string' || Number.isNaN(Date.parse(c[0])) || typeof c[1] !== 'number')) throw invalid('cursor', 'invalid_format');
      const rows = await jointRepo.invitationsTo(db, orgId, status, c ? [c[0] as string, c[1] as number] : null, limit + 1);
      const items = rows.slice(0, limit);
      const last = items[items.length - 1];
      return {
        items: items.map((r) => ({
          id: r.j.id,
          status: r.j.status as JointStatus,
          reason: r.j.reason,
          invitedAt: r.j.invitedAt.toISOString(),
          respondedAt: r.j.respondedAt?.toISOString() ?? null,
          version: r.j.version,
          hostOrgId: r.j.hostOrgId,
          hostOrgName: r.hostOrgName,
          activity: {
            id: r.a.id,
            type: r.a.type,
            topic: r.a.topic,
            startsAt: r.a.startsAt.toISOString(),
            endsAt: r.a.endsAt.toISOString(),
            place: r.a.place,
            online: r.a.online,
            status: r.a.status,
          },
          abilities: jointActionsFor(r.j.status as JointStatus, 'partner'),
        })),
        nextCursor: rows.length > limit ? encodeCursor([last.j.invitedAt.toISOString(), last.j.id]) : null,
      };
    },
  );

  app.get(
    '/api/orgs/:orgId/activity-dashboard',
    {
      config: { permission: 'activities.read' },
      schema: {
        tags,
        summary: '活动概况：按类型和月份的活动数、按委员小组和界别的出勤率、问题清单进展、联合活动（本组织主办及参加的）',
        description:
          'One year (default: the current year in China time). Counts the organization’s own activities and the joint activities it accepted; cancelled activities are left out of the type/month figures. Attendance rate = attended ÷ invited members over held activities. Problem-list figures cover the issues of the year’s activities; overdue = still open after the answer deadline.',
        params: OrgParams,
        querystring: ActivityDashboardQuery,
        response: { 200: ActivityDashboardView },
      },
    },
    async (req) => {
      const { orgId } = req.params;
      req.authorize(orgId);
      const today = todayInChina();
      return dashboard(app.database, orgId, req.query.year ?? Number(today.slice(0, 4)), today);
    },
  );
};
export default routes;
