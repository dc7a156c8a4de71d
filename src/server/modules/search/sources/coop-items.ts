import { sql } from 'drizzle-orm';
import type { Database, DbOrTx } from '@server/db/client';
import type { SearchDoc } from '../search.index';
import { idList, indexAllWith, indexWith, refreshWith, rowsOf, yearOf, type RefreshOptions, type Source } from './source';

interface Row {
  id: number;
  org_id: number;
  title: string;
  summary: string;
  status: string;
  parties: string[] | null;
  points: string[] | null;
  progress: string[] | null;
  year: number | null;
  updated_at: Date | string;
  party_org_ids: Array<number | string> | null;
}

/**
 * 合作事项: the title; the summary, the parties' names, the consensus points (共识事项) and the progress log are
 * the body. Seen by the owner organization's cooperation readers and by those of its party organizations, whose
 * organization tokens the row carries (parties are only added in the commands that re-index the item).
 */
export const coopItemSource: Source<Row> = {
  kind: 'coop_item',
  table: 'coop_items',
  load: (db, ids) =>
    rowsOf<Row>(
      db,
      sql`select c.id, c.org_id, c.title, c.summary, c.status, c.updated_at,
        extract(year from c.created_at at time zone 'Asia/Shanghai')::int as year,
        (select array_agg(p.name order by p.seq, p.id) from coop_parties p where p.item_id = c.id) as parties,
        (select array_agg(p.party_org_id) from coop_parties p where p.item_id = c.id and p.party_org_id is not null) as party_org_ids,
        (select array_agg(concat_ws('；', p.content, nullif(p.target, ''), nullif(p.evidence, '')) order by p.seq, p.id) from coop_points p where p.item_id = c.id) as points,
        (select array_agg(g.body order by g.happened_on, g.id) from coop_progress g where g.item_id = c.id) as progress
      from coop_items c where c.id in ${idList(ids)}`,
    ),
  toDoc: (r): SearchDoc => ({
    orgId: Number(r.org_id),
    kind: 'coop_item',
    recordId: Number(r.id),
    title: r.title || '（无标题）',
    label: (r.parties ?? []).join('、'),
    content: [r.summary, ...(r.points ?? []), ...(r.progress ?? [])].filter(Boolean).join('\n'),
    year: yearOf(r.year),
    categoryId: null,
    unitIds: [],
    status: r.status,
    visibility: 'internal',
    replyGrade: null,
    replyExcerpt: '',
    recordUpdatedAt: new Date(r.updated_at),
    sharedWith: (r.party_org_ids ?? []).map(Number),
  }),
};

export const indexCoopItems = (db: DbOrTx, ids: number[]) => indexWith(coopItemSource, db, ids);
export const indexAllCoopItems = (db: DbOrTx) => indexAllWith(coopItemSource, db);
export const refreshCoopItems = (database: Database, opts: RefreshOptions = {}) => refreshWith(coopItemSource, database, opts);
