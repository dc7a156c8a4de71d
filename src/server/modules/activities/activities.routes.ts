import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { and, eq, sql } from 'drizzle-orm';
import { z } from 'zod';
import {
  ActivityCalendarQuery,
  ActivityCancelBody,
  ActivityCreateBody,
  ActivityInviteBody,
  ActivityListItem,
  ActivityListQuery,
  ActivityMinutesBody,
  ActivitySettingsBody,
  ActivitySettingsView,
  ActivityUpdateBody,
  ActivityVersionBody,
  ActivityView,
  AttendanceBody,
  AttendanceQuery,
  AttendanceRow,
  LeaveDecisionBody,
  LeaveRequestBody,
  MyActivityItem,
  SignCodeView,
  SignInBody,
  SpeechBody,
  type Attendance,
  type LeaveStatus,
} from '@common/activities';
import { activitySettings } from '@server/db/schema/index';
import { writeAudit } from '@server/lib/audit';
import { invalid, staleVersion } from '@server/lib/errors';
import { decodeCursor, encodeCursor, pageResponse } from '@server/lib/paging';
import { IdParams, OrgParams } from '@server/lib/schemas';
import { diff } from '@server/lib/versioned';
import { loadActivity } from './activities.access';
import { loadDetail, presentListItem } from './activities.presenter';
import * as repo from './activities.repo';
import * as jointRepo from './joint.repo';
import jointRoutes from './joint.routes';
import { plainText, sanitizeRich } from './activities.text';
import {
  addSpeech,
  createActivity,
  decideLeave,
  inviteParticipants,
  markAttendance,
  newSignCode,
  requestLeave,
  signIn,
  updateActivity,
} from './commands/activity-commands';
import { runActivityStep } from './commands/activity-step';
import outcomeRoutes from './outcomes.routes';
import { changeConfig } from '@server/lib/config-cache';

const tags = ['activities'];

/** Cursor of the start-time lists: [startsAt ISO, id]. */
function cursorOf(cursor: string | undefined): [string, number] | null {
  const v = decodeCursor<unknown[]>(cursor);
  if (!v) return null;
  if (typeof v[0] !== 'string' || Number.isNaN(Date.parse(v[0])) || typeof v[1] !== 'number') throw invalid('cursor', 'invalid_format');
  return [v[0], v[1]];
}
const pageOf = <T extends { startsAt: Date; id: number }, R>(rows: T[], limit: number, map: (r: T) => R) => {
  const items = rows.slice(0, limit);
  const last = items[items.length - 1];
  return { items: items.map(map), nextCursor: rows.length > limit ? encodeCursor([last.startsAt.toISOString(), last.id]) : null };
};

const routes: FastifyPluginAsyncZod = async (app) => {
  const { db } = app.database;
  const detail = async (req: Parameters<typeof loadActivity>[0], id: number) => {
    const { row, actor, participant, orgId, side } = await loadActivity(req, db, id);
    return loadDetail(db, row, actor, participant, { orgId, side });
  };
  /** The 联合 tags of one page of activities (one statement). */
  const jointTags = (rows: { id: number }[]) => jointRepo.jointActivityIds(db, rows.map((r) => r.id));
  await outcomeRoutes(app, {});
  await jointRoutes(app, {});

  // ── Lists ──────────────────────────────────────────────────
  app.get(
    '/api/orgs/:orgId/activities',
    {
      config: { permission: 'activities.read' },
      schema: { tags, summary: '活动列表（类型、状态、月份、主办方筛选）', params: OrgParams, querystring: ActivityListQuery, response: { 200: pageResponse(ActivityListItem) } },
    },
    async (req) => {
      const { orgId } = req.params;
      req.authorize(orgId);
      const { cursor, limit, ...filter } = req.query;
      const rows = await repo.listActivities(db, orgId, filter, cursorOf(cursor), limit + 1);
      return pageOf(rows, limit, (r) => presentListItem(r));
    },
  );

  app.get(
    '/api/orgs/:orgId/activities/calendar',
    {
      config: { permission: 'activities.read' },
      schema: { tags, summary: '活动日历（按月或按周，最多 62 天）', params: OrgParams, querystring: ActivityCalendarQuery, response: { 200: z.object({ items: z.array(ActivityListItem) }) } },
    },
    async (req) => {
      const { orgId } = req.params;
      req.authorize(orgId);
      const { from, to } = req.query;
      if (to < from) throw invalid('to', 'date_order');
      if (Date.parse(to) - Date.parse(from) > 62 * 86_400_000) throw invalid('to', 'too_big', { max: 62 });
      const rows = await repo.calendarActivities(db, orgId, from, to);
      return { items: rows.map((r) => presentListItem(r)) };
    },
  );

  app.get(
    '/api/orgs/:orgId/activities/mine',
    {
      config: { permission: 'activities.participate' },
      schema: {
        tags,
        summary: '我的活动（受邀的活动，含出勤与请假）',
        params: OrgParams,
        querystring: z.object({ cursor: z.string().max(200).optional(), limit: z.coerce.number().int().min(1).max(200).default(50) }),
        response: { 200: pageResponse(MyActivityItem) },
      },
    },
    async (req) => {
      const { orgId } = req.params;
      const actor = req.authorize(orgId);
      const memberId = await repo.memberIdOf(db, orgId, actor.accountId);
      if (!memberId) return { items: [], nextCursor: null };
      const rows = await repo.listMine(db, orgId, memberId, cursorOf(req.query.cursor), req.query.limit + 1);
      const tags = await jointTags(rows.slice(0, req.query.limit).map((r) => r.a));
      const res = pageOf(
        rows.map((r) => ({ ...r, startsAt: r.a.startsAt, id: r.a.id })),
        req.query.limit,
        (r) =>
          Object.assign(presentListItem(r.a, tags), {
            participantId: r.p.id,
            attendance: r.p.attendance as Attendance,
            leaveStatus: r.p.leaveStatus as LeaveStatus,
            participantVersion: r.p.version,
        }),
      );
      return res;
    },
  );

  app.get(
    '/api/orgs/:orgId/activity-attendance',
    {
      config: { permission: 'activities.read' },
      schema: { tags, summary: '委员出勤统计（受邀、出席、请假、缺席）', params: OrgParams, querystring: AttendanceQuery, response: { 200: z.object({ items: z.array(AttendanceRow) }) } },
    },
    async (req) => {
      const { orgId } = req.params;
      req.authorize(orgId);
      const rows = await repo.attendanceByMember(app.database, orgId, req.query.year);
      return { items: rows.map((r) => ({ memberId: Number(r.member_id), name: r.name, invited: r.invited, attended: r.attended, onLeave: r.on_leave, absent: r.absent })) };
    },
  );

  // ── One activity ───────────────────────────────────────────
  app.post(
    '/api/orgs/:orgId/activities',
    {
      config: { permission: 'activities.manage' },
      schema: { tags, summary: '新建活动', params: OrgParams, body: ActivityCreateBody, response: { 200: ActivityView } },
    },
    async (req) => detail(req, await createActivity(req, db, req.params.orgId, req.body)),
  );

  app.get(
    '/api/activities/:id',
    { config: { permission: 'activities.participate' }, schema: { tags, summary: '活动详情', params: IdParams, response: { 200: ActivityView } } },
    async (req) => detail(req, req.params.id),
  );

  app.patch(
    '/api/activities/:id',
    { config: { permission: 'activities.manage' }, schema: { tags, summary: '修改活动（带版本号）', params: IdParams, body: ActivityUpdateBody, response: { 200: ActivityView } } },
    async (req) => {
      await updateActivity(req, db, req.params.id, req.body);
      return detail(req, req.params.id);
    },
  );

  app.post(
    '/api/activities/:id/hold',
    { config: { permission: 'activities.manage' }, schema: { tags, summary: '确认活动已举行', params: IdParams, body: ActivityVersionBody, response: { 200: ActivityView } } },
    async (req) => {
      await runActivityStep(req, db, req.params.id, 'hold', req.body.version, async () => ({}));
      return detail(req, req.params.id);
    },
  );

  app.post(
    '/api/activities/:id/cancel',
    { config: { permission: 'activities.manage' }, schema: { tags, summary: '取消活动', params: IdParams, body: ActivityCancelBody, response: { 200: ActivityView } } },
    async (req) => {
      await runActivityStep(req, db, req.params.id, 'cancel', req.body.version, async () => ({ set: { cancelReason: req.body.reason }, reason: req.body.reason }));
      return detail(req, req.params.id);
    },
  );

  app.post(
    '/api/activities/:id/minutes',
    { config: { permission: 'activities.manage' }, schema: { tags, summary: '报送纪要', params: IdParams, body: ActivityMinutesBody, response: { 200: ActivityView } } },
    async (req) => {
      const minutes = sanitizeRich(req.body.minutes);
      if (!plainText(minutes)) throw invalid('minutes', 'required');
      await runActivityStep(req, db, req.params.id, 'file_minutes', req.body.version, async (_tx, row) => ({
        set: { minutes, minutesFiledAt: new Date() },
        after: { minutesFiledOnTime: !row.minutesDue || new Date().toISOString().slice(0, 10) <= row.minutesDue },
      }));
      return detail(req, req.params.id);
    },
  );

  app.post(
    '/api/activities/:id/close',
    { config: { permission: 'activities.manage' }, schema: { tags, summary: '归档', params: IdParams, body: ActivityVersionBody, response: { 200: ActivityView } } },
    async (req) => {
      await runActivityStep(req, db, req.params.id, 'close', req.body.version, async () => ({}));
      return detail(req, req.params.id);
    },
  );

  // ── Participants ───────────────────────────────────────────
  app.post(
    '/api/activities/:id/participants',
    { config: { permission: 'activities.manage' }, schema: { tags, summary: '邀请委员、部门代表和专家（委员收到通知）', params: IdParams, body: ActivityInviteBody, response: { 200: ActivityView } } },
    async (req) => {
      await inviteParticipants(req, db, req.params.id, req.body);
      return detail(req, req.params.id);
    },
  );

  app.post(
    '/api/activity-participants/:id/attendance',
    { config: { permission: 'activities.manage' }, schema: { tags, summary: '登记出勤（出席、缺席、请假）', params: IdParams, body: AttendanceBody, response: { 200: ActivityView } } },
    async (req) => detail(req, await markAttendance(req, db, req.params.id, req.body.attendance, req.body.version)),
  );

  app.post(
    '/api/activity-participants/:id/leave-decision',
    { config: { permission: 'activities.manage' }, schema: { tags, summary: '审批请假', params: IdParams, body: LeaveDecisionBody, response: { 200: ActivityView } } },
    async (req) => detail(req, await decideLeave(req, db, req.params.id, req.body.decision, req.body.note, req.body.version)),
  );

  app.post(
    '/api/activities/:id/leave',
    { config: { permission: 'activities.participate' }, schema: { tags, summary: '请假（受邀委员本人）', params: IdParams, body: LeaveRequestBody, response: { 200: ActivityView } } },
    async (req) => {
      await requestLeave(req, db, req.params.id, req.body.reason);
      return detail(req, req.params.id);
    },
  );

  app.post(
    '/api/activities/:id/sign-code',
    { config: { permission: 'activities.manage' }, schema: { tags, summary: '生成现场签到码（限时有效）', params: IdParams, body: z.object({}).optional(), response: { 200: SignCodeView } } },
    async (req) => {
      const r = await newSignCode(req, db, req.params.id);
      return { code: r.code, expiresAt: r.expiresAt.toISOString() };
    },
  );

  app.post(
    '/api/activities/:id/sign-in',
    { config: { permission: 'activities.participate' }, schema: { tags, summary: '委员凭现场签到码签到', params: IdParams, body: SignInBody, response: { 200: ActivityView } } },
    async (req) => {
      await signIn(req, db, req.params.id, req.body.code);
      return detail(req, req.params.id);
    },
  );

  app.post(
    '/api/activities/:id/speeches',
    { config: { permission: 'activities.participate' }, schema: { tags, summary: '登记发言或提交书面发言', params: IdParams, body: SpeechBody, response: { 200: ActivityView } } },
    async (req) => {
      await addSpeech(req, db, req.params.id, req.body);
      return detail(req, req.params.id);
    },
  );

  // ── Settings ───────────────────────────────────────────────
  app.get(
    '/api/orgs/:orgId/activity-settings',
    { config: { permission: 'activities.participate' }, schema: { tags, summary: '活动工作配置（缺省取默认值）', params: OrgParams, response: { 200: ActivitySettingsView } } },
    async (req) => {
      req.authorize(req.params.orgId);
      return { orgId: req.params.orgId, ...(await repo.loadSettings(db, req.params.orgId)) };
    },
  );

  app.put(
    '/api/orgs/:orgId/activity-settings',
    { config: { permission: 'activities.configure' }, schema: { tags, summary: '保存活动工作配置（版本号 0 表示首次保存）', params: OrgParams, body: ActivitySettingsBody, response: { 200: ActivitySettingsView } } },
    async (req) => {
      const { orgId } = req.params;
      req.authorize(orgId);
      const { config, version } = req.body;
      if (new Set(config.types).size !== config.types.length) throw invalid('types', 'duplicate_option', { value: config.types.find((x, i) => config.types.indexOf(x) !== i) });
      const current = await repo.loadSettings(db, orgId);
      await changeConfig(db, async (tx) => {
        if (version === 0) {
          const inserted = await tx.insert(activitySettings).values({ orgId, config }).onConflictDoNothing().returning();
          if (!inserted.length) throw staleVersion();
        } else {
          const updated = await tx
            .update(activitySettings)
            .set({ config, version: sql`${activitySettings.version} + 1`, updatedAt: new Date() })
            .where(and(eq(activitySettings.orgId, orgId), eq(activitySettings.version, version)))
            .returning();
          if (!updated.length) throw staleVersion();
        }
        await writeAudit(tx, req.auditActor(), { orgId, entityType: 'activity_settings', entityId: orgId, action: 'update', ...diff({ config: current.config }, { config }) });
      });
      return { orgId, ...(await repo.loadSettings(db, orgId)) };
    },
  );
};
export default routes;
