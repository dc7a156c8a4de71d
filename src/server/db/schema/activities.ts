import { sql } from 'drizzle-orm';
import { bigint, boolean, date, index, integer, jsonb, pgTable, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';
import { accounts } from './accounts';
import { idColumn, orgIdColumn, organizations, timestamps, version } from './orgs';
import { collectiveProposers, members, units } from './people';

const ref = (name: string) => bigint(name, { mode: 'number' });

/** Per-organization activity configuration (types, minutes deadline, sign-in code life); defaults in code. */
export const activitySettings = pgTable('activity_settings', {
  orgId: ref('org_id')
    .primaryKey()
    .references(() => organizations.id),
  config: jsonb('config').notNull(),
  version: version(),
  ...timestamps,
});

/** 协商议政·视察·调研 — one activity (meeting, inspection, research …) of an organization. */
export const activities = pgTable(
  'activities',
  {
    id: idColumn(),
    orgId: orgIdColumn(),
    /** One of the organization's configured type names (全体会议, 专题协商会, 视察 …). */
    type: text('type').notNull(),
    topic: text('topic').notNull(),
    /** committee | sector | group | studio | party | office */
    organizerKind: text('organizer_kind').notNull(),
    organizerName: text('organizer_name').notNull(),
    /** The catalogue record of the organizer when it is one (committee, sector, group, studio, collective). */
    organizerRefId: ref('organizer_ref_id'),
    startsAt: timestamp('starts_at', { withTimezone: true }).notNull(),
    endsAt: timestamp('ends_at', { withTimezone: true }).notNull(),
    place: text('place').notNull().default(''),
    online: boolean('online').notNull().default(false),
    /** Sanitized HTML. */
    agenda: text('agenda').notNull().default(''),
    status: text('status').notNull().default('planned'),
    cancelReason: text('cancel_reason').notNull().default(''),
    /** 纪要 (sanitized HTML), its due day (working days after the end) and when it was filed. */
    minutes: text('minutes').notNull().default(''),
    minutesDue: date('minutes_due'),
    minutesDueProvisional: boolean('minutes_due_provisional').notNull().default(false),
    minutesFiledAt: timestamp('minutes_filed_at', { withTimezone: true }),
    /** The current venue sign-in code and when it stops being accepted. */
    signCode: text('sign_code'),
    signCodeExpiresAt: timestamp('sign_code_expires_at', { withTimezone: true }),
    createdByAccountId: ref('created_by_account_id').references(() => accounts.id),
    version: version(),
    ...timestamps,
  },
  (t) => [
    index('activities_org_starts_idx').on(t.orgId, t.startsAt, t.id),
    index('activities_org_status_starts_idx').on(t.orgId, t.status, t.startsAt),
    index('activities_org_type_starts_idx').on(t.orgId, t.type, t.startsAt),
    index('activities_minutes_due_idx')
      .on(t.minutesDue)
      .where(sql`status = 'held'`),
  ],
);

/** An invitee: a member, a unit's representative, or an expert by name; with attendance and leave (请假). */
export const activityParticipants = pgTable(
  'activity_participants',
  {
    id: idColumn(),
    orgId: orgIdColumn(),
    activityId: ref('activity_id')
      .notNull()
      .references(() => activities.id, { onDelete: 'cascade' }),
    /** member | unit | expert */
    kind: text('kind').notNull(),
    memberId: ref('member_id').references(() => members.id),
    unitId: ref('unit_id').references(() => units.id),
    name: text('name').notNull(),
    /** invited | attended | absent | on_leave */
    attendance: text('attendance').notNull().default('invited'),
    signedInAt: timestamp('signed_in_at', { withTimezone: true }),
    /** none | pending | approved | rejected */
    leaveStatus: text('leave_status').notNull().default('none'),
    leaveReason: text('leave_reason').notNull().default(''),
    leaveNote: text('leave_note').notNull().default(''),
    version: version(),
    ...timestamps,
  },
  (t) => [
    index('activity_participants_activity_idx').on(t.activityId, t.id),
    index('activity_participants_member_idx').on(t.memberId, t.activityId),
    uniqueIndex('activity_participants_member_uq')
      .on(t.activityId, t.memberId)
      .where(sql`member_id is not null`),
  ],
);

/** 发言 / 书面发言, attributed to a participant or a named author. */
export const activitySpeeches = pgTable(
  'activity_speeches',
  {
    id: idColumn(),
    orgId: orgIdColumn(),
    activityId: ref('activity_id')
      .notNull()
      .references(() => activities.id, { onDelete: 'cascade' }),
    /** oral | written */
    kind: text('kind').notNull(),
    participantId: ref('participant_id').references(() => activityParticipants.id),
    authorName: text('author_name').notNull(),
    title: text('title').notNull(),
    body: text('body').notNull().default(''),
    createdByAccountId: ref('created_by_account_id').references(() => accounts.id),
    ...timestamps,
  },
  (t) => [index('activity_speeches_activity_idx').on(t.activityId, t.id)],
);

/** 成果: consultation report, 建议案, research or inspection report, linked to its activity. */
export const activityOutcomes = pgTable(
  'activity_outcomes',
  {
    id: idColumn(),
    orgId: orgIdColumn(),
    activityId: ref('activity_id')
      .notNull()
      .references(() => activities.id),
    kind: text('kind').notNull(),
    title: text('title').notNull(),
    /** org | collective */
    authorKind: text('author_kind').notNull().default('org'),
    collectiveId: ref('collective_id').references(() => collectiveProposers.id),
    findings: text('findings').notNull().default(''),
    recommendations: text('recommendations').notNull().default(''),
    version: version(),
    ...timestamps,
  },
  (t) => [index('activity_outcomes_activity_idx').on(t.activityId, t.id), index('activity_outcomes_org_idx').on(t.orgId, t.id)],
);

/** 领导批示 on an outcome. */
export const outcomeInstructions = pgTable(
  'outcome_instructions',
  {
    id: idColumn(),
    orgId: orgIdColumn(),
    outcomeId: ref('outcome_id')
      .notNull()
      .references(() => activityOutcomes.id, { onDelete: 'cascade' }),
    leader: text('leader').notNull(),
    level: text('level').notNull(),
    text: text('text').notNull(),
    instructedOn: date('instructed_on').notNull(),
    ...timestamps,
  },
  (t) => [index('outcome_instructions_outcome_idx').on(t.outcomeId), index('outcome_instructions_org_idx').on(t.orgId)],
);

/** 问题清单 — one issue of an outcome, sent to one or more handling units. */
export const problemIssues = pgTable(
  'problem_issues',
  {
    id: idColumn(),
    orgId: orgIdColumn(),
    outcomeId: ref('outcome_id')
      .notNull()
      .references(() => activityOutcomes.id),
    activityId: ref('activity_id')
      .notNull()
      .references(() => activities.id),
    seq: integer('seq').notNull(),
    title: text('title').notNull(),
    detail: text('detail').notNull().default(''),
    /** open | responded | in_progress | converted | resolved | cannot_resolve | closed */
    status: text('status').notNull().default('open'),
    /** converted | resolved | cannot_resolve, kept after closing. */
    result: text('result'),
    resultReason: text('result_reason').notNull().default(''),
    responseDue: date('response_due').notNull(),
    closedAt: timestamp('closed_at', { withTimezone: true }),
    version: version(),
    ...timestamps,
  },
  (t) => [
    index('problem_issues_outcome_idx').on(t.outcomeId, t.seq),
    index('problem_issues_org_status_idx').on(t.orgId, t.status, t.id),
    // The leaders' dashboard's 转化落实 / 解决 counts (by result, distinct outcomes) read this index only.
    index('problem_issues_org_result_idx').on(t.orgId, t.result, t.outcomeId),
  ],
);

/** A unit's share of an issue, with its answer (表态). */
export const problemIssueUnits = pgTable(
  'problem_issue_units',
  {
    id: idColumn(),
    orgId: orgIdColumn(),
    issueId: ref('issue_id')
      .notNull()
      .references(() => problemIssues.id, { onDelete: 'cascade' }),
    unitId: ref('unit_id')
      .notNull()
      .references(() => units.id),
    commitment: text('commitment').notNull().default(''),
    measures: text('measures').notNull().default(''),
    plannedCompletion: date('planned_completion'),
    respondedAt: timestamp('responded_at', { withTimezone: true }),
    respondedByAccountId: ref('responded_by_account_id').references(() => accounts.id),
    /**
     * Copies of the issue's response due day and status, so that a unit's inbox is one index range in deadline
     * order (at 1 M issues a busy department holds tens of thousands). Kept by triggers in the database (migration
     * 0013): filled on insert from the issue, and rewritten whenever the issue's status or due day changes.
     */
    responseDue: date('response_due'),
    issueStatus: text('issue_status'),
    ...timestamps,
  },
  (t) => [
    uniqueIndex('problem_issue_units_uq').on(t.issueId, t.unitId),
    index('problem_issue_units_unit_idx').on(t.unitId, t.issueId),
    index('problem_issue_units_inbox_idx').on(t.unitId, t.responseDue, t.issueId),
    index('problem_issue_units_inbox_status_idx').on(t.unitId, t.issueStatus, t.responseDue, t.issueId),
  ],
);

/** Progress updates posted by a unit (and the office's verification notes). */
export const problemIssueUpdates = pgTable(
  'problem_issue_updates',
  {
    id: idColumn(),
    orgId: orgIdColumn(),
    issueId: ref('issue_id')
      .notNull()
      .references(() => problemIssues.id, { onDelete: 'cascade' }),
    unitId: ref('unit_id').references(() => units.id),
    authorName: text('author_name').notNull(),
    body: text('body').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('problem_issue_updates_issue_idx').on(t.issueId, t.id)],
);
