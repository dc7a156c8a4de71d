import type { FastifyRequest } from 'fastify';
import { and, count, eq } from 'drizzle-orm';
import type { DbOrTx, Db } from '@server/db/client';
import { proposalProposers } from '@server/db/schema/index';
import { AppError, invalid } from '@server/lib/errors';
import { todayInChina } from '@server/lib/workdays';
import * as repo from '../proposals.repo';
import { plainText } from '../proposals.text';
import { runTransition } from './transition';

/** A proposal can go to the office only with a subject (案由), a body, and no co-signer still to answer. */
export async function assertReadyToSubmit(tx: DbOrTx, row: repo.ProposalRow): Promise<void> {
  if (!row.subject.trim()) throw invalid('subject', 'required');
  if (!plainText(row.body)) throw invalid('body', 'required');
  const [{ n }] = await tx
    .select({ n: count() })
    .from(proposalProposers)
    .where(and(eq(proposalProposers.proposalId, row.id), eq(proposalProposers.status, 'invited')));
  if (n > 0) throw new AppError(409, 'proposal_cosigners_pending', { params: { count: n } });
}

/**
 * Submit (提交): the session is the organization's current or next plenary session (the latest one when none is
 * ahead); submitted within its dates → plenary (大会期间), otherwise between sessions (闭会期间).
 */
export async function submitProposal(req: FastifyRequest, db: Db, id: number, version: number, today: string = todayInChina()): Promise<void> {
  await runTransition(req, db, id, 'submit', { version }, async ({ tx, row }) => {
    await assertReadyToSubmit(tx, row);
    const session = await repo.sessionForDate(tx, row.orgId, today);
    if (!session) throw new AppError(409, 'proposal_no_session');
    const period = today >= session.startDate && today <= session.endDate ? 'plenary' : 'between_sessions';
    return { set: { sessionId: session.id, period, submittedAt: new Date() }, after: { sessionId: session.id, period } };
  });
}
