import type { z } from 'zod';
import type { OrgView, SessionView, TermView } from '@common/orgs';
import type { organizations, plenarySessions, terms } from '@server/db/schema/index';

export const presentOrg = (o: typeof organizations.$inferSelect): z.infer<typeof OrgView> => ({
  id: o.id,
  code: o.code,
  name: o.name,
  shortName: o.shortName,
  parentId: o.parentId,
  level: o.level as z.infer<typeof OrgView>['level'],
  region: o.region,
  version: o.version,
});

export const presentTerm = (t: typeof terms.$inferSelect): z.infer<typeof TermView> => ({
  id: t.id,
  orgId: t.orgId,
  number: t.number,
  startDate: t.startDate,
  endDate: t.endDate,
  version: t.version,
});

export const presentSession = (r: { s: typeof plenarySessions.$inferSelect; termNumber: number }): z.infer<typeof SessionView> => ({
  id: r.s.id,
  orgId: r.s.orgId,
  termId: r.s.termId,
  termNumber: r.termNumber,
  number: r.s.number,
  name: r.s.name,
  startDate: r.s.startDate,
  endDate: r.s.endDate,
  version: r.s.version,
});
