import { z } from 'zod';
import { ORG_LEVELS } from './roles';
import { patchOf } from './patch';

const isoDate = z.iso.date();

export const OrgView = z.object({
  id: z.number(),
  code: z.string(),
  name: z.string(),
  shortName: z.string(),
  parentId: z.number().nullable(),
  level: z.enum(ORG_LEVELS),
  region: z.string(),
  version: z.number(),
});
export type Org = z.infer<typeof OrgView>;

export const OrgCreateBody = z.object({
  code: z.string().trim().min(2).max(40).regex(/^[a-z0-9-]+$/),
  name: z.string().trim().min(1).max(100),
  shortName: z.string().trim().min(1).max(40),
  parentId: z.number().int().positive().nullable().default(null),
  level: z.enum(ORG_LEVELS),
  region: z.string().trim().max(40).default(''),
});
export const OrgUpdateBody = patchOf(OrgCreateBody.omit({ code: true })).extend({ version: z.number().int() });

export const TermView = z.object({ id: z.number(), orgId: z.number(), number: z.number(), startDate: z.string(), endDate: z.string().nullable(), version: z.number() });
export const TermCreateBody = z
  .object({ number: z.number().int().min(1).max(99), startDate: isoDate, endDate: isoDate.nullable().default(null) })
  .refine((v) => !v.endDate || v.endDate >= v.startDate, { message: 'date_order', path: ['endDate'] });
export const TermUpdateBody = z.object({ number: z.number().int().min(1).max(99).optional(), startDate: isoDate.optional(), endDate: isoDate.nullable().optional(), version: z.number().int() });

export const SessionView = z.object({ id: z.number(), orgId: z.number(), termId: z.number(), termNumber: z.number(), number: z.number(), name: z.string(), startDate: z.string(), endDate: z.string(), version: z.number() });
export const SessionCreateBody = z
  .object({ termId: z.number().int().positive(), number: z.number().int().min(1).max(20), name: z.string().trim().max(60).optional(), startDate: isoDate, endDate: isoDate })
  .refine((v) => v.endDate >= v.startDate, { message: 'date_order', path: ['endDate'] });
export const SessionUpdateBody = z.object({ name: z.string().trim().min(1).max(60).optional(), startDate: isoDate.optional(), endDate: isoDate.optional(), version: z.number().int() });

/** Plain per-organization catalogues: sectors, special committees, member groups, studios. */
export const CATALOGS = ['sectors', 'committees', 'groups', 'studios'] as const;
export type Catalog = (typeof CATALOGS)[number];
export const CATALOG_LABELS: Record<Catalog, { zh: string; en: string }> = {
  sectors: { zh: '界别', en: 'Sectors' },
  committees: { zh: '专门委员会', en: 'Special committees' },
  groups: { zh: '委员小组', en: 'Member groups' },
  studios: { zh: '委员工作室', en: 'Member studios' },
};
export const CatalogItemView = z.object({ id: z.number(), orgId: z.number(), name: z.string(), sort: z.number().optional(), theme: z.string().optional(), place: z.string().optional(), version: z.number() });
export const CatalogCreateBody = z.object({ name: z.string().trim().min(1).max(60), sort: z.number().int().min(0).max(9999).optional(), theme: z.string().trim().max(200).optional(), place: z.string().trim().max(200).optional() });
export const CatalogUpdateBody = patchOf(CatalogCreateBody).extend({ version: z.number().int() });

/** Session name per convention: 十一届三次会议 */
const CN = ['零', '一', '二', '三', '四', '五', '六', '七', '八', '九', '十'];
export function chineseNumber(n: number): string {
  if (n <= 10) return CN[n];
  if (n < 20) return `十${CN[n - 10]}`;
  const tens = Math.floor(n / 10);
  const ones = n % 10;
  return `${CN[tens]}十${ones ? CN[ones] : ''}`;
}
export const sessionName = (term: number, session: number) => `${chineseNumber(term)}届${chineseNumber(session)}次会议`;
