import type { FastifyRequest } from 'fastify';
import type { Db } from '@server/db/client';
import { runTransition } from './transition';

/** 撤案: only with the proposer's agreement, which the office records together with a note. */
export async function withdrawProposal(req: FastifyRequest, db: Db, id: number, body: { proposerConsent: true; note: string; version: number }): Promise<void> {
  const accountId = req.me().accountId;
  await runTransition(req, db, id, 'withdraw', { version: body.version }, async ({ row }) => ({
    set: { proposerConsent: body.proposerConsent, reviewNote: body.note, reviewedAt: new Date(), reviewedByAccountId: accountId },
    after: { proposerConsent: true },
    reason: body.note,
    notifyProposers: { title: `您的提案已撤案：${row.subject}`, body: body.note },
  }));
}
