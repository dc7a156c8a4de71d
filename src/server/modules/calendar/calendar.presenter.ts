import type { CalendarDay, CalendarOverrideView, CalendarYearView } from '@common/calendar';
import type { Lang } from '@common/messages';
import type { DayInfo, WorkCalendar } from '@server/lib/workdays';
import type { OverrideRow, YearRow } from './calendar.repo';

export const presentDay = (d: DayInfo, lang: Lang): CalendarDay => ({
  date: d.date,
  workday: d.workday,
  kind: d.kind,
  name: lang === 'en' ? d.nameEn : d.name,
  source: d.source,
});

export const presentOverride = (o: OverrideRow): CalendarOverrideView => ({
  day: o.day,
  kind: o.kind === 'workday' ? 'workday' : 'holiday',
  name: o.name,
  createdAt: o.createdAt.toISOString(),
});

export const presentYear = (cal: WorkCalendar, year: number, row: YearRow | undefined): CalendarYearView => ({
  year,
  inPackage: cal.inPackage(year),
  official: row?.official ?? false,
  note: row?.note ?? '',
  provisional: !cal.isCoveredYear(year),
});
