import { z } from 'zod';

/** The working-day calendar (工作日): shared schemas, types and labels for server and web. */

/** Years the calendar accepts as input (dates outside are refused as invalid). */
export const CALENDAR_MIN_YEAR = 1900;
export const CALENDAR_MAX_YEAR = 2200;

export const DAY_KINDS = ['workday', 'weekend', 'holiday', 'adjusted_workday'] as const;
export type DayKind = (typeof DAY_KINDS)[number];
export const DAY_KIND_LABELS: Record<DayKind, { zh: string; en: string }> = {
  workday: { zh: '工作日', en: 'Working day' },
  weekend: { zh: '周末', en: 'Weekend' },
  holiday: { zh: '法定节假日', en: 'Public holiday' },
  adjusted_workday: { zh: '调休上班', en: 'Adjusted working day' },
};

/** Where a day's status comes from: the chinese-days package, an admin override, or the weekday rule. */
export const DAY_SOURCES = ['package', 'override', 'rule'] as const;
export type DaySource = (typeof DAY_SOURCES)[number];

export const OVERRIDE_KINDS = ['holiday', 'workday'] as const;
export type OverrideKind = (typeof OVERRIDE_KINDS)[number];
export const OVERRIDE_KIND_LABELS: Record<OverrideKind, { zh: string; en: string }> = {
  holiday: { zh: '放假', en: 'Day off' },
  workday: { zh: '上班', en: 'Working day' },
};

export const COMPUTE_UNITS = ['workdays', 'days', 'months'] as const;
export type ComputeUnit = (typeof COMPUTE_UNITS)[number];
export const COMPUTE_UNIT_LABELS: Record<ComputeUnit, { zh: string; en: string }> = {
  workdays: { zh: '个工作日', en: 'working days' },
  days: { zh: '天', en: 'days' },
  months: { zh: '个月', en: 'months' },
};

const isoDate = z.iso.date();
const year = z.coerce.number().int().min(CALENDAR_MIN_YEAR).max(CALENDAR_MAX_YEAR);

export const ComputeQuery = z.object({
  from: isoDate,
  amount: z.coerce.number().int().min(-3660).max(3660),
  unit: z.enum(COMPUTE_UNITS),
});
export const ComputeResult = z.object({
  from: z.string(),
  amount: z.number(),
  unit: z.enum(COMPUTE_UNITS),
  date: z.string(),
  /** True when a date that had to be inspected lies in a year without published (or admin-entered) data. */
  provisional: z.boolean(),
});
export type CalendarComputeResult = z.infer<typeof ComputeResult>;

export const DayView = z.object({
  date: z.string(),
  workday: z.boolean(),
  kind: z.enum(DAY_KINDS),
  name: z.string(),
  source: z.enum(DAY_SOURCES),
});
export type CalendarDay = z.infer<typeof DayView>;

export const DaysQuery = z.object({ year: year.optional() });
export const DaysResponse = z.object({ year: z.number(), provisional: z.boolean(), days: z.array(DayView) });

export const OverrideView = z.object({ day: z.string(), kind: z.enum(OVERRIDE_KINDS), name: z.string(), createdAt: z.string() });
export type CalendarOverrideView = z.infer<typeof OverrideView>;
export const OverridesQuery = z.object({
  year: year.optional(),
  cursor: z.string().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(400).default(400),
});
export const OverrideParams = z.object({ day: isoDate });
export const OverridePutBody = z.object({ kind: z.enum(OVERRIDE_KINDS), name: z.string().trim().max(40).default('') });

export const YearView = z.object({
  year: z.number(),
  /** The chinese-days package carries this year's State Council notice. */
  inPackage: z.boolean(),
  /** An admin marked the year's notice as entered in full (as overrides). */
  official: z.boolean(),
  note: z.string(),
  /** Neither the package nor an admin covers the year: results touching it are provisional. */
  provisional: z.boolean(),
});
export type CalendarYearView = z.infer<typeof YearView>;
export const YearParams = z.object({ year });
export const YearPutBody = z.object({ official: z.boolean(), note: z.string().trim().max(200).default('') });
