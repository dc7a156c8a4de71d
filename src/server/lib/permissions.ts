import type { Role } from '@common/roles';

/**
 * A policy maps each permission of one domain to the roles that hold it. Every module exports its own
 * policy from `<domain>.policy.ts`; `registerPolicy` merges them so a route may only name a permission
 * that some policy defines.
 */
export type Policy = Record<string, readonly Role[]>;

const registry = new Map<string, readonly Role[]>();

export function definePolicy<P extends Policy>(policy: P): P {
  for (const [perm, roles] of Object.entries(policy)) registry.set(perm, roles);
  return policy;
}

export function rolesFor(permission: string): readonly Role[] | undefined {
  return registry.get(permission);
}

export function knownPermissions(): string[] {
  return [...registry.keys()];
}

/** Special route permission: any signed-in account; the handler scopes data to the caller. */
export const AUTHENTICATED = 'authenticated';
