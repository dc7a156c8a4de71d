import { createHash } from 'node:crypto';
import fp from 'fastify-plugin';
import { eq, sql } from 'drizzle-orm';
import type { FastifyRequest } from 'fastify';
import type { Lang } from '@common/messages';
import type { Role } from '@common/roles';
import { authSessions } from '@server/db/schema/index';
import { AppError } from '@server/lib/errors';
import { AUTHENTICATED, rolesFor } from '@server/lib/permissions';
import { auditActor, authorizeOrg, type Actor } from '@server/lib/context';
import type { CachedSession } from '@server/lib/session-cache';
import { clearConfigCache } from '@server/lib/config-cache';

export const SESSION_COOKIE = 'xs_session';
export const CSRF_HEADER = 'x-csrf-token';
const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

export const hashToken = (token: string) => createHash('sha256').update(token).digest('hex');

function langOf(req: FastifyRequest, fallback?: string): Lang {
  const h = String(req.headers['x-lang'] ?? '').toLowerCase();
  if (h.startsWith('en')) return 'en';
  if (h.startsWith('zh')) return 'zh-CN';
  if (fallback === 'en') return 'en';
  return 'zh-CN';
}

/** What a session resolves to: the session, its account and the account's grants. */
export interface SessionRow {
  activeOrgId: number | null;
  csrfToken: string;
  lastSeenAt: number;
  id: number;
  username: string;
  displayName: string;
  locale: string;
  disabled: boolean;
  mustChangePassword: boolean;
  grants: Array<{ id: number; orgId: number; role: string; unitId: number | null; title: string }>;
}

/** The session, its account and the account's grants, in one round trip; null when missing or expired. */
async function readSession(req: FastifyRequest, tokenHash: string): Promise<CachedSession<SessionRow> | null> {
  const [row] = await req.server.database.rows<
    Omit<SessionRow, 'grants' | 'lastSeenAt'> & { grants: SessionRow['grants'] | string; lastSeenAt: Date | string; expiresAt: Date | string }
  >(sql`
    select s.active_org_id as "activeOrgId", s.csrf_token as "csrfToken", s.last_seen_at as "lastSeenAt", s.expires_at as "expiresAt",
           a.id, a.username, a.display_name as "displayName", a.locale, a.disabled, a.must_change_password as "mustChangePassword",
           coalesce((select json_agg(json_build_object('id', g.id, 'orgId', g.org_id, 'role', g.role, 'unitId', g.unit_id, 'title', g.title) order by g.id)
                     from role_grants g where g.account_id = a.id), '[]'::json) as grants
      from auth_sessions s join accounts a on a.id = s.account_id
     where s.token_hash = ${tokenHash} and s.expires_at > now()`);
  if (!row) return null;
  const grants = typeof row.grants === 'string' ? (JSON.parse(row.grants) as SessionRow['grants']) : row.grants;
  const time = (v: Date | string) => (v instanceof Date ? v : new Date(v)).getTime();
  return {
    accountId: row.id,
    expiresAt: time(row.expiresAt),
    value: { ...row, grants, lastSeenAt: time(row.lastSeenAt) },
  };
}

/**
 * Loads the actor for a session token hash, or null when the session is missing, expired or its account disabled.
 * Reads (`useCache`) are served from the instance's session cache when it holds the session (see
 * lib/session-cache.ts for why that is safe); everything else reads the database.
 */
export async function loadActor(req: FastifyRequest, tokenHash: string, useCache = false): Promise<Actor | null> {
  const cache = req.server.sessionCache;
  let session = useCache ? cache.get(tokenHash) : null;
  if (!session) {
    const mark = cache.mark();
    session = await readSession(req, tokenHash);
    if (!session) return null;
    cache.set(tokenHash, session, mark);
  }
  const row = session.value;
  if (row.disabled) return null;
  const ttlMs = req.server.config.sessionTtlHours * 3600_000;
  // Sliding expiry, written at most once a minute so reads stay reads.
  if (Date.now() - row.lastSeenAt > 60_000) {
    const now = Date.now();
    await req.server.database.db
      .update(authSessions)
      .set({ lastSeenAt: new Date(now), expiresAt: new Date(now + ttlMs) })
      .where(eq(authSessions.tokenHash, tokenHash));
    cache.patch(tokenHash, (v) => ({ ...v, expiresAt: now + ttlMs, value: { ...v.value, lastSeenAt: now } }));
  }
  const { grants } = row;
  const isPlatformAdmin = grants.some((g) => g.role === 'platform_admin');
  const orgIds = new Set(grants.map((g) => g.orgId));
  let activeOrgId = row.activeOrgId;
  if (activeOrgId == null || (!orgIds.has(activeOrgId) && !isPlatformAdmin)) activeOrgId = grants[0]?.orgId ?? null;
  return {
    accountId: row.id,
    username: row.username,
    displayName: row.displayName,
    locale: row.locale === 'en' ? 'en' : 'zh-CN',
    grants: grants.map((g) => ({ id: g.id, orgId: g.orgId, role: g.role as Role, unitId: g.unitId, title: g.title })),
    activeOrgId,
    isPlatformAdmin,
    sessionHash: tokenHash,
    csrfToken: row.csrfToken,
    mustChangePassword: row.mustChangePassword,
  };
}

/**
 * Resolves the session, enforces the route's declared access and CSRF. Every route must declare
 * `config.permission` or `config.public`; registration fails otherwise, so no route is left open by accident.
 */
export default fp(async (app) => {
  app.decorateRequest('actor', null);
  app.decorateRequest('lang', 'zh-CN');
  app.decorateRequest('me', function (this: FastifyRequest) {
    if (!this.actor) throw new AppError(401, 'unauthenticated');
    return this.actor;
  });
  app.decorateRequest('authorize', function (this: FastifyRequest, orgId: number) {
    const actor = this.me();
    const permission = this.routeOptions.config.permission;
    if (!permission) throw new Error(`route ${this.routeOptions.url} declares no permission`);
    if (permission === AUTHENTICATED) {
      if (!actor.isPlatformAdmin && !actor.grants.some((g) => g.orgId === orgId)) throw new AppError(404, 'not_found');
      return actor;
    }
    authorizeOrg(actor, orgId, permission);
    return actor;
  });
  app.decorateRequest('auditActor', function (this: FastifyRequest) {
    return auditActor(this.actor, String(this.id));
  });

  app.addHook('onRoute', (route) => {
    if (!route.url.startsWith('/api/')) return;
    // The browsable API view (swagger-ui's own routes) is public documentation.
    if (route.url === '/api/docs' || route.url.startsWith('/api/docs/')) {
      route.config = { ...(route.config ?? {}), public: true };
      return;
    }
    const cfg = (route.config ?? {}) as { permission?: string; public?: boolean };
    if (route.method === 'HEAD') return;
    if (!cfg.public && !cfg.permission) throw new Error(`Route ${String(route.method)} ${route.url} declares neither a permission nor public`);
    if (cfg.permission && cfg.permission !== AUTHENTICATED && !rolesFor(cfg.permission)) {
      throw new Error(`Route ${String(route.method)} ${route.url} names unknown permission ${cfg.permission}`);
    }
  });

  // A change this instance made is visible to its next read at once (its notification arrives a moment later).
  app.addHook('onResponse', async (req, reply) => {
    if (UNSAFE.has(req.method) && reply.statusCode < 400) app.sessionCache.clear();
  });
  // The same for the configuration cache, before the answer leaves (a client may read right after a settings change).
  app.addHook('onSend', async (req, reply) => {
    if (UNSAFE.has(req.method) && reply.statusCode < 400) clearConfigCache(app.database.db);
  });

  app.addHook('onRequest', async (req) => {
    req.lang = langOf(req);
    const token = req.cookies[SESSION_COOKIE];
    if (token) {
      req.actor = await loadActor(req, hashToken(token), !UNSAFE.has(req.method));
      if (req.actor && !req.headers['x-lang']) req.lang = req.actor.locale;
    }
    const cfg = req.routeOptions.config;
    if (!req.routeOptions.url || !req.url.startsWith('/api/') || cfg.public) {
      // Public state-changing endpoints (login) only take JSON bodies, which a cross-site form cannot send.
      return;
    }
    if (!req.actor) throw new AppError(401, 'unauthenticated');
    if (UNSAFE.has(req.method) && req.headers[CSRF_HEADER] !== req.actor.csrfToken) throw new AppError(403, 'csrf');
  });
});
