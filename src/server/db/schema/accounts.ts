import { bigint, boolean, index, integer, pgTable, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';
import { sql } from 'drizzle-orm';
import { idColumn, organizations, timestamps, version } from './orgs';

/** A login identity. Global across organizations; roles are granted per organization. */
export const accounts = pgTable(
  'accounts',
  {
    id: idColumn(),
    username: text('username').notNull(),
    phone: text('phone'),
    email: text('email').notNull().default(''),
    displayName: text('display_name').notNull(),
    passwordHash: text('password_hash').notNull(),
    mustChangePassword: boolean('must_change_password').notNull().default(false),
    locale: text('locale').notNull().default('zh-CN'),
    disabled: boolean('disabled').notNull().default(false),
    isDemo: boolean('is_demo').notNull().default(false),
    lastOrgId: bigint('last_org_id', { mode: 'number' }),
    version: version(),
    ...timestamps,
  },
  (t) => [
    uniqueIndex('accounts_username_uq').on(sql`lower(${t.username})`),
    uniqueIndex('accounts_phone_uq').on(t.phone).where(sql`phone is not null`),
  ],
);

/** A role held by an account in one organization; unit_handler grants name the unit. */
export const roleGrants = pgTable(
  'role_grants',
  {
    id: idColumn(),
    accountId: bigint('account_id', { mode: 'number' })
      .notNull()
      .references(() => accounts.id, { onDelete: 'cascade' }),
    orgId: bigint('org_id', { mode: 'number' })
      .notNull()
      .references(() => organizations.id),
    role: text('role').notNull(),
    unitId: bigint('unit_id', { mode: 'number' }),
    title: text('title').notNull().default(''),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('role_grants_uq').on(t.accountId, t.orgId, t.role, sql`coalesce(unit_id, 0)`),
    index('role_grants_org_idx').on(t.orgId, t.role),
  ],
);

/** Server-side login sessions. The cookie holds a random token; only its SHA-256 is stored. */
export const authSessions = pgTable(
  'auth_sessions',
  {
    tokenHash: text('token_hash').primaryKey(),
    accountId: bigint('account_id', { mode: 'number' })
      .notNull()
      .references(() => accounts.id, { onDelete: 'cascade' }),
    activeOrgId: bigint('active_org_id', { mode: 'number' }),
    csrfToken: text('csrf_token').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    lastSeenAt: timestamp('last_seen_at', { withTimezone: true }).notNull().defaultNow(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    ip: text('ip').notNull().default(''),
    userAgent: text('user_agent').notNull().default(''),
  },
  (t) => [index('auth_sessions_account_idx').on(t.accountId)],
);

/** Failed-login counter per login identifier (known or not), shared by every app instance. */
export const loginThrottle = pgTable('login_throttle', {
  identifier: text('identifier').primaryKey(),
  failures: integer('failures').notNull().default(0),
  lockedUntil: timestamp('locked_until', { withTimezone: true }),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});

export { version, timestamps };
