import { sql, type SQL } from 'drizzle-orm';
import { INFO_LEVEL_LABELS, INFO_LEVELS, type InfoLevel } from '@common/info';
import type { LinkCandidate, LinkKind } from '@common/worksystem';
import type { DbOrTx } from '@server/db/client';
import { chinaDay } from './worksystem.repo';

interface Row {
  id: number | string;
  title: string;
  date: string | null;
  leader?: string;
  level?: string;
}

const infoLevel = (l: string) => ((INFO_LEVELS as readonly string[]).includes(l) ? INFO_LEVEL_LABELS[l as InfoLevel].zh : l);

/**
 * Records of one link kind in the organization for the fulfilment form's picker, newest first, at most `limit`.
 * Every statement is filtered by org_id and LIMITed, and walks an (org_id, …) index in its sort order where one
 * exists (activities by start, proposals by id, information instructions by day), so it stops after `limit` hits;
 * `q` (ILIKE, wildcards escaped) narrows on the title, and for instructions also on the leader and the text.
 * Drafts and cancelled activities are not offered. Without the information tables, information instructions
 * are an empty list.
 */
export async function linkCandidates(
  db: DbOrTx,
  orgId: number,
  kind: LinkKind,
  q: string,
  limit: number,
  infoTables: boolean,
): Promise<LinkCandidate[]> {
  const like = q ? `%${q.replace(/[\\%_]/g, '\\$&')}%` : null;
  const when = (cond: SQL) => (like ? sql`and ${cond}` : sql``);
  let query: SQL;
  switch (kind) {
    case 'activity':
      query = sql`select id, topic || '（' || type || '）' as title, ${chinaDay('starts_at')} as date
                    from activities
                   where org_id = ${orgId} and status <> 'cancelled' ${when(sql`topic ilike ${like}`)}
                   order by starts_at desc, id desc limit ${limit}`;
      break;
    case 'proposal':
      query = sql`select id, case when number_label is null then subject else number_label || ' ' || subject end as title,
                         ${chinaDay('coalesce(submitted_at, created_at)')} as date
                    from proposals
                   where org_id = ${orgId} and state <> 'draft' ${when(sql`(subject ilike ${like} or number_label ilike ${like})`)}
                   order by id desc limit ${limit}`;
      break;
    case 'outcome_instruction':
      query = sql`select x.id, o.title, x.instructed_on::text as date, x.leader, x.level
                    from outcome_instructions x join activity_outcomes o on o.id = x.outcome_id
                   where x.org_id = ${orgId} ${when(sql`(o.title ilike ${like} or x.leader ilike ${like} or x.text ilike ${like})`)}
                   order by x.instructed_on desc, x.id desc limit ${limit}`;
      break;
    case 'info_instruction':
      if (!infoTables) return [];
      query = sql`select x.id, r.title, x.instructed_on::text as date, x.leader, x.level
                    from info_report_instructions x join info_reports r on r.id = x.report_id
                   where x.org_id = ${orgId} ${when(sql`(r.title ilike ${like} or x.leader ilike ${like} or x.text ilike ${like})`)}
                   order by x.instructed_on desc, x.id desc limit ${limit}`;
      break;
  }
  const res = (await db.execute(query)) as unknown as { rows: Row[] };
  return res.rows.map((r) => {
    const title = r.title || '（无标题）';
    const label =
      kind === 'outcome_instruction' || kind === 'info_instruction'
        ? `${r.leader}（${kind === 'info_instruction' ? infoLevel(r.level ?? '') : r.level}）批示：${title}`
        : title;
    return { id: Number(r.id), label, date: r.date ?? null };
  });
}
