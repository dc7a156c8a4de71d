import 'fastify';
import type { Lang } from '@common/messages';
import type { Actor } from './lib/context';
import type { Database } from './db/client';
import type { AppConfig } from './config';
import type { AuditActor } from './lib/audit';
import type { RouteInfo } from './app';
import type { SessionCache } from './lib/session-cache';
import type { SessionRow } from './plugins/auth';

declare module 'fastify' {
  interface FastifyRequest {
    actor: Actor | null;
    lang: Lang;
    /** The signed-in caller; throws 401 when there is none. */
    me(): Actor;
    /** Checks the route's declared permission in `orgId` (404 outside the caller's organizations). */
    authorize(orgId: number): Actor;
    auditActor(): AuditActor;
  }
  interface FastifyInstance {
    database: Database;
    config: AppConfig;
    routeList: RouteInfo[];
    /** Sessions held for reads, dropped on every auth change (lib/session-cache.ts). */
    sessionCache: SessionCache<SessionRow>;
  }
  interface FastifyContextConfig {
    /** A permission from a domain policy, or 'authenticated'. */
    permission?: string;
    /** Open to everyone, signed in or not. */
    public?: boolean;
  }
}
