import { createContext, useContext } from 'react';
import type { AuthMe } from '@common/auth';
import { canDo, type Permission } from './perms';

export interface Session {
  me: AuthMe;
  orgId: number | null;
  can(perm: Permission): boolean;
  /** Re-reads /api/auth/me. */
  refresh(): Promise<void>;
}

export const SessionContext = createContext<Session | null>(null);

export function makeSession(me: AuthMe, refresh: () => Promise<void>): Session {
  return { me, orgId: me.activeOrgId, can: (perm) => canDo(me, perm), refresh };
}

export function useSession(): Session {
  const s = useContext(SessionContext);
  if (!s) throw new Error('useSession outside a signed-in page');
  return s;
}

/** The active organization id; pages that need one are only reachable with one. */
export function useOrgId(): number {
  const { orgId } = useSession();
  return orgId ?? 0;
}

export const ME_KEY = ['auth', 'me'] as const;
