import { sql } from 'drizzle-orm';
import { bigint, boolean, date, index, integer, jsonb, numeric, pgTable, primaryKey, text, timestamp } from 'drizzle-orm/pg-core';
import { accounts } from './accounts';
import { idColumn, orgIdColumn, organizations, timestamps, version } from './orgs';
import { members } from './people';

const ref = (name: string) => bigint(name, { mode: 'number' });
/** Points allow halves (0.5) — numeric(8,2), read back as numbers by the repo. */
const points = (name: string) => numeric(name, { precision: 8, scale: 2, mode: 'number' });

/** Per-organization scoring rules, grade bands and yearly minimums (jsonb); defaults in code when missing. */
export const dutySettings = pgTable('duty_settings', {
  orgId: ref('org_id')
    .primaryKey()
    .references(() => organizations.id),
  config: jsonb('config').notNull(),
  version: version(),
  ...timestamps,
});

/**
 * One organization-year of the ledger: whether it is frozen (never recomputed), the rules it was last computed
 * with (kept as they were when frozen), and when a recompute was last done or asked for (the worker's queue).
 */
export const dutyYears = pgTable(
  'duty_years',
  {
    orgId: ref('org_id')
      .notNull()
      .references(() => organizations.id),
    year: integer('year').notNull(),
    frozen: boolean('frozen').notNull().default(false),
    frozenAt: timestamp('frozen_at', { withTimezone: true }),
    frozenByAccountId: ref('frozen_by_account_id').references(() => accounts.id),
    rulesSnapshot: jsonb('rules_snapshot'),
    computedAt: timestamp('computed_at', { withTimezone: true }),
    requestedAt: timestamp('requested_at', { withTimezone: true }),
    version: version(),
    ...timestamps,
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.year] }),
    index('duty_years_requested_idx')
      .on(t.requestedAt)
      .where(sql`requested_at is not null and not frozen`),
  ],
);

/** The materialized ledger: one row per point-bearing fact, linked to its source record. */
export const dutyEntries = pgTable(
  'duty_entries',
  {
    id: idColumn(),
    orgId: orgIdColumn(),
    year: integer('year').notNull(),
    memberId: ref('member_id').notNull(),
    ruleKey: text('rule_key').notNull(),
    item: text('item').notNull(),
    condition: text('condition').notNull(),
    /** activity | speech | proposal | info_report | manual */
    sourceType: text('source_type').notNull(),
    sourceId: ref('source_id').notNull(),
    /** The record a link opens (a speech opens its activity). */
    linkId: ref('link_id').notNull(),
    title: text('title').notNull(),
    points: points('points').notNull(),
    /** Points before the yearly cap. */
    rawPoints: points('raw_points').notNull(),
    occurredOn: date('occurred_on').notNull(),
  },
  (t) => [index('duty_entries_member_idx').on(t.orgId, t.year, t.memberId, t.occurredOn)],
);

/** The member's year: total, grade and the minimums, with sector and group kept for the rankings. */
export const dutyScores = pgTable(
  'duty_scores',
  {
    orgId: ref('org_id').notNull(),
    year: integer('year').notNull(),
    memberId: ref('member_id').notNull(),
    sectorId: ref('sector_id'),
    groupId: ref('group_id'),
    total: points('total').notNull(),
    grade: text('grade').notNull(),
    /** Index of the grade band (0 = highest); the last band is "below the threshold". */
    band: integer('band').notNull(),
    proposalsOrReports: integer('proposals_or_reports').notNull(),
    activities: integer('activities').notNull(),
    meetsMinimums: boolean('meets_minimums').notNull(),
    computedAt: timestamp('computed_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.year, t.memberId] }),
    index('duty_scores_rank_idx').on(t.orgId, t.year, t.total, t.memberId),
    index('duty_scores_sector_idx').on(t.orgId, t.year, t.sectorId, t.total),
    index('duty_scores_group_idx').on(t.orgId, t.year, t.groupId, t.total),
  ],
);

/** Staff's manual entries for duties done outside the system, with evidence; versioned and audited. */
export const dutyManualEntries = pgTable(
  'duty_manual_entries',
  {
    id: idColumn(),
    orgId: orgIdColumn(),
    memberId: ref('member_id')
      .notNull()
      .references(() => members.id),
    item: text('item').notNull(),
    points: points('points').notNull(),
    count: integer('count').notNull().default(1),
    occurredOn: date('occurred_on').notNull(),
    note: text('note').notNull().default(''),
    evidence: text('evidence').notNull().default(''),
    createdByAccountId: ref('created_by_account_id').references(() => accounts.id),
    version: version(),
    ...timestamps,
  },
  (t) => [
    index('duty_manual_org_day_idx').on(t.orgId, t.occurredOn, t.memberId),
    index('duty_manual_member_idx').on(t.memberId, t.occurredOn),
  ],
);
