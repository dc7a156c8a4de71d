import { sql } from 'drizzle-orm';
import { bigint, customType, index, integer, pgTable, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';
import { idColumn, orgIdColumn } from './orgs';

/** PostgreSQL tsvector; written as `to_tsvector('simple', <space-joined jieba words>)`, never read back. */
const tsvector = customType<{ data: string }>({ dataType: () => 'tsvector' });

/**
 * The search index: one row per searchable record (`kind` + `record_id`), in the database so that every app
 * instance sees the same index and it is written in the same transaction as the change it reflects.
 * Words come from jieba in Node (PostgreSQL cannot cut Chinese); the 'simple' configuration keeps them as they are.
 * Kinds: SEARCH_KINDS (src/common/search.ts): proposal, activity, outcome, problem_issue, coop_item, info_report.
 */
export const searchDocuments = pgTable(
  'search_documents',
  {
    id: idColumn(),
    orgId: orgIdColumn(),
    kind: text('kind').notNull(),
    recordId: bigint('record_id', { mode: 'number' }).notNull(),
    /** Shown in hits: the title and a number label (案号) when there is one. */
    title: text('title').notNull(),
    label: text('label').notNull().default(''),
    /** Plain text that snippets are cut from (body, then replies), capped in length. */
    content: text('content').notNull().default(''),
    titleTsv: tsvector('title_tsv').notNull(),
    /** Title and content words. */
    tsv: tsvector('tsv').notNull(),
    /** The record's most characteristic words (TF-IDF), for similar-record lookup. */
    kwTsv: tsvector('kw_tsv').notNull(),
    keywords: text('keywords').array().notNull().default(sql`'{}'::text[]`),
    // Facets
    year: integer('year'),
    categoryId: bigint('category_id', { mode: 'number' }),
    unitIds: bigint('unit_ids', { mode: 'number' }).array().notNull().default(sql`'{}'::bigint[]`),
    status: text('status').notNull(),
    /** draft (only its own people) | internal (office, leaders, handling units, own people) | public (the whole organization). */
    visibility: text('visibility').notNull(),
    /** Best reply grade and a reply excerpt (proposals), for "已有相似提案，答复为 B 类：……". */
    replyGrade: text('reply_grade'),
    replyExcerpt: text('reply_excerpt').notNull().default(''),
    /** When the record was last changed (recency prior) and the source stamp the row was built from. */
    recordUpdatedAt: timestamp('record_updated_at', { withTimezone: true }).notNull(),
    indexedAt: timestamp('indexed_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('search_documents_kind_record_uq').on(t.kind, t.recordId),
    index('search_documents_tsv_idx').using('gin', t.tsv),
    index('search_documents_title_tsv_idx').using('gin', t.titleTsv),
    index('search_documents_kw_tsv_idx').using('gin', t.kwTsv),
    index('search_documents_org_kind_idx').on(t.orgId, t.kind, t.recordUpdatedAt),
  ],
);
