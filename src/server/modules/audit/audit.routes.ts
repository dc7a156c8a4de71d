import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { AuditEntryView, AuditQuery, AuditVerifyResponse } from '@common/accounts';
import { verifyChain } from '@server/lib/audit';
import { invalid } from '@server/lib/errors';
import { decodeCursor, page, pageResponse, PageQuery } from '@server/lib/paging';
import { OrgParams } from '@server/lib/schemas';
import { listAudit } from './audit.repo';

const tags = ['audit'];

const routes: FastifyPluginAsyncZod = async (app) => {
  const { db } = app.database;

  app.get(
    '/api/orgs/:orgId/audit',
    { config: { permission: 'audit.read' }, schema: { tags, summary: '审计日志（按对象、操作人、操作筛选）', params: OrgParams, querystring: AuditQuery.extend(PageQuery), response: { 200: pageResponse(AuditEntryView) } } },
    async (req) => {
      const { orgId } = req.params;
      req.authorize(orgId);
      const { cursor, limit, entityType, entityId, actorId, action } = req.query;
      const c = decodeCursor<[number]>(cursor);
      if (c && typeof c[0] !== 'number') throw invalid('cursor', 'invalid_format');
      const rows = await listAudit(db, orgId, { entityType: entityType || undefined, entityId: entityId || undefined, actorId, action: action || undefined, beforeId: c?.[0], limit });
      const p = page(rows, limit, (r) => [r.id]);
      return {
        items: p.items.map((r) => ({
          ...r,
          before: r.before as Record<string, unknown> | null,
          after: r.after as Record<string, unknown> | null,
          createdAt: r.createdAt.toISOString(),
        })),
        nextCursor: p.nextCursor,
      };
    },
  );

  app.get(
    '/api/orgs/:orgId/audit/verify',
    { config: { permission: 'audit.read' }, schema: { tags, summary: '校验本组织审计链', params: OrgParams, response: { 200: AuditVerifyResponse } } },
    async (req) => {
      req.authorize(req.params.orgId);
      return verifyChain(app.database, String(req.params.orgId));
    },
  );
};
export default routes;
