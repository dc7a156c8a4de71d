import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { SearchQuery, SearchResponse, SimilarDraftBody, SimilarResponse } from '@common/search';
import { IdParams, OrgParams } from '@server/lib/schemas';
import { loadVisible } from '../proposals/proposals.access';
import { htmlToText } from './search.text';
import { search, similarTo, similarWords } from './search.service';

const tags = ['search'];

const routes: FastifyPluginAsyncZod = async (app) => {
  const database = app.database;

  app.get(
    '/api/orgs/:orgId/search',
    {
      config: { permission: 'search.read' },
      schema: {
        tags,
        summary: '全文检索（排序、高亮、分面；只含调用者可查看的记录）',
        params: OrgParams,
        querystring: SearchQuery,
        response: { 200: SearchResponse },
      },
    },
    async (req) => {
      const actor = req.authorize(req.params.orgId);
      return search(database, actor, req.params.orgId, req.query);
    },
  );

  app.get(
    '/api/proposals/:id/similar',
    {
      config: { permission: 'proposals.read' },
      schema: { tags, summary: '相似提案（本组织历年，前 5 条）', params: IdParams, response: { 200: SimilarResponse } },
    },
    async (req) => {
      const { row, actor } = await loadVisible(req, database.db, req.params.id);
      const words = similarWords(row.subject, htmlToText(row.body));
      const exclude = [row.id, ...(row.mergedIntoId ? [row.mergedIntoId] : [])];
      return { words, items: await similarTo(database, actor, row.orgId, words, exclude) };
    },
  );

  app.post(
    '/api/orgs/:orgId/proposals/similar',
    {
      config: { permission: 'proposals.read' },
      schema: { tags, summary: '相似提案（起草中的文字）', params: OrgParams, body: SimilarDraftBody, response: { 200: SimilarResponse } },
    },
    async (req) => {
      const { orgId } = req.params;
      const actor = req.authorize(orgId);
      const { subject, body, excludeId } = req.body;
      const text = htmlToText(body);
      if (!subject.trim() && !text) return { words: [], items: [] };
      const words = similarWords(subject, text);
      return { words, items: await similarTo(database, actor, orgId, words, excludeId ? [excludeId] : []) };
    },
  );
};

export default routes;
