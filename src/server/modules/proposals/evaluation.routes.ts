import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';

/** Placeholder: routes are added by the evaluation slice. */
const evaluationRoutes: FastifyPluginAsyncZod = async () => {};
export default evaluationRoutes;
