import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { eq } from 'drizzle-orm';
import { AuthChangePasswordBody, AuthLoginBody, AuthMeResponse, AuthSwitchOrgBody } from '@common/auth';
import { accounts } from '@server/db/schema/index';
import { AppError } from '@server/lib/errors';
import { assertStrongPassword, hashPassword, verifyPassword } from '@server/lib/passwords';
import { writeAudit } from '@server/lib/audit';
import { AUTHENTICATED } from '@server/lib/permissions';
import type { Actor } from '@server/lib/context';
import { SESSION_COOKIE } from '@server/plugins/auth';
import { login } from './commands/login';
import * as repo from './auth.repo';

const Ok = z.object({ ok: z.literal(true) });

const routes: FastifyPluginAsyncZod = async (app) => {
  const cookieOpts = (secure: boolean, expires?: Date) => ({ path: '/', httpOnly: true, sameSite: 'lax' as const, secure, expires });
  const isSecure = (protocol: string) => (app.config.cookieSecure === 'auto' ? protocol === 'https' : app.config.cookieSecure);

  async function present(actor: Actor) {
    const grants = await repo.grantViews(app.database.db, actor.accountId);
    const orgs = actor.isPlatformAdmin ? await repo.allOrgs(app.database.db) : await repo.orgsByIds(app.database.db, [...new Set(grants.map((g) => g.orgId))]);
    return {
      accountId: actor.accountId,
      username: actor.username,
      displayName: actor.displayName,
      locale: actor.locale,
      activeOrgId: actor.activeOrgId,
      isPlatformAdmin: actor.isPlatformAdmin,
      mustChangePassword: actor.mustChangePassword,
      csrfToken: actor.csrfToken,
      grants: grants.map((g) => ({ ...g, role: g.role as z.infer<typeof AuthMeResponse>['grants'][number]['role'] })),
      orgs,
    };
  }

  app.post(
    '/api/auth/login',
    {
      config: { public: true, rateLimit: { max: app.config.loginRatePerMinute, timeWindow: '1 minute' } },
      schema: { tags: ['auth'], summary: '登录（账号或手机号 + 密码）', body: AuthLoginBody, response: { 200: Ok } },
    },
    async (req, reply) => {
      const res = await login(app.database, app.config, { ...req.body, ip: req.ip, userAgent: String(req.headers['user-agent'] ?? ''), requestId: String(req.id) });
      reply.setCookie(SESSION_COOKIE, res.token, cookieOpts(isSecure(req.protocol), res.expiresAt));
      return { ok: true as const };
    },
  );

  app.post('/api/auth/logout', { config: { permission: AUTHENTICATED }, schema: { tags: ['auth'], summary: '退出登录', response: { 200: Ok } } }, async (req, reply) => {
    const actor = req.me();
    await repo.deleteSession(app.database.db, actor.sessionHash);
    reply.clearCookie(SESSION_COOKIE, { path: '/' });
    return { ok: true as const };
  });

  app.get('/api/auth/me', { config: { permission: AUTHENTICATED }, schema: { tags: ['auth'], summary: '当前用户、角色与 CSRF 令牌', response: { 200: AuthMeResponse } } }, async (req) => present(req.me()));

  app.post(
    '/api/auth/switch-org',
    { config: { permission: AUTHENTICATED }, schema: { tags: ['auth'], summary: '切换当前组织', body: AuthSwitchOrgBody, response: { 200: AuthMeResponse } } },
    async (req) => {
      const actor = req.authorize(req.body.orgId);
      await repo.setActiveOrg(app.database.db, actor.sessionHash, req.body.orgId);
      await app.database.db.update(accounts).set({ lastOrgId: req.body.orgId }).where(eq(accounts.id, actor.accountId));
      return present({ ...actor, activeOrgId: req.body.orgId });
    },
  );

  app.post(
    '/api/auth/password',
    { config: { permission: AUTHENTICATED, rateLimit: { max: 10, timeWindow: '1 minute' } }, schema: { tags: ['auth'], summary: '修改本人密码', body: AuthChangePasswordBody, response: { 200: Ok } } },
    async (req) => {
      const actor = req.me();
      const account = await repo.getAccount(app.database.db, actor.accountId);
      if (!(await verifyPassword(account.passwordHash, req.body.currentPassword))) throw new AppError(400, 'wrong_password', { field: 'currentPassword' });
      assertStrongPassword(req.body.newPassword);
      const hashed = await hashPassword(req.body.newPassword);
      await app.database.db.transaction(async (tx) => {
        await repo.setPassword(tx, actor.accountId, hashed, false);
        await repo.deleteSessionsOf(tx, actor.accountId, actor.sessionHash);
        await writeAudit(tx, req.auditActor(), { orgId: null, entityType: 'account', entityId: actor.accountId, action: 'change_password' });
      });
      return { ok: true as const };
    },
  );
};
export default routes;
