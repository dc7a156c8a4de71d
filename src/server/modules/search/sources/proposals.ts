import { sql } from 'drizzle-orm';
import { REGISTERED_STATES, type ProposalState } from '@common/proposals';
import type { Database, DbOrTx } from '@server/db/client';
import { deleteDocs, upsertDocs, type SearchDoc } from '../search.index';
import { refreshWith, type RefreshOptions, type Source } from './source';
import { htmlToText } from '../search.text';

interface Row {
  id: number;
  org_id: number;
  subject: string;
  body: string;
  number_label: string | null;
  state: string;
  is_public: boolean;
  category_id: number | null;
  year: number | null;
  updated_at: Date | string;
  unit_ids: number[] | null;
  replies: Array<{ grade: string; body: string; round: number; role: string }> | null;
}

/** The proposal rows with what the index needs, in one statement (no per-row queries). */
async function load(db: DbOrTx, ids: number[]): Promise<Row[]> {
  const res = (await db.execute(sql`
    select p.id, p.org_id, p.subject, p.body, p.number_label, p.state, p.is_public, p.category_id, p.updated_at,
      extract(year from coalesce(s.start_date, p.submitted_at, p.created_at))::int as year,
      (select array_agg(distinct a.unit_id) from proposal_assignments a where a.proposal_id = p.id and a.status <> 'closed') as unit_ids,
      (select json_agg(json_build_object('grade', r.grade, 'body', r.body, 'round', r.round, 'role', a.role) order by r.round desc, (a.role = 'co') asc, r.id)
         from proposal_replies r join proposal_assignments a on a.id = r.assignment_id where r.proposal_id = p.id) as replies
    from proposals p left join plenary_sessions s on s.id = p.session_id
    where p.id in (${sql.join(
      ids.map((id) => sql`${id}`),
      sql`, `,
    )})`)) as unknown as { rows: Row[] };
  return res.rows;
}

export function visibilityOf(state: string, isPublic: boolean): SearchDoc['visibility'] {
  if (state === 'draft') return 'draft';
  return isPublic && REGISTERED_STATES.includes(state as ProposalState) ? 'public' : 'internal';
}

function toDoc(r: Row): SearchDoc {
  const replies = r.replies ?? [];
  const replyTexts = replies.map((x) => htmlToText(x.body));
  return {
    orgId: Number(r.org_id),
    kind: 'proposal',
    recordId: Number(r.id),
    title: r.subject || '（无案由）',
    label: r.number_label ?? '',
    content: [htmlToText(r.body), ...replyTexts].filter(Boolean).join('\n'),
    year: r.year == null ? null : Number(r.year),
    categoryId: r.category_id == null ? null : Number(r.category_id),
    unitIds: (r.unit_ids ?? []).map(Number),
    status: r.state,
    visibility: visibilityOf(r.state, r.is_public),
    replyGrade: replies[0]?.grade ?? null,
    replyExcerpt: (replyTexts[0] ?? '').slice(0, 160),
    recordUpdatedAt: new Date(r.updated_at),
  };
}

/**
 * Re-indexes proposals inside the caller's transaction: the proposal commands call this after every change, so
 * the index commits (or rolls back) with the change itself.
 */
export async function indexProposals(db: DbOrTx, ids: number[]): Promise<number> {
  const unique = [...new Set(ids)];
  let n = 0;
  for (let i = 0; i < unique.length; i += 500) {
    const chunk = unique.slice(i, i + 500);
    const rows = await load(db, chunk);
    await upsertDocs(db, rows.map(toDoc));
    const found = new Set(rows.map((r) => Number(r.id)));
    await deleteDocs(
      db,
      'proposal',
      chunk.filter((id) => !found.has(id)),
    );
    n += rows.length;
  }
  return n;
}

export const proposalSource: Source<Row> = { kind: 'proposal', table: 'proposals', load, toDoc };

/**
 * Catch-up: indexes proposals that have no index row or changed since theirs was built (data loaded by other means,
 * an index emptied by hand), and removes the rows of deleted ones. Idempotent, so every instance may run it;
 * returns how many rows it wrote.
 */
export const refreshProposals = (database: Database, opts: RefreshOptions = {}) => refreshWith(proposalSource, database, opts);
