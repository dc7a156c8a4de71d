import type { FastifyRequest } from 'fastify';
import { and, eq } from 'drizzle-orm';
import type { Db } from '@server/db/client';
import { proposalProposers, proposals } from '@server/db/schema/index';
import { writeAudit } from '@server/lib/audit';
import { invalid } from '@server/lib/errors';
import { runTransition } from './transition';

/**
 * 并案: the proposal is merged into another submitted or registered proposal of the same organization. Every
 * counted proposer of the merged one is credited on the target (credited_via_merge_from), so they receive its
 * reply; the merged proposal keeps the link, and both carry the provenance (mergedInto / mergedFrom, audit rows).
 */
export async function mergeProposal(req: FastifyRequest, db: Db, id: number, body: { targetId: number; note: string; version: number }): Promise<void> {
  const accountId = req.me().accountId;
  await runTransition(req, db, id, 'merge', { version: body.version, alsoLock: [body.targetId] }, async ({ tx, row, locked }) => {
    const target = locked.get(body.targetId);
    if (!target || target.id === id || target.orgId !== row.orgId || !['submitted', 'registered'].includes(target.state)) {
      throw invalid('targetId', 'merge_target_invalid');
    }
    const source = await tx
      .select()
      .from(proposalProposers)
      .where(and(eq(proposalProposers.proposalId, id), eq(proposalProposers.status, 'confirmed')));
    const credited = source.map((p) => ({
      proposalId: target.id,
      memberId: p.memberId,
      collectiveId: p.collectiveId,
      role: 'cosigner',
      status: 'confirmed',
      creditedViaMergeFrom: id,
      respondedAt: new Date(),
    }));
    // Someone already on the target keeps their own row; the partial unique indexes make the insert skip them.
    const inserted = credited.length ? await tx.insert(proposalProposers).values(credited).onConflictDoNothing().returning() : [];
    await tx.update(proposals).set({ updatedAt: new Date() }).where(eq(proposals.id, target.id));
    const memberIds = inserted.filter((p) => p.memberId != null).map((p) => p.memberId!);
    const collectiveIds = inserted.filter((p) => p.collectiveId != null).map((p) => p.collectiveId!);
    await writeAudit(tx, req.auditActor(), {
      orgId: row.orgId,
      entityType: 'proposal',
      entityId: target.id,
      action: 'merge_in',
      after: { mergedFromId: id, mergedFromSubject: row.subject, creditedMemberIds: memberIds, creditedCollectiveIds: collectiveIds },
      reason: body.note,
    });
    const now = new Date();
    return {
      set: { mergedIntoId: target.id, reviewNote: body.note, reviewedAt: now, reviewedByAccountId: accountId },
      after: { mergedIntoId: target.id, mergedIntoLabel: target.numberLabel },
      reason: body.note,
      notifyProposers: { title: `您的提案已并入其他提案办理：${row.subject}`, body: `并入：${target.numberLabel ?? ''}${target.subject}` },
    };
  });
}

