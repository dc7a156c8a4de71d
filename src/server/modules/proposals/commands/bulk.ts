import type { FastifyRequest } from 'fastify';
import type { Tx } from '@server/db/client';
import { AppError } from '@server/lib/errors';

export interface BulkItemError {
  index: number;
  proposalId: number;
  status: number;
  code: string;
  field: string | null;
  message: string;
}

/**
 * Runs `one` for every item inside the caller's transaction and collects each refusal (naming its proposal) instead of
 * stopping at the first. When any item failed it throws `code` with all the errors in `details.errors`, so the
 * transaction rolls back and nothing of the batch is kept: 400 when any item had bad input, else the first status.
 */
export async function runBulk<I extends { proposalId: number }, R>(
  req: FastifyRequest,
  tx: Tx,
  items: I[],
  code: 'proposal_bulk_invalid' | 'proposal_bulk_register_invalid',
  one: (tx: Tx, item: I) => Promise<R>,
): Promise<Array<R & { proposalId: number }>> {
  const errors: BulkItemError[] = [];
  const done: Array<R & { proposalId: number }> = [];
  for (const [index, item] of items.entries()) {
    try {
      done.push({ proposalId: item.proposalId, ...(await one(tx, item)) });
    } catch (e) {
      if (!(e instanceof AppError)) throw e;
      errors.push({
        index,
        proposalId: item.proposalId,
        status: e.status,
        code: e.code,
        field: e.opts.field ?? null,
        message: e.localized(req.lang),
      });
    }
  }
  if (errors.length) {
    const first = errors[0];
    const status = errors.some((e) => e.status === 400) ? 400 : first.status;
    throw new AppError(status, code, {
      field: 'items',
      params: { count: errors.length, first: `#${first.proposalId} ${first.message}` },
      details: { errors },
    });
  }
  return done;
}
