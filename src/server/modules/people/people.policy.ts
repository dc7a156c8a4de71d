import { ROLES } from '@common/roles';
import { definePolicy } from '@server/lib/permissions';

/** Members, collective proposers and handling units. */
export const peoplePolicy = definePolicy({
  'members.read': ['member', 'proposal_staff', 'info_staff', 'general_staff', 'leader', 'org_admin'],
  'members.manage': ['org_admin', 'general_staff'],
  'collectives.read': ROLES,
  'collectives.manage': ['org_admin', 'proposal_staff'],
  'units.read': ROLES,
  'units.manage': ['org_admin', 'proposal_staff'],
});
