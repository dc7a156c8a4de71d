import type { FastifyRequest } from 'fastify';
import { and, eq, inArray, isNull } from 'drizzle-orm';
import type { Db } from '@server/db/client';
import { members, proposalProposers } from '@server/db/schema/index';
import { forbidden } from '@server/lib/errors';
import * as repo from '../proposals.repo';
import { runTransition } from './transition';

/** An invited co-signer confirms (附议) or declines; only confirmed co-signers count. The first proposer is told. */
export async function cosignProposal(req: FastifyRequest, db: Db, id: number, decision: 'confirm' | 'decline'): Promise<void> {
  const accountId = req.me().accountId;
  await runTransition(req, db, id, 'cosign', { version: null, bump: false }, async ({ tx, row }) => {
    const mine = await tx
      .select({ id: proposalProposers.id, memberId: proposalProposers.memberId })
      .from(proposalProposers)
      .innerJoin(members, eq(members.id, proposalProposers.memberId))
      .where(and(eq(proposalProposers.proposalId, id), eq(proposalProposers.role, 'cosigner'), isNull(proposalProposers.creditedViaMergeFrom), eq(members.accountId, accountId)));
    if (!mine.length) throw forbidden();
    const status = decision === 'confirm' ? 'confirmed' : 'declined';
    await tx.update(proposalProposers).set({ status, respondedAt: new Date() }).where(inArray(proposalProposers.id, mine.map((m) => m.id)));
    const first = row.firstProposerMemberId ? await repo.activeMembers(tx, row.orgId, [row.firstProposerMemberId]) : [];
    return {
      after: { memberIds: mine.map((m) => m.memberId), status },
      notify: {
        recipients: first.filter((f) => f.accountId != null).map((f) => f.accountId!),
        title: `${decision === 'confirm' ? '联名委员已确认附议' : '联名委员谢绝联名'}：${row.subject || '（未填写案由）'}`,
      },
    };
  });
}
