import { definePolicy } from '@server/lib/permissions';

/** Accounts and role grants of an organization; managed by its admin. */
export const accountsPolicy = definePolicy({
  'accounts.read': ['org_admin'],
  'accounts.manage': ['org_admin'],
});
