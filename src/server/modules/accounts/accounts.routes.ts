import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { and, eq, sql } from 'drizzle-orm';
import {
  AccountCreateBody,
  AccountCreateResponse,
  AccountListQuery,
  AccountUpdateBody,
  AccountView,
  GrantCreateBody,
  GrantCreateResponse,
  GrantInput,
  MeUpdateBody,
  MeView,
  ResetPasswordResponse,
} from '@common/accounts';
import type { Role } from '@common/roles';
import { accounts, roleGrants } from '@server/db/schema/index';
import type { DbOrTx } from '@server/db/client';
import { writeAudit } from '@server/lib/audit';
import type { Actor } from '@server/lib/context';
import { AppError, invalid, notFound } from '@server/lib/errors';
import { decodeCursor, page, pageResponse, PageQuery } from '@server/lib/paging';
import { assertStrongPassword, hashPassword } from '@server/lib/passwords';
import { AUTHENTICATED } from '@server/lib/permissions';
import { IdParams, Ok, OrgParams } from '@server/lib/schemas';
import { diff, updateVersioned } from '@server/lib/versioned';
import * as repo from './accounts.repo';
import { presentAccount, presentMe, temporaryPassword } from './accounts.presenter';

const tags = ['accounts'];
const OrgAccountParams = OrgParams.extend({ id: z.coerce.number().int().positive() });

const pgErr = (err: unknown) => {
  const e = err as { code?: string; constraint?: string; cause?: { code?: string; constraint?: string } };
  return { code: e.cause?.code ?? e.code, constraint: e.cause?.constraint ?? e.constraint ?? '' };
};
const duplicate = (field: string, value: unknown) => new AppError(409, 'duplicate', { field, params: { value } });

/** Turns a unique violation on accounts into 409 naming the field. */
function mapUnique(err: unknown, v: { username?: string; phone?: string | null; role?: string }): never {
  const { code, constraint } = pgErr(err);
  if (code === '23505') {
    if (constraint.includes('phone')) throw duplicate('phone', v.phone ?? '');
    if (constraint.includes('username')) throw duplicate('username', v.username ?? '');
    if (constraint.includes('role_grants')) throw duplicate('role', v.role ?? '');
  }
  throw err;
}

const normPhone = (p: string | null | undefined) => (p === undefined ? undefined : p ? p : null);

type GrantSpec = z.infer<typeof GrantInput>;

/**
 * Checks one grant for an organization: only a platform admin grants platform_admin; a unit_handler grant
 * names a unit that the organization owns or that serves it; other roles name no unit.
 */
async function checkGrant(db: DbOrTx, actor: Actor, orgId: number, g: GrantSpec, prefix = '') {
  if (g.role === 'platform_admin' && !actor.isPlatformAdmin) throw new AppError(403, 'grant_platform_admin', { field: `${prefix}role` });
  const unitId = g.unitId ?? null;
  let unitName: string | null = null;
  if (g.role === 'unit_handler') {
    if (unitId == null) throw invalid(`${prefix}unitId`, 'required');
    const unit = await repo.unitServing(db, unitId, orgId);
    if (!unit) throw invalid(`${prefix}unitId`, 'unknown_ref', { value: unitId });
    unitName = unit.name;
  } else if (unitId != null) {
    throw invalid(`${prefix}unitId`, 'unit_only_for_handler');
  }
  return { role: g.role, unitId, unitName, title: g.title ?? '' };
}

/**
 * Identity changes (profile, password, disabling) reach every organization the account works in, so an org
 * admin may make them only when they administer every organization where the account holds a role.
 */
function assertManageable(actor: Actor, grants: Array<{ orgId: number; role: string }>) {
  if (actor.isPlatformAdmin) return;
  const adminOf = new Set(actor.grants.filter((g) => g.role === 'org_admin').map((g) => g.orgId));
  if (grants.some((g) => g.role === 'platform_admin' || !adminOf.has(g.orgId))) throw new AppError(403, 'account_shared');
}

const routes: FastifyPluginAsyncZod = async (app) => {
  const { db } = app.database;

  /** The account with its grants in `orgId`; 404 when it holds none there. */
  async function loadInOrg(orgId: number, id: number) {
    const account = await repo.getAccount(db, id);
    if (!account) throw notFound();
    const grants = await repo.grantsIn(db, orgId, [id]);
    if (grants.length === 0) throw notFound();
    return { account, grants };
  }

  app.get(
    '/api/orgs/:orgId/accounts',
    {
      config: { permission: 'accounts.read' },
      schema: { tags, summary: '本组织账号列表', params: OrgParams, querystring: AccountListQuery.extend(PageQuery), response: { 200: pageResponse(AccountView) } },
    },
    async (req) => {
      const { orgId } = req.params;
      req.authorize(orgId);
      const { role, q, cursor, limit } = req.query;
      const c = decodeCursor<[number]>(cursor);
      if (c && typeof c[0] !== 'number') throw invalid('cursor', 'invalid_format');
      const rows = await repo.listAccounts(db, orgId, { role, q: q || undefined, beforeId: c?.[0], limit });
      const p = page(rows, limit, (r) => [r.id]);
      const grants = await repo.grantsIn(db, orgId, p.items.map((a) => a.id));
      const byAccount = new Map<number, typeof grants>();
      for (const g of grants) byAccount.set(g.accountId, [...(byAccount.get(g.accountId) ?? []), g]);
      return { items: p.items.map((a) => presentAccount(a, byAccount.get(a.id) ?? [])), nextCursor: p.nextCursor };
    },
  );

  app.post(
    '/api/orgs/:orgId/accounts',
    {
      config: { permission: 'accounts.manage' },
      schema: { tags, summary: '新建账号（未给密码时生成临时密码，仅返回一次）', params: OrgParams, body: AccountCreateBody, response: { 200: AccountCreateResponse } },
    },
    async (req) => {
      const { orgId } = req.params;
      const actor = req.authorize(orgId);
      const body = req.body;
      const phone = normPhone(body.phone) ?? null;
      const checked: Array<Awaited<ReturnType<typeof checkGrant>>> = [];
      const seen = new Set<string>();
      for (const [i, g] of body.grants.entries()) {
        const c = await checkGrant(db, actor, orgId, g, `grants.${i}.`);
        const key = `${c.role}:${c.unitId ?? 0}`;
        if (seen.has(key)) continue;
        seen.add(key);
        checked.push(c);
      }
      if (await repo.findByUsername(db, body.username)) throw duplicate('username', body.username);
      if (phone && (await repo.findByPhone(db, phone))) throw duplicate('phone', phone);
      if (body.password !== undefined) assertStrongPassword(body.password, 'password');
      const initialPassword = body.password === undefined ? temporaryPassword() : undefined;
      const passwordHash = await hashPassword(body.password ?? initialPassword!);
      const { account, grants } = await db
        .transaction(async (tx) => {
          const account = await repo.insertAccount(tx, {
            username: body.username,
            displayName: body.displayName,
            phone,
            email: body.email ?? '',
            passwordHash,
            mustChangePassword: initialPassword !== undefined,
          });
          const grants: Array<repo.GrantRow & { unitName: string | null }> = [];
          for (const c of checked) {
            const g = await repo.insertGrant(tx, { accountId: account.id, orgId, role: c.role, unitId: c.unitId, title: c.title });
            grants.push({ ...g, unitName: c.unitName });
          }
          await writeAudit(tx, req.auditActor(), {
            orgId,
            entityType: 'account',
            entityId: account.id,
            action: 'create',
            after: {
              username: account.username,
              displayName: account.displayName,
              phone: account.phone,
              email: account.email,
              mustChangePassword: account.mustChangePassword,
              grants: grants.map((g) => ({ id: g.id, role: g.role, unitId: g.unitId, title: g.title })),
            },
          });
          return { account, grants };
        })
        .catch((err: unknown) => mapUnique(err, { username: body.username, phone }));
      return { account: presentAccount(account, grants), ...(initialPassword ? { initialPassword } : {}) };
    },
  );

  app.get(
    '/api/orgs/:orgId/accounts/:id',
    { config: { permission: 'accounts.read' }, schema: { tags, summary: '账号详情（本组织的角色）', params: OrgAccountParams, response: { 200: AccountView } } },
    async (req) => {
      req.authorize(req.params.orgId);
      const { account, grants } = await loadInOrg(req.params.orgId, req.params.id);
      return presentAccount(account, grants);
    },
  );

  app.patch(
    '/api/orgs/:orgId/accounts/:id',
    { config: { permission: 'accounts.manage' }, schema: { tags, summary: '修改账号（姓名、联系方式、停用）', params: OrgAccountParams, body: AccountUpdateBody, response: { 200: AccountView } } },
    async (req) => {
      const { orgId, id } = req.params;
      const actor = req.authorize(orgId);
      const { account: before, grants } = await loadInOrg(orgId, id);
      assertManageable(actor, await repo.allGrantsOf(db, id));
      const { version, ...rest } = req.body;
      const set: Record<string, unknown> = {};
      if (rest.displayName !== undefined) set.displayName = rest.displayName;
      if (rest.email !== undefined) set.email = rest.email;
      if (rest.phone !== undefined) set.phone = normPhone(rest.phone);
      if (rest.disabled !== undefined) set.disabled = rest.disabled;
      if (rest.disabled === true && id === actor.accountId) throw new AppError(400, 'cannot_disable_self', { field: 'disabled' });
      if (typeof set.phone === 'string' && (await repo.findByPhone(db, set.phone, id))) throw duplicate('phone', set.phone);
      const after = await db
        .transaction(async (tx) => {
          const after = await updateVersioned(tx, accounts, id, version, set);
          if (after.disabled && !before.disabled) await repo.deleteSessionsOf(tx, id);
          const action = after.disabled !== before.disabled ? (after.disabled ? 'disable' : 'enable') : 'update';
          await writeAudit(tx, req.auditActor(), { orgId, entityType: 'account', entityId: id, action, ...diff(before, after) });
          return after;
        })
        .catch((err: unknown) => mapUnique(err, { phone: set.phone as string }));
      return presentAccount(after, grants);
    },
  );

  app.post(
    '/api/orgs/:orgId/accounts/:id/reset-password',
    { config: { permission: 'accounts.manage' }, schema: { tags, summary: '重置密码（生成临时密码并注销其所有会话）', params: OrgAccountParams, response: { 200: ResetPasswordResponse } } },
    async (req) => {
      const { orgId, id } = req.params;
      const actor = req.authorize(orgId);
      await loadInOrg(orgId, id);
      assertManageable(actor, await repo.allGrantsOf(db, id));
      const temp = temporaryPassword();
      const passwordHash = await hashPassword(temp);
      await db.transaction(async (tx) => {
        await repo.setPassword(tx, id, passwordHash, true);
        await repo.deleteSessionsOf(tx, id);
        await writeAudit(tx, req.auditActor(), { orgId, entityType: 'account', entityId: id, action: 'reset_password', after: { mustChangePassword: true } });
      });
      return { temporaryPassword: temp };
    },
  );

  // ── Role grants ─────────────────────────────────────────────
  app.post(
    '/api/orgs/:orgId/grants',
    { config: { permission: 'accounts.manage' }, schema: { tags, summary: '授予角色', params: OrgParams, body: GrantCreateBody, response: { 200: GrantCreateResponse } } },
    async (req) => {
      const { orgId } = req.params;
      const actor = req.authorize(orgId);
      const account = await repo.getAccount(db, req.body.accountId);
      if (!account) throw notFound();
      // An org admin sees only accounts already working in the organization; a platform admin sees every account.
      if (!actor.isPlatformAdmin && (await repo.grantsIn(db, orgId, [account.id])).length === 0) throw notFound();
      const c = await checkGrant(db, actor, orgId, req.body);
      if (await repo.findGrant(db, account.id, orgId, c.role, c.unitId)) throw duplicate('role', c.role);
      const grant = await db
        .transaction(async (tx) => {
          const g = await repo.insertGrant(tx, { accountId: account.id, orgId, role: c.role, unitId: c.unitId, title: c.title });
          await writeAudit(tx, req.auditActor(), {
            orgId,
            entityType: 'grant',
            entityId: g.id,
            action: 'create',
            after: { accountId: account.id, username: account.username, role: g.role, unitId: g.unitId, title: g.title },
          });
          return g;
        })
        .catch((err: unknown) => mapUnique(err, { role: c.role }));
      return { id: grant.id, accountId: grant.accountId, orgId: grant.orgId, role: grant.role as Role, unitId: grant.unitId, unitName: c.unitName, title: grant.title };
    },
  );

  app.delete(
    '/api/grants/:id',
    { config: { permission: 'accounts.manage' }, schema: { tags, summary: '收回角色', params: IdParams, response: { 200: Ok } } },
    async (req) => {
      const grant = await repo.getGrant(db, req.params.id);
      if (!grant) throw notFound();
      const actor = req.authorize(grant.orgId);
      if (grant.role === 'platform_admin' && !actor.isPlatformAdmin) throw new AppError(403, 'grant_platform_admin', { field: 'role' });
      await db.transaction(async (tx) => {
        if (grant.accountId === actor.accountId && (grant.role === 'org_admin' || grant.role === 'platform_admin')) {
          // Locked, so two concurrent removals cannot both see "another one remains".
          const same = await tx
            .select({ id: roleGrants.id })
            .from(roleGrants)
            .where(
              and(
                eq(roleGrants.accountId, actor.accountId),
                eq(roleGrants.role, grant.role),
                grant.role === 'org_admin' ? eq(roleGrants.orgId, grant.orgId) : sql`true`,
              ),
            )
            .for('update');
          const isLast = same.filter((g) => g.id !== grant.id).length === 0;
          if (isLast && (grant.role === 'platform_admin' || !actor.isPlatformAdmin)) throw new AppError(400, 'last_admin_grant', { field: 'role' });
        }
        await repo.deleteGrant(tx, grant.id);
        await writeAudit(tx, req.auditActor(), {
          orgId: grant.orgId,
          entityType: 'grant',
          entityId: grant.id,
          action: 'delete',
          before: { accountId: grant.accountId, role: grant.role, unitId: grant.unitId, title: grant.title },
        });
      });
      return { ok: true as const };
    },
  );

  // ── My profile ──────────────────────────────────────────────
  app.get('/api/me', { config: { permission: AUTHENTICATED }, schema: { tags, summary: '我的资料', response: { 200: MeView } } }, async (req) => {
    const account = await repo.getAccount(db, req.me().accountId);
    if (!account) throw notFound();
    return presentMe(account);
  });

  app.patch(
    '/api/me',
    { config: { permission: AUTHENTICATED }, schema: { tags, summary: '修改我的资料（姓名、邮箱、手机、语言）', body: MeUpdateBody, response: { 200: MeView } } },
    async (req) => {
      const actor = req.me();
      const before = await repo.getAccount(db, actor.accountId);
      if (!before) throw notFound();
      const { version, ...rest } = req.body;
      const set: Record<string, unknown> = {};
      if (rest.displayName !== undefined) set.displayName = rest.displayName;
      if (rest.email !== undefined) set.email = rest.email;
      if (rest.phone !== undefined) set.phone = normPhone(rest.phone);
      if (rest.locale !== undefined) set.locale = rest.locale;
      if (typeof set.phone === 'string' && (await repo.findByPhone(db, set.phone, actor.accountId))) throw duplicate('phone', set.phone);
      const after = await db
        .transaction(async (tx) => {
          const after = await updateVersioned(tx, accounts, actor.accountId, version, set);
          await writeAudit(tx, req.auditActor(), { orgId: null, entityType: 'account', entityId: actor.accountId, action: 'update_profile', ...diff(before, after) });
          return after;
        })
        .catch((err: unknown) => mapUnique(err, { phone: set.phone as string }));
      return presentMe(after);
    },
  );
};
export default routes;
