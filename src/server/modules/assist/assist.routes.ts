import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ProposalSuggestions } from '@common/assist';
import { notFound } from '@server/lib/errors';
import { loadVisible } from '../proposals/proposals.access';
import { AssistModels, suggestionsFor } from './assist.service';

const tags = ['assist'];

/** The office's suggestions (category, lead and co-units) at review and assignment. */
const assistRoutes: FastifyPluginAsyncZod = async (app) => {
  const { db } = app.database;
  // one model-building worker per app, started on the first suggestion, stopped on close
  const models = new AssistModels(db, { log: (msg, err) => app.log.warn({ err }, msg) });
  app.addHook('onClose', () => models.close());

  app.get(
    '/api/orgs/:orgId/proposals/:id/suggestions',
    {
      config: { permission: 'proposals.review' },
      schema: {
        tags,
        summary: '分类与承办单位建议（含依据）',
        params: z.object({ orgId: z.coerce.number().int().positive(), id: z.coerce.number().int().positive() }),
        response: { 200: ProposalSuggestions },
      },
    },
    async (req) => {
      const { row } = await loadVisible(req, db, req.params.id);
      if (row.orgId !== req.params.orgId) throw notFound();
      return suggestionsFor(models, row);
    },
  );
};

export default assistRoutes;
