import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { FastifyRequest } from 'fastify';
import { eq } from 'drizzle-orm';
import { z } from 'zod';
import { LinkAddBody, LinkCandidate, LinkCandidateQuery, LinkListView, LinkParams, type LinkType } from '@common/cooperation';
import { COOP_STAFF_ROLES } from '@common/cooperation';
import { recordLinks } from '@server/db/schema/index';
import { writeAudit } from '@server/lib/audit';
import type { Actor } from '@server/lib/context';
import { AppError, invalid, notFound } from '@server/lib/errors';
import { IdParams, OrgParams } from '@server/lib/schemas';
import { candidates, linksOf, refKey, seeRecords, type RecordRef, type SeenRecord } from './links.repo';

const tags = ['links'];
const isStaff = (actor: Actor, orgId: number) => actor.isPlatformAdmin || actor.grants.some((g) => g.orgId === orgId && (COOP_STAFF_ROLES as readonly string[]).includes(g.role));

/**
 * Links between records (活动 ↔ 成果 ↔ 提案 ↔ 合作事项 ↔ 履职实践活动). A link shows on both records; each side lists
 * only the linked records the caller may see, titled from their own tables. The offices of the record's
 * organization add and remove links; every change is audited in the organization that owns the link.
 */
const routes: FastifyPluginAsyncZod = async (app) => {
  const { database } = app;
  const { db } = database;

  /** The record itself, for the caller: unseen (missing, another organization, not visible) → 404. */
  async function seen(req: FastifyRequest, ref: RecordRef): Promise<SeenRecord> {
    const actor = req.me();
    const rec = (await seeRecords(database, actor, [ref])).get(refKey(ref));
    if (!rec) throw notFound();
    return rec;
  }

  async function list(req: FastifyRequest, ref: RecordRef, rec: SeenRecord): Promise<z.infer<typeof LinkListView>> {
    const actor = req.me();
    const links = await linksOf(database, ref);
    const others = links.map((l) => (l.from_type === ref.type && Number(l.from_id) === ref.id ? { type: l.to_type, id: Number(l.to_id) } : { type: l.from_type, id: Number(l.from_id) }));
    const seenOthers = await seeRecords(database, actor, others);
    const items = links.flatMap((l, i) => {
      const other = seenOthers.get(refKey(others[i]));
      if (!other) return [];
      return [
        {
          id: Number(l.id),
          type: others[i].type,
          recordId: others[i].id,
          title: other.title,
          orgName: other.orgName,
          note: l.note,
          direction: (l.from_type === ref.type && Number(l.from_id) === ref.id ? 'outgoing' : 'incoming') as 'outgoing' | 'incoming',
          canRemove: isStaff(actor, Number(l.org_id)),
        },
      ];
    });
    return { items, canAdd: isStaff(actor, rec.orgId) };
  }

  app.get(
    '/api/record-links/:type/:id',
    { config: { permission: 'links.read' }, schema: { tags, summary: '记录的关联（双向；只列出调用者可见的记录）', params: LinkParams, response: { 200: LinkListView } } },
    async (req) => {
      const ref = { type: req.params.type, id: req.params.id };
      return list(req, ref, await seen(req, ref));
    },
  );

  app.post(
    '/api/record-links/:type/:id',
    { config: { permission: 'links.manage' }, schema: { tags, summary: '添加关联（本组织办公室）', params: LinkParams, body: LinkAddBody, response: { 200: LinkListView } } },
    async (req) => {
      const ref = { type: req.params.type, id: req.params.id };
      const rec = await seen(req, ref);
      req.authorize(rec.orgId);
      const to: RecordRef = { type: req.body.toType, id: req.body.toId };
      if (to.type === ref.type && to.id === ref.id) throw new AppError(400, 'link_self', { field: 'toId' });
      const target = (await seeRecords(database, req.me(), [to])).get(refKey(to));
      if (!target) throw invalid('toId', 'unknown_ref', { value: to.id });
      const existing = await linksOf(database, ref);
      if (existing.some((l) => (l.from_type === to.type && Number(l.from_id) === to.id) || (l.to_type === to.type && Number(l.to_id) === to.id))) throw new AppError(409, 'link_exists');
      await db.transaction(async (tx) => {
        const [row] = await tx
          .insert(recordLinks)
          .values({ orgId: rec.orgId, fromType: ref.type, fromId: ref.id, toType: to.type, toId: to.id, note: req.body.note, createdByAccountId: req.me().accountId })
          .onConflictDoNothing()
          .returning();
        if (!row) throw new AppError(409, 'link_exists');
        await writeAudit(tx, req.auditActor(), {
          orgId: rec.orgId,
          entityType: 'record_link',
          entityId: row.id,
          action: 'create',
          after: { from: `${ref.type}:${ref.id}`, to: `${to.type}:${to.id}`, fromTitle: rec.title, toTitle: target.title },
        });
      });
      return list(req, ref, rec);
    },
  );

  app.delete(
    '/api/record-links/:id',
    { config: { permission: 'links.manage' }, schema: { tags, summary: '删除关联', params: IdParams, response: { 200: z.object({ ok: z.literal(true) }) } } },
    async (req) => {
      const [link] = await db.select().from(recordLinks).where(eq(recordLinks.id, req.params.id));
      if (!link) throw notFound();
      req.authorize(link.orgId);
      await db.transaction(async (tx) => {
        await tx.delete(recordLinks).where(eq(recordLinks.id, link.id));
        await writeAudit(tx, req.auditActor(), {
          orgId: link.orgId,
          entityType: 'record_link',
          entityId: link.id,
          action: 'delete',
          before: { from: `${link.fromType}:${link.fromId}`, to: `${link.toType}:${link.toId}` },
        });
      });
      return { ok: true as const };
    },
  );

  app.get(
    '/api/orgs/:orgId/link-candidates',
    { config: { permission: 'links.manage' }, schema: { tags, summary: '可关联的本组织记录（按标题查找，最多 20 条）', params: OrgParams, querystring: LinkCandidateQuery, response: { 200: z.object({ items: z.array(LinkCandidate) }) } } },
    async (req) => {
      req.authorize(req.params.orgId);
      const rows = await candidates(database, req.params.orgId, req.query.type as LinkType, req.query.q);
      return { items: rows.map((r) => ({ id: Number(r.id), title: r.title || '（无标题）' })) };
    },
  );
};
export default routes;
