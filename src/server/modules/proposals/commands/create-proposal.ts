import type { FastifyRequest } from 'fastify';
import type { z } from 'zod';
import type { ProposalCreateBody } from '@common/proposals';
import type { Db, DbOrTx } from '@server/db/client';
import { proposalProposers, proposals } from '@server/db/schema/index';
import { writeAudit, type AuditActor } from '@server/lib/audit';
import { AppError, invalid } from '@server/lib/errors';
import { proposalsChanged } from '@server/modules/search/hooks';
import * as repo from '../proposals.repo';
import { sanitizeBody } from '../proposals.text';
import { assertProposalRefs } from './refs';

/**
 * A new draft. Individual and joint proposals are filed by a member of the organization (a members row linked
 * to the caller's account), who becomes the first proposer; collective proposals by an agent of the collective.
 */
export async function createProposal(req: FastifyRequest, db: Db, orgId: number, body: z.infer<typeof ProposalCreateBody>): Promise<number> {
  const actor = req.authorize(orgId);
  let firstMemberId: number | null = null;
  let collectiveId: number | null = null;
  if (body.kind === 'collective') {
    if (body.collectiveId == null) throw invalid('collectiveId', 'required');
    if (!(await repo.isCollectiveAgent(db, orgId, body.collectiveId, actor.accountId))) throw invalid('collectiveId', 'not_collective_agent');
    collectiveId = body.collectiveId;
  } else {
    if (body.collectiveId != null) throw invalid('collectiveId', 'invalid_option', { options: '—' });
    const me = await repo.memberOfAccount(db, orgId, actor.accountId);
    if (!me) throw new AppError(403, 'proposal_not_member');
    firstMemberId = me.id;
  }
  await assertProposalRefs(db, orgId, body);
  const values = {
    orgId,
    kind: body.kind,
    collectiveId,
    firstProposerMemberId: firstMemberId,
    subject: body.subject ?? '',
    body: sanitizeBody(body.body ?? ''),
    categoryId: body.categoryId ?? null,
    suggestedUnitIds: [...new Set(body.suggestedUnitIds ?? [])],
    isPublic: body.isPublic ?? true,
    state: 'draft',
    createdByAccountId: actor.accountId,
  };
  return db.transaction(async (tx) => insertDraftProposal(tx, req.auditActor(), values));
}

type DraftValues = typeof proposals.$inferInsert & { orgId: number; firstProposerMemberId: number | null; collectiveId: number | null };

/**
 * Inserts a draft with its first proposer (member or collective), the audit row and the search hook, in the
 * caller's transaction. Used by `createProposal` and by the studios' 群众诉求 → 提案 conversion (a draft for the
 * member who received the request).
 */
export async function insertDraftProposal(tx: DbOrTx, actor: AuditActor, values: DraftValues, reason = ''): Promise<number> {
  const [p] = await tx.insert(proposals).values({ ...values, state: 'draft' }).returning();
  const { firstProposerMemberId: firstMemberId, collectiveId } = values;
  await tx.insert(proposalProposers).values({ proposalId: p.id, memberId: firstMemberId, collectiveId, role: 'first', status: 'confirmed', respondedAt: new Date() });
  await writeAudit(tx, actor, {
    orgId: values.orgId,
    entityType: 'proposal',
    entityId: p.id,
    action: 'create',
    after: { state: 'draft', kind: p.kind, subject: p.subject, collectiveId, firstProposerMemberId: firstMemberId },
    ...(reason ? { reason } : {}),
  });
  await proposalsChanged(tx, [p.id]);
  return p.id;
}
