import { ROLES, type Role } from '@common/roles';
import { OFFICE_ROLES } from '@common/proposals';
import { ACTIVITY_READER_ROLES, ACTIVITY_STAFF_ROLES } from '@common/activities';
import type { AuthMe } from '@common/auth';
import { JOINT_RESPOND_ROLES } from '@common/joint';
// coop
import { COOP_READER_ROLES, COOP_STAFF_ROLES } from '@common/cooperation';
// ── info (社情民意) ──
import { INFO_READER_ROLES, INFO_STAFF_ROLES } from '@common/info';
import { DUTY_READER_ROLES, DUTY_STAFF_ROLES } from '@common/duty';
import { WORK_READER_ROLES, WORK_STAFF_ROLES } from '@common/worksystem';

/**
 * Permission → roles, mirroring the server's policies (src/server/modules/*\/*.policy.ts). The server stays the
 * authority; this table only decides which menu items and buttons to show. Platform admins hold everything.
 */
export const PERMISSIONS = {
  'orgs.read': ROLES,
  'orgs.manage': ['org_admin'],
  'orgs.create': ['platform_admin'],
  'members.read': ['member', 'proposal_staff', 'info_staff', 'general_staff', 'leader', 'org_admin'],
  'members.manage': ['org_admin', 'general_staff'],
  'collectives.read': ROLES,
  'collectives.manage': ['org_admin', 'proposal_staff'],
  'units.read': ROLES,
  'units.manage': ['org_admin', 'proposal_staff'],
  'accounts.read': ['org_admin'],
  'accounts.manage': ['org_admin'],
  'audit.read': ['org_admin'],
  'calendar.manage': ['platform_admin'],
  'proposals.read': ROLES,
  'proposals.propose': ROLES,
  'proposals.review': OFFICE_ROLES,
  'proposals.configure': OFFICE_ROLES,
  'proposals.handle': ['unit_handler'],
  'proposals.supervise': ['leader', ...OFFICE_ROLES],
  'activities.read': ACTIVITY_READER_ROLES,
  'activities.participate': ROLES,
  'activities.manage': ACTIVITY_STAFF_ROLES,
  'activities.configure': ACTIVITY_STAFF_ROLES,
  'activities.respond': ['unit_handler'],
  'search.read': ROLES,
  // joint activities (联合协商)
  'activities.joint_respond': JOINT_RESPOND_ROLES,
  // Cooperation items, campaigns, studios, links (coop)
  'coop.read': COOP_READER_ROLES,
  'coop.manage': COOP_STAFF_ROLES,
  'coop.progress': COOP_STAFF_ROLES,
  'links.read': ROLES,
  'links.manage': COOP_STAFF_ROLES,
  // ── info (社情民意) ──
  'info.submit': ROLES,
  'info.read': ROLES,
  'info.manage': INFO_STAFF_ROLES,
  'info.stats': INFO_READER_ROLES,
  // Duty records (履职档案)
  'duty.self': ['member'],
  'duty.read': DUTY_READER_ROLES,
  'duty.manage': DUTY_STAFF_ROLES,
  'duty.unfreeze': ['org_admin'],
  // Work system and leadership dashboard
  'worksystem.read': WORK_READER_ROLES,
  'worksystem.manage': WORK_STAFF_ROLES,
} as const satisfies Record<string, readonly Role[]>;
export type Permission = keyof typeof PERMISSIONS;

/** Roles the caller holds in the active organization. */
export function activeRoles(me: AuthMe | undefined): Role[] {
  if (!me || me.activeOrgId == null) return [];
  return [...new Set(me.grants.filter((g) => g.orgId === me.activeOrgId).map((g) => g.role))];
}

export function canDo(me: AuthMe | undefined, perm: Permission): boolean {
  if (!me) return false;
  if (me.isPlatformAdmin) return true;
  const allowed: readonly Role[] = PERMISSIONS[perm];
  return activeRoles(me).some((r) => allowed.includes(r));
}
