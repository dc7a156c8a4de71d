import type { Role } from '@common/roles';
import type { Lang } from '@common/messages';
import { AppError } from './errors';
import { rolesFor } from './permissions';
import type { AuditActor } from './audit';

export interface Grant {
  id: number;
  orgId: number;
  role: Role;
  unitId: number | null;
  title: string;
}

/** The signed-in caller, resolved once per request from the session cookie. */
export interface Actor {
  accountId: number;
  username: string;
  displayName: string;
  locale: Lang;
  grants: Grant[];
  activeOrgId: number | null;
  isPlatformAdmin: boolean;
  sessionHash: string;
  csrfToken: string;
  mustChangePassword: boolean;
}

export function rolesIn(actor: Actor, orgId: number): Role[] {
  return actor.grants.filter((g) => g.orgId === orgId).map((g) => g.role);
}

export function orgIdsOf(actor: Actor): number[] {
  return [...new Set(actor.grants.map((g) => g.orgId))];
}

/** Units the caller handles for in an organization (unit_handler grants). */
export function unitIdsIn(actor: Actor, orgId: number): number[] {
  return actor.grants.filter((g) => g.orgId === orgId && g.role === 'unit_handler' && g.unitId != null).map((g) => g.unitId!);
}

/** True when the caller may use `permission` in `orgId`. Platform admins hold every permission everywhere. */
export function can(actor: Actor, orgId: number, permission: string): boolean {
  if (actor.isPlatformAdmin) return true;
  const allowed = rolesFor(permission);
  if (!allowed) throw new Error(`Unknown permission ${permission}`);
  return actor.grants.some((g) => g.orgId === orgId && allowed.includes(g.role));
}

/**
 * The tenant check every org-scoped handler runs after loading its record: no role in the record's
 * organization → 404 (the record's existence is not revealed); a role without the permission → 403.
 */
export function authorizeOrg(actor: Actor, orgId: number, permission: string): void {
  if (actor.isPlatformAdmin) return;
  if (!actor.grants.some((g) => g.orgId === orgId)) throw new AppError(404, 'not_found');
  if (!can(actor, orgId, permission)) throw new AppError(403, 'forbidden');
}

export function auditActor(actor: Actor | null | undefined, requestId: string): AuditActor {
  return { accountId: actor?.accountId ?? null, name: actor?.displayName ?? 'system', requestId };
}
