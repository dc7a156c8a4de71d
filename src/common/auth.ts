import { z } from 'zod';
import { ROLES } from './roles';

export const AuthLoginBody = z.object({
  login: z.string().trim().min(1).max(100),
  password: z.string().min(1).max(200),
});

export const AuthChangePasswordBody = z.object({
  currentPassword: z.string().min(1).max(200),
  newPassword: z.string().min(1).max(200),
});

export const AuthSwitchOrgBody = z.object({ orgId: z.number().int().positive() });

export const GrantView = z.object({
  id: z.number(),
  orgId: z.number(),
  orgName: z.string(),
  role: z.enum(ROLES),
  unitId: z.number().nullable(),
  unitName: z.string().nullable(),
  title: z.string(),
});

export const AuthMeResponse = z.object({
  accountId: z.number(),
  username: z.string(),
  displayName: z.string(),
  locale: z.enum(['zh-CN', 'en']),
  activeOrgId: z.number().nullable(),
  isPlatformAdmin: z.boolean(),
  mustChangePassword: z.boolean(),
  csrfToken: z.string(),
  grants: z.array(GrantView),
  orgs: z.array(z.object({ id: z.number(), name: z.string(), shortName: z.string() })),
});
export type AuthMe = z.infer<typeof AuthMeResponse>;
