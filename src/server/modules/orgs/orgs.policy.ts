import { ROLES } from '@common/roles';
import { definePolicy } from '@server/lib/permissions';

/** Organizations, terms, sessions and catalogues: everyone in an organization reads; its admin manages. */
export const orgsPolicy = definePolicy({
  'orgs.read': ROLES,
  'orgs.manage': ['org_admin'],
  'orgs.create': ['platform_admin'],
});
