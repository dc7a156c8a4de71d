import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import {
  AssignmentContactBody,
  AssignmentExtensionApproveBody,
  AssignmentExtensionBody,
  AssignmentExtensionRejectBody,
  AssignmentOpinionBody,
  AssignmentOverrideBody,
  AssignmentProgressBody,
  AssignmentReplyBody,
  ContactView,
  HandlingView,
  ProgressView,
} from '@common/proposals';
import { notFound } from '@server/lib/errors';
import { IdParams } from '@server/lib/schemas';
import {
  addContact,
  approveExtension,
  overrideOpinions,
  rejectExtension,
  reportProgress,
  requestExtension,
  submitOpinion,
} from './commands/handling-steps';
import { replyAssignment } from './commands/reply';
import * as handlingRepo from './handling.repo';
import { loadHandling, presentContact, presentProgress } from './handling.presenter';
import { loadVisible } from './proposals.access';
import * as repo from './proposals.repo';

const tags = ['proposals'];

/**
 * The unit side of handling (办理): co opinions, 面商 records, one extension and the office's decision, the office's
 * permission to reply before every co opinion, the reply (答复), grade-B progress, and the handling read model.
 * Unit steps need `proposals.handle` and act for the caller's own unit only (another unit's assignment is 404);
 * the office's steps need `proposals.review`.
 */
const handlingRoutes: FastifyPluginAsyncZod = async (app) => {
  const { db } = app.database;
  const handlingOf = async (proposalId: number, req: { me(): Parameters<typeof loadHandling>[2] }) => {
    const p = await repo.getProposal(db, proposalId);
    if (!p) throw notFound();
    return loadHandling(db, p, req.me());
  };

  app.get(
    '/api/proposals/:id/handling',
    {
      config: { permission: 'proposals.read' },
      schema: { tags, summary: '提案的办理情况（交办、面商、答复、办理进展）', params: IdParams, response: { 200: HandlingView } },
    },
    async (req) => {
      const { row, actor } = await loadVisible(req, db, req.params.id);
      return loadHandling(db, row, actor);
    },
  );

  app.post(
    '/api/proposal-assignments/:id/opinion',
    {
      config: { permission: 'proposals.handle' },
      schema: { tags, summary: '协办单位提交协办意见', params: IdParams, body: AssignmentOpinionBody, response: { 200: HandlingView } },
    },
    async (req) => handlingOf(await submitOpinion(req, db, req.params.id, req.body), req),
  );

  app.post(
    '/api/proposal-assignments/:id/contacts',
    {
      config: { permission: 'proposals.handle' },
      schema: {
        tags,
        summary: '记录与提案人的面商（沟通）情况',
        params: IdParams,
        body: AssignmentContactBody,
        response: { 200: ContactView },
      },
    },
    async (req) => {
      const { proposalId, contactId } = await addContact(req, db, req.params.id, req.body);
      const row = (await handlingRepo.contactsOf(db, proposalId)).find((r) => r.c.id === contactId);
      if (!row) throw notFound();
      return presentContact(row);
    },
  );

  app.post(
    '/api/proposal-assignments/:id/request-extension',
    {
      config: { permission: 'proposals.handle' },
      schema: {
        tags,
        summary: '申请延期（每个交办一次）',
        params: IdParams,
        body: AssignmentExtensionBody,
        response: { 200: HandlingView },
      },
    },
    async (req) => handlingOf(await requestExtension(req, db, req.params.id, req.body), req),
  );

  app.post(
    '/api/proposal-assignments/:id/approve-extension',
    {
      config: { permission: 'proposals.review' },
      schema: { tags, summary: '同意延期', params: IdParams, body: AssignmentExtensionApproveBody, response: { 200: HandlingView } },
    },
    async (req) => handlingOf(await approveExtension(req, db, req.params.id, req.body), req),
  );

  app.post(
    '/api/proposal-assignments/:id/reject-extension',
    {
      config: { permission: 'proposals.review' },
      schema: { tags, summary: '不同意延期', params: IdParams, body: AssignmentExtensionRejectBody, response: { 200: HandlingView } },
    },
    async (req) => handlingOf(await rejectExtension(req, db, req.params.id, req.body), req),
  );

  app.post(
    '/api/proposal-assignments/:id/override-opinions',
    {
      config: { permission: 'proposals.review' },
      schema: {
        tags,
        summary: '准予主办单位在协办意见到齐前先行答复',
        params: IdParams,
        body: AssignmentOverrideBody,
        response: { 200: HandlingView },
      },
    },
    async (req) => handlingOf(await overrideOpinions(req, db, req.params.id, req.body), req),
  );

  app.post(
    '/api/proposal-assignments/:id/reply',
    {
      config: { permission: 'proposals.handle' },
      schema: {
        tags,
        summary: '承办单位答复（主办 / 分办 / 独办）',
        params: IdParams,
        body: AssignmentReplyBody,
        response: { 200: HandlingView },
      },
    },
    async (req) => handlingOf(await replyAssignment(req, db, req.params.id, req.body), req),
  );

  app.post(
    '/api/proposal-assignments/:id/progress',
    {
      config: { permission: 'proposals.handle' },
      schema: {
        tags,
        summary: '报送办理进展（答复等级为B的跟踪办理）',
        params: IdParams,
        body: AssignmentProgressBody,
        response: { 200: ProgressView },
      },
    },
    async (req) => {
      const { proposalId, progressId } = await reportProgress(req, db, req.params.id, req.body);
      const row = (await handlingRepo.progressOf(db, proposalId)).find((r) => r.g.id === progressId);
      if (!row) throw notFound();
      return presentProgress(row);
    },
  );
};
export default handlingRoutes;
