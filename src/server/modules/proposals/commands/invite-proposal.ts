import type { FastifyRequest } from 'fastify';
import { and, eq, inArray } from 'drizzle-orm';
import type { Db } from '@server/db/client';
import { proposalProposers } from '@server/db/schema/index';
import { invalid } from '@server/lib/errors';
import * as repo from '../proposals.repo';
import { runTransition } from './transition';

/**
 * The first proposer invites co-signers (联名): active members of the same organization. An individual proposal
 * becomes a joint one; a declined invitation may be renewed. Invitees are notified.
 */
export async function inviteCosigners(req: FastifyRequest, db: Db, id: number, memberIds: number[]): Promise<void> {
  const ids = [...new Set(memberIds)];
  await runTransition(req, db, id, 'invite', { version: null, bump: false }, async ({ tx, row }) => {
    if (row.kind === 'collective') throw invalid('memberIds', 'invalid_option', { options: '—' });
    if (row.firstProposerMemberId != null && ids.includes(row.firstProposerMemberId)) throw invalid('memberIds', 'cannot_invite_self');
    const found = await repo.activeMembers(tx, row.orgId, ids);
    const missing = ids.find((m) => !found.some((f) => f.id === m));
    if (missing !== undefined) throw invalid('memberIds', 'not_member_of_org', { value: missing });
    const existing = await tx.select().from(proposalProposers).where(and(eq(proposalProposers.proposalId, id), inArray(proposalProposers.memberId, ids)));
    const renew = existing.filter((e) => e.status === 'declined').map((e) => e.id);
    const fresh = ids.filter((m) => !existing.some((e) => e.memberId === m));
    if (renew.length) await tx.update(proposalProposers).set({ status: 'invited', invitedAt: new Date(), respondedAt: null }).where(inArray(proposalProposers.id, renew));
    if (fresh.length) await tx.insert(proposalProposers).values(fresh.map((memberId) => ({ proposalId: id, memberId, role: 'cosigner', status: 'invited' })));
    const invited = [...fresh, ...existing.filter((e) => renew.includes(e.id)).map((e) => e.memberId!)];
    const recipients = found.filter((f) => invited.includes(f.id) && f.accountId != null).map((f) => f.accountId!);
    return {
      set: row.kind === 'individual' ? { kind: 'joint' } : {},
      after: { invitedMemberIds: invited, kind: row.kind === 'individual' ? 'joint' : row.kind },
      notify: { recipients, title: `邀请您联名提案：${row.subject || '（未填写案由）'}`, body: '请在提案详情中确认附议或谢绝。' },
    };
  });
}
