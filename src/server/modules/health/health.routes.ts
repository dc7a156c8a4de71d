import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { sql } from 'drizzle-orm';
import { z } from 'zod';

export const HealthResponse = z.object({ status: z.enum(['ok', 'error']), database: z.object({ kind: z.enum(['pglite', 'postgres']), status: z.enum(['ok', 'error']) }) });

const routes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/api/health',
    { config: { public: true }, schema: { tags: ['system'], summary: '健康检查', response: { 200: HealthResponse, 503: HealthResponse } } },
    async (_req, reply) => {
      const kind = app.database.kind;
      try {
        await app.database.rows(sql`select 1 as ok`);
        return { status: 'ok' as const, database: { kind, status: 'ok' as const } };
      } catch {
        return reply.code(503).send({ status: 'error' as const, database: { kind, status: 'error' as const } });
      }
    },
  );
};
export default routes;
