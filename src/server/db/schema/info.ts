import { sql } from 'drizzle-orm';
import { bigint, date, index, integer, pgTable, primaryKey, text, timestamp, uniqueIndex, type AnyPgColumn } from 'drizzle-orm/pg-core';
import { accounts } from './accounts';
import { idColumn, orgIdColumn, studios, timestamps, version } from './orgs';
import { collectiveProposers, members } from './people';
import { convertedItems, proposals } from './proposals';

const ref = (name: string) => bigint(name, { mode: 'number' });

/** 《社情民意》 bulletin issue: numbered per organization per year, gapless (see `info_issue_counters`). */
export const infoIssues = pgTable(
  'info_issues',
  {
    id: idColumn(),
    orgId: orgIdColumn(),
    year: integer('year').notNull(),
    number: integer('number').notNull(),
    title: text('title').notNull().default(''),
    issuedOn: date('issued_on').notNull(),
    createdByAccountId: ref('created_by_account_id').references(() => accounts.id),
    ...timestamps,
  },
  (t) => [
    uniqueIndex('info_issues_org_year_number_uq').on(t.orgId, t.year, t.number),
    index('info_issues_org_issued_idx').on(t.orgId, t.issuedOn, t.id),
  ],
);

/** The last issue number per organization and year; upserted (row-locked) in the issuing transaction. */
export const infoIssueCounters = pgTable(
  'info_issue_counters',
  {
    orgId: orgIdColumn(),
    year: integer('year').notNull(),
    lastNumber: integer('last_number').notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.orgId, t.year] })],
);

/**
 * 社情民意信息 — one short report (一事一报). `status` follows INFO_TRANSITIONS. `submitted_at` is the last
 * submission; `issued_at` is when it was adopted (采用) into a bulletin issue (`issue_id`).
 */
export const infoReports = pgTable(
  'info_reports',
  {
    id: idColumn(),
    orgId: orgIdColumn(),
    title: text('title').notNull().default(''),
    situation: text('situation').notNull().default(''),
    analysis: text('analysis').notNull().default(''),
    suggestion: text('suggestion').notNull().default(''),
    status: text('status').notNull().default('draft'),
    /** member | collective | officer | studio */
    submitterKind: text('submitter_kind').notNull().default('member'),
    /** The name shown as the source (委员 name, party, studio or information officer). */
    submitterName: text('submitter_name').notNull().default(''),
    collectiveId: ref('collective_id').references(() => collectiveProposers.id),
    studioId: ref('studio_id').references(() => studios.id),
    createdByAccountId: ref('created_by_account_id').references(() => accounts.id),
    submittedAt: timestamp('submitted_at', { withTimezone: true }),
    issuedAt: timestamp('issued_at', { withTimezone: true }),
    issueId: ref('issue_id').references(() => infoIssues.id),
    archivedAt: timestamp('archived_at', { withTimezone: true }),
    returnComments: text('return_comments').notNull().default(''),
    rejectReason: text('reject_reason').notNull().default(''),
    mergedIntoId: ref('merged_into_id').references((): AnyPgColumn => infoReports.id),
    /** A proposal not registered and converted to 社情民意 (转社情民意), and the converted item it became. */
    originProposalId: ref('origin_proposal_id').references(() => proposals.id),
    convertedItemId: ref('converted_item_id').references(() => convertedItems.id),
    version: version(),
    ...timestamps,
  },
  (t) => [
    index('info_reports_org_id_idx').on(t.orgId, t.id),
    index('info_reports_org_status_idx').on(t.orgId, t.status, t.id),
    index('info_reports_org_submitted_idx').on(t.orgId, t.submittedAt),
    index('info_reports_org_issued_idx').on(t.orgId, t.issuedAt),
    index('info_reports_creator_idx').on(t.createdByAccountId, t.id),
    index('info_reports_issue_idx').on(t.issueId),
    index('info_reports_origin_idx')
      .on(t.originProposalId)
      .where(sql`origin_proposal_id is not null`),
  ],
);

/** Member authors: `role` first | co. Authors of merged reports are credited on the target (`credited_via_merge_from`). */
export const infoReportAuthors = pgTable(
  'info_report_authors',
  {
    id: idColumn(),
    reportId: ref('report_id')
      .notNull()
      .references(() => infoReports.id, { onDelete: 'cascade' }),
    memberId: ref('member_id')
      .notNull()
      .references(() => members.id),
    role: text('role').notNull(),
    creditedViaMergeFrom: ref('credited_via_merge_from').references((): AnyPgColumn => infoReports.id),
  },
  (t) => [
    uniqueIndex('info_report_authors_uq').on(t.reportId, t.memberId),
    index('info_report_authors_member_idx').on(t.memberId, t.reportId),
  ],
);

/** 采编 history: the text as it was before each editor's change. */
export const infoReportRevisions = pgTable(
  'info_report_revisions',
  {
    id: idColumn(),
    orgId: orgIdColumn(),
    reportId: ref('report_id')
      .notNull()
      .references(() => infoReports.id, { onDelete: 'cascade' }),
    title: text('title').notNull(),
    situation: text('situation').notNull(),
    analysis: text('analysis').notNull(),
    suggestion: text('suggestion').notNull(),
    editedByAccountId: ref('edited_by_account_id').references(() => accounts.id),
    editorName: text('editor_name').notNull().default(''),
    note: text('note').notNull().default(''),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('info_report_revisions_report_idx').on(t.reportId, t.id)],
);

/** Reported upward / adopted by a higher body (全国政协、市政协采用 …): which body, which level, when. */
export const infoReportAdoptions = pgTable(
  'info_report_adoptions',
  {
    id: idColumn(),
    reportId: ref('report_id')
      .notNull()
      .references(() => infoReports.id, { onDelete: 'cascade' }),
    orgId: orgIdColumn(),
    bodyName: text('body_name').notNull(),
    /** national | provincial | municipal | county (国家/省/市/区县) */
    level: text('level').notNull(),
    adoptedOn: date('adopted_on').notNull(),
    note: text('note').notNull().default(''),
    ...timestamps,
  },
  (t) => [index('info_report_adoptions_report_idx').on(t.reportId), index('info_report_adoptions_org_day_idx').on(t.orgId, t.adoptedOn)],
);

/** 领导批示 on a report: leader, level (national | provincial | municipal | county), text, date. */
export const infoReportInstructions = pgTable(
  'info_report_instructions',
  {
    id: idColumn(),
    reportId: ref('report_id')
      .notNull()
      .references(() => infoReports.id, { onDelete: 'cascade' }),
    orgId: orgIdColumn(),
    leader: text('leader').notNull(),
    level: text('level').notNull(),
    text: text('text').notNull(),
    instructedOn: date('instructed_on').notNull(),
    ...timestamps,
  },
  (t) => [
    index('info_report_instructions_report_idx').on(t.reportId),
    index('info_report_instructions_org_day_idx').on(t.orgId, t.instructedOn),
  ],
);

/** 落实反馈: a department's feedback on what it did. */
export const infoReportFeedback = pgTable(
  'info_report_feedback',
  {
    id: idColumn(),
    reportId: ref('report_id')
      .notNull()
      .references(() => infoReports.id, { onDelete: 'cascade' }),
    orgId: orgIdColumn(),
    unitName: text('unit_name').notNull(),
    text: text('text').notNull(),
    fedBackOn: date('fed_back_on').notNull(),
    ...timestamps,
  },
  (t) => [index('info_report_feedback_report_idx').on(t.reportId), index('info_report_feedback_org_day_idx').on(t.orgId, t.fedBackOn)],
);
