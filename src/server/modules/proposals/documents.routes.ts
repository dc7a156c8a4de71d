import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { sendDocx } from '@server/lib/docx';
import { AssignmentLettersQuery } from '@common/proposals';
import { IdParams, OrgParams } from '@server/lib/schemas';
import { assignmentLetter, assignmentLetters, compilation, replyLetter } from './documents';

const tags = ['proposals'];
const produces = ['application/vnd.openxmlformats-officedocument.wordprocessingml.document'];

/** Official documents as Word files: 交办函, 答复函, 提案汇编. */
const documentsRoutes: FastifyPluginAsyncZod = async (app) => {
  const { db } = app.database;

  app.get(
    '/api/proposals/:id/assignment-letter.docx',
    { config: { permission: 'proposals.review' }, schema: { tags, summary: '交办函（Word，交办后可生成）', params: IdParams, produces } },
    async (req, reply) => {
      const f = await assignmentLetter(req, db, req.params.id);
      return sendDocx(reply, f.filename, f.buf, f.ascii);
    },
  );

  app.get(
    '/api/orgs/:orgId/assignment-letters.docx',
    {
      config: { permission: 'proposals.review' },
      schema: {
        tags,
        summary: '批量交办函（Word，所列已交办提案各一函、各起一页，按所列顺序）',
        params: OrgParams,
        querystring: AssignmentLettersQuery,
        produces,
      },
    },
    async (req, reply) => {
      const f = await assignmentLetters(req, db, req.params.orgId, req.query.ids);
      return sendDocx(reply, f.filename, f.buf, f.ascii);
    },
  );

  app.get(
    '/api/proposal-assignments/:id/reply-letter.docx',
    { config: { permission: 'proposals.read' }, schema: { tags, summary: '答复函（Word，该交办的最新答复）', params: IdParams, produces } },
    async (req, reply) => {
      const f = await replyLetter(req, db, req.params.id);
      return sendDocx(reply, f.filename, f.buf, f.ascii);
    },
  );

  app.get(
    '/api/sessions/:id/proposal-compilation.docx',
    {
      config: { permission: 'proposals.review' },
      schema: { tags, summary: '提案汇编（Word，本次会议已立案提案，按编号排列，含目录）', params: IdParams, produces },
    },
    async (req, reply) => {
      const f = await compilation(req, db, req.params.id, (t) => req.log.info(t, 'proposal compilation built'));
      return sendDocx(reply, f.filename, f.buf, f.ascii);
    },
  );
};
export default documentsRoutes;
