import { sql } from 'drizzle-orm';
import { bigint, boolean, date, index, integer, pgTable, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';

const id = () => bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity();
const orgId = () => bigint('org_id', { mode: 'number' }).notNull().references(() => organizations.id);
export const timestamps = {
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
};
/** Optimistic concurrency: every editable record carries a version; a stale write gets 409. */
export const version = () => integer('version').notNull().default(1);

/** A CPPCC body; the tenant boundary. Organizations form a tree (municipal → district/county). */
export const organizations = pgTable(
  'organizations',
  {
    id: id(),
    code: text('code').notNull(),
    name: text('name').notNull(),
    shortName: text('short_name').notNull(),
    parentId: bigint('parent_id', { mode: 'number' }),
    level: text('level').notNull(),
    region: text('region').notNull().default(''),
    isDemo: boolean('is_demo').notNull().default(false),
    version: version(),
    ...timestamps,
  },
  (t) => [uniqueIndex('organizations_code_uq').on(t.code), index('organizations_parent_idx').on(t.parentId)],
);

/** 届 — a term of an organization (usually five years). */
export const terms = pgTable(
  'terms',
  {
    id: id(),
    orgId: orgId(),
    number: integer('number').notNull(),
    startDate: date('start_date').notNull(),
    endDate: date('end_date'),
    version: version(),
    ...timestamps,
  },
  (t) => [uniqueIndex('terms_org_number_uq').on(t.orgId, t.number)],
);

/** 次 — a plenary session of a term, with the dates of the plenary meeting. */
export const plenarySessions = pgTable(
  'plenary_sessions',
  {
    id: id(),
    orgId: orgId(),
    termId: bigint('term_id', { mode: 'number' })
      .notNull()
      .references(() => terms.id),
    number: integer('number').notNull(),
    name: text('name').notNull(),
    startDate: date('start_date').notNull(),
    endDate: date('end_date').notNull(),
    version: version(),
    ...timestamps,
  },
  (t) => [
    uniqueIndex('plenary_sessions_term_number_uq').on(t.termId, t.number),
    index('plenary_sessions_org_idx').on(t.orgId, t.startDate),
  ],
);

const orgNamed = (table: string) =>
  pgTable(
    table,
    {
      id: id(),
      orgId: orgId(),
      name: text('name').notNull(),
      sort: integer('sort').notNull().default(0),
      version: version(),
      ...timestamps,
    },
    (t) => [uniqueIndex(`${table}_org_name_uq`).on(t.orgId, t.name)],
  );

/** 界别 */
export const sectors = orgNamed('sectors');
/** 专门委员会 */
export const committees = orgNamed('committees');
/** 委员小组 */
export const memberGroups = orgNamed('member_groups');

/** 委员工作室 */
export const studios = pgTable(
  'studios',
  {
    id: id(),
    orgId: orgId(),
    name: text('name').notNull(),
    theme: text('theme').notNull().default(''),
    place: text('place').notNull().default(''),
    version: version(),
    ...timestamps,
  },
  (t) => [uniqueIndex('studios_org_name_uq').on(t.orgId, t.name)],
);

export const orgIdColumn = orgId;
export const idColumn = id;
export const nowSql = sql`now()`;
