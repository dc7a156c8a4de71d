import { sql } from 'drizzle-orm';
import {
  bigint,
  boolean,
  check,
  customType,
  date,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  type AnyPgColumn,
} from 'drizzle-orm/pg-core';
import { accounts } from './accounts';
import { idColumn, orgIdColumn, organizations, plenarySessions, timestamps, version } from './orgs';
import { collectiveProposers, members, units } from './people';

const ref = (name: string) => bigint(name, { mode: 'number' });

/** 提案分类 — each organization's own taxonomy. */
export const proposalCategories = pgTable(
  'proposal_categories',
  {
    id: idColumn(),
    orgId: orgIdColumn(),
    name: text('name').notNull(),
    sort: integer('sort').notNull().default(0),
    active: boolean('active').notNull().default(true),
    version: version(),
    ...timestamps,
  },
  (t) => [
    uniqueIndex('proposal_categories_org_name_uq').on(t.orgId, t.name),
    index('proposal_categories_org_sort_idx').on(t.orgId, t.sort, t.id),
  ],
);

/** Per-organization proposal configuration (jsonb); the code supplies defaults when the row is missing. */
export const proposalSettings = pgTable('proposal_settings', {
  orgId: ref('org_id')
    .primaryKey()
    .references(() => organizations.id),
  config: jsonb('config').notNull(),
  version: version(),
  ...timestamps,
});

/** 提案 — one proposal, from draft through review (and, later, handling). */
export const proposals = pgTable(
  'proposals',
  {
    id: idColumn(),
    orgId: orgIdColumn(),
    /** The plenary session the proposal belongs to; fixed at the first submission. */
    sessionId: ref('session_id').references(() => plenarySessions.id),
    kind: text('kind').notNull(),
    collectiveId: ref('collective_id').references(() => collectiveProposers.id),
    firstProposerMemberId: ref('first_proposer_member_id').references(() => members.id),
    /** 案由 */
    subject: text('subject').notNull().default(''),
    /** Sanitized HTML (情况/分析/建议). */
    body: text('body').notNull().default(''),
    categoryId: ref('category_id').references(() => proposalCategories.id),
    suggestedUnitIds: jsonb('suggested_unit_ids')
      .$type<number[]>()
      .notNull()
      .default(sql`'[]'::jsonb`),
    isPublic: boolean('is_public').notNull().default(true),
    /** plenary | between_sessions, derived at submission from the session calendar. */
    period: text('period'),
    state: text('state').notNull().default('draft'),
    number: integer('number'),
    numberLabel: text('number_label'),
    mergedIntoId: ref('merged_into_id').references((): AnyPgColumn => proposals.id),
    /** The office's note on the last review outcome (withdrawal note, merge note …). */
    reviewNote: text('review_note').notNull().default(''),
    proposerConsent: boolean('proposer_consent').notNull().default(false),
    submittedAt: timestamp('submitted_at', { withTimezone: true }),
    registeredAt: timestamp('registered_at', { withTimezone: true }),
    reviewedAt: timestamp('reviewed_at', { withTimezone: true }),
    reviewedByAccountId: ref('reviewed_by_account_id').references(() => accounts.id),
    /** 交办: lead_co (主办+协办) | separate (分办) | sole (独办); set on assignment. */
    assignMode: text('assign_mode'),
    assignedAt: timestamp('assigned_at', { withTimezone: true }),
    /** The reply deadline set on assignment (a working day) and whether the calendar was provisional for it. */
    deadline: date('deadline'),
    deadlineProvisional: boolean('deadline_provisional').notNull().default(false),
    /** 重点提案 with its supervising leader (an account holding `leader` in the organization). */
    isKey: boolean('is_key').notNull().default(false),
    supervisorAccountId: ref('supervisor_account_id').references(() => accounts.id),
    /** Handling round: 1, then 2 after the office orders re-handling (重新办理). */
    round: integer('round').notNull().default(1),
    /** When the last reply of the current round came in (the proposal became 已答复). */
    repliedAt: timestamp('replied_at', { withTimezone: true }),
    /** Last day for the proposers' evaluation of the current round (working days from the reply). */
    evaluationDue: date('evaluation_due'),
    evaluationDueProvisional: boolean('evaluation_due_provisional').notNull().default(false),
    evaluatedAt: timestamp('evaluated_at', { withTimezone: true }),
    /** The office's reason for ordering re-handling. */
    rehandlingReason: text('rehandling_reason').notNull().default(''),
    closedAt: timestamp('closed_at', { withTimezone: true }),
    /** 好提案 (good proposal) selection. */
    isGood: boolean('is_good').notNull().default(false),
    goodNote: text('good_note').notNull().default(''),
    goodAt: timestamp('good_at', { withTimezone: true }),
    /** Shown on the public page (public proposals, once replied); set when first published. */
    disclosedAt: timestamp('disclosed_at', { withTimezone: true }),
    createdByAccountId: ref('created_by_account_id')
      .notNull()
      .references(() => accounts.id),
    version: version(),
    ...timestamps,
  },
  (t) => [
    index('proposals_org_state_idx').on(t.orgId, t.state, t.id),
    // The intake list's filters, newest first.
    index('proposals_org_session_id_idx').on(t.orgId, t.sessionId, t.id),
    index('proposals_org_category_id_idx').on(t.orgId, t.categoryId, t.id),
    index('proposals_org_deadline_idx')
      .on(t.orgId, t.deadline, t.id)
      .where(sql`deadline is not null`),
    index('proposals_public_idx')
      .on(t.orgId, t.disclosedAt, t.id)
      .where(sql`disclosed_at is not null`),
    index('proposals_org_id_idx').on(t.orgId, t.id),
    // 案由 substring search (intake list, public page): the subject's characters and character pairs (xs_grams,
    // migration 0020), so a rare word is found through the index instead of by reading the organization's rows.
    index('proposals_subject_grams_idx').using('gin', sql`xs_grams(${t.subject})`),
    index('proposals_org_session_number_idx').on(t.orgId, t.sessionId, t.number),
    uniqueIndex('proposals_session_number_uq')
      .on(t.sessionId, t.number)
      .where(sql`number is not null`),
    index('proposals_merged_into_idx').on(t.mergedIntoId),
    index('proposals_first_proposer_idx').on(t.firstProposerMemberId, t.id),
  ],
);

/**
 * Proposers of a proposal: the first proposer (a member, or a collective for collective proposals) and co-signers.
 * Co-signers are invited and confirm or decline; only confirmed ones count. Proposers credited through a merge
 * carry the merged proposal in `credited_via_merge_from`.
 */
export const proposalProposers = pgTable(
  'proposal_proposers',
  {
    id: idColumn(),
    proposalId: ref('proposal_id')
      .notNull()
      .references(() => proposals.id, { onDelete: 'cascade' }),
    memberId: ref('member_id').references(() => members.id),
    collectiveId: ref('collective_id').references(() => collectiveProposers.id),
    role: text('role').notNull(),
    status: text('status').notNull(),
    creditedViaMergeFrom: ref('credited_via_merge_from').references((): AnyPgColumn => proposals.id),
    invitedAt: timestamp('invited_at', { withTimezone: true }).notNull().defaultNow(),
    respondedAt: timestamp('responded_at', { withTimezone: true }),
  },
  (t) => [
    uniqueIndex('proposal_proposers_member_uq')
      .on(t.proposalId, t.memberId)
      .where(sql`member_id is not null`),
    uniqueIndex('proposal_proposers_collective_uq')
      .on(t.proposalId, t.collectiveId)
      .where(sql`collective_id is not null`),
    // Every per-proposal lookup (list counts, the caller's relation, the detail) goes by proposal_id; the partial
    // unique indexes above cannot serve it, and without this the planner scanned by collective_id (50× slower).
    index('proposal_proposers_proposal_idx').on(t.proposalId, t.id),
    index('proposal_proposers_member_idx').on(t.memberId, t.proposalId),
    index('proposal_proposers_collective_idx').on(t.collectiveId, t.proposalId),
    check('proposal_proposers_one_party', sql`(member_id is null) <> (collective_id is null)`),
  ],
);

/** Per-session number counter; its row is locked FOR UPDATE so numbers are gapless and unique. */
export const proposalNumberCounters = pgTable('proposal_number_counters', {
  sessionId: ref('session_id')
    .primaryKey()
    .references(() => plenarySessions.id),
  orgId: orgIdColumn(),
  lastNumber: integer('last_number').notNull().default(0),
});

/** History of returns for revision: the office's comments, the text before, and the text resubmitted. */
export const proposalRevisions = pgTable(
  'proposal_revisions',
  {
    id: idColumn(),
    proposalId: ref('proposal_id')
      .notNull()
      .references(() => proposals.id, { onDelete: 'cascade' }),
    round: integer('round').notNull(),
    comments: text('comments').notNull(),
    subjectBefore: text('subject_before').notNull(),
    bodyBefore: text('body_before').notNull(),
    returnedByAccountId: ref('returned_by_account_id').references(() => accounts.id),
    returnedAt: timestamp('returned_at', { withTimezone: true }).notNull().defaultNow(),
    subjectAfter: text('subject_after'),
    bodyAfter: text('body_after'),
    resubmittedAt: timestamp('resubmitted_at', { withTimezone: true }),
  },
  (t) => [uniqueIndex('proposal_revisions_round_uq').on(t.proposalId, t.round)],
);

/**
 * Records converted from not-registered proposals (转意见建议 / 转社情民意 / 转委员来信 / 转有关部门参考).
 * A simple holding table for now; the 社情民意 module takes its items over later.
 */
export const convertedItems = pgTable(
  'converted_items',
  {
    id: idColumn(),
    orgId: orgIdColumn(),
    kind: text('kind').notNull(),
    title: text('title').notNull(),
    body: text('body').notNull().default(''),
    originProposalId: ref('origin_proposal_id').references(() => proposals.id),
    status: text('status').notNull().default('new'),
    version: version(),
    ...timestamps,
  },
  (t) => [index('converted_items_org_kind_idx').on(t.orgId, t.kind, t.id), index('converted_items_origin_idx').on(t.originProposalId)],
);

/** 不予立案: the reason, the conversion kind and the record it became. */
export const proposalConversions = pgTable(
  'proposal_conversions',
  {
    id: idColumn(),
    orgId: orgIdColumn(),
    proposalId: ref('proposal_id')
      .notNull()
      .references(() => proposals.id, { onDelete: 'cascade' }),
    reason: text('reason').notNull(),
    conversionKind: text('conversion_kind').notNull(),
    note: text('note').notNull().default(''),
    convertedItemId: ref('converted_item_id')
      .notNull()
      .references(() => convertedItems.id),
    createdByAccountId: ref('created_by_account_id').references(() => accounts.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('proposal_conversions_proposal_uq').on(t.proposalId)],
);

/**
 * 交办: one row per unit a proposal is assigned to. `role` is lead | co | separate | sole; `status` follows
 * ASSIGNMENT_TRANSITIONS (assigned → received | adjustment_requested → …; closed when the office reassigns it).
 * `window_end` is the last day to request adjustment; `deadline` the reply deadline (both from the calendar).
 */
export const proposalAssignments = pgTable(
  'proposal_assignments',
  {
    id: idColumn(),
    orgId: orgIdColumn(),
    proposalId: ref('proposal_id')
      .notNull()
      .references(() => proposals.id, { onDelete: 'cascade' }),
    unitId: ref('unit_id')
      .notNull()
      .references(() => units.id),
    role: text('role').notNull(),
    status: text('status').notNull().default('assigned'),
    assignedOn: date('assigned_on').notNull(),
    windowEnd: date('window_end').notNull(),
    windowProvisional: boolean('window_provisional').notNull().default(false),
    deadline: date('deadline').notNull(),
    deadlineProvisional: boolean('deadline_provisional').notNull().default(false),
    adjustmentReason: text('adjustment_reason').notNull().default(''),
    /** The office's answer to the last adjustment request (rejection reason or approval note). */
    officeNote: text('office_note').notNull().default(''),
    adjustmentRejected: boolean('adjustment_rejected').notNull().default(false),
    /** The assignment this one replaces after an approved adjustment. */
    replacesId: ref('replaces_id').references((): AnyPgColumn => proposalAssignments.id),
    receivedAt: timestamp('received_at', { withTimezone: true }),
    receivedByAccountId: ref('received_by_account_id').references(() => accounts.id),
    adjustmentRequestedAt: timestamp('adjustment_requested_at', { withTimezone: true }),
    closedAt: timestamp('closed_at', { withTimezone: true }),
    /** Handling round this assignment is in (follows proposals.round when re-handling is ordered). */
    round: integer('round').notNull().default(1),
    /** Co-handler (协办) opinion to the lead unit, due by `opinion_due`. */
    opinion: text('opinion').notNull().default(''),
    opinionAt: timestamp('opinion_at', { withTimezone: true }),
    opinionDue: date('opinion_due'),
    /** The office let the lead reply before every co-handler opinion was in (reason). */
    opinionsOverrideReason: text('opinions_override_reason').notNull().default(''),
    /** One extension (延期): none | requested | approved | rejected. */
    extensionStatus: text('extension_status').notNull().default('none'),
    extensionReason: text('extension_reason').notNull().default(''),
    extensionNote: text('extension_note').notNull().default(''),
    extensionRequestedAt: timestamp('extension_requested_at', { withTimezone: true }),
    /** The deadline before an approved extension. */
    originalDeadline: date('original_deadline'),
    repliedAt: timestamp('replied_at', { withTimezone: true }),
    createdByAccountId: ref('created_by_account_id').references(() => accounts.id),
    version: version(),
    ...timestamps,
  },
  (t) => [
    index('proposal_assignments_proposal_idx').on(t.proposalId, t.id),
    index('proposal_assignments_unit_deadline_idx').on(t.orgId, t.unitId, t.deadline, t.id),
    // The unit inbox's status tabs, by deadline.
    index('proposal_assignments_unit_status_deadline_idx').on(t.orgId, t.unitId, t.status, t.deadline, t.id),
    uniqueIndex('proposal_assignments_open_uq')
      .on(t.proposalId, t.unitId)
      .where(sql`status <> 'closed'`),
  ],
);

/** 面商: a unit's contact with the proposer (form, date, notes). Append-only. */
export const proposalContacts = pgTable(
  'proposal_contacts',
  {
    id: idColumn(),
    orgId: orgIdColumn(),
    proposalId: ref('proposal_id')
      .notNull()
      .references(() => proposals.id, { onDelete: 'cascade' }),
    assignmentId: ref('assignment_id')
      .notNull()
      .references(() => proposalAssignments.id),
    /** in_person | phone | meeting | site_visit | online | letter */
    form: text('form').notNull(),
    contactDate: date('contact_date').notNull(),
    notes: text('notes').notNull(),
    createdByAccountId: ref('created_by_account_id').references(() => accounts.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('proposal_contacts_proposal_idx').on(t.proposalId, t.id), index('proposal_contacts_assignment_idx').on(t.assignmentId)],
);

/** 答复: a replying unit's (lead / sole / separate) reply in a round. */
export const proposalReplies = pgTable(
  'proposal_replies',
  {
    id: idColumn(),
    orgId: orgIdColumn(),
    proposalId: ref('proposal_id')
      .notNull()
      .references(() => proposals.id, { onDelete: 'cascade' }),
    assignmentId: ref('assignment_id')
      .notNull()
      .references(() => proposalAssignments.id),
    unitId: ref('unit_id')
      .notNull()
      .references(() => units.id),
    round: integer('round').notNull(),
    /** A grade code from the organization's gradeLabels (A/B/C by default). */
    grade: text('grade').notNull(),
    /** Sanitized HTML. */
    body: text('body').notNull(),
    /** 文号 */
    docNumber: text('doc_number').notNull().default(''),
    signer: text('signer').notNull(),
    repliedByAccountId: ref('replied_by_account_id').references(() => accounts.id),
    repliedAt: timestamp('replied_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('proposal_replies_assignment_round_uq').on(t.assignmentId, t.round),
    index('proposal_replies_proposal_idx').on(t.proposalId, t.round, t.id),
    index('proposal_replies_org_replied_idx').on(t.orgId, t.repliedAt, t.id),
  ],
);

/** Progress reports on a grade-B reply (跟踪办理), until the office closes the proposal. Append-only. */
export const proposalProgress = pgTable(
  'proposal_progress',
  {
    id: idColumn(),
    orgId: orgIdColumn(),
    proposalId: ref('proposal_id')
      .notNull()
      .references(() => proposals.id, { onDelete: 'cascade' }),
    assignmentId: ref('assignment_id')
      .notNull()
      .references(() => proposalAssignments.id),
    body: text('body').notNull(),
    createdByAccountId: ref('created_by_account_id').references(() => accounts.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('proposal_progress_proposal_idx').on(t.proposalId, t.id)],
);

/**
 * 评价: one row per confirmed proposer (member or collective) and round. `status` pending | rated | no_response
 * (未表态 after the window). Ratings: satisfied | basically_satisfied | dissatisfied, on the work (办理工作) and
 * the result (办理结果).
 */
export const proposalEvaluations = pgTable(
  'proposal_evaluations',
  {
    id: idColumn(),
    orgId: orgIdColumn(),
    proposalId: ref('proposal_id')
      .notNull()
      .references(() => proposals.id, { onDelete: 'cascade' }),
    proposerId: ref('proposer_id')
      .notNull()
      .references(() => proposalProposers.id, { onDelete: 'cascade' }),
    round: integer('round').notNull(),
    status: text('status').notNull().default('pending'),
    workRating: text('work_rating'),
    resultRating: text('result_rating'),
    comments: text('comments').notNull().default(''),
    ratedByAccountId: ref('rated_by_account_id').references(() => accounts.id),
    ratedAt: timestamp('rated_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('proposal_evaluations_proposer_round_uq').on(t.proposerId, t.round),
    index('proposal_evaluations_proposal_idx').on(t.proposalId, t.round),
    // With the rating, the dashboards' rated / satisfied counts read the index only.
    index('proposal_evaluations_org_idx').on(t.orgId, t.status, t.resultRating),
  ],
);

/** 督办: a supervising leader's (or the office's) supervision record on a proposal: visit, meeting, inspection, note. */
export const proposalSupervisions = pgTable(
  'proposal_supervisions',
  {
    id: idColumn(),
    orgId: orgIdColumn(),
    proposalId: ref('proposal_id')
      .notNull()
      .references(() => proposals.id, { onDelete: 'cascade' }),
    /** visit | meeting | site_inspection | note */
    kind: text('kind').notNull(),
    happenedOn: date('happened_on').notNull(),
    notes: text('notes').notNull(),
    leaderAccountId: ref('leader_account_id').references(() => accounts.id),
    createdByAccountId: ref('created_by_account_id').references(() => accounts.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('proposal_supervisions_proposal_idx').on(t.proposalId, t.id)],
);

/**
 * Reminders already sent, so none is ever sent twice (across restarts and app instances): one row per key such as
 * `assignment:42:reply:2026-04-20:5` (entity, clock, the deadline it counts to, offset in working days).
 */
export const proposalReminders = pgTable(
  'proposal_reminders',
  {
    id: idColumn(),
    orgId: orgIdColumn(),
    key: text('key').notNull(),
    proposalId: ref('proposal_id').references(() => proposals.id, { onDelete: 'cascade' }),
    sentAt: timestamp('sent_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('proposal_reminders_key_uq').on(t.key)],
);

const bytea = customType<{ data: Buffer; driverData: Buffer | Uint8Array }>({
  dataType: () => 'bytea',
  fromDriver: (v) => (Buffer.isBuffer(v) ? v : Buffer.from(v)),
});

/**
 * Files attached to a proposal by its proposers (while the text may be edited) or to a unit's reply (`assignment_id`
 * set; by the unit before it replies). The bytes live in the database, so every app instance serves them and a
 * backup holds them. The type is sniffed from the content, never taken from the name or the browser.
 */
export const proposalAttachments = pgTable(
  'proposal_attachments',
  {
    id: idColumn(),
    orgId: orgIdColumn(),
    proposalId: ref('proposal_id')
      .notNull()
      .references(() => proposals.id, { onDelete: 'cascade' }),
    assignmentId: ref('assignment_id').references(() => proposalAssignments.id),
    filename: text('filename').notNull(),
    /** Sniffed: pdf, docx, xlsx, pptx, doc, xls, jpg, png, webp, ofd. */
    ext: text('ext').notNull(),
    mime: text('mime').notNull(),
    size: integer('size').notNull(),
    sha256: text('sha256').notNull(),
    content: bytea('content').notNull(),
    uploadedByAccountId: ref('uploaded_by_account_id').references(() => accounts.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('proposal_attachments_proposal_idx').on(t.proposalId, t.id)],
);

/**
 * The proposal dashboard as last computed, per organization and scope (session / year / all). A row is valid only
 * while nothing has changed since: it records the organization's audit-chain head (every change in the
 * organization writes an audit row in the same transaction), the platform chain's head (calendar edits) and the
 * working-day calendar's stamp, plus the day it was computed for (overdue counts move with the date). The read
 * checks all four in the same query, so a stale row is never served; any app instance may fill it.
 */
export const proposalStatsCache = pgTable(
  'proposal_stats_cache',
  {
    orgId: orgIdColumn(),
    scopeKey: text('scope_key').notNull(),
    orgSeq: bigint('org_seq', { mode: 'number' }).notNull(),
    platformSeq: bigint('platform_seq', { mode: 'number' }).notNull(),
    calendarStamp: text('calendar_stamp').notNull(),
    today: date('today', { mode: 'string' }).notNull(),
    view: jsonb('view').notNull(),
    computedAt: timestamp('computed_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.orgId, t.scopeKey] })],
);
