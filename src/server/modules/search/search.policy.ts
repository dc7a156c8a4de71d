import { ROLES } from '@common/roles';
import { definePolicy } from '@server/lib/permissions';

/**
 * Search is open to every role of an organization; what each caller finds is narrowed inside the query to what
 * they may open (search.repo.ts visibleSql).
 */
export const searchPolicy = definePolicy({
  'search.read': ROLES,
});
