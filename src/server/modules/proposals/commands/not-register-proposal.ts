import type { FastifyRequest } from 'fastify';
import { CONVERSION_KIND_LABELS, type ConversionKind } from '@common/proposals';
import type { Db } from '@server/db/client';
import { convertedItems, proposalConversions } from '@server/db/schema/index';
import { invalid } from '@server/lib/errors';
import { createReportFromProposal } from '../../info/commands/convert-proposal';
import * as repo from '../proposals.repo';
import { runTransition } from './transition';

/**
 * 不予立案: a reason from the organization's list and a conversion (转意见建议 / 转社情民意 / 转委员来信 /
 * 转有关部门参考) that creates the converted record.
 */
export async function notRegisterProposal(
  req: FastifyRequest,
  db: Db,
  id: number,
  body: { reason: string; conversionKind: ConversionKind; note: string; version: number },
): Promise<void> {
  const accountId = req.me().accountId;
  await runTransition(req, db, id, 'not_register', { version: body.version }, async ({ tx, row }) => {
    const { config } = await repo.loadSettings(tx, row.orgId);
    if (!config.notRegisterReasons.includes(body.reason)) throw invalid('reason', 'not_in_list', { options: config.notRegisterReasons.join(' / ') });
    if (!config.conversionKinds.includes(body.conversionKind)) throw invalid('conversionKind', 'not_enabled', { options: config.conversionKinds.join(' / ') });
    const [item] = await tx
      .insert(convertedItems)
      .values({ orgId: row.orgId, kind: body.conversionKind, title: row.subject, body: row.body, originProposalId: id })
      .returning();
    await tx.insert(proposalConversions).values({
      orgId: row.orgId,
      proposalId: id,
      reason: body.reason,
      conversionKind: body.conversionKind,
      note: body.note,
      convertedItemId: item.id,
      createdByAccountId: accountId,
    });
    // 转社情民意: the proposal arrives at the information office as a submitted report, in this transaction.
    const infoReportId =
      body.conversionKind === 'social_info' ? await createReportFromProposal(tx, req.auditActor(), { proposalId: id, convertedItemId: item.id, reason: body.reason }) : null;
    const now = new Date();
    return {
      set: { reviewNote: body.note, reviewedAt: now, reviewedByAccountId: accountId },
      after: { conversionKind: body.conversionKind, convertedItemId: item.id, ...(infoReportId ? { infoReportId } : {}) },
      reason: body.reason,
      notifyProposers: {
        title: `您的提案不予立案，已${CONVERSION_KIND_LABELS[body.conversionKind].zh}：${row.subject}`,
        body: `理由：${body.reason}${body.note ? `；${body.note}` : ''}`,
      },
    };
  });
}
