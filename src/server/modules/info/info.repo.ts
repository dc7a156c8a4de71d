/** Every SQL statement of the information (社情民意) domain; each takes the database or the caller's transaction. */
import { and, asc, desc, eq, inArray, lt, ne, or, sql, type SQL } from 'drizzle-orm';
import type { DbOrTx } from '@server/db/client';
import {
  infoIssues,
  infoReportAdoptions,
  infoReportAuthors,
  infoReportFeedback,
  infoReportInstructions,
  infoReportRevisions,
  infoReports,
  members,
  proposals,
} from '@server/db/schema/index';

export type ReportRow = typeof infoReports.$inferSelect;
export type IssueRow = typeof infoIssues.$inferSelect;

export async function getReport(db: DbOrTx, id: number): Promise<ReportRow | undefined> {
  const [row] = await db.select().from(infoReports).where(eq(infoReports.id, id));
  return row;
}

export async function lockReport(db: DbOrTx, id: number): Promise<ReportRow | undefined> {
  const [row] = await db.select().from(infoReports).where(eq(infoReports.id, id)).for('update');
  return row;
}

export async function memberIdOf(db: DbOrTx, orgId: number, accountId: number): Promise<number | null> {
  const [row] = await db
    .select({ id: members.id })
    .from(members)
    .where(and(eq(members.orgId, orgId), eq(members.accountId, accountId)));
  return row?.id ?? null;
}

/** The creator, or a member author of the report. */
export async function isSubmitter(db: DbOrTx, row: ReportRow, accountId: number, memberId: number | null): Promise<boolean> {
  if (row.createdByAccountId === accountId) return true;
  if (memberId == null) return false;
  const [a] = await db
    .select({ id: infoReportAuthors.id })
    .from(infoReportAuthors)
    .where(and(eq(infoReportAuthors.reportId, row.id), eq(infoReportAuthors.memberId, memberId)));
  return !!a;
}

/** SQL: the report is the caller's (created or co-authored). */
const ownedBy = (accountId: number, memberId: number | null): SQL =>
  memberId == null
    ? sql`${infoReports.createdByAccountId} = ${accountId}`
    : sql`(${infoReports.createdByAccountId} = ${accountId} or exists (select 1 from info_report_authors ra where ra.report_id = ${infoReports.id} and ra.member_id = ${memberId}))`;

export interface ListFilter {
  status?: string;
  q?: string;
  /** Only the caller's own reports (always so for callers who are not readers). */
  own: boolean;
}

/** One page of reports, newest first, access filtered inside the SQL (others' drafts never listed). */
export async function listReports(
  db: DbOrTx,
  orgId: number,
  accountId: number,
  memberId: number | null,
  f: ListFilter,
  cursor: number | null,
  limit: number,
) {
  const where: SQL[] = [eq(infoReports.orgId, orgId)];
  if (f.own) where.push(ownedBy(accountId, memberId));
  else where.push(or(ne(infoReports.status, 'draft'), eq(infoReports.createdByAccountId, accountId))!);
  if (f.status) where.push(eq(infoReports.status, f.status));
  if (f.q) where.push(sql`${infoReports.title} ilike ${'%' + f.q.replace(/[\\%_]/g, (c) => '\\' + c) + '%'}`);
  if (cursor != null) where.push(lt(infoReports.id, cursor));
  return db
    .select({ r: infoReports, issueYear: infoIssues.year, issueNumber: infoIssues.number })
    .from(infoReports)
    .leftJoin(infoIssues, eq(infoIssues.id, infoReports.issueId))
    .where(and(...where))
    .orderBy(desc(infoReports.id))
    .limit(limit);
}

export async function issueOf(db: DbOrTx, issueId: number | null) {
  if (issueId == null) return null;
  const [row] = await db.select().from(infoIssues).where(eq(infoIssues.id, issueId));
  return row ?? null;
}

export async function authorsOf(db: DbOrTx, reportIds: number[]) {
  if (!reportIds.length) return [];
  return db
    .select({
      reportId: infoReportAuthors.reportId,
      memberId: infoReportAuthors.memberId,
      role: infoReportAuthors.role,
      viaMergeFrom: infoReportAuthors.creditedViaMergeFrom,
      name: members.name,
      accountId: members.accountId,
      sectorId: members.sectorId,
    })
    .from(infoReportAuthors)
    .innerJoin(members, eq(members.id, infoReportAuthors.memberId))
    .where(inArray(infoReportAuthors.reportId, reportIds))
    .orderBy(asc(infoReportAuthors.id));
}

export async function detailParts(db: DbOrTx, row: ReportRow) {
  const [authors, revisions, adoptions, instructions, feedback, mergedFrom, origin, issue] = await Promise.all([
    authorsOf(db, [row.id]),
    db.select().from(infoReportRevisions).where(eq(infoReportRevisions.reportId, row.id)).orderBy(desc(infoReportRevisions.id)),
    db
      .select()
      .from(infoReportAdoptions)
      .where(eq(infoReportAdoptions.reportId, row.id))
      .orderBy(asc(infoReportAdoptions.adoptedOn), asc(infoReportAdoptions.id)),
    db
      .select()
      .from(infoReportInstructions)
      .where(eq(infoReportInstructions.reportId, row.id))
      .orderBy(asc(infoReportInstructions.instructedOn), asc(infoReportInstructions.id)),
    db
      .select()
      .from(infoReportFeedback)
      .where(eq(infoReportFeedback.reportId, row.id))
      .orderBy(asc(infoReportFeedback.fedBackOn), asc(infoReportFeedback.id)),
    db
      .select({ id: infoReports.id, title: infoReports.title })
      .from(infoReports)
      .where(eq(infoReports.mergedIntoId, row.id))
      .orderBy(asc(infoReports.id)),
    row.originProposalId == null
      ? Promise.resolve([])
      : db
          .select({ id: proposals.id, subject: proposals.subject, numberLabel: proposals.numberLabel })
          .from(proposals)
          .where(eq(proposals.id, row.originProposalId)),
    issueOf(db, row.issueId),
  ]);
  return { authors, revisions, adoptions, instructions, feedback, mergedFrom, origin: origin[0] ?? null, issue };
}

/** The accounts to notify about a report: its creator and every member author with an account. */
export async function recipientsOf(db: DbOrTx, row: ReportRow): Promise<number[]> {
  const authors = await authorsOf(db, [row.id]);
  const ids = [row.createdByAccountId, ...authors.map((a) => a.accountId)].filter((x): x is number => x != null);
  return [...new Set(ids)];
}

export async function listIssues(db: DbOrTx, orgId: number, cursor: number | null, limit: number) {
  return db
    .select()
    .from(infoIssues)
    .where(and(eq(infoIssues.orgId, orgId), cursor != null ? lt(infoIssues.id, cursor) : undefined))
    .orderBy(desc(infoIssues.id))
    .limit(limit);
}

export async function getIssue(db: DbOrTx, id: number): Promise<IssueRow | undefined> {
  const [row] = await db.select().from(infoIssues).where(eq(infoIssues.id, id));
  return row;
}

export async function reportsOfIssues(db: DbOrTx, issueIds: number[]) {
  if (!issueIds.length) return [];
  return db
    .select()
    .from(infoReports)
    .where(inArray(infoReports.issueId, issueIds))
    .orderBy(asc(infoReports.issuedAt), asc(infoReports.id));
}

/** Reports converted from a proposal (转社情民意). */
export async function reportsFromProposal(db: DbOrTx, proposalId: number) {
  return db.select().from(infoReports).where(eq(infoReports.originProposalId, proposalId)).orderBy(asc(infoReports.id));
}
