import { z } from 'zod';
import { ROLES } from './roles';

/** Shared schemas for accounts and role grants, my profile, the audit log and notifications. */

export const LOCALES = ['zh-CN', 'en'] as const;

const EMAIL_RE = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** Mainland mobile number, or empty (→ no phone). */
export const PhoneInput = z
  .string()
  .trim()
  .regex(/^(1[3-9]\d{9})?$/, 'phone');

/** An e-mail address, or empty. */
export const EmailInput = z
  .string()
  .trim()
  .max(200)
  .superRefine((v, ctx) => {
    if (v !== '' && !EMAIL_RE.test(v)) ctx.addIssue({ code: 'invalid_format', format: 'email', input: v, message: 'email' });
  });

export const UsernameInput = z
  .string()
  .trim()
  .min(3)
  .max(40)
  .regex(/^[A-Za-z0-9][A-Za-z0-9_.@-]*$/);

export const AccountGrantView = z.object({
  id: z.number(),
  role: z.enum(ROLES),
  unitId: z.number().nullable(),
  unitName: z.string().nullable(),
  title: z.string(),
});

export const AccountView = z.object({
  id: z.number(),
  username: z.string(),
  displayName: z.string(),
  phone: z.string().nullable(),
  email: z.string(),
  disabled: z.boolean(),
  mustChangePassword: z.boolean(),
  grants: z.array(AccountGrantView),
  version: z.number(),
});
export type Account = z.infer<typeof AccountView>;

export const AccountListQuery = z.object({
  role: z.enum(ROLES).optional(),
  q: z.string().trim().max(100).optional(),
});

export const GrantInput = z.object({
  role: z.enum(ROLES),
  unitId: z.number().int().positive().nullable().optional(),
  title: z.string().trim().max(60).optional(),
});

export const AccountCreateBody = z.object({
  username: UsernameInput,
  displayName: z.string().trim().min(1).max(60),
  phone: PhoneInput.nullable().optional(),
  email: EmailInput.optional(),
  password: z.string().min(1).max(200).optional(),
  grants: z.array(GrantInput).min(1).max(20),
});

export const AccountCreateResponse = z.object({
  account: AccountView,
  /** Only when the server generated the password; shown once. */
  initialPassword: z.string().optional(),
});

export const AccountUpdateBody = z.object({
  displayName: z.string().trim().min(1).max(60).optional(),
  phone: PhoneInput.nullable().optional(),
  email: EmailInput.optional(),
  disabled: z.boolean().optional(),
  version: z.number().int(),
});

export const GrantCreateBody = GrantInput.extend({ accountId: z.number().int().positive() });

export const GrantCreateResponse = AccountGrantView.extend({ accountId: z.number(), orgId: z.number() });

export const ResetPasswordResponse = z.object({ temporaryPassword: z.string() });

export const MeView = z.object({
  id: z.number(),
  username: z.string(),
  displayName: z.string(),
  email: z.string(),
  phone: z.string().nullable(),
  locale: z.enum(LOCALES),
  mustChangePassword: z.boolean(),
  version: z.number(),
});

export const MeUpdateBody = z.object({
  displayName: z.string().trim().min(1).max(60).optional(),
  email: EmailInput.optional(),
  phone: PhoneInput.nullable().optional(),
  locale: z.enum(LOCALES).optional(),
  version: z.number().int(),
});

// ── Audit ──────────────────────────────────────────────────────
export const AuditQuery = z.object({
  entityType: z.string().trim().max(60).optional(),
  entityId: z.string().trim().max(60).optional(),
  actorId: z.coerce.number().int().positive().optional(),
  action: z.string().trim().max(60).optional(),
});

export const AuditEntryView = z.object({
  id: z.number(),
  seq: z.number(),
  actorAccountId: z.number().nullable(),
  actorName: z.string(),
  entityType: z.string(),
  entityId: z.string(),
  action: z.string(),
  before: z.record(z.string(), z.unknown()).nullable(),
  after: z.record(z.string(), z.unknown()).nullable(),
  reason: z.string(),
  requestId: z.string(),
  createdAt: z.string(),
});

export const AuditVerifyResponse = z.object({
  chainKey: z.string(),
  rows: z.number(),
  ok: z.boolean(),
  brokenAt: z.object({ id: z.number(), seq: z.number(), problem: z.string() }).optional(),
});

// ── Notifications ──────────────────────────────────────────────
export const NotificationQuery = z.object({ unread: z.enum(['true', 'false', '1', '0']).optional() });

export const NotificationView = z.object({
  id: z.number(),
  orgId: z.number().nullable(),
  kind: z.string(),
  title: z.string(),
  body: z.string(),
  link: z.string(),
  read: z.boolean(),
  readAt: z.string().nullable(),
  createdAt: z.string(),
});

export const UnreadCountResponse = z.object({ count: z.number() });
export const ReadAllResponse = z.object({ ok: z.literal(true), count: z.number() });
