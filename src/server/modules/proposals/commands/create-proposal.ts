import type { FastifyRequest } from 'fastify';
import type { z } from 'zod';
import type { ProposalCreateBody } from '@common/proposals';
import type { Db } from '@server/db/client';
import { proposalProposers, proposals } from '@server/db/schema/index';
import { writeAudit } from '@server/lib/audit';
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
  return db.transaction(async (tx) => {
    const [p] = await tx.insert(proposals).values(values).returning();
    await tx.insert(proposalProposers).values({ proposalId: p.id, memberId: firstMemberId, collectiveId, role: 'first', status: 'confirmed', respondedAt: new Date() });
    await writeAudit(tx, req.auditActor(), {
      orgId,
      entityType: 'proposal',
      entityId: p.id,
      action: 'create',
      after: { state: 'draft', kind: p.kind, subject: p.subject, collectiveId, firstProposerMemberId: firstMemberId },
    });
    await proposalsChanged(tx, [p.id]);
    return p.id;
  });
}
