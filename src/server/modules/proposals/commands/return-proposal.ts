import type { FastifyRequest } from 'fastify';
import { count, eq } from 'drizzle-orm';
import type { Db } from '@server/db/client';
import { proposalRevisions } from '@server/db/schema/index';
import { runTransition } from './transition';

/** 退回修改: the office's comments and the text as it stood are kept as a revision round. */
export async function returnProposal(req: FastifyRequest, db: Db, id: number, body: { comments: string; version: number }): Promise<void> {
  const accountId = req.me().accountId;
  await runTransition(req, db, id, 'return', { version: body.version }, async ({ tx, row }) => {
    const [{ n }] = await tx.select({ n: count() }).from(proposalRevisions).where(eq(proposalRevisions.proposalId, id));
    const round = n + 1;
    await tx.insert(proposalRevisions).values({ proposalId: id, round, comments: body.comments, subjectBefore: row.subject, bodyBefore: row.body, returnedByAccountId: accountId });
    return {
      set: { reviewedAt: new Date(), reviewedByAccountId: accountId },
      after: { round },
      reason: body.comments,
      notifyProposers: { title: `您的提案被退回修改：${row.subject}`, body: body.comments },
    };
  });
}
