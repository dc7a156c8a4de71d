import { z } from 'zod';
import { COLLECTIVE_KINDS, UNIT_GROUPS } from './roles';

/** Mainland mobile number: 11 digits starting with 1. Empty means "not given". */
export const MOBILE_RE = /^1\d{10}$/;

const id = z.number().int().positive();
const ids = z.array(id).max(200);
const text = (max: number) => z.string().trim().max(max);
/** Optional mobile number; the 'phone' message makes the error say "not a valid mobile number". */
export const mobile = z.string().trim().regex(/^(1\d{10})?$/, { message: 'phone' });
/** Optional e-mail address (empty string allowed). */
export const optionalEmail = z
  .string()
  .trim()
  .max(200)
  .superRefine((v, ctx) => {
    if (v && !z.email().safeParse(v).success) ctx.addIssue({ code: 'invalid_format', format: 'email', input: v, message: 'email' } as never);
  });
/** Query-string booleans: "true" / "false". */
const boolParam = z.enum(['true', 'false']).transform((v) => v === 'true');
const cursor = z.string().max(200).optional();
const limit = z.coerce.number().int().min(1).max(200).default(50);

// ── Members (委员) ───────────────────────────────────────────
export const GENDERS = ['', 'male', 'female'] as const;
export type Gender = (typeof GENDERS)[number];
export const GENDER_LABELS: Record<Gender, { zh: string; en: string }> = {
  '': { zh: '', en: '' },
  male: { zh: '男', en: 'Male' },
  female: { zh: '女', en: 'Female' },
};

export const MemberView = z.object({
  id: z.number(),
  orgId: z.number(),
  name: z.string(),
  gender: z.enum(GENDERS),
  sectorId: z.number().nullable(),
  sectorName: z.string().nullable(),
  groupId: z.number().nullable(),
  groupName: z.string().nullable(),
  isStandingCommittee: z.boolean(),
  employer: z.string(),
  phone: z.string(),
  email: z.string(),
  address: z.string(),
  active: z.boolean(),
  termIds: z.array(z.number()),
  termNumbers: z.array(z.number()),
  committeeIds: z.array(z.number()),
  committeeNames: z.array(z.string()),
  studioIds: z.array(z.number()),
  accountId: z.number().nullable(),
  version: z.number(),
});
export type Member = z.infer<typeof MemberView>;

export const MemberCreateBody = z.object({
  name: text(60).min(1),
  gender: z.enum(GENDERS).default(''),
  sectorId: id.nullable().default(null),
  groupId: id.nullable().default(null),
  isStandingCommittee: z.boolean().default(false),
  employer: text(200).default(''),
  phone: mobile.default(''),
  email: optionalEmail.default(''),
  address: text(200).default(''),
  active: z.boolean().default(true),
  termIds: ids.default([]),
  committeeIds: ids.default([]),
  studioIds: ids.default([]),
  accountId: id.nullable().default(null),
});
export type MemberCreate = z.infer<typeof MemberCreateBody>;

export const MemberUpdateBody = z.object({
  name: text(60).min(1).optional(),
  gender: z.enum(GENDERS).optional(),
  sectorId: id.nullable().optional(),
  groupId: id.nullable().optional(),
  isStandingCommittee: z.boolean().optional(),
  employer: text(200).optional(),
  phone: mobile.optional(),
  email: optionalEmail.optional(),
  address: text(200).optional(),
  active: z.boolean().optional(),
  termIds: ids.optional(),
  committeeIds: ids.optional(),
  studioIds: ids.optional(),
  accountId: id.nullable().optional(),
  version: z.number().int(),
});
export type MemberUpdate = z.infer<typeof MemberUpdateBody>;

export const MemberFilterQuery = z.object({
  sectorId: z.coerce.number().int().positive().optional(),
  /** Only members with no sector (the "未分界别" bar of the sector chart). */
  noSector: boolParam.optional(),
  committeeId: z.coerce.number().int().positive().optional(),
  termId: z.coerce.number().int().positive().optional(),
  groupId: z.coerce.number().int().positive().optional(),
  isStandingCommittee: boolParam.optional(),
  active: boolParam.optional(),
  q: text(100).optional(),
});
export const MemberListQuery = MemberFilterQuery.extend({ cursor, limit });
export type MemberFilter = z.infer<typeof MemberFilterQuery>;

/**
 * Counts of the organization's current members: those holding its current term (届, the highest-numbered one, the
 * term a new member defaults to) and still active — the member list filtered by `termId` and `active=true`.
 * `term` is null when the organization has no term yet; then every active member counts.
 */
export const MemberSummaryView = z.object({
  term: z.object({ id: z.number(), number: z.number() }).nullable(),
  total: z.number(),
  standing: z.number(),
  /** Largest sector first; `sectorId: null` is the members with no sector. */
  bySector: z.array(z.object({ sectorId: z.number().nullable(), name: z.string().nullable(), count: z.number() })),
  byGender: z.array(z.object({ gender: z.enum(GENDERS), count: z.number() })),
  /** A member sits on several committees or none, so these need not add up to `total`. */
  byCommittee: z.array(z.object({ committeeId: z.number(), name: z.string(), count: z.number() })),
});
export type MemberSummary = z.infer<typeof MemberSummaryView>;

// ── Collective proposers (集体提案者) ─────────────────────────
export const CollectiveView = z.object({
  id: z.number(),
  orgId: z.number(),
  kind: z.enum(COLLECTIVE_KINDS),
  name: z.string(),
  agents: z.array(z.object({ accountId: z.number(), displayName: z.string() })),
  version: z.number(),
});
export type Collective = z.infer<typeof CollectiveView>;
export const CollectiveCreateBody = z.object({
  kind: z.enum(COLLECTIVE_KINDS),
  name: text(100).min(1),
  accountIds: ids.default([]),
});
export const CollectiveUpdateBody = z.object({
  kind: z.enum(COLLECTIVE_KINDS).optional(),
  name: text(100).min(1).optional(),
  accountIds: ids.optional(),
  version: z.number().int(),
});
export const CollectiveListQuery = z.object({ kind: z.enum(COLLECTIVE_KINDS).optional(), q: text(100).optional(), cursor, limit });

// ── Handling units (承办单位) ─────────────────────────────────
export const UnitView = z.object({
  id: z.number(),
  orgId: z.number(),
  name: z.string(),
  unitGroup: z.enum(UNIT_GROUPS),
  contactName: z.string(),
  contactPhone: z.string(),
  duties: z.string(),
  active: z.boolean(),
  orgIds: z.array(z.number()),
  version: z.number(),
});
export type Unit = z.infer<typeof UnitView>;
export const UnitCreateBody = z.object({
  name: text(100).min(1),
  unitGroup: z.enum(UNIT_GROUPS),
  contactName: text(60).default(''),
  contactPhone: text(40).default(''),
  duties: text(2000).default(''),
  active: z.boolean().default(true),
  orgIds: ids.min(1).optional(),
});
export const UnitUpdateBody = z.object({
  name: text(100).min(1).optional(),
  unitGroup: z.enum(UNIT_GROUPS).optional(),
  contactName: text(60).optional(),
  contactPhone: text(40).optional(),
  duties: text(2000).optional(),
  active: z.boolean().optional(),
  orgIds: ids.min(1).optional(),
  version: z.number().int(),
});
export const UnitFilterQuery = z.object({ unitGroup: z.enum(UNIT_GROUPS).optional(), active: boolParam.optional(), q: text(100).optional() });
export const UnitListQuery = UnitFilterQuery.extend({ cursor, limit });
export type UnitFilter = z.infer<typeof UnitFilterQuery>;

// ── Excel import ─────────────────────────────────────────────
export const IMPORT_MODES = ['preview', 'commit'] as const;
export const ImportQuery = z.object({ mode: z.enum(IMPORT_MODES).default('preview') });
export const ImportRowError = z.object({ row: z.number(), column: z.string(), field: z.string(), message: z.string() });
export type ImportError = z.infer<typeof ImportRowError>;
export const ImportResponse = z.object({
  mode: z.enum(IMPORT_MODES),
  total: z.number(),
  valid: z.number(),
  errors: z.array(ImportRowError),
  created: z.number(),
});
export type ImportResult = z.infer<typeof ImportResponse>;
/** Largest number of data rows one import file may hold. */
export const IMPORT_MAX_ROWS = 20_000;
