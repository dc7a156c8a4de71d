import { sql } from 'drizzle-orm';
import type { Database, DbOrTx } from '@server/db/client';
import type { SearchDoc } from '../search.index';
import { htmlToText } from '../search.text';
import { idList, indexAllWith, indexWith, refreshWith, rowsOf, yearOf, type RefreshOptions, type Source } from './source';

interface Row {
  id: number;
  org_id: number;
  title: string;
  situation: string;
  analysis: string;
  suggestion: string;
  status: string;
  submitter_name: string;
  year: number | null;
  updated_at: Date | string;
}

/**
 * 社情民意信息: the title; situation, analysis and suggestion are the body; the year is the submission's (else the
 * creation's). Seen by the information office's readers (not drafts) and by the report's own submitters
 * (creator, member authors), read live as info.access.ts does.
 */
export const infoReportSource: Source<Row> = {
  kind: 'info_report',
  table: 'info_reports',
  load: (db, ids) =>
    rowsOf<Row>(
      db,
      sql`select r.id, r.org_id, r.title, r.situation, r.analysis, r.suggestion, r.status, r.submitter_name, r.updated_at,
        extract(year from coalesce(r.submitted_at, r.created_at) at time zone 'Asia/Shanghai')::int as year
      from info_reports r where r.id in ${idList(ids)}`,
    ),
  toDoc: (r): SearchDoc => ({
    orgId: Number(r.org_id),
    kind: 'info_report',
    recordId: Number(r.id),
    title: r.title || '（无标题）',
    label: r.submitter_name,
    content: [htmlToText(r.situation), htmlToText(r.analysis), htmlToText(r.suggestion)].filter(Boolean).join('\n'),
    year: yearOf(r.year),
    categoryId: null,
    unitIds: [],
    status: r.status,
    visibility: r.status === 'draft' ? 'draft' : 'internal',
    replyGrade: null,
    replyExcerpt: '',
    recordUpdatedAt: new Date(r.updated_at),
  }),
};

export const indexInfoReports = (db: DbOrTx, ids: number[]) => indexWith(infoReportSource, db, ids);
export const indexAllInfoReports = (db: DbOrTx) => indexAllWith(infoReportSource, db);
export const refreshInfoReports = (database: Database, opts: RefreshOptions = {}) => refreshWith(infoReportSource, database, opts);
