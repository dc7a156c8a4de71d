import { bigint, index, pgTable, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';
import { accounts } from './accounts';
import { activities } from './activities';
import { idColumn, organizations, timestamps, version } from './orgs';

const ref = (name: string) => bigint(name, { mode: 'number' });

/**
 * 联合协商 and other joint activities: the host organization (the activity's own org) invites another
 * organization; once accepted, that organization's staff see and manage the activity. One row per (activity, org).
 */
export const activityOrgs = pgTable(
  'activity_orgs',
  {
    id: idColumn(),
    activityId: ref('activity_id')
      .notNull()
      .references(() => activities.id, { onDelete: 'cascade' }),
    /** The invited (partner) organization. */
    orgId: ref('org_id')
      .notNull()
      .references(() => organizations.id),
    /** The host organization (= activities.org_id), kept here so host-side counts need no join. */
    hostOrgId: ref('host_org_id')
      .notNull()
      .references(() => organizations.id),
    /** Copy of activities.starts_at (kept in step by the edit command) so the partner's lists, calendar and yearly
     *  figures read joined activities in start order straight from activity_orgs_org_status_idx. */
    startsAt: timestamp('starts_at', { withTimezone: true }).notNull(),
    /** invited | accepted | declined | withdrawn */
    status: text('status').notNull().default('invited'),
    invitedByAccountId: ref('invited_by_account_id').references(() => accounts.id),
    respondedByAccountId: ref('responded_by_account_id').references(() => accounts.id),
    /** The decline (or withdrawal) reason. */
    reason: text('reason').notNull().default(''),
    invitedAt: timestamp('invited_at', { withTimezone: true }).notNull().defaultNow(),
    respondedAt: timestamp('responded_at', { withTimezone: true }),
    version: version(),
    ...timestamps,
  },
  (t) => [
    uniqueIndex('activity_orgs_activity_org_uq').on(t.activityId, t.orgId),
    // "activities joint with org X" (lists, calendar, counts, the invitation inbox)
    index('activity_orgs_org_status_idx').on(t.orgId, t.status, t.startsAt, t.activityId),
    // "joint activities hosted by org X" (dashboard)
    index('activity_orgs_host_status_idx').on(t.hostOrgId, t.status, t.startsAt),
  ],
);
