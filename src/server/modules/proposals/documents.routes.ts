import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';

/** Placeholder: routes are added by the documents slice. */
const documentsRoutes: FastifyPluginAsyncZod = async () => {};
export default documentsRoutes;
