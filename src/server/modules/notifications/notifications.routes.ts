import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { NotificationQuery, NotificationView, ReadAllResponse, UnreadCountResponse } from '@common/accounts';
import { writeAudit } from '@server/lib/audit';
import { invalid, notFound } from '@server/lib/errors';
import { decodeCursor, page, pageResponse, PageQuery } from '@server/lib/paging';
import { AUTHENTICATED } from '@server/lib/permissions';
import { IdParams } from '@server/lib/schemas';
import * as repo from './notifications.repo';

const tags = ['notifications'];

const present = (n: repo.NotificationRow): z.infer<typeof NotificationView> => ({
  id: n.id,
  orgId: n.orgId,
  kind: n.kind,
  title: n.title,
  body: n.body,
  link: n.link,
  read: n.readAt != null,
  readAt: n.readAt ? n.readAt.toISOString() : null,
  createdAt: n.createdAt.toISOString(),
});

/** The caller's own notifications, across every organization; nobody reads anyone else's. */
const routes: FastifyPluginAsyncZod = async (app) => {
  const { db } = app.database;

  app.get(
    '/api/notifications',
    { config: { permission: AUTHENTICATED }, schema: { tags, summary: '我的通知', querystring: NotificationQuery.extend(PageQuery), response: { 200: pageResponse(NotificationView) } } },
    async (req) => {
      const actor = req.me();
      const { unread, cursor, limit } = req.query;
      const c = decodeCursor<[number]>(cursor);
      if (c && typeof c[0] !== 'number') throw invalid('cursor', 'invalid_format');
      const rows = await repo.listNotifications(db, actor.accountId, { unread: unread === 'true' || unread === '1', beforeId: c?.[0], limit });
      const p = page(rows, limit, (r) => [r.id]);
      return { items: p.items.map(present), nextCursor: p.nextCursor };
    },
  );

  app.get(
    '/api/notifications/unread-count',
    { config: { permission: AUTHENTICATED }, schema: { tags, summary: '未读通知数', response: { 200: UnreadCountResponse } } },
    async (req) => ({ count: await repo.unreadCount(db, req.me().accountId) }),
  );

  app.post(
    '/api/notifications/:id/read',
    { config: { permission: AUTHENTICATED }, schema: { tags, summary: '标记为已读', params: IdParams, response: { 200: NotificationView } } },
    async (req) => {
      const actor = req.me();
      const n = await repo.getNotification(db, req.params.id);
      if (!n || n.accountId !== actor.accountId) throw notFound();
      if (n.readAt) return present(n);
      const row = await db.transaction(async (tx) => {
        const updated = await repo.markRead(tx, n.id, actor.accountId);
        if (updated) await writeAudit(tx, req.auditActor(), { orgId: null, entityType: 'notification', entityId: n.id, action: 'read' });
        return updated;
      });
      return present(row ?? (await repo.getNotification(db, n.id)));
    },
  );

  app.post(
    '/api/notifications/read-all',
    { config: { permission: AUTHENTICATED }, schema: { tags, summary: '全部标记为已读', response: { 200: ReadAllResponse } } },
    async (req) => {
      const actor = req.me();
      const n = await db.transaction(async (tx) => {
        const n = await repo.markAllRead(tx, actor.accountId);
        if (n > 0) await writeAudit(tx, req.auditActor(), { orgId: null, entityType: 'notification', entityId: actor.accountId, action: 'read_all', after: { count: n } });
        return n;
      });
      return { ok: true as const, count: n };
    },
  );
};
export default routes;
