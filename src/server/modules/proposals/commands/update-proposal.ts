import type { FastifyRequest } from 'fastify';
import type { z } from 'zod';
import type { ProposalUpdateBody } from '@common/proposals';
import type { Db } from '@server/db/client';
import { sanitizeBody } from '../proposals.text';
import { assertProposalRefs } from './refs';
import { runTransition } from './transition';

/** Autosave of a draft (or of a returned proposal being revised): optimistic, a stale version gets 409. */
export async function updateProposal(req: FastifyRequest, db: Db, id: number, body: z.infer<typeof ProposalUpdateBody>): Promise<void> {
  const { version, ...fields } = body;
  await runTransition(req, db, id, 'edit', { version }, async ({ tx, row }) => {
    await assertProposalRefs(tx, row.orgId, fields);
    const set: Record<string, unknown> = {};
    if (fields.subject !== undefined) set.subject = fields.subject;
    if (fields.body !== undefined) set.body = sanitizeBody(fields.body);
    if (fields.categoryId !== undefined) set.categoryId = fields.categoryId;
    if (fields.suggestedUnitIds !== undefined) set.suggestedUnitIds = [...new Set(fields.suggestedUnitIds)];
    if (fields.isPublic !== undefined) set.isPublic = fields.isPublic;
    const before: Record<string, unknown> = {};
    const after: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(set)) {
      const old = (row as Record<string, unknown>)[k];
      if (JSON.stringify(old) === JSON.stringify(v)) continue;
      // The body can be long: the audit keeps its length, the revision history keeps texts.
      if (k === 'body') {
        before.bodyLength = String(old).length;
        after.bodyLength = String(v).length;
      } else {
        before[k] = old;
        after[k] = v;
      }
    }
    return { set, before, after };
  });
}
