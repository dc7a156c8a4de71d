import { sql, type SQL } from 'drizzle-orm';
import { ACTIVITY_READER_ROLES } from '@common/activities';
import { COOP_READER_ROLES } from '@common/cooperation';
import { INFO_READER_ROLES } from '@common/info';
import { PROPOSAL_READER_ROLES } from '@common/proposals';
import { SEARCH_CANDIDATES } from '@common/search';
import type { Database, DbOrTx } from '@server/db/client';
import { unitIdsIn, type Actor } from '@server/lib/context';
import { orgTokensQuery } from './search.text';

/** What the caller may see in one organization, decided from their grants (no query). */
export interface OrgScope {
  orgId: number;
  accountId: number;
  /** Office and leaders: every proposal but other people's drafts. */
  reader: boolean;
  /** Units the caller handles for: proposals open-assigned to them, problem issues sent to them. */
  unitIds: number[];
  /** ACTIVITY_READER_ROLES: every activity, outcome and problem issue of the organization. */
  activityReader: boolean;
  /** COOP_READER_ROLES: the organization's cooperation items and those it is a party of. */
  coopReader: boolean;
  /** INFO_READER_ROLES: every 社情民意 report of the organization but drafts. */
  infoReader: boolean;
}

const holds = (actor: Actor, orgId: number, roles: readonly string[]) =>
  actor.isPlatformAdmin || actor.grants.some((g) => g.orgId === orgId && roles.includes(g.role));

export function scopeOf(actor: Actor, orgId: number): OrgScope {
  return {
    orgId,
    accountId: actor.accountId,
    reader: holds(actor, orgId, PROPOSAL_READER_ROLES),
    unitIds: unitIdsIn(actor, orgId),
    activityReader: holds(actor, orgId, ACTIVITY_READER_ROLES),
    coopReader: holds(actor, orgId, COOP_READER_ROLES),
    infoReader: holds(actor, orgId, INFO_READER_ROLES),
  };
}

const list = (ids: number[]) =>
  sql.join(
    ids.map((u) => sql`${u}`),
    sql`, `,
  );

// The organization tests of these clauses read `d.org_id + 0`: the searches find rows through GIN lookups that
// already carry the organization token (inOrgs), and a plain `d.org_id = …` invites the planner to AND in a bitmap
// of the organization's whole btree range, a cost that grows with the organization and narrows nothing the token
// has not.

/**
 * SQL: the proposal rows the caller may open in one organization, the same rules as the proposal page
 * (proposals.access.ts canSee): their own proposals always (as proposer, co-signer or agent of the proposing
 * collective); drafts nobody else; office and leaders every other one; a unit what is open-assigned to it;
 * everyone public registered ones.
 */
function proposalSql(s: OrgScope): SQL {
  const own = sql`exists (select 1 from proposal_proposers pp left join members pm on pm.id = pp.member_id
      where pp.proposal_id = d.record_id and (pm.account_id = ${s.accountId}
        or pp.collective_id in (select ca.collective_id from collective_agents ca where ca.account_id = ${s.accountId})))`;
  const unit = s.unitIds.length
    ? sql` or (d.visibility <> 'draft' and exists (select 1 from proposal_assignments pa where pa.proposal_id = d.record_id
        and pa.status <> 'closed' and pa.unit_id in (${list(s.unitIds)})))`
    : sql``;
  const others = s.reader ? sql`d.visibility <> 'draft'` : sql`d.visibility = 'public'`;
  return sql`(d.kind = 'proposal' and d.org_id + 0 = ${s.orgId} and (${others}${unit} or ${own}))`;
}

/**
 * Activities (activities.access.ts loadActivity): in the host organization, or in a partner organization that
 * ACCEPTED the invitation (activity_orgs, read live: pending, declined and withdrawn partners see nothing), the
 * organization's activity readers and the members of that organization invited to it.
 */
function activitySql(s: OrgScope): SQL {
  const inOrg = sql`(d.org_id + 0 = ${s.orgId} or exists (select 1 from activity_orgs j where j.activity_id = d.record_id
      and j.org_id = ${s.orgId} and j.status = 'accepted'))`;
  const who = s.activityReader
    ? sql`true`
    : sql`exists (select 1 from activity_participants ap join members m on m.id = ap.member_id
        where ap.activity_id = d.record_id and m.org_id = ${s.orgId} and m.account_id = ${s.accountId})`;
  return sql`(d.kind = 'activity' and ${inOrg} and ${who})`;
}

/**
 * Problem-list issues (commands/issue-steps.ts loadIssue): the organization's activity readers, and handlers of
 * a unit the issue was sent to (problem_issue_units, read live) — a department never sees another's issues.
 */
function problemIssueSql(s: OrgScope): SQL | null {
  if (s.activityReader) return sql`(d.kind = 'problem_issue' and d.org_id + 0 = ${s.orgId})`;
  if (!s.unitIds.length) return null;
  return sql`(d.kind = 'problem_issue' and d.org_id + 0 = ${s.orgId} and exists (select 1 from problem_issue_units iu
      where iu.issue_id = d.record_id and iu.unit_id in (${list(s.unitIds)})))`;
}

/**
 * 社情民意 reports (info.access.ts loadReport): the information readers every report but drafts (status read
 * live), and the report's submitters (its creator, or a member author in this organization) whatever its state.
 */
function infoReportSql(s: OrgScope): SQL {
  const submitter = sql`exists (select 1 from info_reports r where r.id = d.record_id and r.created_by_account_id = ${s.accountId})
      or exists (select 1 from info_report_authors ra join members m on m.id = ra.member_id
        where ra.report_id = d.record_id and m.org_id = ${s.orgId} and m.account_id = ${s.accountId})`;
  const reader = s.infoReader ? sql`exists (select 1 from info_reports r where r.id = d.record_id and r.status <> 'draft') or ` : sql``;
  return sql`(d.kind = 'info_report' and d.org_id + 0 = ${s.orgId} and (${reader}${submitter}))`;
}

/**
 * SQL: the index rows (alias d) the caller may open, per kind, with the same rules as each module's access code.
 * Relations are read live, so a change of proposers, assignments, partners, units or parties never leaves a
 * stale permission in the index; the denormalised `visibility` only ever narrows (proposal drafts).
 */
export function visibleSql(scopes: OrgScope[]): SQL {
  if (!scopes.length) return sql`false`;
  const parts: SQL[] = [];
  for (const s of scopes) {
    parts.push(proposalSql(s), activitySql(s), infoReportSql(s));
    // Outcomes (outcomes.routes.ts loadOutcome): the organization's activity readers only.
    if (s.activityReader) parts.push(sql`(d.kind = 'outcome' and d.org_id + 0 = ${s.orgId})`);
    const issues = problemIssueSql(s);
    if (issues) parts.push(issues);
    // Cooperation items (cooperation.access.ts loadItem): readers of the owner organization or of a party one.
    if (s.coopReader)
      parts.push(sql`(d.kind = 'coop_item' and (d.org_id + 0 = ${s.orgId} or exists (select 1 from coop_parties cp
        where cp.item_id = d.record_id and cp.party_org_id = ${s.orgId})))`);
  }
  return sql`(${sql.join(parts, sql` or `)})`;
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

/**
 * `q` restricted to rows carrying a token of one of the organizations (search.text.ts orgLexeme), for the GIN
 * lookups only: the index then intersects the words' posting lists with the organizations' instead of reading a
 * common word's list over every organization. An empty `q` (a query of stop words or punctuation) matches
 * nothing and stays empty — ANDed with the tokens it would match every row of the organizations. Ranking uses
 * `q` alone.
 */
export function inOrgs(q: SQL, orgIds: number[]): SQL {
  return sql`(case when numnode(${q}) = 0 then ${q} else ${q} && ${orgTokensQuery(orgIds)}::tsquery end)`;
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
  /** A problem issue's outcome (for its link). */
  parent_id: number | null;
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
  const [row] = await database.rows<{ total: number; body_n: number; hits: RankedRow[] | null; facets: RankedResult['facets'] }>(
    rankedSql(opts),
    db,
  );
  return { total: Number(row.total), capped: Number(row.body_n) >= cap, hits: row.hits ?? [], facets: row.facets };
}

/** The statement of rankedSearch (exported for EXPLAIN in the benchmark). */
export function rankedSql(opts: RankedOptions): SQL {
  const q = tsqueryOf(opts.words, opts.mode);
  const cap = opts.candidates ?? SEARCH_CANDIDATES;
  const where = sql`${visibleSql(opts.scopes)} ${filterSql(opts.filter)}`;
  const orgIds = opts.scopes.map((s) => s.orgId);
  return sql`
    with q0 as materialized (select (${q}) as q),
    q as materialized (select q0.q, ${inOrgs(sql`q0.q`, orgIds)} as qo from q0),
    t as (select d.id from search_documents d, q where d.title_tsv @@ q.qo and ${where} limit ${Math.ceil(cap / 3)}),
    b as (select d.id from search_documents d, q where d.tsv @@ q.qo and ${where} limit ${cap}),
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
      select s.*, o.name as org_name, c.name as category_name, left(d.content, 4000) as content, pi.outcome_id as parent_id
      from top s join search_documents d on d.id = s.id join organizations o on o.id = s.org_id
      left join proposal_categories c on c.id = s.category_id and s.kind = 'proposal'
      left join problem_issues pi on pi.id = s.record_id and s.kind = 'problem_issue'
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
        'status', (select coalesce(json_agg(x), '[]') from (select status as key, string_agg(distinct kind, ',') as label, count(*)::int as count from scored group by status order by 3 desc) x)
      ) as facets`;
}

/** The naive ranked query (rank every match), kept for the benchmark's comparison. */
export async function naiveSearch(database: Database, orgId: number, words: string[], limit = 20): Promise<number[]> {
  // The organization token ANDed in as in the ranked search (the planner is free otherwise), so that the comparison
  // measures ranking every match against ranking bounded candidates, not two ways of reading the index.
  const rows = await database.rows<{ id: number }>(sql`
    select d.id from search_documents d, (select q0.q, ${inOrgs(sql`q0.q`, [orgId])} as qo from (select (${tsqueryOf(words, 'and')}) as q) q0) q
    where d.org_id = ${orgId} and d.tsv @@ q.qo order by ts_rank(d.tsv, q.q) desc limit ${limit}`);
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

/** How many of the words (the rarest in the index) form the candidate pairs of similarProposals. */
export const SIMILAR_PAIR_WORDS = 4;
const KW_FREQ_TTL_MS = 10 * 60_000;
const kwFreqCache = new WeakMap<Database, { at: number; freq: Map<string, number> }>();

/**
 * The share of index rows holding each common keyword, from PostgreSQL's statistics of kw_tsv (ANALYZE keeps the
 * most common lexemes with their frequencies; a word not listed is rarer than every listed one). Cached a few
 * minutes per database; empty before the first ANALYZE.
 */
export async function keywordFrequencies(database: Database): Promise<Map<string, number>> {
  const hit = kwFreqCache.get(database);
  if (hit && Date.now() - hit.at < KW_FREQ_TTL_MS) return hit.freq;
  const rows = await database.rows<{ w: string; f: number }>(sql`
    select x.w, x.f from pg_stats s, unnest(s.most_common_elems::text::text[], s.most_common_elem_freqs) as x(w, f)
    where s.schemaname = current_schema() and s.tablename = 'search_documents' and s.attname = 'kw_tsv'`);
  const freq = new Map(rows.map((r) => [r.w, Number(r.f)]));
  kwFreqCache.set(database, { at: Date.now(), freq });
  return freq;
}

/**
 * The words that form the candidate pairs: the `n` rarest by index frequency; ties, and words the statistics do not
 * list (rarer than any listed), keep the given order (most characteristic first).
 */
export function pairWords(words: string[], freq: Map<string, number>, n = SIMILAR_PAIR_WORDS): string[] {
  return words
    .map((x, i) => ({ x, i, f: freq.get(x) ?? 0 }))
    .sort((a, b) => a.f - b.f || a.i - b.i)
    .slice(0, n)
    .map((a) => a.x);
}

/**
 * Proposals sharing at least two of the characteristic words — of the SIMILAR_PAIR_WORDS rarest in the index, so
 * that the GIN lookup walks short posting lists: two words nearly every proposal holds (a corpus's 乡镇, 政策) make
 * a pair that says nothing and would match most of the organization — ranked by how many of all the words they
 * share and how strongly, with title overlap counted again; at most `limit`, visible to the caller.
 */
export async function similarProposals(
  database: Database,
  opts: { orgId: number; words: string[]; scopes: OrgScope[]; excludeIds: number[]; limit?: number },
): Promise<SimilarRow[]> {
  const w = opts.words.slice(0, 8);
  if (w.length === 0) return [];
  const term = (x: string) => sql`plainto_tsquery('simple', ${x})`;
  const anchors = pairWords(w, w.length > SIMILAR_PAIR_WORDS ? await keywordFrequencies(database) : new Map<string, number>());
  const pairs: SQL[] = [];
  for (let i = 0; i < anchors.length; i++)
    for (let j = i + 1; j < anchors.length; j++) pairs.push(sql`(${term(anchors[i])} && ${term(anchors[j])})`);
  const need = pairs.length ? sql.join(pairs, sql` || `) : term(anchors[0]);
  const any = sql.join(w.map(term), sql` || `);
  const exclude = opts.excludeIds.length
    ? sql`and d.record_id not in (${sql.join(
        opts.excludeIds.map((x) => sql`${x}`),
        sql`, `,
      )})`
    : sql``;
  const rows = await database.rows<SimilarRow>(sql`
    with q0 as materialized (select (${need}) as need, (${any}) as any),
    q as materialized (select ${inOrgs(sql`q0.need`, [opts.orgId])} as need, q0.any from q0),
    cand as (
      select d.id from search_documents d, q
      where d.kind = 'proposal' and d.org_id + 0 = ${opts.orgId} and d.kw_tsv @@ q.need and ${visibleSql(opts.scopes)} ${exclude}
      limit 200
    )
    select d.record_id, d.title, d.label, d.year, d.status, d.reply_grade, d.reply_excerpt, d.keywords,
      ts_rank(d.kw_tsv, q.any) + 0.5 * ts_rank(d.title_tsv, q.any) as score
    from cand join search_documents d on d.id = cand.id, q
    order by score desc, d.record_updated_at desc limit ${opts.limit ?? 5}`);
  return rows;
}
