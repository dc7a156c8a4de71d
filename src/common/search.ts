import { z } from 'zod';
import { ACTIVITY_STATUS_LABELS, ISSUE_STATUS_LABELS } from './activities';
import { COOP_STATUS_LABELS } from './cooperation';
import { INFO_STATUS_LABELS } from './info';
import { PROPOSAL_STATE_LABELS } from './proposals';

/** Kinds of records the search covers (search_documents.kind). */
export const SEARCH_KINDS = ['proposal', 'activity', 'outcome', 'problem_issue', 'coop_item', 'info_report'] as const;
export type SearchKind = (typeof SEARCH_KINDS)[number];

type Label = { zh: string; en: string };

export const SEARCH_KIND_LABELS: Record<SearchKind, Label> = {
  proposal: { zh: '提案', en: 'Proposal' },
  activity: { zh: '活动', en: 'Activity' },
  outcome: { zh: '成果', en: 'Outcome' },
  problem_issue: { zh: '问题', en: 'Problem-list issue' },
  coop_item: { zh: '合作事项', en: 'Cooperation item' },
  info_report: { zh: '社情民意', en: 'Information report' },
};

/** Outcomes have no workflow; their index status says whether a leader has instructed on them. */
export const OUTCOME_SEARCH_STATUS_LABELS: Record<string, Label> = {
  recorded: { zh: '已登记', en: 'Recorded' },
  instructed: { zh: '已批示', en: 'Instructed' },
};

const STATUS_LABELS: Record<SearchKind, Record<string, Label>> = {
  proposal: PROPOSAL_STATE_LABELS,
  activity: ACTIVITY_STATUS_LABELS,
  outcome: OUTCOME_SEARCH_STATUS_LABELS,
  problem_issue: ISSUE_STATUS_LABELS,
  coop_item: COOP_STATUS_LABELS,
  info_report: INFO_STATUS_LABELS,
};

/** The label of a record's status code in its kind (the code itself when unknown). */
export function searchStatusLabel(kind: string, status: string): Label {
  return STATUS_LABELS[kind as SearchKind]?.[status] ?? { zh: status, en: status };
}

/** At most this many matches are ranked; beyond it the page asks for more words (total is then "more than"). */
export const SEARCH_CANDIDATES = 600;
export const SEARCH_PAGE_SIZE = 20;

const flag = z.enum(['0', '1', 'true', 'false']).transform((v) => v === '1' || v === 'true');

export const SearchQuery = z.object({
  q: z.string().trim().min(1).max(100),
  kind: z.enum(SEARCH_KINDS).optional(),
  year: z.coerce.number().int().min(1949).max(2100).optional(),
  category: z.coerce.number().int().positive().optional(),
  unit: z.coerce.number().int().positive().optional(),
  status: z.string().trim().min(1).max(40).optional(),
  /** Every organization the caller belongs to, not only this one. */
  all: flag.optional(),
  page: z.coerce.number().int().min(1).max(50).default(1),
  limit: z.coerce.number().int().min(1).max(50).default(SEARCH_PAGE_SIZE),
});

/** A piece of highlighted text: `hit` parts are the matched words (rendered as <mark>, never as HTML). */
export const TextPart = z.object({ text: z.string(), hit: z.boolean() });
export type TextPart = z.infer<typeof TextPart>;

export const SearchHit = z.object({
  kind: z.enum(SEARCH_KINDS),
  id: z.number(),
  /** The page that shows the record to this caller (a problem issue: its outcome's page, or a unit's inbox). */
  link: z.string(),
  orgId: z.number(),
  orgName: z.string(),
  title: z.array(TextPart),
  label: z.string(),
  snippet: z.array(TextPart),
  year: z.number().nullable(),
  status: z.string(),
  categoryName: z.string().nullable(),
  replyGrade: z.string().nullable(),
  updatedAt: z.string(),
  score: z.number(),
});
export type SearchHit = z.infer<typeof SearchHit>;

export const FacetBucket = z.object({ key: z.string(), label: z.string(), count: z.number() });
export type FacetBucket = z.infer<typeof FacetBucket>;

export const SearchResponse = z.object({
  q: z.string(),
  /** The words the query was cut into (what was searched for). */
  words: z.array(z.string()),
  /** true when no record held every word and the hits hold some of them. */
  relaxed: z.boolean(),
  total: z.number(),
  /** true when more records matched than were ranked (total is a lower bound). */
  capped: z.boolean(),
  page: z.number(),
  limit: z.number(),
  hits: z.array(SearchHit),
  facets: z.object({
    kind: z.array(FacetBucket),
    org: z.array(FacetBucket),
    year: z.array(FacetBucket),
    category: z.array(FacetBucket),
    unit: z.array(FacetBucket),
    status: z.array(FacetBucket),
  }),
  tookMs: z.number(),
});
export type SearchResponse = z.infer<typeof SearchResponse>;

// ── Similar proposals ───────────────────────────────────────
export const SimilarDraftBody = z.object({
  subject: z.string().max(200).default(''),
  body: z.string().max(200_000).default(''),
  /** The draft itself, left out of the results. */
  excludeId: z.number().int().positive().optional(),
});

export const SimilarItem = z.object({
  id: z.number(),
  title: z.string(),
  label: z.string(),
  year: z.number().nullable(),
  status: z.string(),
  replyGrade: z.string().nullable(),
  replyExcerpt: z.string(),
  /** Shared characteristic words, strongest first. */
  shared: z.array(z.string()),
  score: z.number(),
});
export type SimilarItem = z.infer<typeof SimilarItem>;

export const SimilarResponse = z.object({ items: z.array(SimilarItem), words: z.array(z.string()) });
export type SimilarResponse = z.infer<typeof SimilarResponse>;
