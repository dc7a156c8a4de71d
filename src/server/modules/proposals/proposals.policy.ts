import { OFFICE_ROLES } from '@common/proposals';
import { ROLES } from '@common/roles';
import { definePolicy } from '@server/lib/permissions';

/**
 * Proposals. Reading and proposing are open to every role of the organization at the route level; the handlers
 * narrow it to the proposal (drafts only to their proposers; proposing only for members and collective agents).
 * Review outcomes, assignment (交办) and the proposal configuration belong to the proposal office; units handle.
 */
export const proposalsPolicy = definePolicy({
  'proposals.read': ROLES,
  'proposals.propose': ROLES,
  'proposals.review': OFFICE_ROLES,
  'proposals.configure': OFFICE_ROLES,
  /** The unit side: the inbox, signing for and requesting adjustment (scoped to the caller's own units). */
  'proposals.handle': ['unit_handler'],
  /** Supervision records on key proposals (督办): leaders and the office. */
  'proposals.supervise': ['leader', ...OFFICE_ROLES],
});
