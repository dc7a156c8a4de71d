import { DUTY_READER_ROLES, DUTY_STAFF_ROLES } from '@common/duty';
import { definePolicy } from '@server/lib/permissions';

/**
 * Duty records (履职档案). A member reads their own record and statement; the offices and leaders read every
 * member's record, the rankings and the lists; the general office (办公室) and the org admin keep the rules and
 * manual entries, recompute and freeze a year; only the org admin unfreezes one.
 */
export const dutyPolicy = definePolicy({
  'duty.self': ['member'],
  'duty.read': DUTY_READER_ROLES,
  'duty.manage': DUTY_STAFF_ROLES,
  'duty.unfreeze': ['org_admin'],
});
