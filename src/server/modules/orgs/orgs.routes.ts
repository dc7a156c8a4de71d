import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  CATALOGS,
  CatalogCreateBody,
  CatalogItemView,
  CatalogUpdateBody,
  OrgCreateBody,
  OrgUpdateBody,
  OrgView,
  SessionCreateBody,
  SessionUpdateBody,
  SessionView,
  TermCreateBody,
  TermUpdateBody,
  TermView,
  sessionName,
} from '@common/orgs';
import { organizations, plenarySessions, terms } from '@server/db/schema/index';
import { writeAudit } from '@server/lib/audit';
import { AppError, invalid, notFound } from '@server/lib/errors';
import { AUTHENTICATED } from '@server/lib/permissions';
import { IdParams, Ok, OrgParams } from '@server/lib/schemas';
import { diff, updateVersioned } from '@server/lib/versioned';
import { orgIdsOf } from '@server/lib/context';
import * as repo from './orgs.repo';
import { presentOrg, presentSession, presentTerm } from './orgs.presenter';

const CatalogParams = z.object({ catalog: z.enum(CATALOGS) });
const tags = ['orgs'];

const routes: FastifyPluginAsyncZod = async (app) => {
  const { db } = app.database;

  app.get('/api/orgs', { config: { permission: AUTHENTICATED }, schema: { tags, summary: '我可访问的组织（树）', response: { 200: z.object({ items: z.array(OrgView) }) } } }, async (req) => {
    const actor = req.me();
    const rows = await repo.listOrgs(db, actor.isPlatformAdmin ? 'all' : orgIdsOf(actor));
    return { items: rows.map(presentOrg) };
  });

  app.post('/api/orgs', { config: { permission: 'orgs.create' }, schema: { tags, summary: '新建组织（平台管理员）', body: OrgCreateBody, response: { 200: OrgView } } }, async (req) => {
    const actor = req.me();
    if (!actor.isPlatformAdmin) throw new AppError(403, 'forbidden');
    if (req.body.parentId && !(await repo.orgExists(db, req.body.parentId))) throw invalid('parentId', 'unknown_ref', { value: req.body.parentId });
    const row = await db.transaction(async (tx) => {
      const org = await repo.insertOrg(tx, req.body);
      await writeAudit(tx, req.auditActor(), { orgId: org.id, entityType: 'organization', entityId: org.id, action: 'create', after: req.body });
      return org;
    });
    return presentOrg(row);
  });

  app.get('/api/orgs/:orgId', { config: { permission: 'orgs.read' }, schema: { tags, summary: '组织详情', params: OrgParams, response: { 200: OrgView } } }, async (req) => {
    req.authorize(req.params.orgId);
    const org = await repo.getOrg(db, req.params.orgId);
    if (!org) throw notFound();
    return presentOrg(org);
  });

  app.patch('/api/orgs/:orgId', { config: { permission: 'orgs.manage' }, schema: { tags, summary: '修改组织', params: OrgParams, body: OrgUpdateBody, response: { 200: OrgView } } }, async (req) => {
    req.authorize(req.params.orgId);
    const before = await repo.getOrg(db, req.params.orgId);
    if (!before) throw notFound();
    const { version, ...set } = req.body;
    if (set.parentId === req.params.orgId) throw invalid('parentId', 'invalid_option', { options: '' });
    const row = await db.transaction(async (tx) => {
      const after = await updateVersioned(tx, organizations, before.id, version, set);
      await writeAudit(tx, req.auditActor(), { orgId: before.id, entityType: 'organization', entityId: before.id, action: 'update', ...diff(before, after) });
      return after;
    });
    return presentOrg(row);
  });

  // ── Terms (届) ───────────────────────────────────────────────
  app.get('/api/orgs/:orgId/terms', { config: { permission: 'orgs.read' }, schema: { tags, summary: '届列表', params: OrgParams, response: { 200: z.object({ items: z.array(TermView) }) } } }, async (req) => {
    req.authorize(req.params.orgId);
    return { items: (await repo.listTerms(db, req.params.orgId)).map(presentTerm) };
  });

  app.post('/api/orgs/:orgId/terms', { config: { permission: 'orgs.manage' }, schema: { tags, summary: '新建届', params: OrgParams, body: TermCreateBody, response: { 200: TermView } } }, async (req) => {
    req.authorize(req.params.orgId);
    const row = await db.transaction(async (tx) => {
      const t = await repo.insertTerm(tx, { ...req.body, orgId: req.params.orgId });
      await writeAudit(tx, req.auditActor(), { orgId: t.orgId, entityType: 'term', entityId: t.id, action: 'create', after: req.body });
      return t;
    });
    return presentTerm(row);
  });

  app.patch('/api/terms/:id', { config: { permission: 'orgs.manage' }, schema: { tags, summary: '修改届', params: IdParams, body: TermUpdateBody, response: { 200: TermView } } }, async (req) => {
    const before = await repo.getTerm(db, req.params.id);
    if (!before) throw notFound();
    req.authorize(before.orgId);
    const { version, ...set } = req.body;
    const end = set.endDate === undefined ? before.endDate : set.endDate;
    if (end && end < (set.startDate ?? before.startDate)) throw invalid('endDate', 'date_order');
    const row = await db.transaction(async (tx) => {
      const after = await updateVersioned(tx, terms, before.id, version, set);
      await writeAudit(tx, req.auditActor(), { orgId: before.orgId, entityType: 'term', entityId: before.id, action: 'update', ...diff(before, after) });
      return after;
    });
    return presentTerm(row);
  });

  // ── Plenary sessions (次) ────────────────────────────────────
  app.get('/api/orgs/:orgId/sessions', { config: { permission: 'orgs.read' }, schema: { tags, summary: '会议（次）列表', params: OrgParams, response: { 200: z.object({ items: z.array(SessionView) }) } } }, async (req) => {
    req.authorize(req.params.orgId);
    return { items: (await repo.listSessions(db, req.params.orgId)).map(presentSession) };
  });

  app.post('/api/orgs/:orgId/sessions', { config: { permission: 'orgs.manage' }, schema: { tags, summary: '新建会议（次）', params: OrgParams, body: SessionCreateBody, response: { 200: SessionView } } }, async (req) => {
    req.authorize(req.params.orgId);
    const term = await repo.getTerm(db, req.body.termId);
    if (!term || term.orgId !== req.params.orgId) throw invalid('termId', 'unknown_ref', { value: req.body.termId });
    const id = await db.transaction(async (tx) => {
      const s = await repo.insertSession(tx, { ...req.body, name: req.body.name || sessionName(term.number, req.body.number), orgId: req.params.orgId });
      await writeAudit(tx, req.auditActor(), { orgId: s.orgId, entityType: 'session', entityId: s.id, action: 'create', after: { ...req.body, name: s.name } });
      return s.id;
    });
    return presentSession((await repo.getSession(db, id)));
  });

  app.patch('/api/sessions/:id', { config: { permission: 'orgs.manage' }, schema: { tags, summary: '修改会议（次）', params: IdParams, body: SessionUpdateBody, response: { 200: SessionView } } }, async (req) => {
    const found = await repo.getSession(db, req.params.id);
    if (!found) throw notFound();
    const before = found.s;
    req.authorize(before.orgId);
    const { version, ...set } = req.body;
    if ((set.endDate ?? before.endDate) < (set.startDate ?? before.startDate)) throw invalid('endDate', 'date_order');
    await db.transaction(async (tx) => {
      const after = await updateVersioned(tx, plenarySessions, before.id, version, set);
      await writeAudit(tx, req.auditActor(), { orgId: before.orgId, entityType: 'session', entityId: before.id, action: 'update', ...diff(before, after) });
    });
    return presentSession((await repo.getSession(db, before.id)));
  });

  // ── Catalogues: sectors, committees, groups, studios ─────────
  app.get('/api/orgs/:orgId/catalogs/:catalog', { config: { permission: 'orgs.read' }, schema: { tags, summary: '界别/专委会/小组/工作室列表', params: OrgParams.extend(CatalogParams.shape), response: { 200: z.object({ items: z.array(CatalogItemView) }) } } }, async (req) => {
    req.authorize(req.params.orgId);
    return { items: await repo.listCatalog(db, req.params.catalog, req.params.orgId) };
  });

  app.post('/api/orgs/:orgId/catalogs/:catalog', { config: { permission: 'orgs.manage' }, schema: { tags, summary: '新增界别/专委会/小组/工作室', params: OrgParams.extend(CatalogParams.shape), body: CatalogCreateBody, response: { 200: CatalogItemView } } }, async (req) => {
    req.authorize(req.params.orgId);
    const { catalog, orgId } = req.params;
    const values: Record<string, unknown> = { orgId, name: req.body.name };
    if (catalog === 'studios') Object.assign(values, { theme: req.body.theme ?? '', place: req.body.place ?? '' });
    else values.sort = req.body.sort ?? 0;
    return db.transaction(async (tx) => {
      const row = await repo.insertCatalogItem(tx, catalog, values);
      await writeAudit(tx, req.auditActor(), { orgId, entityType: catalog, entityId: row.id, action: 'create', after: values });
      return row;
    });
  });

  app.patch('/api/catalogs/:catalog/:id', { config: { permission: 'orgs.manage' }, schema: { tags, summary: '修改界别/专委会/小组/工作室', params: IdParams.extend(CatalogParams.shape), body: CatalogUpdateBody, response: { 200: CatalogItemView } } }, async (req) => {
    const { catalog, id } = req.params;
    const before = await repo.getCatalogItem(db, catalog, id);
    if (!before) throw notFound();
    req.authorize(before.orgId);
    const { version, ...rest } = req.body;
    const set: Record<string, unknown> = { name: rest.name };
    if (catalog === 'studios') Object.assign(set, { theme: rest.theme, place: rest.place });
    else set.sort = rest.sort;
    for (const k of Object.keys(set)) if (set[k] === undefined) delete set[k];
    return db.transaction(async (tx) => {
      const after = await updateVersioned(tx, repo.catalogTables[catalog], id, version, set);
      await writeAudit(tx, req.auditActor(), { orgId: before.orgId, entityType: catalog, entityId: id, action: 'update', ...diff(before, after) });
      return after;
    });
  });

  app.delete('/api/catalogs/:catalog/:id', { config: { permission: 'orgs.manage' }, schema: { tags, summary: '删除（未被引用时）', params: IdParams.extend(CatalogParams.shape), response: { 200: Ok } } }, async (req) => {
    const { catalog, id } = req.params;
    const before = await repo.getCatalogItem(db, catalog, id);
    if (!before) throw notFound();
    req.authorize(before.orgId);
    await db.transaction(async (tx) => {
      await repo.deleteCatalogItem(tx, catalog, id);
      await writeAudit(tx, req.auditActor(), { orgId: before.orgId, entityType: catalog, entityId: id, action: 'delete', before });
    });
    return { ok: true as const };
  });
};
export default routes;
