import fs from 'node:fs';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import Fastify, { type FastifyInstance } from 'fastify';
import cookie from '@fastify/cookie';
import rateLimit from '@fastify/rate-limit';
import multipart from '@fastify/multipart';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import fastifyStatic from '@fastify/static';
import { jsonSchemaTransform, serializerCompiler, validatorCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import type { AppConfig } from './config';
import type { Database } from './db/client';
import errors from './plugins/errors';
import auth from './plugins/auth';
import inflight from './plugins/inflight';
import { modules } from './modules/index';
import { SessionCache } from './lib/session-cache';
import { acquireConfigCache, releaseConfigCache } from './lib/config-cache';
import type { SessionRow } from './plugins/auth';

export const WEB_DIST = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../dist/web');

export interface RouteInfo {
  method: string;
  url: string;
  config: { permission?: string; public?: boolean };
}

export interface BuildOptions {
  config: AppConfig;
  database: Database;
  logger?: boolean;
  /** Serve the built web app from dist/web (off in tests). */
  serveWeb?: boolean;
  /** How long app.close() waits, at most, for requests still being handled (plugins/inflight.ts). */
  closeDrainMs?: number;
}

/** Builds the Fastify app: external plugins → app plugins → domain modules → web. */
export async function buildApp(opts: BuildOptions): Promise<FastifyInstance> {
  const app = Fastify({
    logger: opts.logger ? { level: opts.config.logLevel } : false,
    genReqId: () => randomUUID(),
    trustProxy: true,
    bodyLimit: 20 * 1024 * 1024,
  }).withTypeProvider<ZodTypeProvider>();
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  app.decorate('database', opts.database);
  app.decorate('config', opts.config);
  const sessionCache = new SessionCache<SessionRow>(opts.database, {
    ttlMs: opts.config.sessionCacheSeconds * 1000,
    log: (msg, err) => app.log.warn({ err }, msg),
  });
  app.decorate('sessionCache', sessionCache);
  await sessionCache.start();
  app.addHook('onClose', () => sessionCache.close());
  // The working-day calendar and the organizations' settings, held in memory (lib/config-cache.ts).
  await acquireConfigCache(opts.database, { ttlMs: opts.config.sessionCacheSeconds * 1000, log: (msg, err) => app.log.warn({ err }, msg) });
  app.addHook('onClose', () => releaseConfigCache(opts.database));
  // Every route as registered, for the route-coverage tests (permission declared, other-organization 404).
  const routeList: RouteInfo[] = [];
  app.decorate('routeList', routeList);
  app.addHook('onRoute', (r) => {
    const methods = Array.isArray(r.method) ? r.method : [r.method];
    for (const m of methods) if (m !== 'HEAD') routeList.push({ method: String(m), url: r.url, config: (r.config ?? {}) as RouteInfo['config'] });
  });

  // First, so every route's handler is tracked: app.close() waits for requests still being handled.
  await app.register(inflight, { drainMs: opts.closeDrainMs });
  await app.register(cookie);
  await app.register(rateLimit, { global: false });
  await app.register(multipart, { limits: { fileSize: 20 * 1024 * 1024, files: 1 } });
  await app.register(swagger, {
    openapi: {
      info: { title: 'Xieshang 协商 API', version: '0.1.0', description: '政协履职工作平台 JSON API。错误统一为 {code, message, field}。' },
      components: {
        securitySchemes: {
          session: { type: 'apiKey', in: 'cookie', name: 'xs_session' },
          csrf: { type: 'apiKey', in: 'header', name: 'X-CSRF-Token' },
        },
      },
    },
    transform: jsonSchemaTransform,
  });
  await app.register(swaggerUi, { routePrefix: '/api/docs' });
  await app.register(errors);
  await app.register(auth);

  app.get('/api/openapi.json', { config: { public: true }, schema: { hide: true } }, async () => app.swagger());

  for (const mod of modules) await app.register(mod);

  if (opts.serveWeb && fs.existsSync(WEB_DIST)) {
    await app.register(fastifyStatic, { root: WEB_DIST, wildcard: false });
    app.get('/*', { config: { public: true }, schema: { hide: true } }, (req, reply) => {
      // A missing API route or build asset is a real 404, never the page (which would be served as JavaScript).
      if (req.url.startsWith('/api/') || req.url.startsWith('/assets/')) return reply.callNotFound();
      return reply.sendFile('index.html');
    });
  }
  return app;
}
