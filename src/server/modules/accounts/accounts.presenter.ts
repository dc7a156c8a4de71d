import { randomInt } from 'node:crypto';
import type { z } from 'zod';
import type { AccountGrantView, AccountView, MeView } from '@common/accounts';
import type { Role } from '@common/roles';
import type { AccountRow } from './accounts.repo';

type GrantLike = { id: number; role: string; unitId: number | null; unitName: string | null; title: string };

export const presentGrant = (g: GrantLike): z.infer<typeof AccountGrantView> => ({
  id: g.id,
  role: g.role as Role,
  unitId: g.unitId,
  unitName: g.unitName,
  title: g.title,
});

export const presentAccount = (a: AccountRow, grants: GrantLike[]): z.infer<typeof AccountView> => ({
  id: a.id,
  username: a.username,
  displayName: a.displayName,
  phone: a.phone,
  email: a.email,
  disabled: a.disabled,
  mustChangePassword: a.mustChangePassword,
  grants: grants.map(presentGrant),
  version: a.version,
});

export const presentMe = (a: AccountRow): z.infer<typeof MeView> => ({
  id: a.id,
  username: a.username,
  displayName: a.displayName,
  email: a.email,
  phone: a.phone,
  locale: a.locale === 'en' ? 'en' : 'zh-CN',
  mustChangePassword: a.mustChangePassword,
  version: a.version,
});

// No 0/O, 1/l/I: easy to read aloud and type from a printed slip.
const LETTERS = 'abcdefghjkmnpqrstuvwxyz';
const DIGITS = '23456789';
const ALPHABET = LETTERS + DIGITS;

/** A readable temporary password such as `k7mp-x3qa-9tre`: 12 random characters, with letters and digits. */
export function temporaryPassword(): string {
  for (;;) {
    const chars = Array.from({ length: 12 }, () => ALPHABET[randomInt(ALPHABET.length)]);
    const s = chars.join('');
    if (/[a-z]/.test(s) && /\d/.test(s)) return `${s.slice(0, 4)}-${s.slice(4, 8)}-${s.slice(8)}`;
  }
}
