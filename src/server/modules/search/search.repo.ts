import { sql, type SQL } from 'drizzle-orm';
import { PROPOSAL_READER_ROLES } from '@common/proposals';
import { SEARCH_CANDIDATES } from '@common/search';
import type { Database, DbOrTx } from '@server/db/client';
import { unitIdsIn, type Actor } from '@server/lib/context';

/** What the caller may see in one organization, decided from their grants (no query). */
export interface OrgScope {
  orgId: number;
  accountId: number;
  /** Office and leaders: everything but other people's drafts. */
  reader: boolean;
  /** Units the caller handles for: what is open-assigned to them. */
  unitIds: number[];
}

export function scopeOf(actor: Actor, orgId: number): OrgScope {
  const roles = actor.grants.filter((g) => g.orgId === orgId).map((g) => g.role as string);
  return {
    orgId,
    accountId: actor.accountId,
    reader: actor.isPlatformAdmin || PROPOSAL_READER_ROLES.some((r) => roles.includes(r)),
    unitIds: unitIdsIn(actor, orgId),
  };
}

/**
 * SQL: the index rows (alias d) the caller may open, the same rules as the proposal page (proposals.access.ts
 * canSee): their own proposals always (as proposer, co-signer or agent of the proposing collective); drafts nobody
 * else; office and leaders every other one; a unit what is open-assigned to it; everyone public registered ones.
 * Relations are read live, so a change of proposers or assignments never leaves a stale permission in the index.
 */
export function visibleSql(scopes: OrgScope[]): SQL {
  if (!scopes.length) return sql`false`;
  const perOrg = scopes.map((s) => {
    const own = sql`exists (select 1 from proposal_proposers pp left join members pm on pm.id = pp.member_id
        where pp.proposal_id = d.record_id and (pm.account_id = ${s.accountId}
          or pp.collective_id in (select ca.collective_id from collective_agents ca where ca.account_id = ${s.accountId})))`;
    const unit = s.unitIds.length
      ? sql` or (d.visibility <> 'draft' and exists (select 1 from proposal_assignments pa where pa.proposal_id = d.record_id
          and pa.status <> 'closed' and pa.unit_id in (${sql.join(s.unitIds.map((u) => sql`${u}`), sql`, `)})))`
      : sql``;
    const others = s.reader ? sql`d.visibility <> 'draft'` : sql`d.visibility = 'public'`;
    return sql`(d.org_id = ${s.orgId} and (${others}${unit} or ${own}))`;
  });
  return sql`(${sql.join(perOrg, sql` or `)})`;
}

export interface SearchFilter {
  kind?: string;
  year?: number;
  category?: number;
  unit?: number;
  status?: string;
}

function filterSql(f: SearchFilter): SQL {
  const parts: SQL[] = [];
  if (f.kind) parts.push(sql`d.kind = ${f.kind}`);
  if (f.year) parts.push(sql`d.year = ${f.year}`);
  if (f.category) parts.push(sql`d.category_id = ${f.category}`);
  if (f.unit) parts.push(sql`${f.unit} = any(d.unit_ids)`);
  if (f.status) parts.push(sql`d.status = ${f.status}`);
  return parts.length ? sql`and ${sql.join(parts, sql` and `)}` : sql``;
}

/** tsquery of the words: all of them (AND) or, relaxed, any of them (OR). */
export function tsqueryOf(words: string[], mode: 'and' | 'or'): SQL {
  const parts = words.map((w) => sql`plainto_tsquery('simple', ${w})`);
  return sql.join(parts, mode === 'and' ? sql` && ` : sql` || `);
}

export interface RankedRow {
  id: number;
  org_id: number;
  org_name: string;
  kind: string;
  record_id: number;
  title: string;
  label: string;
  content: string;
  year: number | null;
  status: string;
  category_name: string | null;
  reply_grade: string | null;
  record_updated_at: string | Date;
  score: number;
}

interface Bucket {
  key: string | number;
  label: string | null;
  count: number;
}

export interface RankedResult {
  total: number;
  capped: boolean;
  hits: RankedRow[];
  facets: Record<'kind' | 'org' | 'year' | 'category' | 'unit' | 'status', Bucket[]>;
}

/**
 * Ranked search in one statement. Candidates come unranked from the GIN indexes — title matches first, then
 * body matches, each with a LIMIT, with the caller's permissions and filters inside — so the cost stays bounded
 * however common the words are. Only those candidates are ranked, on small vectors so that the large body vector
 * is never read back (ts_rank over it costs tens of µs a row): the title (boosted), the record's characteristic
 * words (what it is about), and a recency prior. Facets are counted over the same candidates.
 */
export interface RankedOptions {
  words: string[];
  mode: 'and' | 'or';
  scopes: OrgScope[];
  filter: SearchFilter;
  limit: number;
  offset: number;
  candidates?: number;
}

export async function rankedSearch(database: Database, opts: RankedOptions, db?: DbOrTx): Promise<RankedResult> {
  const cap = opts.candidates ?? SEARCH_CANDIDATES;
  const [row] = await database.rows<{ total: number; body_n: number; hits: RankedRow[] | null; facets: RankedResult['facets'] }>(rankedSql(opts), db);
  return { total: Number(row.total), capped: Number(row.body_n) >= cap, hits: row.hits ?? [], facets: row.facets };
}

/** The statement of rankedSearch (exported for EXPLAIN in the benchmark). */
export function rankedSql(opts: RankedOptions): SQL {
  const q = tsqueryOf(opts.words, opts.mode);
  const cap = opts.candidates ?? SEARCH_CANDIDATES;
  const where = sql`${visibleSql(opts.scopes)} ${filterSql(opts.filter)}`;
  return sql`
    with q as materialized (select (${q}) as q),
    t as (select d.id from search_documents d, q where d.title_tsv @@ q.q and ${where} limit ${Math.ceil(cap / 3)}),
    b as (select d.id from search_documents d, q where d.tsv @@ q.q and ${where} limit ${cap}),
    cand as (select id from t union select id from b),
    scored as materialized (
      select d.id, d.org_id, d.kind, d.record_id, d.title, d.label, d.year, d.status, d.category_id, d.unit_ids,
        d.reply_grade, d.record_updated_at,
        (2.0 * ts_rank(d.title_tsv, q.q) + ts_rank(d.kw_tsv, q.q) + (case when d.title_tsv @@ q.q then 0.5 else 0 end) + 0.05)
          * (0.75 + 0.25 * exp(-greatest(extract(epoch from now() - d.record_updated_at), 0) / (86400.0 * 730))) as score
      from cand join search_documents d on d.id = cand.id, q
    ),
    top as (select * from scored order by score desc, id desc limit ${opts.limit} offset ${opts.offset}),
    page as (
      select s.*, o.name as org_name, c.name as category_name, left(d.content, 4000) as content
      from top s join search_documents d on d.id = s.id join organizations o on o.id = s.org_id
      left join proposal_categories c on c.id = s.category_id and s.kind = 'proposal'
    )
    select (select count(*)::int from scored) as total,
      (select count(*)::int from b) as body_n,
      (select json_agg(p order by p.score desc, p.id desc) from page p) as hits,
      json_build_object(
        'kind', (select coalesce(json_agg(x), '[]') from (select kind as key, null as label, count(*)::int as count from scored group by kind order by 3 desc) x),
        'org', (select coalesce(json_agg(x), '[]') from (select s.org_id as key, o.name as label, count(*)::int as count from scored s join organizations o on o.id = s.org_id group by 1, 2 order by 3 desc) x),
        'year', (select coalesce(json_agg(x), '[]') from (select year as key, null as label, count(*)::int as count from scored where year is not null group by year order by year desc) x),
        'category', (select coalesce(json_agg(x), '[]') from (select s.category_id as key, c.name as label, count(*)::int as count from scored s join proposal_categories c on c.id = s.category_id where s.kind = 'proposal' group by 1, 2 order by 3 desc limit 20) x),
        'unit', (select coalesce(json_agg(x), '[]') from (select u.id as key, u.name as label, count(*)::int as count from scored s cross join lateral unnest(s.unit_ids) as uid join units u on u.id = uid group by 1, 2 order by 3 desc limit 20) x),
        'status', (select coalesce(json_agg(x), '[]') from (select status as key, null as label, count(*)::int as count from scored group by status order by 3 desc) x)
      ) as facets`;
}

/** The naive ranked query (rank every match), kept for the benchmark's comparison. */
export async function naiveSearch(database: Database, orgId: number, words: string[], limit = 20): Promise<number[]> {
  const rows = await database.rows<{ id: number }>(sql`
    select d.id from search_documents d, (select (${tsqueryOf(words, 'and')}) as q) q
    where d.org_id = ${orgId} and d.tsv @@ q.q order by ts_rank(d.tsv, q.q) desc limit ${limit}`);
  return rows.map((r) => Number(r.id));
}

export interface SimilarRow {
  record_id: number;
  title: string;
  label: string;
  year: number | null;
  status: string;
  reply_grade: string | null;
  reply_excerpt: string;
  keywords: string[];
  score: number;
}

/**
 * Proposals sharing at least two of the given characteristic words (pairs through the keyword GIN index), ranked
 * by how many and how strongly they share, with title overlap counted again; at most 5, visible to the caller.
 */
export async function similarProposals(
  database: Database,
  opts: { orgId: number; words: string[]; scopes: OrgScope[]; excludeIds: number[]; limit?: number },
): Promise<SimilarRow[]> {
  const w = opts.words.slice(0, 8);
  if (w.length === 0) return [];
  const terms = w.map((x) => sql`plainto_tsquery('simple', ${x})`);
  const pairs: SQL[] = [];
  for (let i = 0; i < terms.length; i++) for (let j = i + 1; j < terms.length; j++) pairs.push(sql`(${terms[i]} && ${terms[j]})`);
  const need = pairs.length ? sql.join(pairs, sql` || `) : terms[0];
  const any = sql.join(terms, sql` || `);
  const exclude = opts.excludeIds.length ? sql`and d.record_id not in (${sql.join(opts.excludeIds.map((x) => sql`${x}`), sql`, `)})` : sql``;
  const rows = await database.rows<SimilarRow>(sql`
    with q as materialized (select (${need}) as need, (${any}) as any),
    cand as (
      select d.id from search_documents d, q
      where d.kind = 'proposal' and d.org_id = ${opts.orgId} and d.kw_tsv @@ q.need and ${visibleSql(opts.scopes)} ${exclude}
      limit 200
    )
    select d.record_id, d.title, d.label, d.year, d.status, d.reply_grade, d.reply_excerpt, d.keywords,
      ts_rank(d.kw_tsv, q.any) + 0.5 * ts_rank(d.title_tsv, q.any) as score
    from cand join search_documents d on d.id = cand.id, q
    order by score desc, d.record_updated_at desc limit ${opts.limit ?? 5}`);
  return rows;
}
