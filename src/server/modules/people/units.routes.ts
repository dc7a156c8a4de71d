import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { FastifyRequest } from 'fastify';
import { UnitCreateBody, UnitListQuery, UnitUpdateBody, UnitView } from '@common/people';
import type { DbOrTx } from '@server/db/client';
import { units } from '@server/db/schema/index';
import { writeAudit } from '@server/lib/audit';
import { AppError, invalid, notFound } from '@server/lib/errors';
import { page, pageResponse } from '@server/lib/paging';
import { IdParams, OrgParams } from '@server/lib/schemas';
import { diff, updateVersioned } from '@server/lib/versioned';
import * as repo from './units.repo';
import { cursorId, missingOrgs } from './people.repo';
import { presentUnit, type UnitRow } from './people.presenter';

const tags = ['people'];

const snapshot = (r: UnitRow) => {
  const { createdAt: _c, updatedAt: _u, version: _v, ...u } = r.u;
  return { ...u, orgIds: presentUnit(r).orgIds };
};

async function assertOrgsExist(db: DbOrTx, orgIds: number[] | undefined): Promise<void> {
  const missing = await missingOrgs(db, orgIds ?? []);
  if (missing.length) throw invalid('orgIds', 'unknown_ref', { value: missing[0] });
}

/** A unit may be read from its owning organization or from any organization it serves. */
function authorizeUnitRead(req: FastifyRequest, r: UnitRow): void {
  const actor = req.me();
  const candidates = [r.u.orgId, ...presentUnit(r).orgIds];
  const orgId = candidates.find((o) => actor.grants.some((g) => g.orgId === o)) ?? r.u.orgId;
  req.authorize(orgId);
}

const routes: FastifyPluginAsyncZod = async (app) => {
  const { db } = app.database;

  app.get(
    '/api/orgs/:orgId/units',
    { config: { permission: 'units.read' }, schema: { tags, summary: '承办单位列表（本组织所属及服务本组织的单位）', params: OrgParams, querystring: UnitListQuery, response: { 200: pageResponse(UnitView) } } },
    async (req) => {
      const { orgId } = req.params;
      req.authorize(orgId);
      const { cursor, limit, ...filter } = req.query;
      const rows = await repo.listUnits(db, orgId, filter, cursorId(cursor), limit + 1);
      const res = page(rows, limit, (r) => [r.u.id]);
      return { items: res.items.map(presentUnit), nextCursor: res.nextCursor };
    },
  );

  app.post(
    '/api/orgs/:orgId/units',
    { config: { permission: 'units.manage' }, schema: { tags, summary: '新增承办单位', params: OrgParams, body: UnitCreateBody, response: { 200: UnitView } } },
    async (req) => {
      const { orgId } = req.params;
      req.authorize(orgId);
      const { orgIds = [orgId], ...fields } = req.body;
      await assertOrgsExist(db, orgIds);
      if ((await repo.existingUnitNames(db, orgId, [fields.name])).size) throw new AppError(409, 'duplicate', { field: 'name', params: { value: fields.name } });
      const id = await db.transaction(async (tx) => {
        const [u] = await repo.insertUnits(tx, [{ ...fields, orgId }]);
        await repo.setUnitOrgs(tx, [{ unitId: u.id, orgIds }]);
        await writeAudit(tx, req.auditActor(), { orgId, entityType: 'unit', entityId: u.id, action: 'create', after: { ...fields, orgIds } });
        return u.id;
      });
      return presentUnit((await repo.getUnit(db, id))!);
    },
  );

  app.get(
    '/api/units/:id',
    { config: { permission: 'units.read' }, schema: { tags, summary: '承办单位详情', params: IdParams, response: { 200: UnitView } } },
    async (req) => {
      const row = await repo.getUnit(db, req.params.id);
      if (!row) throw notFound();
      authorizeUnitRead(req, row);
      return presentUnit(row);
    },
  );

  app.patch(
    '/api/units/:id',
    { config: { permission: 'units.manage' }, schema: { tags, summary: '修改承办单位（仅所属组织）', params: IdParams, body: UnitUpdateBody, response: { 200: UnitView } } },
    async (req) => {
      const before = await repo.getUnit(db, req.params.id);
      if (!before) throw notFound();
      const orgId = before.u.orgId;
      req.authorize(orgId);
      const { version, orgIds, ...set } = req.body;
      await assertOrgsExist(db, orgIds);
      if (set.name !== undefined && set.name !== before.u.name && (await repo.existingUnitNames(db, orgId, [set.name])).size) {
        throw new AppError(409, 'duplicate', { field: 'name', params: { value: set.name } });
      }
      for (const k of Object.keys(set) as Array<keyof typeof set>) if (set[k] === undefined) delete set[k];
      await db.transaction(async (tx) => {
        await updateVersioned(tx, units, before.u.id, version, set);
        if (orgIds) await repo.setUnitOrgs(tx, [{ unitId: before.u.id, orgIds }]);
        const after = await repo.getUnit(tx, before.u.id);
        await writeAudit(tx, req.auditActor(), { orgId, entityType: 'unit', entityId: before.u.id, action: 'update', ...diff(snapshot(before), snapshot(after!)) });
      });
      return presentUnit((await repo.getUnit(db, before.u.id))!);
    },
  );
};
export default routes;
