import { COOP_READER_ROLES, COOP_STAFF_ROLES } from '@common/cooperation';
import { ROLES } from '@common/roles';
import { definePolicy } from '@server/lib/permissions';

/**
 * Cooperation items, campaigns, studios and record links. The offices run them; leaders and the offices read them.
 * A cooperation item is also read (and progress is logged on it) by the staff of its party organizations — the
 * handlers check these permissions in the party's organization (see cooperation.access.ts). Anyone may list the
 * links of a record they can see; links to records they cannot see are left out.
 */
export const cooperationPolicy = definePolicy({
  'coop.read': COOP_READER_ROLES,
  'coop.manage': COOP_STAFF_ROLES,
  'coop.progress': COOP_STAFF_ROLES,
  'links.read': ROLES,
  'links.manage': COOP_STAFF_ROLES,
  // Studio duty shifts: a member sees their own and marks them 到岗; the offices plan and mark every shift.
  'studio.self': ['member'],
  'studio.shift': [...COOP_STAFF_ROLES, 'member'],
});
