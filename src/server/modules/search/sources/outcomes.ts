import { sql } from 'drizzle-orm';
import { OUTCOME_KIND_LABELS, type OutcomeKind } from '@common/activities';
import type { Database, DbOrTx } from '@server/db/client';
import type { SearchDoc } from '../search.index';
import { htmlToText } from '../search.text';
import { idList, indexAllWith, indexWith, refreshWith, rowsOf, yearOf, type RefreshOptions, type Source } from './source';

interface Row {
  id: number;
  org_id: number;
  kind: string;
  title: string;
  findings: string;
  recommendations: string;
  instructions: string[] | null;
  year: number | null;
  updated_at: Date | string;
}

/**
 * 成果 (consultation, research and inspection reports, 建议案): the title; findings, recommendations and the
 * leaders' instructions (批示) are the body. Status: `instructed` once a leader has
 * instructed on it, else `recorded`. Seen by the organization's activity readers only (as the outcome page).
 */
export const outcomeSource: Source<Row> = {
  kind: 'outcome',
  table: 'activity_outcomes',
  load: (db, ids) =>
    rowsOf<Row>(
      db,
      sql`select o.id, o.org_id, o.kind, o.title, o.findings, o.recommendations, o.updated_at,
        extract(year from o.created_at at time zone 'Asia/Shanghai')::int as year,
        (select array_agg(i.leader || '：' || i.text order by i.id) from outcome_instructions i where i.outcome_id = o.id) as instructions
      from activity_outcomes o
      where o.id in ${idList(ids)}`,
    ),
  toDoc: (r): SearchDoc => ({
    orgId: Number(r.org_id),
    kind: 'outcome',
    recordId: Number(r.id),
    title: r.title || '（无标题）',
    label: OUTCOME_KIND_LABELS[r.kind as OutcomeKind]?.zh ?? r.kind,
    content: [htmlToText(r.findings), htmlToText(r.recommendations), ...(r.instructions ?? [])].filter(Boolean).join('\n'),
    year: yearOf(r.year),
    categoryId: null,
    unitIds: [],
    status: r.instructions?.length ? 'instructed' : 'recorded',
    visibility: 'internal',
    replyGrade: null,
    replyExcerpt: '',
    recordUpdatedAt: new Date(r.updated_at),
  }),
};

export const indexOutcomes = (db: DbOrTx, ids: number[]) => indexWith(outcomeSource, db, ids);
export const indexAllOutcomes = (db: DbOrTx) => indexAllWith(outcomeSource, db);
export const refreshOutcomes = (database: Database, opts: RefreshOptions = {}) => refreshWith(outcomeSource, database, opts);
