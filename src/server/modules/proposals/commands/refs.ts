import type { DbOrTx } from '@server/db/client';
import { invalid } from '@server/lib/errors';
import * as repo from '../proposals.repo';

/** The category must be an active one of the organization; suggested units must serve it. */
export async function assertProposalRefs(db: DbOrTx, orgId: number, b: { categoryId?: number | null; suggestedUnitIds?: number[] }): Promise<void> {
  if (b.categoryId != null && !(await repo.categoryInOrg(db, orgId, b.categoryId))) throw invalid('categoryId', 'unknown_ref', { value: b.categoryId });
  if (b.suggestedUnitIds?.length) {
    const ok = await repo.unitsAvailable(db, orgId, b.suggestedUnitIds);
    const bad = b.suggestedUnitIds.find((u) => !ok.has(u));
    if (bad !== undefined) throw invalid('suggestedUnitIds', 'unknown_ref', { value: bad });
  }
}
