import type { FastifyRequest } from 'fastify';
import { eq } from 'drizzle-orm';
import { proposalNumberLabel } from '@common/proposals';
import type { Db, Tx } from '@server/db/client';
import { proposalNumberCounters } from '@server/db/schema/index';
import { AppError } from '@server/lib/errors';
import * as repo from '../proposals.repo';
import { assertProposalRefs } from './refs';
import { applyTransition, runTransition } from './transition';
import { runBulk } from './bulk';

/**
 * The next number of a session. The counter row is locked FOR UPDATE until the registering transaction ends, so
 * concurrent registrations (in one process or many) take numbers one after another: unique and gapless, because
 * a transaction that fails rolls its increment back with it.
 */
export async function nextNumber(tx: Tx, orgId: number, sessionId: number): Promise<number> {
  await tx.insert(proposalNumberCounters).values({ sessionId, orgId, lastNumber: 0 }).onConflictDoNothing();
  const [c] = await tx.select().from(proposalNumberCounters).where(eq(proposalNumberCounters.sessionId, sessionId)).for('update');
  const n = c.lastNumber + 1;
  await tx.update(proposalNumberCounters).set({ lastNumber: n }).where(eq(proposalNumberCounters.sessionId, sessionId));
  return n;
}

type RegisterEffect = Parameters<typeof runTransition>[5];

/** What 立案 does to the locked proposal: the next number of its session, optionally a category. */
const registerEffect =
  (accountId: number, categoryId?: number): RegisterEffect =>
  async ({ tx, row }) => {
    const session = row.sessionId ? await repo.sessionById(tx, row.sessionId) : undefined;
    if (!session) throw new AppError(409, 'proposal_no_session');
    if (categoryId !== undefined) await assertProposalRefs(tx, row.orgId, { categoryId });
    const category = categoryId !== undefined && categoryId !== row.categoryId ? { categoryId } : {};
    const number = await nextNumber(tx, row.orgId, session.id);
    const numberLabel = proposalNumberLabel(session.name, number);
    const now = new Date();
    return {
      set: { number, numberLabel, registeredAt: now, reviewedAt: now, reviewedByAccountId: accountId, ...category },
      ...(category.categoryId !== undefined ? { before: { categoryId: row.categoryId } } : {}),
      after: { number, numberLabel, sessionId: session.id, ...category },
      notifyProposers: { title: `您的提案已立案：${numberLabel}`, body: row.subject },
    };
  };

/** 立案: the proposal gets the next number of its session, e.g. 十一届三次会议第0012号. */
export async function registerProposal(req: FastifyRequest, db: Db, id: number, version: number, categoryId?: number): Promise<void> {
  await runTransition(req, db, id, 'register', { version }, registerEffect(req.me().accountId, categoryId));
}

/**
 * Bulk 立案 from the intake list: every item in ONE transaction, numbered in the order given (the order the clerk
 * sees); any refused item rolls the whole batch back (numbers included) and the errors name each proposal.
 * A proposal of another organization is 404.
 */
export async function registerBulk(
  req: FastifyRequest,
  db: Db,
  orgId: number,
  items: Array<{ proposalId: number; version: number; categoryId?: number }>,
): Promise<Array<{ proposalId: number; state: string; version: number; number: number | null; numberLabel: string | null }>> {
  const actor = req.authorize(orgId);
  return db.transaction((tx) =>
    runBulk(req, tx, items, 'proposal_bulk_register_invalid', async (t, item) => {
      const row = await applyTransition(
        req,
        t,
        actor,
        item.proposalId,
        'register',
        { version: item.version, orgId },
        registerEffect(actor.accountId, item.categoryId),
      );
      return { state: row.state, version: row.version, number: row.number, numberLabel: row.numberLabel };
    }),
  );
}
