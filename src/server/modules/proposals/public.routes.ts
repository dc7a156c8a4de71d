import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';

/** Placeholder: routes are added by the public slice. */
const publicRoutes: FastifyPluginAsyncZod = async () => {};
export default publicRoutes;
