import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { ImportQuery, ImportResponse, MemberFilterQuery, UnitFilterQuery } from '@common/people';
import { OrgParams } from '@server/lib/schemas';
import { parseSheet, readUpload, sendXlsx } from './excel';
import { exportMembers, importMembers, MEMBER_COLUMNS, memberTemplate } from './members.excel';
import { exportUnits, importUnits, UNIT_COLUMNS, unitTemplate } from './units.excel';
import { contactVisibility } from './people.presenter';

const tags = ['people'];
const stamp = () => new Date().toISOString().slice(0, 10).replace(/-/g, '');
const uploadDoc = { consumes: ['multipart/form-data'] };

/** Excel (.xlsx) export, import templates and import (preview / commit) of members and units. */
const routes: FastifyPluginAsyncZod = async (app) => {
  const { database } = app;

  app.get(
    '/api/orgs/:orgId/members/export.xlsx',
    { config: { permission: 'members.read' }, schema: { tags, summary: '导出委员（Excel）', params: OrgParams, querystring: MemberFilterQuery } },
    async (req, reply) => {
      const { orgId } = req.params;
      const actor = req.authorize(orgId);
      const buf = await exportMembers(database.db, orgId, req.query, contactVisibility(actor, orgId));
      return sendXlsx(reply, `委员名单-${stamp()}.xlsx`, buf);
    },
  );

  app.get(
    '/api/orgs/:orgId/members/import-template.xlsx',
    { config: { permission: 'members.manage' }, schema: { tags, summary: '委员导入模板', params: OrgParams } },
    async (req, reply) => {
      req.authorize(req.params.orgId);
      return sendXlsx(reply, '委员导入模板.xlsx', await memberTemplate());
    },
  );

  app.post(
    '/api/orgs/:orgId/members/import',
    { config: { permission: 'members.manage' }, schema: { tags, summary: '导入委员（mode=preview 预检 / commit 写入）', params: OrgParams, querystring: ImportQuery, ...uploadDoc, response: { 200: ImportResponse } } },
    async (req) => {
      const { orgId } = req.params;
      req.authorize(orgId);
      const sheet = await parseSheet(await readUpload(req), MEMBER_COLUMNS);
      return importMembers(database, orgId, req.query.mode, req.lang, sheet, req.auditActor());
    },
  );

  app.get(
    '/api/orgs/:orgId/units/export.xlsx',
    { config: { permission: 'units.read' }, schema: { tags, summary: '导出承办单位（Excel）', params: OrgParams, querystring: UnitFilterQuery } },
    async (req, reply) => {
      const { orgId } = req.params;
      req.authorize(orgId);
      return sendXlsx(reply, `承办单位-${stamp()}.xlsx`, await exportUnits(database.db, orgId, req.query));
    },
  );

  app.get(
    '/api/orgs/:orgId/units/import-template.xlsx',
    { config: { permission: 'units.manage' }, schema: { tags, summary: '承办单位导入模板', params: OrgParams } },
    async (req, reply) => {
      req.authorize(req.params.orgId);
      return sendXlsx(reply, '承办单位导入模板.xlsx', await unitTemplate());
    },
  );

  app.post(
    '/api/orgs/:orgId/units/import',
    { config: { permission: 'units.manage' }, schema: { tags, summary: '导入承办单位（mode=preview 预检 / commit 写入）', params: OrgParams, querystring: ImportQuery, ...uploadDoc, response: { 200: ImportResponse } } },
    async (req) => {
      const { orgId } = req.params;
      req.authorize(orgId);
      const sheet = await parseSheet(await readUpload(req), UNIT_COLUMNS);
      return importUnits(database, orgId, req.query.mode, req.lang, sheet, req.auditActor());
    },
  );
};
export default routes;
