/**
 * Proposals (提案): the life cycle as data, shared by server and web.
 *
 * `TRANSITIONS` is the single table both sides read: the server refuses any action not in it (409 naming the
 * current state and the actions allowed there), and every response carries `abilities` computed from it for the
 * caller. Rows whose `to` equals `from` are actions that keep the state (edit, invite co-signers, co-sign).
 */
import { z } from 'zod';
import type { Role } from './roles';

type Label = { zh: string; en: string };

// ── States ───────────────────────────────────────────────────
export const PROPOSAL_STATES = [
  'draft',
  'submitted',
  'returned',
  'registered',
  'merged',
  'not_registered',
  'withdrawn',
  'assigned',
  'handling',
  'replied',
  'evaluated',
  'closed',
  'rehandling',
] as const;
export type ProposalState = (typeof PROPOSAL_STATES)[number];

export const PROPOSAL_STATE_LABELS: Record<ProposalState, Label> = {
  draft: { zh: '草稿', en: 'Draft' },
  submitted: { zh: '已提交', en: 'Submitted' },
  returned: { zh: '退回修改', en: 'Returned for revision' },
  registered: { zh: '已立案', en: 'Registered' },
  merged: { zh: '已并案', en: 'Merged' },
  not_registered: { zh: '不予立案', en: 'Not registered' },
  withdrawn: { zh: '已撤案', en: 'Withdrawn' },
  assigned: { zh: '已交办', en: 'Assigned' },
  handling: { zh: '办理中', en: 'Being handled' },
  replied: { zh: '已答复', en: 'Replied' },
  evaluated: { zh: '已评价', en: 'Evaluated' },
  closed: { zh: '已办结', en: 'Closed' },
  rehandling: { zh: '重新办理', en: 'Re-handling' },
};

/** States in which a proposal has been accepted (a number) and may be shown publicly when public. */
export const REGISTERED_STATES: readonly ProposalState[] = [
  'registered',
  'assigned',
  'handling',
  'replied',
  'evaluated',
  'closed',
  'rehandling',
];

// ── Kinds, periods, proposers ────────────────────────────────
export const PROPOSAL_KINDS = ['individual', 'joint', 'collective'] as const;
export type ProposalKind = (typeof PROPOSAL_KINDS)[number];
export const PROPOSAL_KIND_LABELS: Record<ProposalKind, Label> = {
  individual: { zh: '个人提案', en: 'Individual' },
  joint: { zh: '联名提案', en: 'Joint' },
  collective: { zh: '集体提案', en: 'Collective' },
};

export const PROPOSAL_PERIODS = ['plenary', 'between_sessions'] as const;
export type ProposalPeriod = (typeof PROPOSAL_PERIODS)[number];
export const PROPOSAL_PERIOD_LABELS: Record<ProposalPeriod, Label> = {
  plenary: { zh: '大会期间', en: 'During the plenary session' },
  between_sessions: { zh: '闭会期间', en: 'Between sessions' },
};

export const PROPOSER_ROLES = ['first', 'cosigner'] as const;
export type ProposerRole = (typeof PROPOSER_ROLES)[number];
export const PROPOSER_STATUSES = ['invited', 'confirmed', 'declined'] as const;
export type ProposerStatus = (typeof PROPOSER_STATUSES)[number];
export const PROPOSER_STATUS_LABELS: Record<ProposerStatus, Label> = {
  invited: { zh: '待确认', en: 'Invited' },
  confirmed: { zh: '已附议', en: 'Confirmed' },
  declined: { zh: '已谢绝', en: 'Declined' },
};

export const CONVERSION_KINDS = ['opinion', 'social_info', 'member_letter', 'department_reference'] as const;
export type ConversionKind = (typeof CONVERSION_KINDS)[number];
export const CONVERSION_KIND_LABELS: Record<ConversionKind, Label> = {
  opinion: { zh: '转意见建议', en: 'Converted to an opinion' },
  social_info: { zh: '转社情民意', en: 'Converted to social-conditions information' },
  member_letter: { zh: '转委员来信', en: "Converted to a member's letter" },
  department_reference: { zh: '转有关部门参考', en: 'Sent to departments for reference' },
};

// ── The state machine ────────────────────────────────────────
export const PROPOSAL_ACTIONS = [
  'edit',
  'invite',
  'cosign',
  'submit',
  'resubmit',
  'register',
  'merge',
  'not_register',
  'return',
  'withdraw',
  'assign',
  'receive',
  'complete_replies',
  'evaluate',
  'complete_evaluation',
  'order_rehandling',
  'close',
] as const;
export type ProposalAction = (typeof PROPOSAL_ACTIONS)[number];
export const PROPOSAL_ACTION_LABELS: Record<ProposalAction, Label> = {
  edit: { zh: '编辑', en: 'Edit' },
  invite: { zh: '邀请联名', en: 'Invite co-signers' },
  cosign: { zh: '附议/谢绝', en: 'Confirm or decline co-signing' },
  submit: { zh: '提交', en: 'Submit' },
  resubmit: { zh: '修改后重新提交', en: 'Resubmit' },
  register: { zh: '立案', en: 'Register' },
  merge: { zh: '并案', en: 'Merge' },
  not_register: { zh: '不予立案', en: 'Do not register' },
  return: { zh: '退回修改', en: 'Return for revision' },
  withdraw: { zh: '撤案', en: 'Withdraw' },
  assign: { zh: '交办', en: 'Assign' },
  receive: { zh: '全部单位签收', en: 'All units signed for it' },
  complete_replies: { zh: '全部单位已答复', en: 'All units replied' },
  evaluate: { zh: '评价办理', en: 'Evaluate the handling' },
  complete_evaluation: { zh: '评价结束', en: 'Evaluation finished' },
  order_rehandling: { zh: '重新办理', en: 'Order re-handling' },
  close: { zh: '办结', en: 'Close' },
};

/**
 * Who may act: organization roles, plus two relations to the proposal itself —
 * `proposer` (the first proposer's account, or an agent of the collective proposer) and
 * `cosigner` (an account whose member row is invited to co-sign).
 */
export type ProposalActor = Role | 'proposer' | 'cosigner';
/** The proposal office (提案委/提案办); the organization's admin may act for it. */
export const OFFICE_ROLES = ['proposal_staff', 'org_admin'] as const satisfies readonly Role[];
/** Roles that read every non-draft proposal of the organization. */
export const PROPOSAL_READER_ROLES = ['proposal_staff', 'org_admin', 'leader'] as const satisfies readonly Role[];

export interface Transition {
  from: ProposalState;
  to: ProposalState;
  action: ProposalAction;
  roles: readonly ProposalActor[];
}

const office = OFFICE_ROLES;
export const TRANSITIONS: readonly Transition[] = [
  { from: 'draft', to: 'draft', action: 'edit', roles: ['proposer'] },
  { from: 'draft', to: 'draft', action: 'invite', roles: ['proposer'] },
  { from: 'draft', to: 'draft', action: 'cosign', roles: ['cosigner'] },
  { from: 'draft', to: 'submitted', action: 'submit', roles: ['proposer'] },
  { from: 'submitted', to: 'registered', action: 'register', roles: office },
  { from: 'submitted', to: 'merged', action: 'merge', roles: office },
  { from: 'submitted', to: 'not_registered', action: 'not_register', roles: office },
  { from: 'submitted', to: 'returned', action: 'return', roles: office },
  { from: 'submitted', to: 'withdrawn', action: 'withdraw', roles: office },
  { from: 'returned', to: 'returned', action: 'edit', roles: ['proposer'] },
  { from: 'returned', to: 'returned', action: 'invite', roles: ['proposer'] },
  { from: 'returned', to: 'returned', action: 'cosign', roles: ['cosigner'] },
  { from: 'returned', to: 'submitted', action: 'resubmit', roles: ['proposer'] },
  { from: 'returned', to: 'withdrawn', action: 'withdraw', roles: office },
  { from: 'registered', to: 'withdrawn', action: 'withdraw', roles: office },
  { from: 'registered', to: 'assigned', action: 'assign', roles: office },
  // Taken by the last unit signing for its assignment (per-unit steps are in ASSIGNMENT_TRANSITIONS).
  { from: 'assigned', to: 'handling', action: 'receive', roles: ['unit_handler'] },
  // Taken by the last replying unit's reply (lead / sole / each separate unit) in the current round.
  { from: 'handling', to: 'replied', action: 'complete_replies', roles: ['unit_handler'] },
  { from: 'rehandling', to: 'replied', action: 'complete_replies', roles: ['unit_handler'] },
  // Each confirmed proposer rates the handling; the last rating, or the window's end (未表态), completes it.
  { from: 'replied', to: 'replied', action: 'evaluate', roles: ['proposer', 'cosigner'] },
  { from: 'replied', to: 'evaluated', action: 'complete_evaluation', roles: office },
  // Any 不满意 lets the office order re-handling: a new clock, a second reply, a second evaluation.
  { from: 'evaluated', to: 'rehandling', action: 'order_rehandling', roles: office },
  // 办结 (a grade-B reply's follow-up ends here too).
  { from: 'evaluated', to: 'closed', action: 'close', roles: office },
];

/** Actions that only the system takes (as the effect of another step), never offered as buttons. */
export const DERIVED_ACTIONS: readonly ProposalAction[] = ['receive', 'complete_replies'];

export const findTransition = (from: ProposalState, action: ProposalAction): Transition | undefined =>
  TRANSITIONS.find((t) => t.from === from && t.action === action);

/** Actions available in `state` to a caller acting as `actors` (deduplicated, in table order). */
export function allowedActions(state: ProposalState, actors: Iterable<ProposalActor>): ProposalAction[] {
  const mine = new Set(actors);
  const out: ProposalAction[] = [];
  for (const t of TRANSITIONS) if (t.from === state && t.roles.some((r) => mine.has(r)) && !out.includes(t.action)) out.push(t.action);
  return out;
}

/** Every action the table allows in `state`, whoever the caller is. */
export const actionsFrom = (state: ProposalState): ProposalAction[] => [
  ...new Set(TRANSITIONS.filter((t) => t.from === state).map((t) => t.action)),
];

// ── Assignment (交办) and the unit's first steps ────────────
export const ASSIGN_MODES = ['lead_co', 'separate', 'sole'] as const;
export type AssignMode = (typeof ASSIGN_MODES)[number];
export const ASSIGN_MODE_LABELS: Record<AssignMode, Label> = {
  lead_co: { zh: '主办+协办', en: 'Lead unit with co-units' },
  separate: { zh: '分办', en: 'Separately to several units' },
  sole: { zh: '独办', en: 'Single unit' },
};
export const ASSIGNMENT_ROLES = ['lead', 'co', 'separate', 'sole'] as const;
export type AssignmentRole = (typeof ASSIGNMENT_ROLES)[number];
export const ASSIGNMENT_ROLE_LABELS: Record<AssignmentRole, Label> = {
  lead: { zh: '主办', en: 'Lead' },
  co: { zh: '协办', en: 'Co-handler' },
  separate: { zh: '分办', en: 'Separate' },
  sole: { zh: '独办', en: 'Sole' },
};
/** Roles of the units in each mode, in the order of the request's `units` (主办+协办: the first is the lead). */
export const rolesForMode = (mode: AssignMode, count: number): AssignmentRole[] =>
  Array.from({ length: count }, (_, i) => (mode === 'lead_co' ? (i === 0 ? 'lead' : 'co') : mode));
/** How many units each mode takes. */
export const MODE_UNIT_COUNT: Record<AssignMode, { min: number; max: number }> = {
  lead_co: { min: 2, max: 10 },
  separate: { min: 2, max: 10 },
  sole: { min: 1, max: 1 },
};

export const ASSIGNMENT_STATUSES = ['assigned', 'received', 'adjustment_requested', 'closed', 'opinion_given', 'replied'] as const;
export type AssignmentStatus = (typeof ASSIGNMENT_STATUSES)[number];
export const ASSIGNMENT_STATUS_LABELS: Record<AssignmentStatus, Label> = {
  assigned: { zh: '待签收', en: 'Awaiting sign-for' },
  received: { zh: '已签收', en: 'Signed for' },
  adjustment_requested: { zh: '申请调整中', en: 'Adjustment requested' },
  closed: { zh: '已调整（关闭）', en: 'Reassigned (closed)' },
  opinion_given: { zh: '已提交协办意见', en: 'Opinion given to the lead' },
  replied: { zh: '已答复', en: 'Replied' },
};
export const ASSIGNMENT_ACTIONS = [
  'sign',
  'request_adjustment',
  'approve_adjustment',
  'reject_adjustment',
  'submit_opinion',
  'add_contact',
  'request_extension',
  'approve_extension',
  'reject_extension',
  'override_opinions',
  'reply',
  'report_progress',
  'reopen',
] as const;
export type AssignmentAction = (typeof ASSIGNMENT_ACTIONS)[number];
export const ASSIGNMENT_ACTION_LABELS: Record<AssignmentAction, Label> = {
  sign: { zh: '签收', en: 'Sign for' },
  request_adjustment: { zh: '申请调整', en: 'Request adjustment' },
  approve_adjustment: { zh: '同意调整（改交其他单位）', en: 'Approve adjustment (reassign)' },
  reject_adjustment: { zh: '不同意调整', en: 'Reject adjustment' },
  submit_opinion: { zh: '提交协办意见', en: 'Give the co-handler opinion' },
  add_contact: { zh: '记录面商', en: 'Record a contact with the proposer' },
  request_extension: { zh: '申请延期', en: 'Request an extension' },
  approve_extension: { zh: '同意延期', en: 'Approve the extension' },
  reject_extension: { zh: '不同意延期', en: 'Reject the extension' },
  override_opinions: { zh: '准予先行答复', en: 'Allow the reply before all co-handler opinions' },
  reply: { zh: '答复', en: 'Reply' },
  report_progress: { zh: '报送进展', en: 'Report progress' },
  reopen: { zh: '重新办理', en: 'Re-handle' },
};
export interface AssignmentTransition {
  from: AssignmentStatus;
  to: AssignmentStatus;
  action: AssignmentAction;
  /** `unit` = a unit handler of the assignment's own unit. */
  roles: readonly ('unit' | (typeof OFFICE_ROLES)[number])[];
}
/** Units sign for or ask for an adjustment; only the office reassigns — a unit never forwards a proposal itself. */
export const ASSIGNMENT_TRANSITIONS: readonly AssignmentTransition[] = [
  { from: 'assigned', to: 'received', action: 'sign', roles: ['unit'] },
  { from: 'assigned', to: 'adjustment_requested', action: 'request_adjustment', roles: ['unit'] },
  { from: 'adjustment_requested', to: 'closed', action: 'approve_adjustment', roles: office },
  { from: 'adjustment_requested', to: 'assigned', action: 'reject_adjustment', roles: office },
  // Handling (after 签收). Which unit roles may take each step is in ASSIGNMENT_STEP_ROLES.
  { from: 'received', to: 'opinion_given', action: 'submit_opinion', roles: ['unit'] },
  { from: 'received', to: 'received', action: 'add_contact', roles: ['unit'] },
  // A co-unit may still record a contact after giving its opinion (handling slice).
  { from: 'opinion_given', to: 'opinion_given', action: 'add_contact', roles: ['unit'] },
  { from: 'replied', to: 'replied', action: 'add_contact', roles: ['unit'] },
  { from: 'received', to: 'received', action: 'request_extension', roles: ['unit'] },
  { from: 'received', to: 'received', action: 'approve_extension', roles: office },
  { from: 'received', to: 'received', action: 'reject_extension', roles: office },
  { from: 'received', to: 'received', action: 'override_opinions', roles: office },
  { from: 'received', to: 'replied', action: 'reply', roles: ['unit'] },
  // A grade-B reply: the unit reports progress until the office closes the proposal.
  { from: 'replied', to: 'replied', action: 'report_progress', roles: ['unit'] },
  // Taken for every replying unit when the office orders re-handling (a new round).
  { from: 'replied', to: 'received', action: 'reopen', roles: office },
];
/** Which assignment roles take a unit step: co-handlers give an opinion; the others reply. */
export const ASSIGNMENT_STEP_ROLES: Partial<Record<AssignmentAction, readonly AssignmentRole[]>> = {
  submit_opinion: ['co'],
  reply: ['lead', 'sole', 'separate'],
  report_progress: ['lead', 'sole', 'separate'],
  request_extension: ['lead', 'sole', 'separate'],
  approve_extension: ['lead', 'sole', 'separate'],
  reject_extension: ['lead', 'sole', 'separate'],
  override_opinions: ['lead'],
  reopen: ['lead', 'sole', 'separate'],
};

// ── Handling records: contacts (面商), replies, evaluation, supervision ──
export const CONTACT_FORMS = ['in_person', 'phone', 'meeting', 'site_visit', 'online', 'letter'] as const;
export type ContactForm = (typeof CONTACT_FORMS)[number];
export const CONTACT_FORM_LABELS: Record<ContactForm, Label> = {
  in_person: { zh: '当面沟通', en: 'In person' },
  phone: { zh: '电话沟通', en: 'By phone' },
  meeting: { zh: '座谈会', en: 'Meeting' },
  site_visit: { zh: '现场调研', en: 'Site visit' },
  online: { zh: '视频会议', en: 'Online' },
  letter: { zh: '书面沟通', en: 'In writing' },
};
export const EXTENSION_STATUSES = ['none', 'requested', 'approved', 'rejected'] as const;
export type ExtensionStatus = (typeof EXTENSION_STATUSES)[number];
export const EXTENSION_STATUS_LABELS: Record<ExtensionStatus, Label> = {
  none: { zh: '未申请延期', en: 'No extension' },
  requested: { zh: '延期待批', en: 'Extension requested' },
  approved: { zh: '已延期', en: 'Extended' },
  rejected: { zh: '延期未获同意', en: 'Extension refused' },
};
export const RATINGS = ['satisfied', 'basically_satisfied', 'dissatisfied'] as const;
export type Rating = (typeof RATINGS)[number];
export const RATING_LABELS: Record<Rating, Label> = {
  satisfied: { zh: '满意', en: 'Satisfied' },
  basically_satisfied: { zh: '基本满意', en: 'Basically satisfied' },
  dissatisfied: { zh: '不满意', en: 'Dissatisfied' },
};
export const EVALUATION_STATUSES = ['pending', 'rated', 'no_response'] as const;
export type EvaluationStatus = (typeof EVALUATION_STATUSES)[number];
export const EVALUATION_STATUS_LABELS: Record<EvaluationStatus, Label> = {
  pending: { zh: '待评价', en: 'Awaiting evaluation' },
  rated: { zh: '已评价', en: 'Rated' },
  no_response: { zh: '未表态', en: 'No response' },
};
export const SUPERVISION_KINDS = ['visit', 'meeting', 'site_inspection', 'note'] as const;
export type SupervisionKind = (typeof SUPERVISION_KINDS)[number];
export const SUPERVISION_KIND_LABELS: Record<SupervisionKind, Label> = {
  visit: { zh: '走访督办', en: 'Visit' },
  meeting: { zh: '督办会议', en: 'Supervision meeting' },
  site_inspection: { zh: '实地督查', en: 'Site inspection' },
  note: { zh: '督办意见', en: 'Note' },
};

const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);
const text = (max: number) => z.string().trim().min(1).max(max);
const ver = z.number().int();
export const AssignmentOpinionBody = z.object({ opinion: text(5000), version: ver });
/** Append-only records (面商, progress) take no version: adding one never conflicts with an edit. */
export const AssignmentContactBody = z.object({ form: z.enum(CONTACT_FORMS), contactDate: day, notes: text(2000) });
export const AssignmentProgressBody = z.object({ body: text(5000) });
export const AssignmentExtensionBody = z.object({ reason: text(1000), version: ver });
export const AssignmentExtensionApproveBody = z.object({ note: z.string().trim().max(1000).default(''), version: ver });
export const AssignmentExtensionRejectBody = z.object({ reason: text(1000), version: ver });
export const AssignmentOverrideBody = z.object({ reason: text(1000), version: ver });
export const AssignmentReplyBody = z.object({
  /** A code of the organization's gradeLabels (A/B/C by default). */
  grade: z.string().trim().min(1).max(4),
  /** Rich text (sanitized on the server). */
  body: z.string().min(1).max(100_000),
  /** 文号 */
  docNumber: z.string().trim().max(60).default(''),
  signer: text(40),
  version: ver,
});
export const ProposalEvaluateBody = z.object({
  workRating: z.enum(RATINGS),
  resultRating: z.enum(RATINGS),
  comments: z.string().trim().max(2000).default(''),
  /** For a collective proposal, or when the caller is several proposers: which proposer row is rated. */
  proposerId: z.number().int().positive().optional(),
});
export const ProposalRehandleBody = z.object({ reason: text(1000), version: ver });
export const ProposalCloseBody = z.object({ note: z.string().trim().max(1000).default(''), version: ver });
export const ProposalGoodBody = z.object({ isGood: z.boolean(), note: z.string().trim().max(1000).default(''), version: ver });
export const ProposalSupervisionBody = z.object({ kind: z.enum(SUPERVISION_KINDS), happenedOn: day, notes: text(2000) });

export const ContactView = z.object({
  id: z.number(),
  assignmentId: z.number(),
  unitName: z.string(),
  form: z.enum(CONTACT_FORMS),
  contactDate: z.string(),
  notes: z.string(),
  createdByName: z.string(),
  createdAt: z.string(),
});
export const ReplyView = z.object({
  id: z.number(),
  assignmentId: z.number(),
  unitId: z.number(),
  unitName: z.string(),
  round: z.number(),
  grade: z.string(),
  gradeLabel: z.string(),
  body: z.string(),
  docNumber: z.string(),
  signer: z.string(),
  repliedAt: z.string(),
});
export const ProgressView = z.object({
  id: z.number(),
  assignmentId: z.number(),
  unitName: z.string(),
  body: z.string(),
  createdByName: z.string(),
  createdAt: z.string(),
});
export const EvaluationView = z.object({
  id: z.number(),
  proposerId: z.number(),
  proposerName: z.string(),
  round: z.number(),
  status: z.enum(EVALUATION_STATUSES),
  workRating: z.enum(RATINGS).nullable(),
  resultRating: z.enum(RATINGS).nullable(),
  comments: z.string(),
  ratedAt: z.string().nullable(),
  /** The caller may rate this row now. */
  mine: z.boolean(),
});
export const SupervisionView = z.object({
  id: z.number(),
  kind: z.enum(SUPERVISION_KINDS),
  happenedOn: z.string(),
  notes: z.string(),
  leaderName: z.string().nullable(),
  createdByName: z.string(),
  createdAt: z.string(),
});
export const findAssignmentTransition = (from: string, action: AssignmentAction) =>
  ASSIGNMENT_TRANSITIONS.find((t) => t.from === from && t.action === action);

const unitIds = z.array(z.number().int().positive()).min(1).max(10);
const assignFields = {
  assignMode: z.enum(ASSIGN_MODES),
  /** Unit ids; 主办+协办: the first is the lead unit, the others co-units. */
  units: unitIds,
  isKey: z.boolean().default(false),
  supervisorAccountId: z.number().int().positive().nullable().optional(),
  version: z.number().int(),
};
export const ProposalAssignBody = z.object(assignFields);
export const ProposalAssignBulkBody = z.object({
  items: z
    .array(z.object({ proposalId: z.number().int().positive(), ...assignFields }))
    .min(1)
    .max(500),
});
export const AssignmentVersionBody = z.object({ version: z.number().int() });
export const AssignmentAdjustBody = z.object({ reason: z.string().trim().min(1).max(1000), version: z.number().int() });
export const AssignmentApproveBody = z.object({ units: unitIds, note: z.string().trim().max(1000).default(''), version: z.number().int() });
export const AssignmentRejectBody = z.object({ reason: z.string().trim().min(1).max(1000), version: z.number().int() });
export const UnitInboxQuery = z.object({
  status: z.enum(ASSIGNMENT_STATUSES).optional(),
  cursor: z.string().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});
export const AssignmentView = z.object({
  id: z.number(),
  orgId: z.number(),
  proposalId: z.number(),
  unitId: z.number(),
  unitName: z.string(),
  role: z.enum(ASSIGNMENT_ROLES),
  status: z.enum(ASSIGNMENT_STATUSES),
  assignedOn: z.string(),
  /** Last day to request an adjustment. */
  windowEnd: z.string(),
  windowProvisional: z.boolean(),
  deadline: z.string(),
  deadlineProvisional: z.boolean(),
  adjustmentReason: z.string(),
  officeNote: z.string(),
  adjustmentRejected: z.boolean(),
  replacesId: z.number().nullable(),
  receivedAt: z.string().nullable(),
  round: z.number(),
  opinion: z.string(),
  opinionAt: z.string().nullable(),
  opinionDue: z.string().nullable(),
  opinionsOverrideReason: z.string(),
  extensionStatus: z.enum(EXTENSION_STATUSES),
  extensionReason: z.string(),
  extensionNote: z.string(),
  originalDeadline: z.string().nullable(),
  repliedAt: z.string().nullable(),
  version: z.number(),
  abilities: z.array(z.enum(ASSIGNMENT_ACTIONS)),
});
export const UnitInboxItem = AssignmentView.extend({
  subject: z.string(),
  numberLabel: z.string().nullable(),
  proposalState: z.enum(PROPOSAL_STATES),
  isKey: z.boolean(),
  /** Working days from today to the deadline (negative when overdue). */
  workdaysLeft: z.number(),
  /** The countdown crosses a year the calendar does not cover yet. */
  countdownProvisional: z.boolean(),
  /** For a lead unit: co-units whose opinion is still awaited (its reply waits for them); 0 for the others. */
  opinionsPending: z.number(),
});
export const AssignBulkResult = z.object({
  items: z.array(
    z.object({ proposalId: z.number(), state: z.enum(PROPOSAL_STATES), version: z.number(), assignmentIds: z.array(z.number()) }),
  ),
});

// ── Settings (per organization, defaults from the domain) ────
export const GradeLabel = z.object({ code: z.string().trim().min(1).max(4), label: z.string().trim().min(1).max(40) });
export const ProposalSettingsConfig = z.object({
  /** 不予立案 reasons the office picks from. */
  notRegisterReasons: z.array(z.string().trim().min(1).max(100)).min(1).max(50),
  /** Conversion kinds offered when not registering. */
  conversionKinds: z.array(z.enum(CONVERSION_KINDS)).min(1),
  /** Reply result grades (A/B/C by default; some places add D). */
  gradeLabels: z.array(GradeLabel).min(2).max(6),
  /** Window for a unit to sign for or request adjustment (working days). */
  adjustmentWindowWorkdays: z.number().int().min(1).max(60),
  /** Reply deadline from assignment (months), one extension, absolute cap. */
  replyMonths: z.number().int().min(1).max(12),
  extensionMonths: z.number().int().min(0).max(6),
  maxMonths: z.number().int().min(1).max(24),
  /** Co-handler opinion to the lead unit (months). */
  coHandlerOpinionMonths: z.number().int().min(1).max(6),
  /** Proposer evaluation window (working days). */
  evaluationWorkdays: z.number().int().min(1).max(60),
  /** Public disclosure after the reply (working days). */
  disclosureWorkdays: z.number().int().min(1).max(120),
  /** Reminder offsets before a deadline (working days; 0 = the day it goes overdue). */
  reminderOffsetsWorkdays: z.array(z.number().int().min(0).max(30)).max(5),
});
export type ProposalSettingsConfig = z.infer<typeof ProposalSettingsConfig>;

export const DEFAULT_PROPOSAL_SETTINGS: ProposalSettingsConfig = {
  notRegisterReasons: [
    '不属于政协提案受理范围',
    '一案多事，未做到一事一案',
    '内容空泛，缺乏具体可行的建议',
    '涉及党和国家秘密或不宜公开讨论的事项',
    '属于个人或家庭私事',
    '涉及诉讼、仲裁、信访等正在依法处理的案件',
    '所提问题已经解决或正在解决',
  ],
  conversionKinds: [...CONVERSION_KINDS],
  gradeLabels: [
    { code: 'A', label: '已解决或采纳' },
    { code: 'B', label: '正在解决或列入计划' },
    { code: 'C', label: '因条件限制留作参考' },
  ],
  adjustmentWindowWorkdays: 10,
  replyMonths: 3,
  extensionMonths: 1,
  maxMonths: 6,
  coHandlerOpinionMonths: 1,
  evaluationWorkdays: 15,
  disclosureWorkdays: 20,
  reminderOffsetsWorkdays: [5, 1, 0],
};

export const ProposalSettingsView = z.object({
  orgId: z.number(),
  config: ProposalSettingsConfig,
  isDefault: z.boolean(),
  version: z.number(),
});
export const ProposalSettingsBody = z.object({ config: ProposalSettingsConfig, version: z.number().int().min(0) });

// ── Categories ───────────────────────────────────────────────
export const ProposalCategoryView = z.object({
  id: z.number(),
  orgId: z.number(),
  name: z.string(),
  sort: z.number(),
  active: z.boolean(),
  version: z.number(),
});
export const ProposalCategoryCreateBody = z.object({
  name: z.string().trim().min(1).max(60),
  sort: z.number().int().min(0).max(9999).default(0),
  active: z.boolean().default(true),
});
export const ProposalCategoryUpdateBody = z.object({
  name: z.string().trim().min(1).max(60).optional(),
  sort: z.number().int().min(0).max(9999).optional(),
  active: z.boolean().optional(),
  version: z.number().int(),
});

// ── Proposals: bodies ────────────────────────────────────────
const id = z.number().int().positive();
/** Rich-text body limit (HTML characters, before sanitizing). */
export const BODY_MAX = 100_000;
const editable = {
  subject: z.string().trim().max(200).optional(),
  body: z.string().max(BODY_MAX).optional(),
  categoryId: id.nullable().optional(),
  suggestedUnitIds: z.array(id).max(20).optional(),
  isPublic: z.boolean().optional(),
};
export const ProposalCreateBody = z.object({
  kind: z.enum(PROPOSAL_KINDS).default('individual'),
  /** Required for collective proposals: the collective the caller acts for. */
  collectiveId: id.optional(),
  ...editable,
});
export const ProposalUpdateBody = z.object({ ...editable, version: z.number().int() });
/** Invitations and co-signing change the proposer list, not the text being edited: no version, so autosave is not disturbed. */
export const ProposalInviteBody = z.object({ memberIds: z.array(id).min(1).max(100) });
export const ProposalCosignBody = z.object({ decision: z.enum(['confirm', 'decline']) });
export const ProposalVersionBody = z.object({ version: z.number().int() });
/** 立案, optionally classifying the proposal at the same time (e.g. taking the office's suggested category). */
export const ProposalRegisterBody = z.object({ version: z.number().int(), categoryId: id.optional() });
/** 批量立案 from the intake list: the proposals are numbered in the order given; all or nothing. */
export const ProposalRegisterBulkBody = z.object({
  items: z
    .array(z.object({ proposalId: z.number().int().positive(), version: z.number().int(), categoryId: id.optional() }))
    .min(1)
    .max(500),
});
export const RegisterBulkResult = z.object({
  items: z.array(
    z.object({
      proposalId: z.number(),
      state: z.enum(PROPOSAL_STATES),
      version: z.number(),
      number: z.number().nullable(),
      numberLabel: z.string().nullable(),
    }),
  ),
});
/** GET …/assignment-letters.docx?ids=3,1,2 — the 交办函 of these proposals in one file, in this order. */
export const AssignmentLettersQuery = z.object({
  ids: z
    .string()
    .regex(/^\d+(,\d+)*$/, '须为以逗号分隔的提案编号')
    .transform((v) => [...new Set(v.split(',').map(Number))])
    .pipe(z.array(z.number().int().positive().max(Number.MAX_SAFE_INTEGER)).min(1).max(200, '一次最多 200 件')),
});
export const ProposalMergeBody = z.object({ targetId: id, note: z.string().trim().max(1000).default(''), version: z.number().int() });
export const ProposalNotRegisterBody = z.object({
  reason: z.string().trim().min(1).max(100),
  conversionKind: z.enum(CONVERSION_KINDS),
  note: z.string().trim().max(1000).default(''),
  version: z.number().int(),
});
export const ProposalWithdrawBody = z.object({
  proposerConsent: z.literal(true),
  note: z.string().trim().min(1).max(1000),
  version: z.number().int(),
});
export const ProposalReturnBody = z.object({ comments: z.string().trim().min(1).max(2000), version: z.number().int() });

const boolParam = z.enum(['true', 'false']).transform((v) => v === 'true');
export const ProposalListQuery = z.object({
  state: z.enum(PROPOSAL_STATES).optional(),
  sessionId: z.coerce.number().int().positive().optional(),
  categoryId: z.coerce.number().int().positive().optional(),
  kind: z.enum(PROPOSAL_KINDS).optional(),
  q: z.string().trim().max(100).optional(),
  cursor: z.string().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});
export type ProposalFilter = Omit<z.infer<typeof ProposalListQuery>, 'cursor' | 'limit'>;
export const MyProposalsQuery = z.object({
  state: z.enum(PROPOSAL_STATES).optional(),
  /** true: only where I am (or act for) the first proposer; false: only co-signed. */
  first: boolParam.optional(),
  cursor: z.string().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});

// ── Proposals: views ─────────────────────────────────────────
const actions = z.array(z.enum(PROPOSAL_ACTIONS));
export const ProposerView = z.object({
  id: z.number(),
  memberId: z.number().nullable(),
  collectiveId: z.number().nullable(),
  name: z.string(),
  role: z.enum(PROPOSER_ROLES),
  status: z.enum(PROPOSER_STATUSES),
  creditedViaMergeFrom: z.number().nullable(),
  respondedAt: z.string().nullable(),
});
const ProposalRef = z.object({ id: z.number(), subject: z.string(), state: z.enum(PROPOSAL_STATES), numberLabel: z.string().nullable() });
export const ProposalListItem = z.object({
  id: z.number(),
  orgId: z.number(),
  sessionId: z.number().nullable(),
  sessionName: z.string().nullable(),
  kind: z.enum(PROPOSAL_KINDS),
  subject: z.string(),
  categoryId: z.number().nullable(),
  categoryName: z.string().nullable(),
  /** The first proposer's name (member or collective). */
  proposerName: z.string(),
  /** Confirmed proposers, the first one included. */
  proposerCount: z.number(),
  period: z.enum(PROPOSAL_PERIODS).nullable(),
  isPublic: z.boolean(),
  state: z.enum(PROPOSAL_STATES),
  number: z.number().nullable(),
  numberLabel: z.string().nullable(),
  mergedIntoId: z.number().nullable(),
  submittedAt: z.string().nullable(),
  updatedAt: z.string(),
  version: z.number(),
  abilities: actions,
});
export const ProposalView = ProposalListItem.extend({
  collectiveId: z.number().nullable(),
  firstProposerMemberId: z.number().nullable(),
  body: z.string(),
  suggestedUnitIds: z.array(z.number()),
  suggestedUnits: z.array(z.object({ id: z.number(), name: z.string() })),
  reviewNote: z.string(),
  proposerConsent: z.boolean(),
  registeredAt: z.string().nullable(),
  reviewedAt: z.string().nullable(),
  assignMode: z.enum(ASSIGN_MODES).nullable(),
  assignedAt: z.string().nullable(),
  deadline: z.string().nullable(),
  deadlineProvisional: z.boolean(),
  isKey: z.boolean(),
  supervisorAccountId: z.number().nullable(),
  round: z.number(),
  repliedAt: z.string().nullable(),
  evaluationDue: z.string().nullable(),
  evaluationDueProvisional: z.boolean(),
  evaluatedAt: z.string().nullable(),
  rehandlingReason: z.string(),
  closedAt: z.string().nullable(),
  isGood: z.boolean(),
  goodNote: z.string(),
  disclosedAt: z.string().nullable(),
  createdAt: z.string(),
  proposers: z.array(ProposerView),
  mergedInto: ProposalRef.nullable(),
  mergedFrom: z.array(ProposalRef),
  conversion: z
    .object({
      reason: z.string(),
      conversionKind: z.enum(CONVERSION_KINDS),
      note: z.string(),
      convertedItemId: z.number(),
      createdAt: z.string(),
    })
    .nullable(),
  revisions: z.array(
    z.object({
      id: z.number(),
      round: z.number(),
      comments: z.string(),
      subjectBefore: z.string(),
      bodyBefore: z.string(),
      returnedAt: z.string(),
      subjectAfter: z.string().nullable(),
      bodyAfter: z.string().nullable(),
      resubmittedAt: z.string().nullable(),
    }),
  ),
});
export type ProposalViewT = z.infer<typeof ProposalView>;

export const TimelineEntry = z.object({
  id: z.number(),
  at: z.string(),
  actorAccountId: z.number().nullable(),
  actorName: z.string(),
  action: z.string(),
  fromState: z.enum(PROPOSAL_STATES).nullable(),
  toState: z.enum(PROPOSAL_STATES).nullable(),
  reason: z.string(),
  details: z.record(z.string(), z.unknown()),
});

/** "十一届三次会议第0012号" */
export const proposalNumberLabel = (sessionName: string, n: number) => `${sessionName}第${String(n).padStart(4, '0')}号`;

// ── Handling-stage read models (GET endpoints) ──────────────
/** GET /api/proposals/:id/handling — everything the units did, as the caller may see it. */
export const HandlingView = z.object({
  proposalId: z.number(),
  round: z.number(),
  assignments: z.array(AssignmentView),
  contacts: z.array(ContactView),
  replies: z.array(ReplyView),
  progress: z.array(ProgressView),
});
/** GET /api/proposals/:id/evaluations — the proposers' evaluation of every round. */
export const EvaluationsView = z.object({
  round: z.number(),
  due: z.string().nullable(),
  dueProvisional: z.boolean(),
  items: z.array(EvaluationView),
});
/** GET /api/orgs/:orgId/proposals/overdue — every clock past its deadline (or due within `withinWorkdays`). */
export const OVERDUE_CLOCKS = ['reply', 'opinion', 'evaluation', 'sign'] as const;
export type OverdueClock = (typeof OVERDUE_CLOCKS)[number];
export const OVERDUE_CLOCK_LABELS: Record<OverdueClock, Label> = {
  reply: { zh: '答复', en: 'Reply' },
  opinion: { zh: '协办意见', en: 'Co-handler opinion' },
  evaluation: { zh: '评价', en: 'Evaluation' },
  sign: { zh: '签收', en: 'Sign-for' },
};
export const OverdueQuery = z.object({
  clock: z.enum(OVERDUE_CLOCKS).optional(),
  unitId: z.coerce.number().int().positive().optional(),
  /** 0 = overdue only; n = also those due within n working days. */
  withinWorkdays: z.coerce.number().int().min(0).max(30).default(0),
  cursor: z.string().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});
export const OverdueItem = z.object({
  proposalId: z.number(),
  subject: z.string(),
  numberLabel: z.string().nullable(),
  clock: z.enum(OVERDUE_CLOCKS),
  assignmentId: z.number().nullable(),
  unitId: z.number().nullable(),
  unitName: z.string().nullable(),
  deadline: z.string(),
  deadlineProvisional: z.boolean(),
  /** Working days past the deadline (0 or negative when only due soon). */
  workdaysOverdue: z.number(),
  isKey: z.boolean(),
  supervisorName: z.string().nullable(),
});
/** The public disclosure page: names only, no contact details. */
export const PublicProposalItem = z.object({
  id: z.number(),
  numberLabel: z.string().nullable(),
  subject: z.string(),
  categoryName: z.string().nullable(),
  proposerNames: z.array(z.string()),
  sessionName: z.string().nullable(),
  state: z.enum(PROPOSAL_STATES),
  disclosedAt: z.string(),
});
export const PublicProposalView = PublicProposalItem.extend({
  body: z.string(),
  replies: z.array(
    z.object({
      unitName: z.string(),
      round: z.number(),
      grade: z.string(),
      gradeLabel: z.string(),
      body: z.string(),
      docNumber: z.string(),
      repliedAt: z.string(),
    }),
  ),
});
export const PublicProposalQuery = z.object({
  q: z.string().trim().max(100).optional(),
  cursor: z.string().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(20),
});

// ── Statistics dashboard (slice D: GET /api/orgs/:orgId/proposal-stats, /items, .xlsx) ──
/** A rate as an exact fraction (num / den; den 0 = no data). */
export const StatsFraction = z.object({ num: z.number(), den: z.number() });
export type StatsFractionT = z.infer<typeof StatsFraction>;
export const statsRate = (f: StatsFractionT): number | null => (f.den > 0 ? f.num / f.den : null);
/**
 * Drill-down metrics: the rows behind a number. Proposal-level ones list proposals; `unit`, `replying`, `replied_on_time`,
 * `replied_late`, `overdue`, `grade` list assignments (one row per unit); the rating ones list evaluation rows.
 * `key` narrows: category id | sector id (`none`, `collective`) | unit id | grade code | rating.
 */
export const STATS_METRICS = [
  'received',
  'registered',
  'merged',
  'converted',
  'withdrawn',
  'assigned',
  'replied',
  'contacted',
  'category',
  'sector',
  'unit',
  'replying',
  'replied_assignments',
  'on_time',
  'late',
  'overdue',
  'grade',
  'work_satisfied',
  'result_satisfied',
  'work_rating',
  'result_rating',
  'rated',
  'no_response',
] as const;
export type StatsMetric = (typeof STATS_METRICS)[number];
export const ProposalStatsQuery = z.object({
  sessionId: z.coerce.number().int().positive().optional(),
  /** Every session whose plenary meeting starts in this year (instead of one session). */
  year: z.coerce.number().int().min(1949).max(2200).optional(),
});
export const ProposalStatsItemsQuery = ProposalStatsQuery.extend({
  metric: z.enum(STATS_METRICS),
  key: z.string().trim().min(1).max(40).optional(),
  cursor: z.string().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});
const statsCounts = { received: z.number(), registered: z.number(), assigned: z.number(), replied: z.number() };
export const ProposalStatsView = z.object({
  scope: z.object({ sessionId: z.number().nullable(), sessionName: z.string().nullable(), year: z.number().nullable() }),
  /** The organization's sessions (newest first) with their proposal counts, for the picker. */
  sessions: z.array(z.object({ id: z.number(), name: z.string(), startDate: z.string(), proposals: z.number() })),
  today: z.string(),
  received: z.number(),
  registered: z.number(),
  merged: z.number(),
  converted: z.number(),
  withdrawn: z.number(),
  assigned: z.number(),
  replied: z.number(),
  contacted: z.number(),
  /** 立案率 registered / received */
  registrationRate: StatsFraction,
  /** 办复率 proposals with a reply / assigned */
  replyRate: StatsFraction,
  /** 按期办复率 replying assignments whose first reply was on time / replying assignments replied */
  onTimeRate: StatsFraction,
  /** 面商率 assigned proposals with a contact record / assigned */
  contactRate: StatsFraction,
  /** 满意率 (满意 + 基本满意) / rated rows, on 办理工作 and 办理结果 (latest finished round per proposal). */
  workSatisfaction: StatsFraction,
  resultSatisfaction: StatsFraction,
  ratings: z.array(z.object({ rating: z.enum(RATINGS), work: z.number(), result: z.number() })),
  rated: z.number(),
  /** 未表态 rows (excluded from the rates). */
  noResponse: z.number(),
  pendingEvaluations: z.number(),
  /** Grades of the replies (latest round per assignment). */
  grades: z.array(z.object({ code: z.string(), label: z.string(), count: z.number(), share: StatsFraction })),
  byCategory: z.array(z.object({ key: z.string(), name: z.string(), ...statsCounts })),
  /** By the first proposer's sector (界别); collective proposals under `collective`. */
  bySector: z.array(z.object({ key: z.string(), name: z.string(), ...statsCounts })),
  byUnit: z.array(
    z.object({
      unitId: z.number(),
      unitName: z.string(),
      /** Open assignments of every role (co-handlers included). */
      assigned: z.number(),
      /** Replying assignments (lead / sole / separate). */
      replying: z.number(),
      replied: z.number(),
      onTime: StatsFraction,
      workSatisfaction: StatsFraction,
      resultSatisfaction: StatsFraction,
      /** Both dimensions together: (满意 + 基本满意 on both) / (2 × rated). */
      satisfaction: StatsFraction,
      /** Average working days from assignment to the first reply. */
      avgWorkdays: z.number().nullable(),
      avgWorkdaysProvisional: z.boolean(),
      overdue: z.number(),
    }),
  ),
  overdue: z.number(),
  avgWorkdays: z.number().nullable(),
  avgWorkdaysProvisional: z.boolean(),
});
export type ProposalStatsViewT = z.infer<typeof ProposalStatsView>;
export const ProposalStatsItem = z.object({
  /** The row's own id (proposal, assignment or evaluation id, by metric); the keyset cursor. */
  rowId: z.number(),
  proposalId: z.number(),
  numberLabel: z.string().nullable(),
  subject: z.string(),
  state: z.enum(PROPOSAL_STATES),
  proposerName: z.string(),
  categoryName: z.string().nullable(),
  unitName: z.string().nullable(),
  deadline: z.string().nullable(),
  repliedOn: z.string().nullable(),
  grade: z.string().nullable(),
  evaluatorName: z.string().nullable(),
  workRating: z.enum(RATINGS).nullable(),
  resultRating: z.enum(RATINGS).nullable(),
});
export type ProposalStatsItemT = z.infer<typeof ProposalStatsItem>;
/** GET /api/orgs/:orgId/proposals/key — key proposals (重点提案) with the supervising leader (slice B). */
export const KeyProposalQuery = z.object({
  state: z.enum(PROPOSAL_STATES).optional(),
  cursor: z.string().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});
/** A list item (as in the office's list) plus the supervision facts. */
export const KeyProposalItem = ProposalListItem.extend({
  round: z.number(),
  deadline: z.string().nullable(),
  deadlineProvisional: z.boolean(),
  supervisorAccountId: z.number().nullable(),
  supervisorName: z.string().nullable(),
  supervisionCount: z.number(),
  lastSupervisedOn: z.string().nullable(),
});

// ── Attachments ──────────────────────────────────────────────
/** File types accepted as attachments (sniffed from the content). */
export const ATTACHMENT_EXTS = ['pdf', 'docx', 'xlsx', 'pptx', 'doc', 'xls', 'jpg', 'png', 'webp', 'ofd'] as const;
export const ATTACHMENT_MAX_BYTES = 20 * 1024 * 1024;
export const ATTACHMENT_MAX_COUNT = 10;
export const AttachmentView = z.object({
  id: z.number(),
  proposalId: z.number(),
  /** Set for a unit's reply attachment. */
  assignmentId: z.number().nullable(),
  unitName: z.string().nullable(),
  filename: z.string(),
  ext: z.string(),
  size: z.number(),
  uploadedByName: z.string(),
  createdAt: z.string(),
  /** The caller may remove it now. */
  canDelete: z.boolean(),
});
