/**
 * Member studios (委员工作室), issue #7: the duty roster (接待值班), public requests (群众诉求) and the yearly star
 * rating (星级评定). States, transition tables, labels, the default rating criteria and the API shapes shared by
 * the server and the web. As elsewhere, an action not in a table is refused with 409 naming the current state and
 * the allowed ones, and views carry the caller's abilities computed from the same tables.
 */
import { z } from 'zod';
import type { Role } from './roles';

type Label = { zh: string; en: string };

// ── Duty roster (接待值班) ────────────────────────────────────
export const SHIFT_SLOTS = ['am', 'pm', 'full', 'custom'] as const;
export type ShiftSlot = (typeof SHIFT_SLOTS)[number];
export const SHIFT_SLOT_LABELS: Record<ShiftSlot, Label> = {
  am: { zh: '上午', en: 'Morning' },
  pm: { zh: '下午', en: 'Afternoon' },
  full: { zh: '全天', en: 'All day' },
  custom: { zh: '自定时段', en: 'Custom hours' },
};

/** Stored states; `missed` (未到岗) is derived: a planned shift whose day has passed. */
export const SHIFT_STATUSES = ['planned', 'done', 'cancelled'] as const;
export type ShiftStatus = (typeof SHIFT_STATUSES)[number];
export type ShiftShownStatus = ShiftStatus | 'missed';
export const SHIFT_STATUS_LABELS: Record<ShiftShownStatus, Label> = {
  planned: { zh: '待值班', en: 'Planned' },
  done: { zh: '已到岗', en: 'Done' },
  missed: { zh: '未到岗', en: 'Missed' },
  cancelled: { zh: '已取消', en: 'Cancelled' },
};
export const SHIFT_ACTIONS = ['mark_done', 'undo_done', 'cancel', 'restore'] as const;
export type ShiftAction = (typeof SHIFT_ACTIONS)[number];
export const SHIFT_ACTION_LABELS: Record<ShiftAction, Label> = {
  mark_done: { zh: '到岗', en: 'Mark done' },
  undo_done: { zh: '撤销到岗', en: 'Undo' },
  cancel: { zh: '取消值班', en: 'Cancel' },
  restore: { zh: '恢复值班', en: 'Restore' },
};
/** `staff` = the studio's managing offices (COOP_STAFF_ROLES); `self` = the member on duty. */
export type ShiftActor = 'staff' | 'self';
export const SHIFT_TRANSITIONS: ReadonlyArray<{ from: ShiftStatus; to: ShiftStatus; action: ShiftAction; roles: readonly ShiftActor[] }> = [
  { from: 'planned', to: 'done', action: 'mark_done', roles: ['staff', 'self'] },
  { from: 'done', to: 'planned', action: 'undo_done', roles: ['staff'] },
  { from: 'planned', to: 'cancelled', action: 'cancel', roles: ['staff'] },
  { from: 'cancelled', to: 'planned', action: 'restore', roles: ['staff'] },
];
export const findShiftTransition = (from: ShiftStatus, action: ShiftAction) => SHIFT_TRANSITIONS.find((t) => t.from === from && t.action === action);
/**
 * The actions the caller may take on a shift. A shift cannot be marked done before its day (到岗 is a fact).
 */
export function shiftActionsFor(status: ShiftStatus, day: string, today: string, actors: Iterable<ShiftActor>): ShiftAction[] {
  const mine = new Set(actors);
  return SHIFT_TRANSITIONS.filter((t) => t.from === status && t.roles.some((r) => mine.has(r)) && !(t.action === 'mark_done' && day > today)).map((t) => t.action);
}
/** The status shown: a planned shift whose day is over is 未到岗. */
export const shownShiftStatus = (status: ShiftStatus, day: string, today: string): ShiftShownStatus => (status === 'planned' && day < today ? 'missed' : status);

// ── Public requests (群众诉求) ─────────────────────────────────
export const REQUEST_STATUSES = ['pending', 'in_progress', 'closed'] as const;
export type RequestStatus = (typeof REQUEST_STATUSES)[number];
export const REQUEST_STATUS_LABELS: Record<RequestStatus, Label> = {
  pending: { zh: '待处理', en: 'Pending' },
  in_progress: { zh: '处理中', en: 'In progress' },
  closed: { zh: '已办结', en: 'Closed' },
};
/** What a request was turned into. */
export const REQUEST_OUTCOMES = ['proposal', 'info_report', 'cooperation_item', 'reply'] as const;
export type RequestOutcome = (typeof REQUEST_OUTCOMES)[number];
export const REQUEST_OUTCOME_LABELS: Record<RequestOutcome, Label> = {
  proposal: { zh: '转为提案', en: 'Proposal' },
  info_report: { zh: '转为社情民意', en: 'Information report' },
  cooperation_item: { zh: '转为合作事项', en: 'Cooperation item' },
  reply: { zh: '直接答复', en: 'Direct reply' },
};
export const REQUEST_ACTIONS = ['accept', 'to_proposal', 'to_info_report', 'to_cooperation_item', 'reply', 'close', 'reopen'] as const;
export type RequestAction = (typeof REQUEST_ACTIONS)[number];
export const REQUEST_ACTION_LABELS: Record<RequestAction, Label> = {
  accept: { zh: '受理', en: 'Accept' },
  to_proposal: { zh: '转为提案', en: 'Turn into a proposal' },
  to_info_report: { zh: '转为社情民意', en: 'Turn into an information report' },
  to_cooperation_item: { zh: '转为合作事项', en: 'Turn into a cooperation item' },
  reply: { zh: '直接答复', en: 'Reply' },
  close: { zh: '办结', en: 'Close' },
  reopen: { zh: '重新打开', en: 'Reopen' },
};
/**
 * 待处理 → 处理中 → 已办结. Turning a request into a record (once) puts it in 处理中 — the record carries it on;
 * a direct reply closes it. All actions are the studio's managing offices'.
 */
export const REQUEST_TRANSITIONS: ReadonlyArray<{ from: RequestStatus; to: RequestStatus; action: RequestAction }> = [
  { from: 'pending', to: 'in_progress', action: 'accept' },
  { from: 'pending', to: 'in_progress', action: 'to_proposal' },
  { from: 'in_progress', to: 'in_progress', action: 'to_proposal' },
  { from: 'pending', to: 'in_progress', action: 'to_info_report' },
  { from: 'in_progress', to: 'in_progress', action: 'to_info_report' },
  { from: 'pending', to: 'in_progress', action: 'to_cooperation_item' },
  { from: 'in_progress', to: 'in_progress', action: 'to_cooperation_item' },
  { from: 'pending', to: 'closed', action: 'reply' },
  { from: 'in_progress', to: 'closed', action: 'reply' },
  { from: 'in_progress', to: 'closed', action: 'close' },
  { from: 'closed', to: 'in_progress', action: 'reopen' },
];
export const CONVERT_ACTIONS = ['to_proposal', 'to_info_report', 'to_cooperation_item'] as const satisfies readonly RequestAction[];
export const OUTCOME_OF: Record<(typeof CONVERT_ACTIONS)[number], RequestOutcome> = {
  to_proposal: 'proposal',
  to_info_report: 'info_report',
  to_cooperation_item: 'cooperation_item',
};
export const findRequestTransition = (from: RequestStatus, action: RequestAction) => REQUEST_TRANSITIONS.find((t) => t.from === from && t.action === action);
/** Actions in the table for the status; a request is turned into a record once (then only reply/close/reopen). */
export function requestActionsFor(status: RequestStatus, converted: boolean): RequestAction[] {
  const out: RequestAction[] = [];
  for (const t of REQUEST_TRANSITIONS) {
    if (t.from !== status || out.includes(t.action)) continue;
    if (converted && (CONVERT_ACTIONS as readonly string[]).includes(t.action)) continue;
    out.push(t.action);
  }
  return out;
}

// ── Star rating (星级评定) ────────────────────────────────────
export const RATING_MEASURES = ['shifts_done', 'requests_handled', 'activities_held', 'manual'] as const;
export type RatingMeasure = (typeof RATING_MEASURES)[number];
export const RATING_MEASURE_LABELS: Record<RatingMeasure, Label> = {
  shifts_done: { zh: '接待值班到岗次数', en: 'Duty shifts done' },
  requests_handled: { zh: '办结群众诉求件数', en: 'Requests closed' },
  activities_held: { zh: '举办活动次数', en: 'Activities held' },
  manual: { zh: '评议打分（手工）', en: 'Manual score' },
};
export const RatingCriterion = z.object({
  key: z
    .string()
    .trim()
    .regex(/^[a-z][a-z0-9_]{1,29}$/),
  name: z.string().trim().min(1).max(40),
  measure: z.enum(RATING_MEASURES),
  /** Points per counted occurrence (ignored for `manual`, where staff enter the points). */
  pointsEach: z.number().min(0).max(100),
  /** The most points the criterion gives (its weight in the 100-point total). */
  maxPoints: z.number().min(0).max(100),
});
export type RatingCriterion = z.infer<typeof RatingCriterion>;
/** Star bands, highest first: a studio gets the first band whose `min` its score reaches; below all → 1 star. */
export const StarBand = z.object({ stars: z.number().int().min(2).max(5), min: z.number().min(0).max(1000) });
export const RatingConfig = z.object({
  criteria: z.array(RatingCriterion).min(1).max(20),
  bands: z.array(StarBand).min(1).max(4),
});
export type RatingConfig = z.infer<typeof RatingConfig>;

export const DEFAULT_RATING_CONFIG: RatingConfig = {
  criteria: [
    { key: 'shifts', name: '接待值班', measure: 'shifts_done', pointsEach: 2, maxPoints: 30 },
    { key: 'requests', name: '办理群众诉求', measure: 'requests_handled', pointsEach: 5, maxPoints: 30 },
    { key: 'activities', name: '开展活动', measure: 'activities_held', pointsEach: 5, maxPoints: 20 },
    { key: 'review', name: '年度评议', measure: 'manual', pointsEach: 0, maxPoints: 20 },
  ],
  bands: [
    { stars: 5, min: 90 },
    { stars: 4, min: 75 },
    { stars: 3, min: 60 },
    { stars: 2, min: 40 },
  ],
};

/** Unique keys, bands strictly descending in stars and score. Returns [field, reason, params] or null. */
export function checkRatingConfig(c: RatingConfig): { field: string; reason: 'duplicate_option' | 'invalid_option'; params: Record<string, unknown> } | null {
  const seen = new Set<string>();
  for (const [i, k] of c.criteria.entries()) {
    if (seen.has(k.key)) return { field: `config.criteria.${i}.key`, reason: 'duplicate_option', params: { value: k.key } };
    seen.add(k.key);
  }
  for (let i = 1; i < c.bands.length; i++) {
    if (c.bands[i].stars >= c.bands[i - 1].stars || c.bands[i].min >= c.bands[i - 1].min)
      return { field: `config.bands.${i}`, reason: 'invalid_option', params: { options: '星级与分数均从高到低' } };
  }
  return null;
}

/** Points of one criterion for a count (or a manual score): capped at its maximum. */
export function criterionPoints(c: RatingCriterion, value: number): number {
  const raw = c.measure === 'manual' ? value : value * c.pointsEach;
  return Math.round(Math.max(0, Math.min(c.maxPoints, raw)) * 100) / 100;
}
export function starsOf(score: number, bands: RatingConfig['bands']): number {
  for (const b of bands) if (score >= b.min) return b.stars;
  return 1;
}

/** What a studio did in a year, per measure, and staff's points per `manual` criterion key. */
export interface StudioYearCounts {
  studioId: number;
  studioName: string;
  shifts_done: number;
  requests_handled: number;
  activities_held: number;
  manual: Record<string, number>;
}
/** Scores and stars of every studio, ranked (equal scores share a rank). */
export function rateStudios(config: RatingConfig, year: number, counts: StudioYearCounts[]): StudioRating[] {
  const rated = counts.map((c) => {
    const breakdown = config.criteria.map((k) => {
      const value = k.measure === 'manual' ? (c.manual[k.key] ?? 0) : c[k.measure];
      return { key: k.key, name: k.name, measure: k.measure, value, points: criterionPoints(k, value), maxPoints: k.maxPoints };
    });
    const score = Math.round(breakdown.reduce((a, b) => a + b.points, 0) * 100) / 100;
    return { studioId: c.studioId, studioName: c.studioName, year, score, stars: starsOf(score, config.bands), rank: 0, breakdown };
  });
  rated.sort((a, b) => b.score - a.score || a.studioId - b.studioId);
  rated.forEach((r, i) => (r.rank = i > 0 && rated[i - 1].score === r.score ? rated[i - 1].rank : i + 1));
  return rated;
}

/** A rating year: staff freeze an open year (the ratings are kept as they are); only the org admin unfreezes. */
export const RATING_YEAR_STATES = ['open', 'frozen'] as const;
export type RatingYearState = (typeof RATING_YEAR_STATES)[number];
export const RATING_YEAR_STATE_LABELS: Record<RatingYearState, Label> = { open: { zh: '评定中', en: 'Open' }, frozen: { zh: '已冻结', en: 'Frozen' } };
export const RATING_YEAR_ACTIONS = ['freeze', 'unfreeze'] as const;
export type RatingYearAction = (typeof RATING_YEAR_ACTIONS)[number];
export const RATING_YEAR_ACTION_LABELS: Record<RatingYearAction, Label> = { freeze: { zh: '冻结年度', en: 'Freeze' }, unfreeze: { zh: '解除冻结', en: 'Unfreeze' } };
export const RATING_YEAR_TRANSITIONS: ReadonlyArray<{ from: RatingYearState; to: RatingYearState; action: RatingYearAction; roles: readonly Role[] }> = [
  { from: 'open', to: 'frozen', action: 'freeze', roles: ['general_staff', 'proposal_staff', 'org_admin'] },
  { from: 'frozen', to: 'open', action: 'unfreeze', roles: ['org_admin'] },
];
export const ratingYearActions = (state: RatingYearState, roles: readonly Role[], platformAdmin = false): RatingYearAction[] =>
  RATING_YEAR_TRANSITIONS.filter((t) => t.from === state && (platformAdmin || t.roles.some((r) => roles.includes(r)))).map((t) => t.action);

// ── API shapes ───────────────────────────────────────────────
const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);
const hhmm = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/);
const id = z.number().int().positive();
const ver = z.number().int().positive();

export const ShiftCreateBody = z.object({
  memberId: id,
  day,
  slot: z.enum(SHIFT_SLOTS),
  /** Only for `custom`: HH:MM. */
  startTime: hhmm.nullable().optional(),
  endTime: hhmm.nullable().optional(),
  note: z.string().trim().max(200).default(''),
});
export const ShiftUpdateBody = z.object({
  memberId: id.optional(),
  day: day.optional(),
  slot: z.enum(SHIFT_SLOTS).optional(),
  startTime: hhmm.nullable().optional(),
  endTime: hhmm.nullable().optional(),
  note: z.string().trim().max(200).optional(),
  version: ver,
});
export const ShiftStepBody = z.object({ action: z.enum(SHIFT_ACTIONS), version: ver });
export const ShiftListQuery = z.object({ from: day.optional(), to: day.optional() });
export const ShiftView = z.object({
  id: z.number(),
  studioId: z.number(),
  studioName: z.string(),
  memberId: z.number(),
  memberName: z.string(),
  day: z.string(),
  slot: z.enum(SHIFT_SLOTS),
  startTime: z.string().nullable(),
  endTime: z.string().nullable(),
  note: z.string(),
  status: z.enum(SHIFT_STATUSES),
  shown: z.enum(['planned', 'done', 'missed', 'cancelled']),
  version: z.number(),
  abilities: z.array(z.enum(SHIFT_ACTIONS)),
  canEdit: z.boolean(),
});
export const ShiftListView = z.object({ items: z.array(ShiftView), canPlan: z.boolean() });
export type ShiftView = z.infer<typeof ShiftView>;

export const RequestCreateBody = z.object({
  requesterName: z.string().trim().min(1).max(50),
  contact: z.string().trim().max(100).default(''),
  content: z.string().trim().min(1).max(3000),
  receivedOn: day,
  receivedByMemberId: id,
});
export const RequestStepBody = z.object({
  action: z.enum(REQUEST_ACTIONS),
  /** The reply (直接答复, required), or the closing / reopening note. */
  replyText: z.string().trim().max(3000).default(''),
  /** For a conversion: the new record's title (defaults from the request's content). */
  title: z.string().trim().max(200).optional(),
  version: ver,
});
export const RequestListQuery = z.object({ status: z.enum(REQUEST_STATUSES).optional() });
export const RequestView = z.object({
  id: z.number(),
  studioId: z.number(),
  requesterName: z.string(),
  /** Shown only to the studio's managing offices (null for others). */
  contact: z.string().nullable(),
  content: z.string(),
  receivedOn: z.string(),
  receivedByMemberId: z.number(),
  receivedByName: z.string(),
  status: z.enum(REQUEST_STATUSES),
  outcome: z.enum(REQUEST_OUTCOMES).nullable(),
  outcomeId: z.number().nullable(),
  /**
   * The page of the record it became (/proposals/:id, /info-reports/:id, /coop-items/:id), only when the caller may
   * open it: a draft is its member's alone until submitted, and a proposal or report only for its readers.
   */
  outcomeLink: z.string().nullable(),
  /** The proposal or report it became is still the member's draft (not yet submitted). */
  outcomeDraft: z.boolean(),
  reply: z.string(),
  closedAt: z.string().nullable(),
  version: z.number(),
  abilities: z.array(z.enum(REQUEST_ACTIONS)),
});
export const RequestListView = z.object({ items: z.array(RequestView), canRegister: z.boolean() });
export type RequestView = z.infer<typeof RequestView>;

export const RatingYearQuery = z.object({ year: z.coerce.number().int().min(2000).max(2100).optional() });
export const RatingBreakdown = z.object({ key: z.string(), name: z.string(), measure: z.enum(RATING_MEASURES), value: z.number(), points: z.number(), maxPoints: z.number() });
export const StudioRating = z.object({
  studioId: z.number(),
  studioName: z.string(),
  year: z.number(),
  score: z.number(),
  stars: z.number(),
  rank: z.number(),
  breakdown: z.array(RatingBreakdown),
});
export type StudioRating = z.infer<typeof StudioRating>;
export const RatingListView = z.object({
  year: z.number(),
  frozen: z.boolean(),
  frozenAt: z.string().nullable(),
  yearVersion: z.number(),
  items: z.array(StudioRating),
  abilities: z.object({ freeze: z.boolean(), unfreeze: z.boolean(), score: z.boolean() }),
});
export const RatingSettingsView = z.object({ config: RatingConfig, version: z.number(), canEdit: z.boolean() });
export const RatingSettingsBody = z.object({ config: RatingConfig, version: z.number().int().min(0) });
export const RatingManualBody = z.object({
  year: z.number().int().min(2000).max(2100),
  criterionKey: z.string().trim().min(1).max(30),
  score: z.number().min(0).max(100),
});
export const RatingYearBody = z.object({ year: z.number().int().min(2000).max(2100), version: z.number().int().min(0) });
export type ShiftListView = z.infer<typeof ShiftListView>;
export type RequestListView = z.infer<typeof RequestListView>;
export type RatingListView = z.infer<typeof RatingListView>;
export type RatingSettingsView = z.infer<typeof RatingSettingsView>;
