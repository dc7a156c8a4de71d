import { bigint, boolean, date, index, integer, jsonb, pgTable, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';
import { activities } from './activities';
import { idColumn, orgIdColumn, timestamps, version } from './orgs';

const ref = (name: string) => bigint(name, { mode: 'number' });

/** 党委政协工作制度: one recurring obligation of the party committee / government toward the CPPCC (五个一). */
export const workObligations = pgTable(
  'work_obligations',
  {
    id: idColumn(),
    orgId: orgIdColumn(),
    /** report_hearing | key_tasks | lead_proposal | plenary_discussion | secretary_consultation | custom */
    code: text('code').notNull().default('custom'),
    name: text('name').notNull(),
    description: text('description').notNull().default(''),
    /** months | yearly | per_leader_yearly */
    frequency: text('frequency').notNull(),
    everyMonths: integer('every_months'),
    responsible: text('responsible').notNull().default(''),
    /** Leader names (per_leader_yearly: each must be named in a fulfilment every year). */
    leaders: jsonb('leaders').$type<string[]>().notNull().default([]),
    startDate: date('start_date').notNull(),
    active: boolean('active').notNull().default(true),
    sort: integer('sort').notNull().default(0),
    version: version(),
    ...timestamps,
  },
  (t) => [index('work_obligations_org_idx').on(t.orgId, t.sort, t.id), index('work_obligations_org_code_idx').on(t.orgId, t.code)],
);

/** 落实记录: one fulfilment of an obligation, with evidence and an optional link to the record that fulfils it. */
export const workFulfilments = pgTable(
  'work_fulfilments',
  {
    id: idColumn(),
    orgId: orgIdColumn(),
    obligationId: ref('obligation_id')
      .notNull()
      .references(() => workObligations.id),
    fulfilledOn: date('fulfilled_on').notNull(),
    note: text('note').notNull(),
    evidence: text('evidence').notNull().default(''),
    /** A reference to an attachment or document (文号, file name) kept elsewhere. */
    attachmentRef: text('attachment_ref').notNull().default(''),
    leaders: jsonb('leaders').$type<string[]>().notNull().default([]),
    /** activity | proposal | outcome_instruction | info_instruction */
    linkKind: text('link_kind'),
    linkId: ref('link_id'),
    version: version(),
    ...timestamps,
  },
  (t) => [
    index('work_fulfilments_obligation_idx').on(t.obligationId, t.fulfilledOn, t.id),
    index('work_fulfilments_org_idx').on(t.orgId, t.obligationId),
  ],
);

/**
 * A party or government leader (not a CPPCC member, so not an activity participant) who attended a CPPCC activity.
 * Kept apart from fulfilments: leaders attend many consultations that fulfil no obligation, and one fulfilment
 * ("the secretary attends a thematic consultation") may name several leaders. See worksystem.repo for the count.
 */
export const leaderAttendances = pgTable(
  'leader_attendances',
  {
    id: idColumn(),
    orgId: orgIdColumn(),
    activityId: ref('activity_id')
      .notNull()
      .references(() => activities.id),
    leaderName: text('leader_name').notNull(),
    leaderTitle: text('leader_title').notNull().default(''),
    ...timestamps,
  },
  (t) => [
    uniqueIndex('leader_attendances_activity_leader_uq').on(t.activityId, t.leaderName),
    index('leader_attendances_org_idx').on(t.orgId, t.activityId),
  ],
);

/**
 * The leaders' dashboard's aggregates (驾驶舱 figures, proposals / activities / information counts) as last computed,
 * one row per organization. A row is valid only while nothing has changed since: it records the heads of the
 * organization's and the platform's audit chains it was computed at (every change to an input of the dashboard
 * writes an audit row to the record's organization in the same transaction) and its shape (the definitions'
 * version and whether the information tables were there, so a release that changes a definition recomputes). The
 * read checks all three in the same statement, so a stale row is never served; any instance may fill it. The
 * obligations' clocks (they move with the date) are not in it: they are computed on every read.
 */
export const leaderDashboardCache = pgTable('leader_dashboard_cache', {
  orgId: orgIdColumn().primaryKey(),
  orgSeq: bigint('org_seq', { mode: 'number' }).notNull(),
  platformSeq: bigint('platform_seq', { mode: 'number' }).notNull(),
  shape: text('shape').notNull(),
  view: jsonb('view').notNull(),
  computedAt: timestamp('computed_at', { withTimezone: true }).notNull().defaultNow(),
});
