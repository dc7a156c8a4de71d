/**
 * Party-committee work system (党委政协工作制度, e.g. 荣昌 "五个一") and the leadership dashboard (驾驶舱):
 * schemas and the obligation clock shared by the server and the web app.
 */
import { z } from 'zod';
import type { Role } from './roles';

/** Who manages obligations, fulfilments and leaders' attendance; who reads them (leaders included). */
export const WORK_STAFF_ROLES = ['general_staff', 'org_admin'] as const satisfies readonly Role[];
export const WORK_READER_ROLES = ['general_staff', 'org_admin', 'leader', 'proposal_staff', 'info_staff'] as const satisfies readonly Role[];

/**
 * How often an obligation falls due.
 * - `months`: every N months, rolling from the last fulfilment (or the start date): 每两个月听取一次汇报.
 * - `yearly`: once per calendar year: 每年交办一批重点工作.
 * - `per_leader_yearly`: each listed leader once per calendar year: 每位领导每年领办一件重点提案.
 */
export const FREQUENCIES = ['months', 'yearly', 'per_leader_yearly'] as const;
export type Frequency = (typeof FREQUENCIES)[number];
export const FREQUENCY_LABELS: Record<Frequency, { zh: string; en: string }> = {
  months: { zh: '每 N 个月', en: 'Every N months' },
  yearly: { zh: '每年', en: 'Yearly' },
  per_leader_yearly: { zh: '每位领导每年', en: 'Each leader yearly' },
};

/** Stable codes of the five default obligations; the dashboard counts report hearings by `report_hearing`. */
export const OBLIGATION_CODES = ['report_hearing', 'key_tasks', 'lead_proposal', 'plenary_discussion', 'secretary_consultation', 'custom'] as const;
export type ObligationCode = (typeof OBLIGATION_CODES)[number];

/** What a fulfilment may point at. `outcome_instruction` = 成果批示; `info_instruction` = 社情民意批示. */
export const LINK_KINDS = ['activity', 'proposal', 'outcome_instruction', 'info_instruction'] as const;
export type LinkKind = (typeof LINK_KINDS)[number];
export const LINK_KIND_LABELS: Record<LinkKind, { zh: string; en: string }> = {
  activity: { zh: '协商活动', en: 'Activity' },
  proposal: { zh: '提案', en: 'Proposal' },
  outcome_instruction: { zh: '成果批示', en: 'Outcome instruction' },
  info_instruction: { zh: '社情民意批示', en: 'Information instruction' },
};

/** The five obligations of 荣昌's "五个一", offered as defaults for a new organization. */
export const DEFAULT_OBLIGATIONS: Array<{ code: ObligationCode; name: string; frequency: Frequency; everyMonths: number | null; responsible: string }> = [
  { code: 'report_hearing', name: '区委每两个月听取一次区政协党组工作汇报', frequency: 'months', everyMonths: 2, responsible: '区委' },
  { code: 'key_tasks', name: '每年交办区政协一批重点工作', frequency: 'yearly', everyMonths: null, responsible: '区委' },
  { code: 'lead_proposal', name: '区委、区政府领导每年领办一件区政协重点提案', frequency: 'per_leader_yearly', everyMonths: null, responsible: '区委、区政府领导' },
  { code: 'plenary_discussion', name: '区委常委每年参加一次区政协全会讨论', frequency: 'yearly', everyMonths: null, responsible: '区委常委' },
  { code: 'secretary_consultation', name: '区委书记每年参加一次区政协专题协商', frequency: 'yearly', everyMonths: null, responsible: '区委书记' },
];

const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);
const names = z.array(z.string().trim().min(1).max(50)).max(50);

export const ObligationCreateBody = z
  .object({
    code: z.enum(OBLIGATION_CODES).default('custom'),
    name: z.string().trim().min(1).max(200),
    description: z.string().max(2000).default(''),
    frequency: z.enum(FREQUENCIES),
    everyMonths: z.number().int().min(1).max(24).nullable().default(null),
    responsible: z.string().trim().max(200).default(''),
    leaders: names.default([]),
    startDate: day,
    active: z.boolean().default(true),
  })
  .strict();
export type ObligationCreateBody = z.infer<typeof ObligationCreateBody>;

export const ObligationUpdateBody = z
  .object({
    name: z.string().trim().min(1).max(200).optional(),
    description: z.string().max(2000).optional(),
    frequency: z.enum(FREQUENCIES).optional(),
    everyMonths: z.number().int().min(1).max(24).nullable().optional(),
    responsible: z.string().trim().max(200).optional(),
    leaders: names.optional(),
    startDate: day.optional(),
    active: z.boolean().optional(),
    version: z.number().int().positive(),
  })
  .strict();

export const FulfilmentCreateBody = z
  .object({
    fulfilledOn: day,
    note: z.string().trim().min(1).max(2000),
    evidence: z.string().max(2000).default(''),
    attachmentRef: z.string().max(500).default(''),
    leaders: names.default([]),
    linkKind: z.enum(LINK_KINDS).nullable().default(null),
    linkId: z.number().int().positive().nullable().default(null),
  })
  .strict();
export type FulfilmentCreateBody = z.infer<typeof FulfilmentCreateBody>;

export const FulfilmentUpdateBody = z
  .object({
    fulfilledOn: day.optional(),
    note: z.string().trim().min(1).max(2000).optional(),
    evidence: z.string().max(2000).optional(),
    attachmentRef: z.string().max(500).optional(),
    leaders: names.optional(),
    linkKind: z.enum(LINK_KINDS).nullable().optional(),
    linkId: z.number().int().positive().nullable().optional(),
    version: z.number().int().positive(),
  })
  .strict();

export const LeaderAttendanceBody = z
  .object({
    activityId: z.number().int().positive(),
    leaderName: z.string().trim().min(1).max(50),
    leaderTitle: z.string().trim().max(100).default(''),
  })
  .strict();

export const ClockState = z.enum(['fulfilled', 'pending', 'overdue']);
export type ClockState = z.infer<typeof ClockState>;

export const ObligationClock = z.object({
  periodStart: z.string(),
  due: z.string(),
  /** The due day depends on a calendar year the working-day calendar does not cover yet. */
  dueProvisional: z.boolean(),
  state: ClockState,
  /** Fulfilments dated inside the current period. */
  inPeriod: z.number(),
  /** per_leader_yearly: leaders not yet named in a fulfilment this year. */
  missingLeaders: z.array(z.string()),
  /** Yearly kinds: the previous calendar year ended incomplete. */
  previousMissed: z.boolean(),
});
export type ObligationClock = z.infer<typeof ObligationClock>;

export const ObligationView = z.object({
  id: z.number(),
  orgId: z.number(),
  code: z.enum(OBLIGATION_CODES),
  name: z.string(),
  description: z.string(),
  frequency: z.enum(FREQUENCIES),
  everyMonths: z.number().nullable(),
  responsible: z.string(),
  leaders: z.array(z.string()),
  startDate: z.string(),
  active: z.boolean(),
  version: z.number(),
  fulfilments: z.number(),
  lastFulfilledOn: z.string().nullable(),
  clock: ObligationClock,
  abilities: z.object({ edit: z.boolean(), fulfil: z.boolean() }),
});
export type ObligationView = z.infer<typeof ObligationView>;

export const FulfilmentView = z.object({
  id: z.number(),
  obligationId: z.number(),
  fulfilledOn: z.string(),
  note: z.string(),
  evidence: z.string(),
  attachmentRef: z.string(),
  leaders: z.array(z.string()),
  linkKind: z.enum(LINK_KINDS).nullable(),
  linkId: z.number().nullable(),
  linkTitle: z.string().nullable(),
  version: z.number(),
  abilities: z.object({ edit: z.boolean() }),
});
export type FulfilmentView = z.infer<typeof FulfilmentView>;

/**
 * The fulfilment form's record picker: records of one link kind in the obligation's organization whose title (or,
 * for instructions, the leader, the instruction or the outcome/report title) contains `q`, newest first.
 */
export const LinkCandidatesQuery = z.object({
  kind: z.enum(LINK_KINDS),
  q: z.string().trim().max(100).default(''),
  limit: z.coerce.number().int().min(1).max(20).default(20),
});
export const LinkCandidate = z.object({
  id: z.number(),
  /** Readable in the picker: the title; for instructions 「leader（level）批示：outcome/report title」. */
  label: z.string(),
  /** The record's day (China): activity start, proposal submission, instruction day. */
  date: z.string().nullable(),
});
export type LinkCandidate = z.infer<typeof LinkCandidate>;

export const LeaderAttendanceView = z.object({
  id: z.number(),
  activityId: z.number(),
  activityTopic: z.string(),
  activityType: z.string(),
  activityStartsAt: z.string(),
  leaderName: z.string(),
  leaderTitle: z.string(),
  abilities: z.object({ delete: z.boolean() }),
});
export type LeaderAttendanceView = z.infer<typeof LeaderAttendanceView>;

/** The five figures of the seed sentence; each has a drill-down list (`metric`). */
export const DASHBOARD_METRICS = ['hearings', 'cityInstructions', 'converted', 'leaderConsultations', 'solved'] as const;
export type DashboardMetric = (typeof DASHBOARD_METRICS)[number];
export const DASHBOARD_METRIC_LABELS: Record<DashboardMetric, { zh: string; en: string }> = {
  hearings: { zh: '听取政协工作汇报', en: 'Reports heard' },
  cityInstructions: { zh: '获市领导批示', en: 'City-leader instructions' },
  converted: { zh: '转化为具体举措', en: 'Converted into measures' },
  leaderConsultations: { zh: '领导参加专题协商', en: 'Consultations attended by leaders' },
  solved: { zh: '推动解决问题', en: 'Problems solved' },
};

const Count = z.object({ key: z.string(), count: z.number() });
export const LeaderDashboardView = z.object({
  figures: z.object({
    hearings: z.number(),
    cityInstructions: z.number(),
    cityInstructionsOutcomes: z.number(),
    cityInstructionsInfo: z.number(),
    converted: z.number(),
    convertedOutcomes: z.number(),
    convertedInfo: z.number(),
    leaderConsultations: z.number(),
    solved: z.number(),
  }),
  proposals: z.object({ byStatus: z.array(Count), rated: z.number(), satisfied: z.number() }),
  activities: z.object({ byType: z.array(Count), issuesByStatus: z.array(Count) }),
  /** Null until the information (社情民意) tables exist. */
  information: z.object({ received: z.number(), issued: z.number(), instructed: z.number() }).nullable(),
  obligations: z.object({ total: z.number(), fulfilled: z.number(), pending: z.number(), overdue: z.number() }),
});
export type LeaderDashboardView = z.infer<typeof LeaderDashboardView>;

export const DashboardItemsQuery = z.object({
  metric: z.enum(DASHBOARD_METRICS),
  cursor: z.string().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});

export const DashboardItem = z.object({
  kind: z.string(),
  id: z.number(),
  title: z.string(),
  date: z.string().nullable(),
  detail: z.string(),
  /** The web path of the record behind the figure, when it has a page. */
  link: z.string().nullable(),
});
export type DashboardItem = z.infer<typeof DashboardItem>;

// ── The obligation clock (pure; unit-tested) ─────────────────────────

/** The slice of the working-day calendar the clock needs (WorkCalendar satisfies it). */
export interface ClockCalendar {
  addWorkdays(from: string, n: number): { date: string; provisional: boolean };
  addMonths(from: string, n: number): { date: string; provisional: boolean };
}

export interface ClockInput {
  frequency: Frequency;
  everyMonths: number | null;
  startDate: string;
  leaders: string[];
}

/** Fulfilment dates with the leaders each one names, any order. */
export type ClockFulfilment = { on: string; leaders: string[] };

/**
 * Where an obligation stands today.
 * - `months`: the clock runs from the latest fulfilment (or the start date); it is due N months later, moved to the
 *   next working day when that is a holiday or weekend. Past the due day → overdue; recording a fulfilment restarts it.
 * - yearly kinds: the period is the calendar year; due on its last working day. `previousMissed` flags a previous
 *   year (on or after the start) that ended incomplete, so a missed year stays visible in the next one.
 */
export function obligationClock(o: ClockInput, fs: ClockFulfilment[], today: string, cal: ClockCalendar): ObligationClock {
  const past = fs.filter((f) => f.on <= today);
  if (o.frequency === 'months') {
    const n = o.everyMonths ?? 1;
    const last = past.reduce<string | null>((m, f) => (m == null || f.on > m ? f.on : m), null);
    const from = last && last >= o.startDate ? last : o.startDate;
    const due = cal.addWorkdays(cal.addMonths(from, n).date, 0);
    const state: ClockState = today > due.date ? 'overdue' : last && last >= o.startDate ? 'fulfilled' : 'pending';
    return { periodStart: from, due: due.date, dueProvisional: due.provisional, state, inPeriod: past.filter((f) => f.on >= from).length, missingLeaders: [], previousMissed: false };
  }
  const year = Number(today.slice(0, 4));
  const complete = (y: number) => {
    const inYear = past.filter((f) => f.on.startsWith(`${y}-`) && f.on >= o.startDate);
    if (o.frequency === 'yearly') return { ok: inYear.length > 0, missing: [] as string[], n: inYear.length };
    const named = new Set(inYear.flatMap((f) => f.leaders));
    const missing = o.leaders.filter((l) => !named.has(l));
    return { ok: o.leaders.length ? missing.length === 0 : inYear.length > 0, missing, n: inYear.length };
  };
  const now = complete(year);
  const due = cal.addWorkdays(`${year + 1}-01-01`, -1);
  const start = o.startDate > `${year}-01-01` ? o.startDate : `${year}-01-01`;
  const state: ClockState = now.ok ? 'fulfilled' : today > due.date ? 'overdue' : 'pending';
  const previousMissed = Number(o.startDate.slice(0, 4)) < year && !complete(year - 1).ok;
  return { periodStart: start, due: due.date, dueProvisional: due.provisional, state, inPeriod: now.n, missingLeaders: now.missing, previousMissed };
}
