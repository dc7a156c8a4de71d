import type { FastifyRequest } from 'fastify';
import { and, desc, eq, isNull } from 'drizzle-orm';
import type { Db } from '@server/db/client';
import { proposalRevisions } from '@server/db/schema/index';
import { runTransition } from './transition';
import { assertReadyToSubmit } from './submit-proposal';

/** After a return for revision, the proposer resubmits; the revision row records the text as resubmitted. */
export async function resubmitProposal(req: FastifyRequest, db: Db, id: number, version: number): Promise<void> {
  await runTransition(req, db, id, 'resubmit', { version }, async ({ tx, row }) => {
    await assertReadyToSubmit(tx, row);
    const [open] = await tx
      .select()
      .from(proposalRevisions)
      .where(and(eq(proposalRevisions.proposalId, id), isNull(proposalRevisions.resubmittedAt)))
      .orderBy(desc(proposalRevisions.round))
      .limit(1);
    if (open) await tx.update(proposalRevisions).set({ subjectAfter: row.subject, bodyAfter: row.body, resubmittedAt: new Date() }).where(eq(proposalRevisions.id, open.id));
    return { after: { round: open?.round ?? null, subject: row.subject } };
  });
}
