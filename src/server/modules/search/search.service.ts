import type { z } from 'zod';
import { SEARCH_KIND_LABELS, SEARCH_KINDS, searchStatusLabel, type SearchHit, type SearchKind, type SearchQuery, type SearchResponse, type SimilarItem } from '@common/search';
import type { Database } from '@server/db/client';
import { orgIdsOf, type Actor } from '@server/lib/context';
import { rankedSearch, scopeOf, similarProposals, type OrgScope, type RankedRow } from './search.repo';
import { highlightWords, keyWords, markParts, queryWords, snippet } from './search.text';

const iso = (v: string | Date) => (v instanceof Date ? v : new Date(v)).toISOString();

/**
 * The web page of a hit. A problem issue has no page of its own: readers open its outcome (which lists the
 * issues), a unit's handler its inbox (the outcome page is the readers').
 */
export function linkOf(kind: SearchKind, id: number, parentId: number | null, scope: OrgScope | undefined): string {
  switch (kind) {
    case 'proposal':
      return `/proposals/${id}`;
    case 'activity':
      return `/activities/${id}`;
    case 'outcome':
      return `/activity-outcomes/${id}`;
    case 'problem_issue':
      return scope?.activityReader && parentId ? `/activity-outcomes/${parentId}` : '/problem-inbox';
    case 'coop_item':
      return `/coop-items/${id}`;
    case 'info_report':
      return `/info-reports/${id}`;
  }
}

function toHit(r: RankedRow, marks: string[], scopes: OrgScope[]): SearchHit {
  const kind = (SEARCH_KINDS as readonly string[]).includes(r.kind) ? (r.kind as SearchKind) : 'proposal';
  const id = Number(r.record_id);
  return {
    kind,
    id,
    link: linkOf(kind, id, r.parent_id == null ? null : Number(r.parent_id), scopes.find((s) => s.orgId === Number(r.org_id))),
    orgId: Number(r.org_id),
    orgName: r.org_name,
    title: markParts(r.title, marks),
    label: r.label,
    snippet: snippet(r.content, marks),
    year: r.year == null ? null : Number(r.year),
    status: r.status,
    categoryName: r.category_name,
    replyGrade: r.reply_grade,
    updatedAt: iso(r.record_updated_at),
    score: Math.round(Number(r.score) * 1e6) / 1e6,
  };
}

/**
 * Ranked search for the caller in `orgId` (or, with `all`, every organization they belong to). When no record
 * holds every word, the search is relaxed to any of them and says so.
 */
export async function search(database: Database, actor: Actor, orgId: number, query: z.infer<typeof SearchQuery>): Promise<SearchResponse> {
  const started = performance.now();
  const orgIds = query.all ? [...new Set([orgId, ...orgIdsOf(actor)])] : [orgId];
  const scopes = orgIds.map((o) => scopeOf(actor, o));
  const words = queryWords(query.q);
  const filter = { kind: query.kind, year: query.year, category: query.category, unit: query.unit, status: query.status };
  const base = { words, scopes, filter, limit: query.limit, offset: (query.page - 1) * query.limit };
  const empty = { total: 0, capped: false, hits: [], facets: { kind: [], org: [], year: [], category: [], unit: [], status: [] } };
  let relaxed = false;
  let res = words.length ? await rankedSearch(database, { ...base, mode: 'and' }) : empty;
  if (res.total === 0 && words.length > 1) {
    relaxed = true;
    res = await rankedSearch(database, { ...base, mode: 'or' });
  }
  const marks = highlightWords(query.q);
  const bucket = (b: { key: string | number; label: string | null; count: number }) => ({ key: String(b.key), label: b.label ?? String(b.key), count: b.count });
  // A status code's label in the kinds that hold it (the row's label lists them), e.g. 已办结 / 已核销.
  const statusBucket = (b: { key: string | number; label: string | null; count: number }) => {
    const kinds = query.kind ? [query.kind] : (b.label ?? 'proposal').split(',');
    const labels = [...new Set(kinds.map((k) => searchStatusLabel(k, String(b.key)).zh))];
    return { key: String(b.key), label: labels.join(' / '), count: b.count };
  };
  return {
    q: query.q,
    words,
    relaxed,
    total: res.total,
    capped: res.capped,
    page: query.page,
    limit: query.limit,
    hits: res.hits.map((h) => toHit(h, marks, scopes)),
    facets: {
      kind: res.facets.kind.map((b) => ({ ...bucket(b), label: SEARCH_KIND_LABELS[b.key as SearchKind]?.zh ?? String(b.key) })),
      org: res.facets.org.map(bucket),
      year: res.facets.year.map(bucket),
      category: res.facets.category.map(bucket),
      unit: res.facets.unit.map(bucket),
      status: res.facets.status.map(statusBucket),
    },
    tookMs: Math.round((performance.now() - started) * 10) / 10,
  };
}

export const SIMILAR_WORDS = 8;

/** The characteristic words of a proposal text (title counted twice, so it weighs more). */
export const similarWords = (subject: string, text: string): string[] => keyWords(`${subject}\n${subject}\n${text}`, SIMILAR_WORDS);

/**
 * The top 5 proposals of the organization (all years) sharing the most characteristic words with the text,
 * visible to the caller; re-ranked by the weight of the shared words (a word earlier in the list weighs more).
 */
export async function similarTo(
  database: Database,
  actor: Actor,
  orgId: number,
  words: string[],
  excludeIds: number[],
): Promise<SimilarItem[]> {
  const rows = await similarProposals(database, { orgId, words, scopes: [scopeOf(actor, orgId)], excludeIds, limit: 25 });
  const weight = new Map(words.map((w, i) => [w, 1 / (1 + i * 0.12)]));
  const total = [...weight.values()].reduce((a, b) => a + b, 0) || 1;
  return rows
    .map((r) => {
      const theirs = new Set(r.keywords);
      const shared = words.filter((w) => theirs.has(w));
      const overlap = shared.reduce((a, w) => a + (weight.get(w) ?? 0), 0) / total;
      const score = overlap + Number(r.score) * 0.05;
      return {
        id: Number(r.record_id),
        title: r.title,
        label: r.label,
        year: r.year == null ? null : Number(r.year),
        status: r.status,
        replyGrade: r.reply_grade,
        replyExcerpt: r.reply_excerpt,
        shared,
        score: Math.round(score * 1000) / 1000,
      };
    })
    .sort((a, b) => b.score - a.score)
    .slice(0, 5);
}
