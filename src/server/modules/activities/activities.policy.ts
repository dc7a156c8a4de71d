import { ACTIVITY_READER_ROLES, ACTIVITY_STAFF_ROLES } from '@common/activities';
import { JOINT_RESPOND_ROLES } from '@common/joint';
import { ROLES } from '@common/roles';
import { definePolicy } from '@server/lib/permissions';

/**
 * Activities (协商议政·视察·调研). The offices organize them; leaders and the offices read every activity and the
 * statistics; every role may open an activity it is invited to (the handler narrows it to invitees), ask for leave
 * and sign in; unit handlers answer the problem-list issues sent to their own units.
 */
export const activitiesPolicy = definePolicy({
  'activities.read': ACTIVITY_READER_ROLES,
  'activities.participate': ROLES,
  'activities.manage': ACTIVITY_STAFF_ROLES,
  'activities.configure': ACTIVITY_STAFF_ROLES,
  'activities.respond': ['unit_handler'],
  /** An invited organization's admin answers a joint-activity invitation (联合协商). */
  'activities.joint_respond': JOINT_RESPOND_ROLES,
});
