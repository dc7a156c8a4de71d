/**
 * Consultation and activities (协商议政·视察·调研): states, transition tables, labels and API shapes shared by the
 * server and the web. As with proposals, the server refuses any action not in a table (409 naming the current
 * state and the allowed ones) and every view carries the caller's `abilities` computed from the same table.
 */
import { z } from 'zod';
import { JointView } from './joint';
import type { Role } from './roles';
import { patchOf } from './patch';

type Label = { zh: string; en: string };

// ── Configuration ────────────────────────────────────────────
export const DEFAULT_ACTIVITY_TYPES = [
  '全体会议',
  '常委会议',
  '专题议政性常委会',
  '专题协商会',
  '双周协商座谈会',
  '对口协商',
  '界别协商',
  '提案办理协商',
  '联合协商',
  '网络议政',
  '视察',
  '调研',
  '民主监督',
  '委员工作室活动',
  '学习培训',
] as const;

export const ActivitySettingsConfig = z.object({
  types: z.array(z.string().trim().min(1).max(30)).min(1).max(60),
  /** 纪要 due this many working days after the activity ends. */
  minutesDueWorkdays: z.number().int().min(1).max(60),
  /** How long a venue sign-in code is accepted. */
  signCodeMinutes: z.number().int().min(1).max(120),
  /** Problem-list answers (表态) due this many working days after the issue is sent. */
  responseDueWorkdays: z.number().int().min(1).max(120),
});
export type ActivitySettingsConfig = z.infer<typeof ActivitySettingsConfig>;
export const DEFAULT_ACTIVITY_SETTINGS: ActivitySettingsConfig = {
  types: [...DEFAULT_ACTIVITY_TYPES],
  minutesDueWorkdays: 7,
  signCodeMinutes: 10,
  responseDueWorkdays: 15,
};
export const ActivitySettingsBody = z.object({ config: ActivitySettingsConfig, version: z.number().int().min(0) });
export const ActivitySettingsView = z.object({ orgId: z.number(), config: ActivitySettingsConfig, version: z.number() });

// ── Roles ────────────────────────────────────────────────────
/** The offices that organize activities (办公室/会务, 提案委) and the organization's admin. */
export const ACTIVITY_STAFF_ROLES = ['general_staff', 'proposal_staff', 'org_admin'] as const satisfies readonly Role[];
/** Roles that read every activity of the organization (members read the ones they are invited to). */
export const ACTIVITY_READER_ROLES = ['general_staff', 'proposal_staff', 'info_staff', 'org_admin', 'leader'] as const satisfies readonly Role[];

// ── Organizers ───────────────────────────────────────────────
export const ORGANIZER_KINDS = ['office', 'committee', 'sector', 'group', 'studio', 'party'] as const;
export type OrganizerKind = (typeof ORGANIZER_KINDS)[number];
export const ORGANIZER_KIND_LABELS: Record<OrganizerKind, Label> = {
  office: { zh: '政协机关', en: 'CPPCC office' },
  committee: { zh: '专门委员会', en: 'Special committee' },
  sector: { zh: '界别', en: 'Sector' },
  group: { zh: '委员小组', en: 'Member group' },
  studio: { zh: '委员工作室', en: 'Member studio' },
  party: { zh: '民主党派', en: 'Participating party' },
};

// ── Activity life cycle ──────────────────────────────────────
export const ACTIVITY_STATUSES = ['planned', 'held', 'minutes_filed', 'closed', 'cancelled'] as const;
export type ActivityStatus = (typeof ACTIVITY_STATUSES)[number];
export const ACTIVITY_STATUS_LABELS: Record<ActivityStatus, Label> = {
  planned: { zh: '筹备中', en: 'Planned' },
  held: { zh: '已举行', en: 'Held' },
  minutes_filed: { zh: '纪要已报送', en: 'Minutes filed' },
  closed: { zh: '已归档', en: 'Closed' },
  cancelled: { zh: '已取消', en: 'Cancelled' },
};

export const ACTIVITY_ACTIONS = ['edit', 'invite', 'mark_attendance', 'sign_code', 'hold', 'cancel', 'file_minutes', 'close', 'record_speech', 'add_outcome'] as const;
export type ActivityAction = (typeof ACTIVITY_ACTIONS)[number];
export const ACTIVITY_ACTION_LABELS: Record<ActivityAction, Label> = {
  edit: { zh: '编辑', en: 'Edit' },
  invite: { zh: '邀请参加', en: 'Invite' },
  mark_attendance: { zh: '登记出勤', en: 'Mark attendance' },
  sign_code: { zh: '生成签到码', en: 'Show a sign-in code' },
  hold: { zh: '确认已举行', en: 'Mark as held' },
  cancel: { zh: '取消活动', en: 'Cancel' },
  file_minutes: { zh: '报送纪要', en: 'File the minutes' },
  close: { zh: '归档', en: 'Close' },
  record_speech: { zh: '登记发言', en: 'Record a speech' },
  add_outcome: { zh: '登记成果', en: 'Add an outcome' },
};

export interface ActivityTransition {
  from: ActivityStatus;
  to: ActivityStatus;
  action: ActivityAction;
}
/** Every row is an office action; rows whose `to` equals `from` keep the status. */
export const ACTIVITY_TRANSITIONS: readonly ActivityTransition[] = [
  { from: 'planned', to: 'planned', action: 'edit' },
  { from: 'planned', to: 'planned', action: 'invite' },
  { from: 'planned', to: 'planned', action: 'mark_attendance' },
  { from: 'planned', to: 'planned', action: 'sign_code' },
  { from: 'planned', to: 'planned', action: 'record_speech' },
  { from: 'planned', to: 'held', action: 'hold' },
  { from: 'planned', to: 'cancelled', action: 'cancel' },
  { from: 'held', to: 'held', action: 'edit' },
  { from: 'held', to: 'held', action: 'invite' },
  { from: 'held', to: 'held', action: 'mark_attendance' },
  { from: 'held', to: 'held', action: 'sign_code' },
  { from: 'held', to: 'held', action: 'record_speech' },
  { from: 'held', to: 'held', action: 'add_outcome' },
  { from: 'held', to: 'minutes_filed', action: 'file_minutes' },
  { from: 'minutes_filed', to: 'minutes_filed', action: 'mark_attendance' },
  { from: 'minutes_filed', to: 'minutes_filed', action: 'record_speech' },
  { from: 'minutes_filed', to: 'minutes_filed', action: 'add_outcome' },
  { from: 'minutes_filed', to: 'closed', action: 'close' },
  { from: 'closed', to: 'closed', action: 'add_outcome' },
];
export const findActivityTransition = (from: ActivityStatus, action: ActivityAction) =>
  ACTIVITY_TRANSITIONS.find((t) => t.from === from && t.action === action);
export const activityActionsFrom = (s: ActivityStatus): ActivityAction[] => [
  ...new Set(ACTIVITY_TRANSITIONS.filter((t) => t.from === s).map((t) => t.action)),
];

// ── Participants: attendance and leave ───────────────────────
export const PARTICIPANT_KINDS = ['member', 'unit', 'expert'] as const;
export type ParticipantKind = (typeof PARTICIPANT_KINDS)[number];
export const PARTICIPANT_KIND_LABELS: Record<ParticipantKind, Label> = {
  member: { zh: '委员', en: 'Member' },
  unit: { zh: '部门代表', en: 'Department' },
  expert: { zh: '专家', en: 'Expert' },
};
export const ATTENDANCE = ['invited', 'attended', 'absent', 'on_leave'] as const;
export type Attendance = (typeof ATTENDANCE)[number];
export const ATTENDANCE_LABELS: Record<Attendance, Label> = {
  invited: { zh: '已邀请', en: 'Invited' },
  attended: { zh: '出席', en: 'Attended' },
  absent: { zh: '缺席', en: 'Absent' },
  on_leave: { zh: '请假', en: 'On leave' },
};
export const LEAVE_STATUSES = ['none', 'pending', 'approved', 'rejected'] as const;
export type LeaveStatus = (typeof LEAVE_STATUSES)[number];
export const LEAVE_STATUS_LABELS: Record<LeaveStatus, Label> = {
  none: { zh: '—', en: '—' },
  pending: { zh: '请假待批', en: 'Leave requested' },
  approved: { zh: '准假', en: 'Leave approved' },
  rejected: { zh: '不准假', en: 'Leave refused' },
};
/** Leave (请假): the invitee asks while the activity is planned; the office decides. */
export const LEAVE_TRANSITIONS: ReadonlyArray<{ from: LeaveStatus; to: LeaveStatus; action: 'request' | 'approve' | 'reject' }> = [
  { from: 'none', to: 'pending', action: 'request' },
  { from: 'rejected', to: 'pending', action: 'request' },
  { from: 'pending', to: 'approved', action: 'approve' },
  { from: 'pending', to: 'rejected', action: 'reject' },
];

export const SPEECH_KINDS = ['oral', 'written'] as const;
export type SpeechKind = (typeof SPEECH_KINDS)[number];
export const SPEECH_KIND_LABELS: Record<SpeechKind, Label> = {
  oral: { zh: '发言', en: 'Speech' },
  written: { zh: '书面发言', en: 'Written suggestion' },
};

// ── Outcomes and the problem list ────────────────────────────
export const OUTCOME_KINDS = ['consultation_report', 'proposal_advice', 'research_report', 'inspection_report'] as const;
export type OutcomeKind = (typeof OUTCOME_KINDS)[number];
export const OUTCOME_KIND_LABELS: Record<OutcomeKind, Label> = {
  consultation_report: { zh: '协商报告', en: 'Consultation report' },
  proposal_advice: { zh: '建议案', en: 'Formal recommendation (建议案)' },
  research_report: { zh: '调研报告', en: 'Research report' },
  inspection_report: { zh: '视察报告', en: 'Inspection report' },
};
export const INSTRUCTION_LEVELS = ['中央', '省（市）', '市', '区', '县'] as const;

export const ISSUE_STATUSES = ['open', 'responded', 'in_progress', 'converted', 'resolved', 'cannot_resolve', 'closed'] as const;
export type IssueStatus = (typeof ISSUE_STATUSES)[number];
export const ISSUE_STATUS_LABELS: Record<IssueStatus, Label> = {
  open: { zh: '待表态', en: 'Open' },
  responded: { zh: '已表态', en: 'Responded' },
  in_progress: { zh: '推进中', en: 'In progress' },
  converted: { zh: '已转化落实', en: 'Converted into measures' },
  resolved: { zh: '已解决', en: 'Resolved' },
  cannot_resolve: { zh: '暂不能解决', en: 'Cannot be resolved now' },
  closed: { zh: '已核销', en: 'Verified and closed' },
};
export const ISSUE_RESULTS = ['converted', 'resolved', 'cannot_resolve'] as const;
export type IssueResult = (typeof ISSUE_RESULTS)[number];

export const ISSUE_ACTIONS = ['respond', 'progress', 'converted', 'resolved', 'cannot_resolve', 'close'] as const;
export type IssueAction = (typeof ISSUE_ACTIONS)[number];
export const ISSUE_ACTION_LABELS: Record<IssueAction, Label> = {
  respond: { zh: '表态', en: 'Answer' },
  progress: { zh: '报送进展', en: 'Post progress' },
  converted: { zh: '标记转化落实', en: 'Mark converted' },
  resolved: { zh: '标记已解决', en: 'Mark resolved' },
  cannot_resolve: { zh: '暂不能解决', en: 'Cannot resolve now' },
  close: { zh: '核销', en: 'Verify and close' },
};
/** `unit` = a handler of one of the issue's units; `office` = ACTIVITY_STAFF_ROLES. */
export type IssueActor = 'unit' | 'office';
export const ISSUE_TRANSITIONS: ReadonlyArray<{ from: IssueStatus; to: IssueStatus; action: IssueAction; roles: readonly IssueActor[] }> = [
  { from: 'open', to: 'responded', action: 'respond', roles: ['unit'] },
  // Another of the issue's units answering later keeps the status.
  { from: 'responded', to: 'responded', action: 'respond', roles: ['unit'] },
  { from: 'in_progress', to: 'in_progress', action: 'respond', roles: ['unit'] },
  { from: 'responded', to: 'in_progress', action: 'progress', roles: ['unit'] },
  { from: 'in_progress', to: 'in_progress', action: 'progress', roles: ['unit'] },
  { from: 'responded', to: 'converted', action: 'converted', roles: ['unit', 'office'] },
  { from: 'in_progress', to: 'converted', action: 'converted', roles: ['unit', 'office'] },
  { from: 'responded', to: 'resolved', action: 'resolved', roles: ['unit', 'office'] },
  { from: 'in_progress', to: 'resolved', action: 'resolved', roles: ['unit', 'office'] },
  { from: 'responded', to: 'cannot_resolve', action: 'cannot_resolve', roles: ['unit', 'office'] },
  { from: 'in_progress', to: 'cannot_resolve', action: 'cannot_resolve', roles: ['unit', 'office'] },
  { from: 'converted', to: 'closed', action: 'close', roles: ['office'] },
  { from: 'resolved', to: 'closed', action: 'close', roles: ['office'] },
  { from: 'cannot_resolve', to: 'closed', action: 'close', roles: ['office'] },
];
export const findIssueTransition = (from: IssueStatus, action: IssueAction) => ISSUE_TRANSITIONS.find((t) => t.from === from && t.action === action);
export function issueActionsFor(status: IssueStatus, actors: Iterable<IssueActor>): IssueAction[] {
  const mine = new Set(actors);
  const out: IssueAction[] = [];
  for (const t of ISSUE_TRANSITIONS) if (t.from === status && t.roles.some((r) => mine.has(r)) && !out.includes(t.action)) out.push(t.action);
  return out;
}

// ── API shapes ───────────────────────────────────────────────
const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);
const html = z.string().max(100_000);
const id = z.number().int().positive();

export const ActivityCreateBody = z.object({
  type: z.string().trim().min(1).max(30),
  topic: z.string().trim().min(1).max(200),
  organizerKind: z.enum(ORGANIZER_KINDS),
  organizerName: z.string().trim().min(1).max(100),
  organizerRefId: id.nullable().optional(),
  startsAt: z.iso.datetime({ offset: true }),
  endsAt: z.iso.datetime({ offset: true }),
  place: z.string().trim().max(200).default(''),
  online: z.boolean().default(false),
  agenda: html.default(''),
});
export const ActivityUpdateBody = patchOf(ActivityCreateBody).extend({ version: z.number().int().positive() });
export const ActivityVersionBody = z.object({ version: z.number().int().positive() });
export const ActivityCancelBody = z.object({ reason: z.string().trim().min(1).max(500), version: z.number().int().positive() });
export const ActivityMinutesBody = z.object({ minutes: html, version: z.number().int().positive() });
export const ActivityInviteBody = z.object({
  memberIds: z.array(id).max(500).default([]),
  unitIds: z.array(id).max(200).default([]),
  experts: z.array(z.string().trim().min(1).max(50)).max(100).default([]),
});
export const AttendanceBody = z.object({ attendance: z.enum(ATTENDANCE), version: z.number().int().positive() });
export const LeaveRequestBody = z.object({ reason: z.string().trim().min(1).max(500) });
export const LeaveDecisionBody = z.object({ decision: z.enum(['approve', 'reject']), note: z.string().trim().max(500).default(''), version: z.number().int().positive() });
export const SignInBody = z.object({ code: z.string().trim().regex(/^\d{6}$/) });
export const SpeechBody = z.object({
  kind: z.enum(SPEECH_KINDS),
  participantId: id.nullable().optional(),
  authorName: z.string().trim().max(50).optional(),
  title: z.string().trim().min(1).max(200),
  body: html.default(''),
});

export const ActivityListQuery = z.object({
  type: z.string().max(30).optional(),
  status: z.enum(ACTIVITY_STATUSES).optional(),
  month: z
    .string()
    .regex(/^\d{4}-(0[1-9]|1[0-2])$/)
    .optional(),
  organizerKind: z.enum(ORGANIZER_KINDS).optional(),
  cursor: z.string().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});
export const ActivityCalendarQuery = z.object({ from: day, to: day });
export const AttendanceQuery = z.object({ year: z.coerce.number().int().min(2000).max(2100) });

export const ActivityListItem = z.object({
  id: z.number(),
  orgId: z.number(),
  type: z.string(),
  topic: z.string(),
  organizerKind: z.enum(ORGANIZER_KINDS),
  organizerName: z.string(),
  startsAt: z.string(),
  endsAt: z.string(),
  place: z.string(),
  online: z.boolean(),
  status: z.enum(ACTIVITY_STATUSES),
  minutesDue: z.string().nullable(),
  version: z.number(),
  /** A joint activity (another organization invited or joined); the host is `orgId`. */
  joint: z.boolean().default(false),
});
export type ActivityListItem = z.infer<typeof ActivityListItem>;

export const MyActivityItem = ActivityListItem.extend({
  participantId: z.number(),
  attendance: z.enum(ATTENDANCE),
  leaveStatus: z.enum(LEAVE_STATUSES),
  participantVersion: z.number(),
});
export type MyActivityItem = z.infer<typeof MyActivityItem>;

export const ParticipantView = z.object({
  id: z.number(),
  /** The organization that invited this participant (the partner's own invitees in a joint activity). */
  orgId: z.number(),
  kind: z.enum(PARTICIPANT_KINDS),
  memberId: z.number().nullable(),
  unitId: z.number().nullable(),
  name: z.string(),
  attendance: z.enum(ATTENDANCE),
  signedInAt: z.string().nullable(),
  leaveStatus: z.enum(LEAVE_STATUSES),
  leaveReason: z.string(),
  leaveNote: z.string(),
  version: z.number(),
});
export type ParticipantView = z.infer<typeof ParticipantView>;

export const SpeechView = z.object({
  id: z.number(),
  kind: z.enum(SPEECH_KINDS),
  participantId: z.number().nullable(),
  authorName: z.string(),
  title: z.string(),
  body: z.string(),
  createdAt: z.string(),
});
export type SpeechView = z.infer<typeof SpeechView>;

export const OutcomeSummary = z.object({
  id: z.number(),
  kind: z.enum(OUTCOME_KINDS),
  title: z.string(),
  authorName: z.string(),
  issues: z.number(),
  instructions: z.number(),
});

export const ActivityView = ActivityListItem.extend({
  agenda: z.string(),
  minutes: z.string(),
  cancelReason: z.string(),
  minutesDueProvisional: z.boolean(),
  minutesFiledAt: z.string().nullable(),
  organizerRefId: z.number().nullable(),
  participants: z.array(ParticipantView),
  speeches: z.array(SpeechView),
  outcomes: z.array(OutcomeSummary),
  /** The caller's own invitation, when invited. */
  me: ParticipantView.nullable(),
  abilities: z.array(z.enum(ACTIVITY_ACTIONS)),
  /** Whether the caller (an invitee) may still ask for leave / sign in. */
  canRequestLeave: z.boolean(),
  canSignIn: z.boolean(),
  /** Host and partner organizations of a joint activity (partners empty for an ordinary one). */
  joint: JointView,
});
export type ActivityView = z.infer<typeof ActivityView>;

export const SignCodeView = z.object({ code: z.string(), expiresAt: z.string() });

export const AttendanceRow = z.object({
  memberId: z.number(),
  name: z.string(),
  invited: z.number(),
  attended: z.number(),
  onLeave: z.number(),
  absent: z.number(),
});
export type AttendanceRow = z.infer<typeof AttendanceRow>;

// Outcomes
export const OutcomeCreateBody = z.object({
  kind: z.enum(OUTCOME_KINDS),
  title: z.string().trim().min(1).max(200),
  collectiveId: id.nullable().optional(),
  findings: html.default(''),
  recommendations: html.default(''),
});
export const OutcomeUpdateBody = patchOf(OutcomeCreateBody).extend({ version: z.number().int().positive() });
export const InstructionBody = z.object({
  leader: z.string().trim().min(1).max(50),
  level: z.string().trim().min(1).max(20),
  text: z.string().trim().min(1).max(2000),
  instructedOn: day,
});
export const IssueCreateBody = z.object({
  title: z.string().trim().min(1).max(300),
  detail: z.string().trim().max(5000).default(''),
  unitIds: z.array(id).min(1).max(30),
  responseDue: day.optional(),
});
export const IssueRespondBody = z.object({
  commitment: z.string().trim().min(1).max(2000),
  measures: z.string().trim().min(1).max(5000),
  plannedCompletion: day,
});
export const IssueProgressBody = z.object({ body: z.string().trim().min(1).max(5000) });
export const IssueSettleBody = z.object({
  result: z.enum(ISSUE_RESULTS),
  reason: z.string().trim().max(2000).default(''),
  version: z.number().int().positive(),
});
export const IssueInboxQuery = z.object({
  status: z.enum(ISSUE_STATUSES).optional(),
  /** due: the earliest response due first (what waits for an answer); recent: the latest first (everything). */
  order: z.enum(['due', 'recent']).default('due'),
  cursor: z.string().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});

export const IssueUnitView = z.object({
  unitId: z.number(),
  unitName: z.string(),
  commitment: z.string(),
  measures: z.string(),
  plannedCompletion: z.string().nullable(),
  respondedAt: z.string().nullable(),
});
export const IssueUpdateView = z.object({ id: z.number(), unitId: z.number().nullable(), authorName: z.string(), body: z.string(), createdAt: z.string() });
export const IssueView = z.object({
  id: z.number(),
  orgId: z.number(),
  outcomeId: z.number(),
  activityId: z.number(),
  seq: z.number(),
  title: z.string(),
  detail: z.string(),
  status: z.enum(ISSUE_STATUSES),
  result: z.enum(ISSUE_RESULTS).nullable(),
  resultReason: z.string(),
  responseDue: z.string(),
  version: z.number(),
  units: z.array(IssueUnitView),
  updates: z.array(IssueUpdateView),
  abilities: z.array(z.enum(ISSUE_ACTIONS)),
});
export type IssueView = z.infer<typeof IssueView>;
export const IssueInboxItem = z.object({
  id: z.number(),
  seq: z.number(),
  title: z.string(),
  status: z.enum(ISSUE_STATUSES),
  responseDue: z.string(),
  outcomeTitle: z.string(),
  activityId: z.number(),
  unitName: z.string(),
  responded: z.boolean(),
  version: z.number(),
});
export type IssueInboxItem = z.infer<typeof IssueInboxItem>;

export const InstructionView = z.object({ id: z.number(), leader: z.string(), level: z.string(), text: z.string(), instructedOn: z.string() });
export const OutcomeView = z.object({
  id: z.number(),
  orgId: z.number(),
  activityId: z.number(),
  activityTopic: z.string(),
  kind: z.enum(OUTCOME_KINDS),
  title: z.string(),
  authorKind: z.enum(['org', 'collective']),
  collectiveId: z.number().nullable(),
  authorName: z.string(),
  findings: z.string(),
  recommendations: z.string(),
  version: z.number(),
  instructions: z.array(InstructionView),
  issues: z.array(IssueView),
  canManage: z.boolean(),
});
export type OutcomeView = z.infer<typeof OutcomeView>;

export const ActivityStatsView = z.object({
  activities: z.number(),
  held: z.number(),
  /** Joint activities hosted (with an accepted partner) and joined; both included in `activities`. */
  jointHosted: z.number(),
  jointJoined: z.number(),
  outcomes: z.number(),
  outcomesConverted: z.number(),
  instructions: z.number(),
  issues: z.number(),
  issuesResponded: z.number(),
  issuesConverted: z.number(),
  issuesResolved: z.number(),
  issuesOverdue: z.number(),
});
export type ActivityStatsView = z.infer<typeof ActivityStatsView>;
