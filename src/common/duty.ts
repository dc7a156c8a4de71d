/**
 * Duty-performance records (履职档案·履职积分): the scoring-rule table, grade bands, yearly minimums, the year's
 * freeze life cycle and the API shapes shared by the server and the web.
 *
 * A member's year is a derived ledger: every point is one `duty_entries` row pointing at its source record
 * (activity, speech, proposal, information report or a staff's manual entry). The rules are configuration per
 * organization (defaults below, stored as jsonb like the activity settings).
 */
import { z } from 'zod';
import type { Role } from './roles';

type Label = { zh: string; en: string };

// ── Sources, conditions, roles ───────────────────────────────
export const DUTY_SOURCES = ['activity', 'speech', 'proposal', 'info_report', 'studio_duty', 'manual'] as const;
export type DutySource = (typeof DUTY_SOURCES)[number];
export const DUTY_SOURCE_LABELS: Record<DutySource, Label> = {
  activity: { zh: '活动', en: 'Activity' },
  speech: { zh: '发言', en: 'Speech' },
  proposal: { zh: '提案', en: 'Proposal' },
  info_report: { zh: '社情民意', en: 'Information report' },
  studio_duty: { zh: '工作室接待值班', en: 'Studio duty shift' },
  manual: { zh: '手工登记', en: 'Manual entry' },
};

/** Conditions a rule may test, per source (the server refuses other pairs). */
export const DUTY_CONDITIONS = {
  activity: ['attended', 'absent_without_leave'],
  speech: ['oral', 'written'],
  proposal: ['submitted', 'registered', 'key', 'good'],
  info_report: ['submitted', 'issued', 'adopted', 'instructed'],
  /** 委员工作室接待值班: a shift marked 到岗 (src/common/studios.ts). */
  studio_duty: ['done'],
} as const;
export type DutyRuleSource = keyof typeof DUTY_CONDITIONS;
export const DUTY_RULE_SOURCES = Object.keys(DUTY_CONDITIONS) as DutyRuleSource[];
export type DutyCondition = (typeof DUTY_CONDITIONS)[DutyRuleSource][number];
export const ALL_DUTY_CONDITIONS = [...new Set(Object.values(DUTY_CONDITIONS).flat())] as DutyCondition[];
export const DUTY_CONDITION_LABELS: Record<DutyCondition, Label> = {
  attended: { zh: '出席', en: 'Attended' },
  absent_without_leave: { zh: '无故缺席（未经批准请假）', en: 'Absent without approved leave' },
  oral: { zh: '大会/会议发言', en: 'Oral speech' },
  written: { zh: '书面发言', en: 'Written speech' },
  submitted: { zh: '提交', en: 'Submitted' },
  registered: { zh: '立案', en: 'Registered' },
  key: { zh: '重点提案', en: 'Key proposal' },
  good: { zh: '优秀提案（好提案）', en: 'Good proposal' },
  issued: { zh: '编发', en: 'Issued in a bulletin' },
  adopted: { zh: '被上级采用', en: 'Adopted by a higher body' },
  instructed: { zh: '获领导批示', en: 'Instructed by a leader' },
  done: { zh: '已到岗', en: 'Done' },
};

/** Which proposer role counts: proposals know first / co-signer / collective lead; info reports first / co. */
export const DUTY_ROLES = ['any', 'first', 'cosigner', 'collective_lead'] as const;
export type DutyRole = (typeof DUTY_ROLES)[number];
export const DUTY_ROLE_LABELS: Record<DutyRole, Label> = {
  any: { zh: '不限', en: 'Any' },
  first: { zh: '第一提案人/第一作者', en: 'First proposer / first author' },
  cosigner: { zh: '联名人（已附议）/合作者', en: 'Confirmed co-signer / co-author' },
  collective_lead: { zh: '集体提案牵头人', en: 'Lead of a collective proposal' },
};
/** Roles that make sense per source (activities and speeches belong to one member: only `any`). */
export const DUTY_ROLES_BY_SOURCE: Record<DutyRuleSource, readonly DutyRole[]> = {
  activity: ['any'],
  speech: ['any'],
  proposal: DUTY_ROLES,
  info_report: ['any', 'first', 'cosigner'],
  studio_duty: ['any'],
};

// ── The rule table ───────────────────────────────────────────
export const DutyRule = z.object({
  /** Stable key: ledger rows name their rule by it. */
  key: z
    .string()
    .trim()
    .regex(/^[a-z][a-z0-9_]{1,39}$/),
  item: z.string().trim().min(1).max(40),
  source: z.enum(DUTY_RULE_SOURCES as [DutyRuleSource, ...DutyRuleSource[]]),
  condition: z.enum(ALL_DUTY_CONDITIONS as [DutyCondition, ...DutyCondition[]]),
  role: z.enum(DUTY_ROLES).default('any'),
  /** Activity rules: the activity types that count (empty = every type). */
  activityTypes: z.array(z.string().trim().min(1).max(30)).max(30).default([]),
  /** Activity rules: only activities organised by a studio (委员工作室). */
  studioOnly: z.boolean().default(false),
  /** Points per occurrence; negative deducts. */
  points: z.number().min(-100).max(100),
  /** Most points (in absolute value) the rule gives a member in one year; null = no cap. */
  capPerYear: z.number().min(0).max(1000).nullable().default(null),
  active: z.boolean().default(true),
});
export type DutyRule = z.infer<typeof DutyRule>;

export const DutyBand = z.object({ label: z.string().trim().min(1).max(10), min: z.number().min(-1000).max(1000) });
export type DutyBand = z.infer<typeof DutyBand>;

export const DutySettingsConfig = z.object({
  rules: z.array(DutyRule).min(1).max(80),
  /** Grade bands, highest first; a member gets the first band whose `min` the total reaches; the last band is the rest. */
  bands: z.array(DutyBand).min(2).max(6),
  /** Yearly minimums: proposals + information reports, and activities attended. */
  minProposalsOrReports: z.number().int().min(0).max(50),
  minActivities: z.number().int().min(0).max(50),
});
export type DutySettingsConfig = z.infer<typeof DutySettingsConfig>;

const rule = (r: Omit<DutyRule, 'role' | 'activityTypes' | 'studioOnly' | 'capPerYear' | 'active'> & Partial<DutyRule>): DutyRule => ({
  role: 'any',
  activityTypes: [],
  studioOnly: false,
  capPerYear: null,
  active: true,
  ...r,
});

/** Defaults every organization starts with (a typical county scheme); each organization edits its own copy. */
export const DEFAULT_DUTY_SETTINGS: DutySettingsConfig = {
  rules: [
    rule({
      key: 'plenary_attend',
      item: '出席全体会议',
      source: 'activity',
      condition: 'attended',
      activityTypes: ['全体会议'],
      points: 10,
      capPerYear: 20,
    }),
    rule({
      key: 'plenary_absent',
      item: '全体会议无故缺席',
      source: 'activity',
      condition: 'absent_without_leave',
      activityTypes: ['全体会议'],
      points: -10,
    }),
    rule({
      key: 'standing_attend',
      item: '出席常委会议',
      source: 'activity',
      condition: 'attended',
      activityTypes: ['常委会议', '专题议政性常委会'],
      points: 5,
      capPerYear: 20,
    }),
    rule({
      key: 'standing_absent',
      item: '常委会议无故缺席',
      source: 'activity',
      condition: 'absent_without_leave',
      activityTypes: ['常委会议', '专题议政性常委会'],
      points: -5,
    }),
    rule({
      key: 'consult_attend',
      item: '参加协商活动',
      source: 'activity',
      condition: 'attended',
      activityTypes: ['专题协商会', '双周协商座谈会', '对口协商', '界别协商', '提案办理协商', '联合协商', '网络议政'],
      points: 4,
      capPerYear: 20,
    }),
    rule({
      key: 'inspect_attend',
      item: '参加视察、调研',
      source: 'activity',
      condition: 'attended',
      activityTypes: ['视察', '调研', '民主监督'],
      points: 5,
      capPerYear: 20,
    }),
    rule({
      key: 'training_attend',
      item: '参加学习培训',
      source: 'activity',
      condition: 'attended',
      activityTypes: ['学习培训'],
      points: 3,
      capPerYear: 9,
    }),
    rule({
      key: 'studio_attend',
      item: '参加委员工作室活动',
      source: 'activity',
      condition: 'attended',
      studioOnly: true,
      points: 3,
      capPerYear: 12,
    }),
    rule({ key: 'studio_duty', item: '委员工作室接待值班', source: 'studio_duty', condition: 'done', points: 2, capPerYear: 12 }),
    rule({ key: 'speech_oral', item: '会议发言', source: 'speech', condition: 'oral', points: 5, capPerYear: 15 }),
    rule({ key: 'speech_written', item: '书面发言', source: 'speech', condition: 'written', points: 3, capPerYear: 9 }),
    rule({
      key: 'proposal_first',
      item: '提案（第一提案人，立案）',
      source: 'proposal',
      condition: 'registered',
      role: 'first',
      points: 10,
      capPerYear: 30,
    }),
    rule({
      key: 'proposal_cosign',
      item: '提案（联名，立案）',
      source: 'proposal',
      condition: 'registered',
      role: 'cosigner',
      points: 3,
      capPerYear: 9,
    }),
    rule({
      key: 'proposal_collective',
      item: '集体提案牵头',
      source: 'proposal',
      condition: 'registered',
      role: 'collective_lead',
      points: 5,
      capPerYear: 10,
    }),
    rule({ key: 'proposal_key', item: '重点提案', source: 'proposal', condition: 'key', role: 'first', points: 10 }),
    rule({ key: 'proposal_good', item: '优秀提案（好提案）', source: 'proposal', condition: 'good', role: 'first', points: 15 }),
    rule({
      key: 'info_submitted',
      item: '报送社情民意',
      source: 'info_report',
      condition: 'submitted',
      role: 'any',
      points: 2,
      capPerYear: 10,
    }),
    rule({ key: 'info_adopted', item: '社情民意被采用', source: 'info_report', condition: 'adopted', role: 'any', points: 8 }),
    rule({ key: 'info_instructed', item: '社情民意获批示', source: 'info_report', condition: 'instructed', role: 'any', points: 10 }),
  ],
  bands: [
    { label: '优秀', min: 85 },
    { label: '称职', min: 60 },
    { label: '不称职', min: -1000 },
  ],
  minProposalsOrReports: 1,
  minActivities: 1,
};

/** Checks what zod cannot: unique keys, condition/role valid for the source. Returns [field, reason, params] or null. */
export function checkDutyConfig(
  config: DutySettingsConfig,
): { field: string; reason: 'duplicate_option' | 'invalid_option'; params: Record<string, unknown> } | null {
  const seen = new Set<string>();
  for (const [i, r] of config.rules.entries()) {
    if (seen.has(r.key)) return { field: `rules.${i}.key`, reason: 'duplicate_option', params: { value: r.key } };
    seen.add(r.key);
    const conditions = DUTY_CONDITIONS[r.source] as readonly string[];
    if (!conditions.includes(r.condition))
      return { field: `rules.${i}.condition`, reason: 'invalid_option', params: { options: conditions.join(', ') } };
    if (!DUTY_ROLES_BY_SOURCE[r.source].includes(r.role))
      return { field: `rules.${i}.role`, reason: 'invalid_option', params: { options: DUTY_ROLES_BY_SOURCE[r.source].join(', ') } };
  }
  for (let i = 1; i < config.bands.length; i++) {
    if (config.bands[i].min >= config.bands[i - 1].min)
      return { field: `bands.${i}.min`, reason: 'invalid_option', params: { options: '从高到低' } };
  }
  return null;
}

/** The grade of a total under the bands (highest first; the last band takes the rest). */
export function gradeOf(total: number, bands: readonly DutyBand[]): string {
  for (const b of bands.slice(0, -1)) if (total >= b.min) return b.label;
  return bands[bands.length - 1].label;
}

/** Points the n-th occurrence (1-based) of a rule adds once the cap applies: the rest of the cap, never beyond it. */
export function cappedPoints(points: number, n: number, cap: number | null): number {
  if (cap == null) return points;
  const abs = Math.abs(points);
  const left = Math.max(0, Math.min(abs, cap - (n - 1) * abs));
  return Math.sign(points) * left;
}

// ── Roles and the year's life cycle ──────────────────────────
/** 办公室 keeps the records (rules, manual entries, recompute, freeze); the org admin too. */
export const DUTY_STAFF_ROLES = ['general_staff', 'org_admin'] as const satisfies readonly Role[];
/** Roles that read every member's record, rankings and lists. */
export const DUTY_READER_ROLES = [
  'general_staff',
  'proposal_staff',
  'info_staff',
  'org_admin',
  'leader',
] as const satisfies readonly Role[];

export const DUTY_YEAR_STATES = ['open', 'frozen'] as const;
export type DutyYearState = (typeof DUTY_YEAR_STATES)[number];
export const DUTY_YEAR_STATE_LABELS: Record<DutyYearState, Label> = {
  open: { zh: '计分中', en: 'Open' },
  frozen: { zh: '已冻结', en: 'Frozen' },
};
export const DUTY_YEAR_ACTIONS = ['recompute', 'freeze', 'unfreeze'] as const;
export type DutyYearAction = (typeof DUTY_YEAR_ACTIONS)[number];
export const DUTY_YEAR_ACTION_LABELS: Record<DutyYearAction, Label> = {
  recompute: { zh: '重新计算', en: 'Recompute' },
  freeze: { zh: '冻结年度', en: 'Freeze the year' },
  unfreeze: { zh: '解除冻结', en: 'Unfreeze' },
};
/** The year's transitions: staff recompute and freeze an open year; only the org admin unfreezes. */
export const DUTY_YEAR_TRANSITIONS: ReadonlyArray<{
  from: DutyYearState;
  to: DutyYearState;
  action: DutyYearAction;
  roles: readonly Role[];
}> = [
  { from: 'open', to: 'open', action: 'recompute', roles: DUTY_STAFF_ROLES },
  { from: 'open', to: 'frozen', action: 'freeze', roles: DUTY_STAFF_ROLES },
  { from: 'frozen', to: 'open', action: 'unfreeze', roles: ['org_admin'] },
];
export function dutyYearActions(state: DutyYearState, roles: readonly Role[], platformAdmin = false): DutyYearAction[] {
  return DUTY_YEAR_TRANSITIONS.filter((t) => t.from === state && (platformAdmin || t.roles.some((r) => roles.includes(r)))).map(
    (t) => t.action,
  );
}

// ── API shapes ───────────────────────────────────────────────
const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);
export const DutyYearQuery = z.object({ year: z.coerce.number().int().min(2000).max(2100).optional() });
export const DutyYearParams = z.object({ orgId: z.coerce.number().int().positive(), year: z.coerce.number().int().min(2000).max(2100) });
export const DutyMemberParams = z.object({ orgId: z.coerce.number().int().positive(), memberId: z.coerce.number().int().positive() });

export const DutySettingsBody = z.object({ config: DutySettingsConfig, version: z.number().int().min(0) });
export const DutySettingsView = z.object({
  orgId: z.number(),
  config: DutySettingsConfig,
  version: z.number(),
  canEdit: z.boolean(),
  /** Years recomputed after the save (non-frozen ones), or queued for the worker on large organizations. */
  recomputed: z.array(z.number()).optional(),
  queued: z.array(z.number()).optional(),
});

export const DutyYearView = z.object({
  year: z.number(),
  state: z.enum(DUTY_YEAR_STATES),
  frozenAt: z.string().nullable(),
  computedAt: z.string().nullable(),
  members: z.number(),
  version: z.number(),
  abilities: z.object({ recompute: z.boolean(), freeze: z.boolean(), unfreeze: z.boolean() }),
});
export const DutyYearVersionBody = z.object({ version: z.number().int().min(0) });

export const DutyEntryView = z.object({
  id: z.number(),
  ruleKey: z.string(),
  item: z.string(),
  condition: z.string(),
  sourceType: z.enum(DUTY_SOURCES),
  sourceId: z.number(),
  /** Where the point comes from, for the link: /activities/:id, /proposals/:id, /info-reports/:id, or the manual entry. */
  link: z.string().nullable(),
  title: z.string(),
  points: z.number(),
  rawPoints: z.number(),
  capped: z.boolean(),
  occurredOn: z.string(),
});

export const DutyManualView = z.object({
  id: z.number(),
  memberId: z.number(),
  memberName: z.string(),
  year: z.number(),
  item: z.string(),
  points: z.number(),
  count: z.number(),
  occurredOn: z.string(),
  note: z.string(),
  evidence: z.string(),
  version: z.number(),
  createdBy: z.string(),
});

export const DutyRecordView = z.object({
  orgId: z.number(),
  year: z.number(),
  years: z.array(z.number()),
  member: z.object({ id: z.number(), name: z.string(), sector: z.string().nullable(), group: z.string().nullable() }),
  state: z.enum(DUTY_YEAR_STATES),
  computedAt: z.string().nullable(),
  total: z.number(),
  grade: z.string(),
  rank: z.number().nullable(),
  of: z.number(),
  meetsMinimums: z.boolean(),
  proposalsOrReports: z.number(),
  activities: z.number(),
  minimums: z.object({ proposalsOrReports: z.number(), activities: z.number() }),
  items: z.array(z.object({ ruleKey: z.string(), item: z.string(), count: z.number(), points: z.number() })),
  entries: z.array(DutyEntryView),
  manual: z.array(DutyManualView),
  abilities: z.object({ addManual: z.boolean(), statement: z.boolean() }),
});

export const DUTY_LIST_FILTERS = ['all', 'below', 'missed'] as const;
export type DutyListFilter = (typeof DUTY_LIST_FILTERS)[number];
export const DutyScoresQuery = z.object({
  year: z.coerce.number().int().min(2000).max(2100),
  filter: z.enum(DUTY_LIST_FILTERS).default('all'),
  sectorId: z.coerce.number().int().positive().optional(),
  groupId: z.coerce.number().int().positive().optional(),
  offset: z.coerce.number().int().min(0).max(1_000_000).default(0),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});
export const DutyScoreRow = z.object({
  rank: z.number(),
  memberId: z.number(),
  name: z.string(),
  sector: z.string().nullable(),
  group: z.string().nullable(),
  total: z.number(),
  grade: z.string(),
  meetsMinimums: z.boolean(),
  proposalsOrReports: z.number(),
  activities: z.number(),
});
export const DutyScoresView = z.object({ items: z.array(DutyScoreRow), total: z.number(), offset: z.number() });

export const DUTY_GROUPINGS = ['sector', 'group'] as const;
export const DutyGroupsQuery = z.object({
  year: z.coerce.number().int().min(2000).max(2100),
  by: z.enum(DUTY_GROUPINGS).default('sector'),
});
export const DutyGroupRow = z.object({
  id: z.number().nullable(),
  name: z.string(),
  members: z.number(),
  average: z.number(),
  best: z.number(),
  below: z.number(),
  missed: z.number(),
});
export const DutyGroupsView = z.object({ items: z.array(DutyGroupRow) });

export const DutyManualBody = z.object({
  memberId: z.number().int().positive(),
  item: z.string().trim().min(1).max(60),
  /** Points per occurrence, times `count`. */
  points: z.number().min(-100).max(100),
  count: z.number().int().min(1).max(100).default(1),
  occurredOn: day,
  note: z.string().trim().max(500).default(''),
  /** 佐证: an attachment reference or a text. */
  evidence: z.string().trim().max(1000).default(''),
});
/** Only the fields sent change (no defaults here, unlike the create body). */
export const DutyManualUpdateBody = z.object({
  item: z.string().trim().min(1).max(60).optional(),
  points: z.number().min(-100).max(100).optional(),
  count: z.number().int().min(1).max(100).optional(),
  occurredOn: day.optional(),
  note: z.string().trim().max(500).optional(),
  evidence: z.string().trim().max(1000).optional(),
  version: z.number().int().min(1),
});
export const DutyManualListQuery = z.object({
  year: z.coerce.number().int().min(2000).max(2100),
  memberId: z.coerce.number().int().positive().optional(),
});
export const DutyRecomputeView = z.object({ year: z.number(), members: z.number(), entries: z.number(), ms: z.number() });
