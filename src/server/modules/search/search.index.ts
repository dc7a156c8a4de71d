import { and, eq, inArray, sql } from 'drizzle-orm';
import type { DbOrTx } from '@server/db/client';
import { searchDocuments } from '@server/db/schema/index';
import { indexWords, keyWords, orgTokensVector } from './search.text';

/** One record as the index holds it; every searchable kind builds these from its own tables. */
export interface SearchDoc {
  orgId: number;
  kind: string;
  recordId: number;
  title: string;
  label: string;
  /** Plain text: body, then replies and other texts. */
  content: string;
  year: number | null;
  categoryId: number | null;
  unitIds: number[];
  status: string;
  visibility: 'draft' | 'internal' | 'public';
  replyGrade: string | null;
  replyExcerpt: string;
  recordUpdatedAt: Date;
  /**
   * Other organizations that may see the record (joint-activity partners, cooperation parties), whatever the state
   * of their link: their tokens go in the vectors so that their searches find it; visibility stays checked live.
   */
  sharedWith?: number[];
}

/** Snippets are cut from the first part of the content; the words of all of it are indexed. */
const CONTENT_CAP = 6000;
export const KEYWORDS_PER_DOC = 16;

/**
 * Writes (inserts or replaces) index rows, cutting the words in Node (jieba) and letting PostgreSQL build the
 * tsvectors. Title words carry weight A so that ts_rank boosts title matches. Each vector also holds the organization
 * tokens (search.text.ts orgLexeme) of every organization that may see the row.
 */
export async function upsertDocs(db: DbOrTx, docs: SearchDoc[]): Promise<void> {
  await writeRows(db, prepareRows(docs));
}

/** One index row as Node prepares it: the words are cut, the vectors are built by PostgreSQL (writeRows). */
export interface PreparedRow {
  org_id: number;
  kind: string;
  record_id: number;
  title: string;
  label: string;
  content: string;
  /** Space-joined search-mode words of the title, of the content, and the keywords, for to_tsvector('simple', …). */
  title_words: string;
  body_words: string;
  keywords: string[];
  /** tsvector text of the organization tokens. */
  orgs: string;
  year: number | null;
  category_id: number | null;
  unit_ids: number[];
  status: string;
  visibility: string;
  reply_grade: string | null;
  reply_excerpt: string;
  record_updated_at: string;
}

/** The CPU part of indexing (word cutting), separate so that a bulk load can overlap it with the writes. */
export function prepareRows(docs: SearchDoc[]): PreparedRow[] {
  return docs.map((d) => ({
    org_id: d.orgId,
    kind: d.kind,
    record_id: d.recordId,
    title: d.title,
    label: d.label,
    content: d.content.slice(0, CONTENT_CAP),
    title_words: indexWords(d.title),
    body_words: indexWords(d.content),
    keywords: keyWords(`${d.title}\n${d.title}\n${d.content}`, KEYWORDS_PER_DOC),
    orgs: orgTokensVector([d.orgId, ...(d.sharedWith ?? [])]),
    year: d.year,
    category_id: d.categoryId,
    unit_ids: d.unitIds,
    status: d.status,
    visibility: d.visibility,
    reply_grade: d.replyGrade,
    reply_excerpt: d.replyExcerpt,
    record_updated_at: d.recordUpdatedAt.toISOString(),
  }));
}

/** Rows a statement: the whole batch travels as ONE json parameter (a bulk catch-up sends 1,000 at a time). */
const ROWS_PER_STATEMENT = 1000;

/**
 * Inserts or replaces prepared rows, each batch in one statement whose only parameter is the rows as JSON
 * (json_to_recordset): building and sending the statement costs Node almost nothing, so a bulk load cuts the next
 * batch's words while PostgreSQL writes this one.
 */
export async function writeRows(db: DbOrTx, rows: PreparedRow[]): Promise<void> {
  for (let i = 0; i < rows.length; i += ROWS_PER_STATEMENT) {
    const json = JSON.stringify(rows.slice(i, i + ROWS_PER_STATEMENT));
    await db.execute(sql`
      insert into search_documents as d (org_id, kind, record_id, title, label, content, title_tsv, tsv, kw_tsv, keywords,
        year, category_id, unit_ids, status, visibility, reply_grade, reply_excerpt, record_updated_at, indexed_at)
      select x.org_id, x.kind, x.record_id, x.title, x.label, x.content,
        to_tsvector('simple', x.title_words) || x.orgs::tsvector,
        setweight(to_tsvector('simple', x.title_words), 'A') || to_tsvector('simple', x.body_words) || x.orgs::tsvector,
        to_tsvector('simple', array_to_string(x.keywords, ' ')) || x.orgs::tsvector,
        x.keywords, x.year, x.category_id, x.unit_ids, x.status, x.visibility, x.reply_grade, x.reply_excerpt,
        x.record_updated_at, now()
      from json_to_recordset(${json}::json) as x(org_id bigint, kind text, record_id bigint, title text, label text,
        content text, title_words text, body_words text, keywords text[], orgs text, year integer, category_id bigint,
        unit_ids bigint[], status text, visibility text, reply_grade text, reply_excerpt text, record_updated_at timestamptz)
      on conflict (kind, record_id) do update set org_id = excluded.org_id, title = excluded.title, label = excluded.label,
        content = excluded.content, title_tsv = excluded.title_tsv, tsv = excluded.tsv, kw_tsv = excluded.kw_tsv,
        keywords = excluded.keywords, year = excluded.year, category_id = excluded.category_id, unit_ids = excluded.unit_ids,
        status = excluded.status, visibility = excluded.visibility, reply_grade = excluded.reply_grade,
        reply_excerpt = excluded.reply_excerpt, record_updated_at = excluded.record_updated_at, indexed_at = excluded.indexed_at`);
  }
}

/** Removes index rows of records that no longer exist. */
export async function deleteDocs(db: DbOrTx, kind: string, recordIds: number[]): Promise<void> {
  if (!recordIds.length) return;
  await db.delete(searchDocuments).where(and(eq(searchDocuments.kind, kind), inArray(searchDocuments.recordId, recordIds)));
}
