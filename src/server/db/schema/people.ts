import { bigint, boolean, index, pgTable, primaryKey, text, uniqueIndex } from 'drizzle-orm/pg-core';
import { sql } from 'drizzle-orm';
import { accounts } from './accounts';
import {
  committees,
  idColumn,
  memberGroups,
  orgIdColumn,
  organizations,
  sectors,
  studios,
  terms,
  timestamps,
  version,
} from './orgs';

/** A member (委员) of one organization. Term membership, committees and studios are join tables. */
export const members = pgTable(
  'members',
  {
    id: idColumn(),
    orgId: orgIdColumn(),
    accountId: bigint('account_id', { mode: 'number' }).references(() => accounts.id),
    name: text('name').notNull(),
    gender: text('gender').notNull().default(''),
    sectorId: bigint('sector_id', { mode: 'number' }).references(() => sectors.id),
    groupId: bigint('group_id', { mode: 'number' }).references(() => memberGroups.id),
    isStandingCommittee: boolean('is_standing_committee').notNull().default(false),
    employer: text('employer').notNull().default(''),
    phone: text('phone').notNull().default(''),
    email: text('email').notNull().default(''),
    address: text('address').notNull().default(''),
    active: boolean('active').notNull().default(true),
    version: version(),
    ...timestamps,
  },
  (t) => [
    index('members_org_id_idx').on(t.orgId, t.id),
    index('members_org_sector_idx').on(t.orgId, t.sectorId, t.id),
    index('members_org_group_idx').on(t.orgId, t.groupId, t.id),
    index('members_account_idx').on(t.accountId),
    uniqueIndex('members_org_account_uq').on(t.orgId, t.accountId).where(sql`account_id is not null`),
  ],
);

export const memberTerms = pgTable(
  'member_terms',
  {
    memberId: bigint('member_id', { mode: 'number' })
      .notNull()
      .references(() => members.id, { onDelete: 'cascade' }),
    termId: bigint('term_id', { mode: 'number' })
      .notNull()
      .references(() => terms.id),
  },
  (t) => [primaryKey({ columns: [t.memberId, t.termId] }), index('member_terms_term_idx').on(t.termId, t.memberId)],
);

export const memberCommittees = pgTable(
  'member_committees',
  {
    memberId: bigint('member_id', { mode: 'number' })
      .notNull()
      .references(() => members.id, { onDelete: 'cascade' }),
    committeeId: bigint('committee_id', { mode: 'number' })
      .notNull()
      .references(() => committees.id),
  },
  (t) => [
    primaryKey({ columns: [t.memberId, t.committeeId] }),
    index('member_committees_committee_idx').on(t.committeeId, t.memberId),
  ],
);

export const memberStudios = pgTable(
  'member_studios',
  {
    memberId: bigint('member_id', { mode: 'number' })
      .notNull()
      .references(() => members.id, { onDelete: 'cascade' }),
    studioId: bigint('studio_id', { mode: 'number' })
      .notNull()
      .references(() => studios.id),
  },
  (t) => [primaryKey({ columns: [t.memberId, t.studioId] }), index('member_studios_studio_idx').on(t.studioId)],
);

/** Collective proposers: parties, people's organizations, committees, sectors, member groups. */
export const collectiveProposers = pgTable(
  'collective_proposers',
  {
    id: idColumn(),
    orgId: orgIdColumn(),
    kind: text('kind').notNull(),
    name: text('name').notNull(),
    version: version(),
    ...timestamps,
  },
  (t) => [uniqueIndex('collective_proposers_org_name_uq').on(t.orgId, t.name)],
);

/** The people (accounts) who may act for a collective proposer. */
export const collectiveAgents = pgTable(
  'collective_agents',
  {
    collectiveId: bigint('collective_id', { mode: 'number' })
      .notNull()
      .references(() => collectiveProposers.id, { onDelete: 'cascade' }),
    accountId: bigint('account_id', { mode: 'number' })
      .notNull()
      .references(() => accounts.id),
  },
  (t) => [primaryKey({ columns: [t.collectiveId, t.accountId] }), index('collective_agents_account_idx').on(t.accountId)],
);

/** Handling units (承办单位). Owned by one organization; may receive proposals of several (unit_orgs). */
export const units = pgTable(
  'units',
  {
    id: idColumn(),
    orgId: orgIdColumn(),
    name: text('name').notNull(),
    unitGroup: text('unit_group').notNull(),
    contactName: text('contact_name').notNull().default(''),
    contactPhone: text('contact_phone').notNull().default(''),
    duties: text('duties').notNull().default(''),
    active: boolean('active').notNull().default(true),
    version: version(),
    ...timestamps,
  },
  (t) => [uniqueIndex('units_org_name_uq').on(t.orgId, t.name), index('units_org_group_idx').on(t.orgId, t.unitGroup, t.id)],
);

export const unitOrgs = pgTable(
  'unit_orgs',
  {
    unitId: bigint('unit_id', { mode: 'number' })
      .notNull()
      .references(() => units.id, { onDelete: 'cascade' }),
    orgId: bigint('org_id', { mode: 'number' })
      .notNull()
      .references(() => organizations.id),
  },
  (t) => [primaryKey({ columns: [t.unitId, t.orgId] }), index('unit_orgs_org_idx').on(t.orgId, t.unitId)],
);
