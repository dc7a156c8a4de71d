import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import members from './members.routes';
import collectives from './collectives.routes';
import units from './units.routes';
import excel from './excel.routes';

/** The people domain: members (委员), collective proposers, handling units (承办单位) and their Excel files. */
const routes: FastifyPluginAsyncZod = async (app) => {
  await app.register(members);
  await app.register(collectives);
  await app.register(units);
  await app.register(excel);
};
export default routes;
