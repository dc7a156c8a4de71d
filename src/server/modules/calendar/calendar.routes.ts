import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  CALENDAR_MAX_YEAR,
  CALENDAR_MIN_YEAR,
  ComputeQuery,
  ComputeResult,
  DaysQuery,
  DaysResponse,
  OverrideParams,
  OverridePutBody,
  OverridesQuery,
  OverrideView,
  YearParams,
  YearPutBody,
  YearView,
} from '@common/calendar';
import { writeAudit } from '@server/lib/audit';
import { forbidden, invalid, notFound } from '@server/lib/errors';
import { decodeCursor, page, pageResponse } from '@server/lib/paging';
import { AUTHENTICATED } from '@server/lib/permissions';
import { Ok } from '@server/lib/schemas';
import { loadWorkCalendar, packageYears, todayInChina } from '@server/lib/workdays';
import * as repo from './calendar.repo';
import { presentDay, presentOverride, presentYear } from './calendar.presenter';
import { changeConfig } from '@server/lib/config-cache';

const tags = ['calendar'];
const MANAGE = 'calendar.manage';

/** A valid ISO date whose year the calendar accepts; otherwise 400 naming the field. */
function assertYearInRange(field: string, date: string) {
  const y = Number(date.slice(0, 4));
  if (y < CALENDAR_MIN_YEAR || y > CALENDAR_MAX_YEAR) throw invalid(field, 'invalid_date');
}

/**
 * The national working-day calendar. Everyone signed in reads it (no organization involved); only platform
 * admins enter holiday notices (overrides) and mark years official. Writes go to the platform audit chain.
 */
const routes: FastifyPluginAsyncZod = async (app) => {
  const { db } = app.database;

  app.get('/api/calendar/compute', { config: { permission: AUTHENTICATED }, schema: { tags, summary: '期限计算（工作日/自然日/月）', querystring: ComputeQuery, response: { 200: ComputeResult } } }, async (req) => {
    req.me();
    const { from, amount, unit } = req.query;
    assertYearInRange('from', from);
    const cal = await loadWorkCalendar(db);
    const r = cal.compute(from, amount, unit);
    return { from, amount, unit, date: r.date, provisional: r.provisional };
  });

  app.get('/api/calendar/days', { config: { permission: AUTHENTICATED }, schema: { tags, summary: '某年的节假日与调休上班日', querystring: DaysQuery, response: { 200: DaysResponse } } }, async (req) => {
    req.me();
    const year = req.query.year ?? Number(todayInChina().slice(0, 4));
    const cal = await loadWorkCalendar(db);
    const y = cal.yearDays(year);
    return { year, provisional: y.provisional, days: y.days.map((d) => presentDay(d, req.lang)) };
  });

  app.get('/api/calendar/overrides', { config: { permission: AUTHENTICATED }, schema: { tags, summary: '管理员录入的节假日调整', querystring: OverridesQuery, response: { 200: pageResponse(OverrideView) } } }, async (req) => {
    req.me();
    const { year, cursor, limit } = req.query;
    const after = decodeCursor<[string]>(cursor)?.[0];
    if (after !== undefined && (typeof after !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(after))) throw invalid('cursor', 'invalid_format');
    const rows = await repo.listOverrides(db, { year, after, limit });
    const p = page(rows, limit, (r) => [r.day]);
    return { items: p.items.map(presentOverride), nextCursor: p.nextCursor };
  });

  app.put('/api/calendar/overrides/:day', { config: { permission: MANAGE }, schema: { tags, summary: '设置某日放假/上班（平台管理员）', params: OverrideParams, body: OverridePutBody, response: { 200: OverrideView } } }, async (req) => {
    if (!req.me().isPlatformAdmin) throw forbidden();
    const { day } = req.params;
    assertYearInRange('day', day);
    const row = await changeConfig(db, async (tx) => {
      const before = await repo.getOverride(tx, day);
      const after = await repo.upsertOverride(tx, { day, kind: req.body.kind, name: req.body.name });
      await writeAudit(tx, req.auditActor(), {
        orgId: null,
        entityType: 'calendar_override',
        entityId: day,
        action: before ? 'update' : 'create',
        before: before ? { kind: before.kind, name: before.name } : null,
        after: { kind: after.kind, name: after.name },
      });
      return after;
    });
    return presentOverride(row);
  });

  app.delete('/api/calendar/overrides/:day', { config: { permission: MANAGE }, schema: { tags, summary: '删除某日的调整（平台管理员）', params: OverrideParams, response: { 200: Ok } } }, async (req) => {
    if (!req.me().isPlatformAdmin) throw forbidden();
    const { day } = req.params;
    await changeConfig(db, async (tx) => {
      const before = await repo.getOverride(tx, day);
      if (!before) throw notFound();
      await repo.deleteOverride(tx, day);
      await writeAudit(tx, req.auditActor(), { orgId: null, entityType: 'calendar_override', entityId: day, action: 'delete', before: { kind: before.kind, name: before.name } });
    });
    return { ok: true as const };
  });

  app.get('/api/calendar/years', { config: { permission: AUTHENTICATED }, schema: { tags, summary: '各年度数据来源（是否为暂定）', response: { 200: z.object({ items: z.array(YearView), nextCursor: z.null() }) } } }, async (req) => {
    req.me();
    const cal = await loadWorkCalendar(db);
    const rows = new Map((await repo.listYears(db)).map((r) => [r.year, r]));
    const pkg = packageYears();
    const thisYear = Number(todayInChina().slice(0, 4));
    const lo = Math.min(pkg[0] ?? thisYear, ...rows.keys(), thisYear);
    const hi = Math.max(pkg[pkg.length - 1] ?? thisYear, ...rows.keys(), thisYear + 1);
    const items = [];
    for (let y = hi; y >= lo; y--) items.push(presentYear(cal, y, rows.get(y)));
    return { items, nextCursor: null };
  });

  app.put('/api/calendar/years/:year', { config: { permission: MANAGE }, schema: { tags, summary: '标记某年放假安排已完整录入（平台管理员）', params: YearParams, body: YearPutBody, response: { 200: YearView } } }, async (req) => {
    if (!req.me().isPlatformAdmin) throw forbidden();
    const { year } = req.params;
    const row = await changeConfig(db, async (tx) => {
      const before = await repo.getYear(tx, year);
      const after = await repo.upsertYear(tx, { year, official: req.body.official, note: req.body.note });
      await writeAudit(tx, req.auditActor(), {
        orgId: null,
        entityType: 'calendar_year',
        entityId: year,
        action: before ? 'update' : 'create',
        before: before ? { official: before.official, note: before.note } : null,
        after: { official: after.official, note: after.note },
      });
      return after;
    });
    return presentYear(await loadWorkCalendar(db), year, row);
  });
};
export default routes;
