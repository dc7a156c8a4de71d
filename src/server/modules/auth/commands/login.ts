import { randomBytes } from 'node:crypto';
import type { Database } from '@server/db/client';
import type { AppConfig } from '@server/config';
import { AppError } from '@server/lib/errors';
import { verifyPassword } from '@server/lib/passwords';
import { writeAudit } from '@server/lib/audit';
import { hashToken } from '@server/plugins/auth';
import * as repo from '../auth.repo';

// A fixed hash so an unknown account costs the same time as a wrong password.
const DUMMY_HASH = '$argon2id$v=19$m=19456,t=2,p=1$c29tZXNhbHRzb21lc2FsdA$1nP5OZ7m8lV1kM0d0Jm7zL0q4mX+f3u5d0kzQ6H2y3U';

export interface LoginResult {
  token: string;
  accountId: number;
  expiresAt: Date;
}

function lockedError(until: Date): AppError {
  const local = new Intl.DateTimeFormat('zh-CN', { timeZone: 'Asia/Shanghai', hour: '2-digit', minute: '2-digit', hour12: false }).format(until);
  return new AppError(429, 'login_locked', { field: 'login', params: { until: local }, details: { lockedUntil: until.toISOString() } });
}

/**
 * Signs in by account name or phone. Failures are counted per login identifier in the database, so the
 * lockout holds across app instances and does not reveal whether an account exists.
 */
export async function login(database: Database, config: AppConfig, input: { login: string; password: string; ip: string; userAgent: string; requestId: string }): Promise<LoginResult> {
  const { db } = database;
  const identifier = input.login.trim().toLowerCase();
  const throttle = await repo.getThrottle(db, identifier);
  if (throttle?.lockedUntil && throttle.lockedUntil > new Date()) throw lockedError(throttle.lockedUntil);

  const account = await repo.findAccountByLogin(db, input.login.trim());
  const ok = await verifyPassword(account?.passwordHash ?? DUMMY_HASH, input.password);
  if (!account || !ok) {
    const until = await repo.recordFailure(db, identifier, config.loginMaxFailures, config.loginLockMinutes);
    if (until) throw lockedError(until);
    throw new AppError(401, 'login_failed', { field: 'password' });
  }
  if (account.disabled) throw new AppError(403, 'account_disabled', { field: 'login' });

  const token = randomBytes(32).toString('base64url');
  const expiresAt = new Date(Date.now() + config.sessionTtlHours * 3600_000);
  await db.transaction(async (tx) => {
    await repo.clearThrottle(tx, identifier);
    await repo.createSession(tx, {
      tokenHash: hashToken(token),
      accountId: account.id,
      activeOrgId: account.lastOrgId,
      csrfToken: randomBytes(24).toString('base64url'),
      expiresAt,
      ip: input.ip,
      userAgent: input.userAgent.slice(0, 300),
    });
    await writeAudit(tx, { accountId: account.id, name: account.displayName, requestId: input.requestId }, { orgId: null, entityType: 'account', entityId: account.id, action: 'login', after: { ip: input.ip } });
  });
  return { token, accountId: account.id, expiresAt };
}
