import { bigint, boolean, date, index, integer, jsonb, pgTable, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';
import { sql } from 'drizzle-orm';
import { accounts } from './accounts';
import { idColumn } from './orgs';

/**
 * Append-only audit log, hash-chained per organization (chain_key = org id, or 'platform').
 * `payload` is the exact canonical JSON that was hashed, so verification never depends on how the
 * database re-serialises jsonb or timestamps.
 */
export const auditLog = pgTable(
  'audit_log',
  {
    id: idColumn(),
    chainKey: text('chain_key').notNull(),
    seq: bigint('seq', { mode: 'number' }).notNull(),
    orgId: bigint('org_id', { mode: 'number' }),
    actorAccountId: bigint('actor_account_id', { mode: 'number' }),
    actorName: text('actor_name').notNull().default(''),
    entityType: text('entity_type').notNull(),
    entityId: text('entity_id').notNull(),
    action: text('action').notNull(),
    before: jsonb('before'),
    after: jsonb('after'),
    reason: text('reason').notNull().default(''),
    requestId: text('request_id').notNull().default(''),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    payload: text('payload').notNull(),
    prevHash: text('prev_hash').notNull(),
    hash: text('hash').notNull(),
  },
  (t) => [
    uniqueIndex('audit_log_chain_seq_uq').on(t.chainKey, t.seq),
    index('audit_log_org_entity_idx').on(t.orgId, t.entityType, t.entityId, t.id),
    index('audit_log_org_actor_idx').on(t.orgId, t.actorAccountId, t.id),
    index('audit_log_org_id_idx').on(t.orgId, t.id),
  ],
);

/** The head of each audit chain; locked FOR UPDATE while appending so the chain never forks. */
export const auditHeads = pgTable('audit_heads', {
  chainKey: text('chain_key').primaryKey(),
  seq: bigint('seq', { mode: 'number' }).notNull().default(0),
  hash: text('hash').notNull(),
});

/** Transactional outbox: events written with the change, delivered by the worker. */
export const outbox = pgTable(
  'outbox',
  {
    id: idColumn(),
    orgId: bigint('org_id', { mode: 'number' }),
    eventType: text('event_type').notNull(),
    payload: jsonb('payload').notNull(),
    availableAt: timestamp('available_at', { withTimezone: true }).notNull().defaultNow(),
    attempts: integer('attempts').notNull().default(0),
    processedAt: timestamp('processed_at', { withTimezone: true }),
    lastError: text('last_error'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('outbox_pending_idx').on(t.availableAt, t.id).where(sql`processed_at is null`)],
);

/** One row per (event, recipient, channel): the uniqueness is what makes delivery idempotent. */
export const deliveries = pgTable(
  'deliveries',
  {
    id: idColumn(),
    outboxId: bigint('outbox_id', { mode: 'number' })
      .notNull()
      .references(() => outbox.id),
    accountId: bigint('account_id', { mode: 'number' })
      .notNull()
      .references(() => accounts.id),
    channel: text('channel').notNull(),
    status: text('status').notNull(),
    deliveredAt: timestamp('delivered_at', { withTimezone: true }),
    lastError: text('last_error'),
  },
  (t) => [uniqueIndex('deliveries_uq').on(t.outboxId, t.accountId, t.channel)],
);

export const notifications = pgTable(
  'notifications',
  {
    id: idColumn(),
    accountId: bigint('account_id', { mode: 'number' })
      .notNull()
      .references(() => accounts.id),
    orgId: bigint('org_id', { mode: 'number' }),
    outboxId: bigint('outbox_id', { mode: 'number' }),
    kind: text('kind').notNull(),
    title: text('title').notNull(),
    body: text('body').notNull().default(''),
    link: text('link').notNull().default(''),
    readAt: timestamp('read_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('notifications_account_idx').on(t.accountId, t.id),
    index('notifications_unread_idx').on(t.accountId).where(sql`read_at is null`),
    uniqueIndex('notifications_outbox_uq').on(t.outboxId, t.accountId),
  ],
);

/** Admin-entered holidays and adjusted working days; they override the chinese-days package. */
export const calendarOverrides = pgTable('calendar_overrides', {
  day: date('day').primaryKey(),
  kind: text('kind').notNull(),
  name: text('name').notNull().default(''),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
});

/** Years whose official notice an admin has entered in full; such years are no longer provisional. */
export const calendarYears = pgTable('calendar_years', {
  year: integer('year').primaryKey(),
  official: boolean('official').notNull().default(true),
  note: text('note').notNull().default(''),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
});
