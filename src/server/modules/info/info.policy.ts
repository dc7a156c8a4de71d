import { INFO_READER_ROLES, INFO_STAFF_ROLES } from '@common/info';
import { ROLES } from '@common/roles';
import { definePolicy } from '@server/lib/permissions';

/**
 * 社情民意信息. Anyone of the organization may submit a report (members, party agents, information officers, studio
 * staff) and read their own (the handler narrows it to creator and member authors); the information office and the
 * org admin edit, issue and record adoptions, instructions and feedback; leaders read everything and the statistics.
 */
export const infoPolicy = definePolicy({
  'info.submit': ROLES,
  'info.read': ROLES,
  'info.manage': INFO_STAFF_ROLES,
  'info.stats': INFO_READER_ROLES,
});
