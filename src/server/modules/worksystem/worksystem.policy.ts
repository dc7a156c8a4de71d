import { WORK_READER_ROLES, WORK_STAFF_ROLES } from '@common/worksystem';
import { definePolicy } from '@server/lib/permissions';

/**
 * Party-committee work system and the leadership dashboard. The general office (and the organization admin) keep
 * the obligations, record fulfilments and leaders' attendance; leaders and the offices read them and the 驾驶舱.
 */
export const worksystemPolicy = definePolicy({
  'worksystem.read': WORK_READER_ROLES,
  'worksystem.manage': WORK_STAFF_ROLES,
});
