import { sql } from 'drizzle-orm';
import type { Database, DbOrTx } from '@server/db/client';
import type { SearchDoc } from '../search.index';
import { idList, indexAllWith, indexWith, refreshWith, rowsOf, yearOf, type RefreshOptions, type Source } from './source';

interface Row {
  id: number;
  org_id: number;
  seq: number;
  title: string;
  detail: string;
  status: string;
  result_reason: string;
  outcome_title: string | null;
  unit_ids: Array<number | string> | null;
  answers: string[] | null;
  updates: string[] | null;
  year: number | null;
  updated_at: Date | string;
}

/**
 * 问题清单 issues: the title; the detail, the units' answers (承诺、措施), progress updates and the settling reason
 * are the body (the issue page shows all of them to whoever sees it). `unitIds` are the assigned departments
 * (unit facet). Seen by the organization's activity readers and by handlers of the assigned units.
 */
export const problemIssueSource: Source<Row> = {
  kind: 'problem_issue',
  table: 'problem_issues',
  load: (db, ids) =>
    rowsOf<Row>(
      db,
      sql`select i.id, i.org_id, i.seq, i.title, i.detail, i.status, i.result_reason, i.updated_at, o.title as outcome_title,
        extract(year from i.created_at at time zone 'Asia/Shanghai')::int as year,
        (select array_agg(u.unit_id order by u.unit_id) from problem_issue_units u where u.issue_id = i.id) as unit_ids,
        (select array_agg(concat_ws('；', nullif(u.commitment, ''), nullif(u.measures, '')) order by u.id) from problem_issue_units u
          where u.issue_id = i.id and (u.commitment <> '' or u.measures <> '')) as answers,
        (select array_agg(x.body order by x.id) from problem_issue_updates x where x.issue_id = i.id) as updates
      from problem_issues i left join activity_outcomes o on o.id = i.outcome_id
      where i.id in ${idList(ids)}`,
    ),
  toDoc: (r): SearchDoc => ({
    orgId: Number(r.org_id),
    kind: 'problem_issue',
    recordId: Number(r.id),
    title: r.title || '（无标题）',
    label: r.outcome_title ? `${r.outcome_title} · 问题${r.seq}` : `问题${r.seq}`,
    content: [r.detail, ...(r.answers ?? []), ...(r.updates ?? []), r.result_reason].filter(Boolean).join('\n'),
    year: yearOf(r.year),
    categoryId: null,
    unitIds: (r.unit_ids ?? []).map(Number),
    status: r.status,
    visibility: 'internal',
    replyGrade: null,
    replyExcerpt: '',
    recordUpdatedAt: new Date(r.updated_at),
  }),
};

export const indexProblemIssues = (db: DbOrTx, ids: number[]) => indexWith(problemIssueSource, db, ids);
export const indexAllProblemIssues = (db: DbOrTx) => indexAllWith(problemIssueSource, db);
export const refreshProblemIssues = (database: Database, opts: RefreshOptions = {}) => refreshWith(problemIssueSource, database, opts);
