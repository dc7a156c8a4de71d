import { sql } from 'drizzle-orm';
import { bigint, boolean, date, index, integer, jsonb, numeric, pgTable, primaryKey, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';
import { accounts } from './accounts';
import { activities } from './activities';
import { idColumn, orgIdColumn, organizations, studios, timestamps, version } from './orgs';
import { members } from './people';

const ref = (name: string) => bigint(name, { mode: 'number' });

/** 履职实践活动 (e.g. 唱响双城记·建功新南川): groups activities and cooperation items of one organization. */
export const campaigns = pgTable(
  'campaigns',
  {
    id: idColumn(),
    orgId: orgIdColumn(),
    name: text('name').notNull(),
    startDate: date('start_date').notNull(),
    endDate: date('end_date'),
    description: text('description').notNull().default(''),
    version: version(),
    ...timestamps,
  },
  (t) => [uniqueIndex('campaigns_org_name_uq').on(t.orgId, t.name), index('campaigns_org_start_idx').on(t.orgId, t.startDate, t.id)],
);

/** The activities a campaign groups (same organization as the campaign). */
export const campaignActivities = pgTable(
  'campaign_activities',
  {
    campaignId: ref('campaign_id')
      .notNull()
      .references(() => campaigns.id, { onDelete: 'cascade' }),
    activityId: ref('activity_id')
      .notNull()
      .references(() => activities.id),
    orgId: orgIdColumn(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.campaignId, t.activityId] }), index('campaign_activities_activity_idx').on(t.activityId)],
);

/** 合作事项 (e.g. 渝石进川): owned by one organization, shared with the organizations among its parties. */
export const coopItems = pgTable(
  'coop_items',
  {
    id: idColumn(),
    orgId: orgIdColumn(),
    campaignId: ref('campaign_id').references(() => campaigns.id),
    title: text('title').notNull(),
    summary: text('summary').notNull().default(''),
    /** The activity (often a studio meeting) the item arose from, in the owner organization. */
    originActivityId: ref('origin_activity_id').references(() => activities.id),
    /** active | completed | suspended (src/common/cooperation.ts) */
    status: text('status').notNull().default('active'),
    statusReason: text('status_reason').notNull().default(''),
    createdByAccountId: ref('created_by_account_id').references(() => accounts.id),
    version: version(),
    ...timestamps,
  },
  (t) => [
    index('coop_items_org_status_idx').on(t.orgId, t.status, t.id),
    index('coop_items_campaign_idx').on(t.campaignId, t.status),
    index('coop_items_origin_idx').on(t.originActivityId),
  ],
);

/** A party of an item: an organization of the deployment (org_id set) or an outside body by name. */
export const coopParties = pgTable(
  'coop_parties',
  {
    id: idColumn(),
    itemId: ref('item_id')
      .notNull()
      .references(() => coopItems.id, { onDelete: 'cascade' }),
    partyOrgId: ref('party_org_id').references(() => organizations.id),
    name: text('name').notNull(),
    seq: integer('seq').notNull().default(0),
  },
  (t) => [
    index('coop_parties_item_idx').on(t.itemId, t.seq),
    index('coop_parties_org_idx').on(t.partyOrgId, t.itemId).where(sql`party_org_id is not null`),
    uniqueIndex('coop_parties_item_name_uq').on(t.itemId, t.name),
  ],
);

/** 共识事项: one point of consensus with its owner (a party), target, due day, status and evidence. */
export const coopPoints = pgTable(
  'coop_points',
  {
    id: idColumn(),
    itemId: ref('item_id')
      .notNull()
      .references(() => coopItems.id, { onDelete: 'cascade' }),
    seq: integer('seq').notNull(),
    content: text('content').notNull(),
    ownerPartyId: ref('owner_party_id').references(() => coopParties.id),
    target: text('target').notNull().default(''),
    dueDate: date('due_date'),
    /** not_started | in_progress | done | blocked */
    status: text('status').notNull().default('not_started'),
    evidence: text('evidence').notNull().default(''),
    /** A reference to supporting material (file name, document number or URL). */
    evidenceRef: text('evidence_ref').notNull().default(''),
    version: version(),
    ...timestamps,
  },
  (t) => [index('coop_points_item_idx').on(t.itemId, t.seq), index('coop_points_owner_idx').on(t.ownerPartyId)],
);

/** The progress log of an item (dated entries, optionally on one point). */
export const coopProgress = pgTable(
  'coop_progress',
  {
    id: idColumn(),
    itemId: ref('item_id')
      .notNull()
      .references(() => coopItems.id, { onDelete: 'cascade' }),
    pointId: ref('point_id').references(() => coopPoints.id, { onDelete: 'cascade' }),
    /** The organization the author wrote as (owner or a party organization). */
    authorOrgId: ref('author_org_id').references(() => organizations.id),
    authorAccountId: ref('author_account_id').references(() => accounts.id),
    authorName: text('author_name').notNull(),
    happenedOn: date('happened_on').notNull(),
    body: text('body').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('coop_progress_item_idx').on(t.itemId, t.happenedOn, t.id)],
);

/** Members of the owner organization named as participants of an item (counted by campaigns). */
export const coopItemMembers = pgTable(
  'coop_item_members',
  {
    itemId: ref('item_id')
      .notNull()
      .references(() => coopItems.id, { onDelete: 'cascade' }),
    memberId: ref('member_id')
      .notNull()
      .references(() => members.id),
  },
  (t) => [primaryKey({ columns: [t.itemId, t.memberId] }), index('coop_item_members_member_idx').on(t.memberId)],
);

/**
 * A studio's own record beside the catalogue row (`studios`): its 领衔委员 and description. Membership stays in
 * `member_studios`. Issue #7 (duty rosters, public requests, star ratings) adds tables keyed by studio id.
 */
export const studioProfiles = pgTable('studio_profiles', {
  studioId: ref('studio_id')
    .primaryKey()
    .references(() => studios.id),
  orgId: orgIdColumn(),
  leadMemberId: ref('lead_member_id').references(() => members.id),
  description: text('description').notNull().default(''),
  version: version(),
  ...timestamps,
});

/**
 * A link between two records of the deployment (activity, outcome, proposal, cooperation_item, campaign; later
 * info_report). `org_id` is the organization whose staff made it (the organization of the `from` record).
 * Shown on both sides; each side is shown only to callers who may see the other record.
 */
export const recordLinks = pgTable(
  'record_links',
  {
    id: idColumn(),
    orgId: orgIdColumn(),
    fromType: text('from_type').notNull(),
    fromId: ref('from_id').notNull(),
    toType: text('to_type').notNull(),
    toId: ref('to_id').notNull(),
    note: text('note').notNull().default(''),
    createdByAccountId: ref('created_by_account_id').references(() => accounts.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('record_links_pair_uq').on(t.fromType, t.fromId, t.toType, t.toId),
    index('record_links_to_idx').on(t.toType, t.toId),
  ],
);

/** 接待值班: one member of a studio receives the public on a day (上午/下午/全天 or hours). See src/common/studios.ts. */
export const studioShifts = pgTable(
  'studio_shifts',
  {
    id: idColumn(),
    orgId: orgIdColumn(),
    studioId: ref('studio_id')
      .notNull()
      .references(() => studios.id),
    memberId: ref('member_id')
      .notNull()
      .references(() => members.id),
    day: date('day').notNull(),
    /** am | pm | full | custom */
    slot: text('slot').notNull(),
    startTime: text('start_time'),
    endTime: text('end_time'),
    note: text('note').notNull().default(''),
    /** planned | done | cancelled (未到岗 is derived: planned and past) */
    status: text('status').notNull().default('planned'),
    doneAt: timestamp('done_at', { withTimezone: true }),
    doneByAccountId: ref('done_by_account_id').references(() => accounts.id),
    version: version(),
    ...timestamps,
  },
  (t) => [
    index('studio_shifts_studio_day_idx').on(t.studioId, t.day, t.id),
    index('studio_shifts_member_day_idx').on(t.memberId, t.day),
    index('studio_shifts_org_day_idx').on(t.orgId, t.day).where(sql`status = 'done'`),
  ],
);

/** 群众诉求 registered at a studio, and what it became (proposal, info report, cooperation item or a reply). */
export const studioRequests = pgTable(
  'studio_requests',
  {
    id: idColumn(),
    orgId: orgIdColumn(),
    studioId: ref('studio_id')
      .notNull()
      .references(() => studios.id),
    requesterName: text('requester_name').notNull(),
    /** Shown only to the studio's managing offices. */
    contact: text('contact').notNull().default(''),
    content: text('content').notNull(),
    receivedOn: date('received_on').notNull(),
    receivedByMemberId: ref('received_by_member_id')
      .notNull()
      .references(() => members.id),
    /** pending | in_progress | closed */
    status: text('status').notNull().default('pending'),
    /** proposal | info_report | cooperation_item | reply (also a record_links row for the records) */
    outcome: text('outcome'),
    outcomeId: ref('outcome_id'),
    reply: text('reply').notNull().default(''),
    closedAt: timestamp('closed_at', { withTimezone: true }),
    createdByAccountId: ref('created_by_account_id').references(() => accounts.id),
    version: version(),
    ...timestamps,
  },
  (t) => [index('studio_requests_studio_idx').on(t.studioId, t.status, t.id), index('studio_requests_org_closed_idx').on(t.orgId, t.closedAt)],
);

/** Per-organization star-rating criteria and bands (jsonb; defaults in code when missing). */
export const studioRatingSettings = pgTable('studio_rating_settings', {
  orgId: ref('org_id')
    .primaryKey()
    .references(() => organizations.id),
  config: jsonb('config').notNull(),
  version: version(),
  ...timestamps,
});

/** Staff's points for a `manual` criterion (年度评议) of one studio-year. */
export const studioRatingManual = pgTable(
  'studio_rating_manual',
  {
    orgId: orgIdColumn(),
    studioId: ref('studio_id')
      .notNull()
      .references(() => studios.id),
    year: integer('year').notNull(),
    criterionKey: text('criterion_key').notNull(),
    score: numeric('score', { precision: 6, scale: 2, mode: 'number' }).notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.studioId, t.year, t.criterionKey] })],
);

/** A rating year: open years are computed live; a frozen year keeps the ratings as they were (`snapshot`). */
export const studioRatingYears = pgTable(
  'studio_rating_years',
  {
    orgId: ref('org_id')
      .notNull()
      .references(() => organizations.id),
    year: integer('year').notNull(),
    frozen: boolean('frozen').notNull().default(false),
    frozenAt: timestamp('frozen_at', { withTimezone: true }),
    frozenByAccountId: ref('frozen_by_account_id').references(() => accounts.id),
    snapshot: jsonb('snapshot'),
    version: version(),
    ...timestamps,
  },
  (t) => [primaryKey({ columns: [t.orgId, t.year] })],
);
