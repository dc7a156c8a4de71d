import { hash, verify } from '@node-rs/argon2';
import { AppError } from './errors';

// argon2id (algorithm 2), OWASP-recommended cost: 19 MiB, 2 passes.
const OPTIONS = { algorithm: 2, memoryCost: 19456, timeCost: 2, parallelism: 1 } as const;

export const hashPassword = (password: string) => hash(password, OPTIONS);
export const verifyPassword = (hashed: string, password: string) => verify(hashed, password).catch(() => false);

/** At least 8 characters with both letters and digits. */
export function assertStrongPassword(password: string, field = 'newPassword'): void {
  if (password.length < 8 || !/[A-Za-z]/.test(password) || !/\d/.test(password)) throw new AppError(400, 'weak_password', { field });
}
