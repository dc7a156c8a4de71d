import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';

/** Placeholder: routes are added by the handling slice. */
const handlingRoutes: FastifyPluginAsyncZod = async () => {};
export default handlingRoutes;
