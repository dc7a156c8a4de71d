import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { MemberCreateBody, MemberListQuery, MemberSummaryView, MemberUpdateBody, MemberView } from '@common/people';
import type { DbOrTx } from '@server/db/client';
import { committees, memberGroups, members, sectors, studios, terms } from '@server/db/schema/index';
import { writeAudit } from '@server/lib/audit';
import { AppError, notFound } from '@server/lib/errors';
import { page, pageResponse } from '@server/lib/paging';
import { IdParams, OrgParams } from '@server/lib/schemas';
import { inReadSnapshot } from '@server/lib/snapshot';
import { diff, updateVersioned } from '@server/lib/versioned';
import * as repo from './members.repo';
import { assertAccountsInOrg, assertInOrg, cursorId } from './people.repo';
import { contactVisibility, memberSnapshot, presentMember } from './people.presenter';

const tags = ['people'];

/**
 * Every sector, group, term, committee and studio a member refers to must belong to the member's
 * organization; a linked account must hold a role there and not already be linked to another member.
 */
export async function assertMemberRefs(
  db: DbOrTx,
  orgId: number,
  b: { sectorId?: number | null; groupId?: number | null; termIds?: number[]; committeeIds?: number[]; studioIds?: number[]; accountId?: number | null },
  memberId?: number,
): Promise<void> {
  await assertInOrg(db, sectors, orgId, [b.sectorId], 'sectorId');
  await assertInOrg(db, memberGroups, orgId, [b.groupId], 'groupId');
  await assertInOrg(db, terms, orgId, b.termIds ?? [], 'termIds');
  await assertInOrg(db, committees, orgId, b.committeeIds ?? [], 'committeeIds');
  await assertInOrg(db, studios, orgId, b.studioIds ?? [], 'studioIds');
  if (b.accountId != null) {
    await assertAccountsInOrg(db, orgId, [b.accountId], 'accountId');
    if (await repo.accountLinked(db, orgId, b.accountId, memberId)) throw new AppError(409, 'duplicate', { field: 'accountId', params: { value: b.accountId } });
  }
}

const routes: FastifyPluginAsyncZod = async (app) => {
  const { db } = app.database;

  app.get(
    '/api/orgs/:orgId/members',
    { config: { permission: 'members.read' }, schema: { tags, summary: '委员列表', params: OrgParams, querystring: MemberListQuery, response: { 200: pageResponse(MemberView) } } },
    async (req) => {
      const { orgId } = req.params;
      const actor = req.authorize(orgId);
      const { cursor, limit, ...filter } = req.query;
      const rows = await repo.listMembers(db, orgId, filter, cursorId(cursor), limit + 1);
      const res = page(rows, limit, (r) => [r.m.id]);
      const sees = contactVisibility(actor, orgId);
      return { items: res.items.map((r) => presentMember(r, sees(r.m.accountId))), nextCursor: res.nextCursor };
    },
  );

  app.get(
    '/api/orgs/:orgId/members/summary',
    {
      config: { permission: 'members.read' },
      schema: {
        tags,
        summary: '本届委员统计：按界别、性别、专门委员会计数（在用且属本届的委员）',
        params: OrgParams,
        response: { 200: MemberSummaryView },
      },
    },
    async (req) => {
      const { orgId } = req.params;
      req.authorize(orgId);
      // One snapshot, so the total and the groupings agree even while members are being edited or imported.
      return inReadSnapshot(db, async (tx) => repo.memberSummary(tx, orgId, await repo.currentTerm(tx, orgId)));
    },
  );

  app.post(
    '/api/orgs/:orgId/members',
    { config: { permission: 'members.manage' }, schema: { tags, summary: '新增委员', params: OrgParams, body: MemberCreateBody, response: { 200: MemberView } } },
    async (req) => {
      const { orgId } = req.params;
      req.authorize(orgId);
      const { termIds, committeeIds, studioIds, ...fields } = req.body;
      await assertMemberRefs(db, orgId, req.body);
      const id = await db.transaction(async (tx) => {
        const [m] = await repo.insertMembers(tx, [{ ...fields, orgId }]);
        await repo.setMemberLinks(tx, [{ memberId: m.id, links: { termIds, committeeIds, studioIds } }]);
        const row = await repo.getMember(tx, m.id);
        await writeAudit(tx, req.auditActor(), { orgId, entityType: 'member', entityId: m.id, action: 'create', after: memberSnapshot(row!) });
        return m.id;
      });
      return presentMember((await repo.getMember(db, id))!, true);
    },
  );

  app.get(
    '/api/members/:id',
    { config: { permission: 'members.read' }, schema: { tags, summary: '委员详情', params: IdParams, response: { 200: MemberView } } },
    async (req) => {
      const row = await repo.getMember(db, req.params.id);
      if (!row) throw notFound();
      const actor = req.authorize(row.m.orgId);
      return presentMember(row, contactVisibility(actor, row.m.orgId)(row.m.accountId));
    },
  );

  app.patch(
    '/api/members/:id',
    { config: { permission: 'members.manage' }, schema: { tags, summary: '修改委员', params: IdParams, body: MemberUpdateBody, response: { 200: MemberView } } },
    async (req) => {
      const before = await repo.getMember(db, req.params.id);
      if (!before) throw notFound();
      const orgId = before.m.orgId;
      req.authorize(orgId);
      const { version, termIds, committeeIds, studioIds, ...set } = req.body;
      await assertMemberRefs(db, orgId, req.body, before.m.id);
      for (const k of Object.keys(set) as Array<keyof typeof set>) if (set[k] === undefined) delete set[k];
      await db.transaction(async (tx) => {
        await updateVersioned(tx, members, before.m.id, version, set);
        await repo.setMemberLinks(tx, [{ memberId: before.m.id, links: { termIds, committeeIds, studioIds } }]);
        const after = await repo.getMember(tx, before.m.id);
        await writeAudit(tx, req.auditActor(), { orgId, entityType: 'member', entityId: before.m.id, action: 'update', ...diff(memberSnapshot(before), memberSnapshot(after!)) });
      });
      return presentMember((await repo.getMember(db, before.m.id))!, true);
    },
  );
};
export default routes;
