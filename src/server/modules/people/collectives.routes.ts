import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { CollectiveCreateBody, CollectiveListQuery, CollectiveUpdateBody, CollectiveView } from '@common/people';
import { collectiveProposers } from '@server/db/schema/index';
import { writeAudit } from '@server/lib/audit';
import { AppError, notFound } from '@server/lib/errors';
import { page, pageResponse } from '@server/lib/paging';
import { IdParams, OrgParams } from '@server/lib/schemas';
import { diff, updateVersioned } from '@server/lib/versioned';
import * as repo from './collectives.repo';
import { assertAccountsInOrg, cursorId } from './people.repo';
import { presentCollective, type CollectiveRow } from './people.presenter';

const tags = ['people'];

const snapshot = (r: CollectiveRow) => {
  const v = presentCollective(r);
  return { kind: v.kind, name: v.name, accountIds: v.agents.map((a) => a.accountId) };
};

const duplicateName = (name: string) => new AppError(409, 'duplicate', { field: 'name', params: { value: name } });

const routes: FastifyPluginAsyncZod = async (app) => {
  const { db } = app.database;

  app.get(
    '/api/orgs/:orgId/collectives',
    { config: { permission: 'collectives.read' }, schema: { tags, summary: '集体提案者列表', params: OrgParams, querystring: CollectiveListQuery, response: { 200: pageResponse(CollectiveView) } } },
    async (req) => {
      const { orgId } = req.params;
      req.authorize(orgId);
      const { cursor, limit, ...filter } = req.query;
      const rows = await repo.listCollectives(db, orgId, filter, cursorId(cursor), limit + 1);
      const res = page(rows, limit, (r) => [r.c.id]);
      return { items: res.items.map(presentCollective), nextCursor: res.nextCursor };
    },
  );

  app.post(
    '/api/orgs/:orgId/collectives',
    { config: { permission: 'collectives.manage' }, schema: { tags, summary: '新增集体提案者', params: OrgParams, body: CollectiveCreateBody, response: { 200: CollectiveView } } },
    async (req) => {
      const { orgId } = req.params;
      req.authorize(orgId);
      const { kind, name, accountIds } = req.body;
      await assertAccountsInOrg(db, orgId, accountIds, 'accountIds');
      if (await repo.collectiveNameTaken(db, orgId, name)) throw duplicateName(name);
      const id = await db.transaction(async (tx) => {
        const c = await repo.insertCollective(tx, { orgId, kind, name });
        await repo.setAgents(tx, c.id, accountIds);
        await writeAudit(tx, req.auditActor(), { orgId, entityType: 'collective', entityId: c.id, action: 'create', after: { kind, name, accountIds } });
        return c.id;
      });
      return presentCollective((await repo.getCollective(db, id))!);
    },
  );

  app.get(
    '/api/collectives/:id',
    { config: { permission: 'collectives.read' }, schema: { tags, summary: '集体提案者详情', params: IdParams, response: { 200: CollectiveView } } },
    async (req) => {
      const row = await repo.getCollective(db, req.params.id);
      if (!row) throw notFound();
      req.authorize(row.c.orgId);
      return presentCollective(row);
    },
  );

  app.patch(
    '/api/collectives/:id',
    { config: { permission: 'collectives.manage' }, schema: { tags, summary: '修改集体提案者', params: IdParams, body: CollectiveUpdateBody, response: { 200: CollectiveView } } },
    async (req) => {
      const before = await repo.getCollective(db, req.params.id);
      if (!before) throw notFound();
      const orgId = before.c.orgId;
      req.authorize(orgId);
      const { version, accountIds, ...rest } = req.body;
      if (accountIds) await assertAccountsInOrg(db, orgId, accountIds, 'accountIds');
      if (rest.name !== undefined && (await repo.collectiveNameTaken(db, orgId, rest.name, before.c.id))) throw duplicateName(rest.name);
      const set: Record<string, unknown> = {};
      if (rest.kind !== undefined) set.kind = rest.kind;
      if (rest.name !== undefined) set.name = rest.name;
      await db.transaction(async (tx) => {
        await updateVersioned(tx, collectiveProposers, before.c.id, version, set);
        if (accountIds) await repo.setAgents(tx, before.c.id, accountIds);
        const after = await repo.getCollective(tx, before.c.id);
        await writeAudit(tx, req.auditActor(), { orgId, entityType: 'collective', entityId: before.c.id, action: 'update', ...diff(snapshot(before), snapshot(after!)) });
      });
      return presentCollective((await repo.getCollective(db, before.c.id))!);
    },
  );
};
export default routes;
