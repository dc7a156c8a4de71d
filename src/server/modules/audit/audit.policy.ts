import { definePolicy } from '@server/lib/permissions';

export const auditPolicy = definePolicy({
  'audit.read': ['org_admin'],
});
