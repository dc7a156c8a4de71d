/**
 * The working-day calendar (工作日) — the one interface the rest of the server uses for deadlines.
 *
 * Sources, strongest first:
 *  1. admin overrides (`calendar_overrides`: a day is a holiday or a working day, with a name), entered e.g. from
 *     next year's State Council notice before the package ships it;
 *  2. the `chinese-days` package (State Council notices it ships: holidays and adjusted working weekends 调休上班);
 *  3. the weekday rule (Mon–Fri work, Sat/Sun off).
 *
 * A year is *covered* when the package carries it or an admin marked it official in `calendar_years`. Every result
 * says whether it is **provisional**: some date it had to inspect lies in an uncovered year, where only the weekday
 * rule (plus any overrides) applied. Such results must be shown as provisional and recomputed once the notice is in.
 *
 * Usage: `const cal = await loadWorkCalendar(db)` once per request (cached per database handle behind a one-row
 * staleness check, so several app instances sharing a database see each other's edits), then call its pure methods.
 * Dates are ISO `YYYY-MM-DD` strings; arithmetic is done on UTC day numbers, so the server's time zone never matters.
 */
import { createRequire } from 'node:module';
import { sql } from 'drizzle-orm';
import type { DbOrTx } from '@server/db/client';
import { calendarOverrides, calendarYears } from '@server/db/schema/index';
import type { ComputeUnit, DayKind, DaySource, OverrideKind } from '@common/calendar';
import { readConfig } from './config-cache';

// ── Dates as day numbers ─────────────────────────────────────────────────────
const DAY_MS = 86_400_000;
const ISO = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Days since 1970-01-01 for a valid ISO date, or null (wrong format or no such day, e.g. 2026-02-30). */
export function parseDay(iso: string): number | null {
  const m = ISO.exec(iso);
  if (!m) return null;
  const y = Number(m[1]);
  const mo = Number(m[2]);
  const d = Number(m[3]);
  if (mo < 1 || mo > 12 || d < 1 || d > daysInMonth(y, mo)) return null;
  return utcDay(y, mo, d);
}

export const isValidDay = (iso: string) => parseDay(iso) !== null;

function utcDay(y: number, month: number, d: number): number {
  const dt = new Date(Date.UTC(2000, month - 1, d));
  dt.setUTCFullYear(y); // Date.UTC maps years 0–99 to 1900–1999; set the year explicitly.
  return Math.round(dt.getTime() / DAY_MS);
}

/** ISO date of a day number. */
export function formatDay(n: number): string {
  const dt = new Date(n * DAY_MS);
  const y = dt.getUTCFullYear();
  const mo = dt.getUTCMonth() + 1;
  const d = dt.getUTCDate();
  return `${String(y).padStart(4, '0')}-${String(mo).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

/** Today's date in China (UTC+8, no daylight saving), whatever the server's time zone. */
export const todayInChina = (now: Date = new Date()) => formatDay(Math.floor((now.getTime() + 8 * 3_600_000) / DAY_MS));

const yearOfDay = (n: number) => new Date(n * DAY_MS).getUTCFullYear();
/** 0 = Sunday … 6 = Saturday (1970-01-01 was a Thursday). */
const weekdayOf = (n: number) => (((n + 4) % 7) + 7) % 7;
const isLeap = (y: number) => (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
export const daysInMonth = (y: number, month: number) => [31, isLeap(y) ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1];

function requireDay(iso: string): number {
  const n = parseDay(iso);
  if (n === null) throw new RangeError(`not a valid date (YYYY-MM-DD): ${iso}`);
  return n;
}

// ── The package's data ───────────────────────────────────────────────────────
interface PackageData {
  holidays: Record<string, string>;
  workdays: Record<string, string>;
}
interface PackageName {
  zh: string;
  en: string;
}

const requireJson = createRequire(import.meta.url);
const RAW = requireJson('chinese-days/dist/chinese-days.json') as PackageData;

/** Package entries look like "Spring Festival,春节,4" (English, Chinese, days off). */
function parseName(raw: string): PackageName {
  const [en = '', zh = ''] = raw.split(',');
  return { zh: zh || en, en: en || zh };
}
const PKG_HOLIDAYS = new Map(Object.entries(RAW.holidays).map(([d, v]) => [d, parseName(v)]));
const PKG_WORKDAYS = new Map(Object.entries(RAW.workdays).map(([d, v]) => [d, parseName(v)]));
const PKG_YEARS: ReadonlySet<number> = new Set([...PKG_HOLIDAYS.keys()].map((d) => Number(d.slice(0, 4))));

/** Years whose State Council notice the installed chinese-days package carries (ascending). */
export const packageYears = (): number[] => [...PKG_YEARS].sort((a, b) => a - b);

// ── The calendar ─────────────────────────────────────────────────────────────
export interface CalendarOverride {
  day: string;
  kind: OverrideKind;
  name: string;
}

export interface CalendarYear {
  year: number;
  official: boolean;
}

/** A day and why it is (not) a working day. */
export interface DayInfo {
  date: string;
  workday: boolean;
  kind: DayKind;
  /** Holiday / adjustment name in Chinese (the override's name as typed); '' for ordinary days. */
  name: string;
  /** English name for package days; the override's name otherwise. */
  nameEn: string;
  source: DaySource;
  /** The day's year is not covered by the package nor marked official: the status is a guess by weekday. */
  provisional: boolean;
}

export interface DateResult {
  date: string;
  provisional: boolean;
}

export interface CountResult {
  count: number;
  provisional: boolean;
}

export class WorkCalendar {
  private readonly overrides: ReadonlyMap<string, CalendarOverride>;
  private readonly officialYears: ReadonlySet<number>;
  /** The database stamp this calendar was built from ('' when built in code); changes with any calendar edit. */
  stamp = '';

  constructor(overrides: readonly CalendarOverride[] = [], years: readonly CalendarYear[] = []) {
    this.overrides = new Map(overrides.map((o) => [o.day, o]));
    this.officialYears = new Set(years.filter((y) => y.official).map((y) => y.year));
  }

  /** True when the package carries the year or an admin marked it official. */
  isCoveredYear(year: number): boolean {
    return PKG_YEARS.has(year) || this.officialYears.has(year);
  }

  inPackage(year: number): boolean {
    return PKG_YEARS.has(year);
  }

  /** True when any year from `a` to `b` (day numbers, either order) is uncovered. */
  private spanProvisional(a: number, b: number): boolean {
    const y1 = yearOfDay(Math.min(a, b));
    const y2 = yearOfDay(Math.max(a, b));
    for (let y = y1; y <= y2; y++) if (!this.isCoveredYear(y)) return true;
    return false;
  }

  private dayOf(n: number): DayInfo {
    const date = formatDay(n);
    const weekend = weekdayOf(n) === 0 || weekdayOf(n) === 6;
    const provisional = !this.isCoveredYear(yearOfDay(n));
    const o = this.overrides.get(date);
    if (o) {
      const fallback = (o.kind === 'holiday' ? PKG_HOLIDAYS : PKG_WORKDAYS).get(date);
      const name = o.name || fallback?.zh || '';
      const nameEn = o.name || fallback?.en || '';
      if (o.kind === 'holiday') return { date, workday: false, kind: 'holiday', name, nameEn, source: 'override', provisional };
      return { date, workday: true, kind: weekend ? 'adjusted_workday' : 'workday', name, nameEn, source: 'override', provisional };
    }
    const w = PKG_WORKDAYS.get(date);
    if (w)
      return {
        date,
        workday: true,
        kind: weekend ? 'adjusted_workday' : 'workday',
        name: w.zh,
        nameEn: w.en,
        source: 'package',
        provisional,
      };
    const h = PKG_HOLIDAYS.get(date);
    if (h) return { date, workday: false, kind: 'holiday', name: h.zh, nameEn: h.en, source: 'package', provisional };
    return { date, workday: !weekend, kind: weekend ? 'weekend' : 'workday', name: '', nameEn: '', source: 'rule', provisional };
  }

  private workdayAt(n: number): boolean {
    return this.dayOf(n).workday;
  }

  /** Whether `date` is a working day, and why (weekend / holiday name / adjusted working day 调休上班). */
  day(date: string): DayInfo {
    return this.dayOf(requireDay(date));
  }

  isWorkday(date: string): boolean {
    return this.day(date).workday;
  }

  /**
   * The n-th working day after `from` (before it for negative n); `from` itself is not counted.
   * n = 0 gives `from` when it is a working day, else the next working day.
   */
  addWorkdays(from: string, n: number): DateResult {
    const start = requireDay(from);
    let d = start;
    if (n === 0) {
      while (!this.workdayAt(d)) d++;
    } else {
      const step = n > 0 ? 1 : -1;
      for (let left = Math.abs(n); left > 0;) {
        d += step;
        if (this.workdayAt(d)) left--;
      }
    }
    return { date: formatDay(d), provisional: this.spanProvisional(start, d) };
  }

  /** `from` plus n calendar days. Holidays do not matter, so the result is never provisional. */
  addDays(from: string, n: number): DateResult {
    return { date: formatDay(requireDay(from) + n), provisional: false };
  }

  /** `from` plus n calendar months, clamped to the month's end (01-31 + 1 month = 02-28/29). Never provisional. */
  addMonths(from: string, n: number): DateResult {
    requireDay(from);
    const [y, mo, d] = from.split('-').map(Number);
    const total = y * 12 + (mo - 1) + n;
    const ny = Math.floor(total / 12);
    const nm = total - ny * 12 + 1;
    return { date: formatDay(utcDay(ny, nm, Math.min(d, daysInMonth(ny, nm)))), provisional: false };
  }

  compute(from: string, amount: number, unit: ComputeUnit): DateResult {
    switch (unit) {
      case 'workdays':
        return this.addWorkdays(from, amount);
      case 'days':
        return this.addDays(from, amount);
      case 'months':
        return this.addMonths(from, amount);
    }
  }

  /**
   * Working days from `from` to `to` for countdowns: the working days in (from, to] when `to` is later, and minus
   * the working days in (to, from] when `to` is earlier (overdue). A deadline today gives 0; tomorrow (a working
   * day) gives 1; a deadline that passed three working days ago gives -3.
   */
  workdaysBetween(from: string, to: string): CountResult {
    const a = requireDay(from);
    const b = requireDay(to);
    const lo = Math.min(a, b);
    const hi = Math.max(a, b);
    const count = this.workdaysIn(lo, hi);
    return { count: b >= a ? count : -count, provisional: lo === hi ? false : this.spanProvisional(lo, hi) };
  }

  /** Per year: working days from 1 January through each day of the year (built once per year, then O(1) lookups). */
  private readonly running = new Map<number, Int32Array>();
  private runningOf(year: number): Int32Array {
    let r = this.running.get(year);
    if (!r) {
      const first = utcDay(year, 1, 1);
      const days = utcDay(year + 1, 1, 1) - first;
      r = new Int32Array(days);
      let n = 0;
      for (let i = 0; i < days; i++) r[i] = n += this.workdayAt(first + i) ? 1 : 0;
      this.running.set(year, r);
    }
    return r;
  }
  /** Working days from 1 January of its year through day `d`. */
  private throughDay(d: number): number {
    const y = yearOfDay(d);
    return this.runningOf(y)[d - utcDay(y, 1, 1)];
  }
  /** Working days in (lo, hi] — the inbox counts one per row, so this must not walk day by day over years. */
  private workdaysIn(lo: number, hi: number): number {
    if (hi <= lo) return 0;
    const ylo = yearOfDay(lo);
    const yhi = yearOfDay(hi);
    if (ylo === yhi) return this.throughDay(hi) - this.throughDay(lo);
    const total = (y: number) => {
      const r = this.runningOf(y);
      return r[r.length - 1];
    };
    let n = total(ylo) - this.throughDay(lo);
    for (let y = ylo + 1; y < yhi; y++) n += total(y);
    return n + this.throughDay(hi);
  }

  /** The year's non-ordinary days (from the package or an override), ascending, and whether the year is provisional. */
  yearDays(year: number): { year: number; provisional: boolean; days: DayInfo[] } {
    const days: DayInfo[] = [];
    const end = utcDay(year, 12, 31);
    for (let d = utcDay(year, 1, 1); d <= end; d++) {
      const info = this.dayOf(d);
      if (info.source !== 'rule') days.push(info);
    }
    return { year, provisional: !this.isCoveredYear(year), days };
  }
}

// ── Loading from the database, cached per handle ─────────────────────────────
interface CacheEntry {
  stamp: string;
  calendar: WorkCalendar;
}
const cache = new WeakMap<object, CacheEntry>();

async function rowsOf<T>(db: DbOrTx, query: ReturnType<typeof sql>): Promise<T[]> {
  const res = (await db.execute(query)) as unknown as { rows: T[] };
  return res.rows;
}

/**
 * A fingerprint of both tables in one cheap row: counts plus an md5 over their contents. It changes with every
 * insert, update or delete, whichever app instance made it.
 */
async function stampOf(db: DbOrTx): Promise<string> {
  const [row] = await rowsOf<{ stamp: string }>(
    db,
    sql`select concat_ws('/',
      (select count(*) from calendar_overrides),
      (select md5(coalesce(string_agg(day::text || ':' || kind || ':' || name, '|' order by day), '')) from calendar_overrides),
      (select count(*) from calendar_years),
      (select md5(coalesce(string_agg(year::text || ':' || official::text, '|' order by year), '')) from calendar_years)
    ) as stamp`,
  );
  return String(row.stamp);
}

/** Builds the calendar from the database's overrides and official years (cached until either table changes). */
export function loadWorkCalendar(db: DbOrTx): Promise<WorkCalendar> {
  // The calendar keeps its own memo of computed days, so it is not frozen.
  return readConfig(db, 'calendar', () => calendarFromDatabase(db), { freeze: false });
}

async function calendarFromDatabase(db: DbOrTx): Promise<WorkCalendar> {
  const stamp = await stampOf(db);
  const hit = cache.get(db);
  if (hit && hit.stamp === stamp) return hit.calendar;
  const overrides = await db
    .select({ day: calendarOverrides.day, kind: calendarOverrides.kind, name: calendarOverrides.name })
    .from(calendarOverrides);
  const years = await db.select({ year: calendarYears.year, official: calendarYears.official }).from(calendarYears);
  const calendar = new WorkCalendar(
    overrides.map((o) => ({ day: o.day, kind: o.kind === 'workday' ? 'workday' : 'holiday', name: o.name })),
    years,
  );
  calendar.stamp = stamp;
  cache.set(db, { stamp, calendar });
  return calendar;
}
