import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';

/** Placeholder: routes are added by the stats slice. */
const statsRoutes: FastifyPluginAsyncZod = async () => {};
export default statsRoutes;
