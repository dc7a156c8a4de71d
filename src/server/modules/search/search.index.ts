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

/** The CPU part of indexing (word cutting), separate so that a bulk load can overlap it with the writes. */
export function prepareRows(docs: SearchDoc[]) {
  return docs.map((d) => {
    const titleWords = indexWords(d.title);
    const bodyWords = indexWords(d.content);
    const kws = keyWords(`${d.title}\n${d.title}\n${d.content}`, KEYWORDS_PER_DOC);
    const orgs = sql`${orgTokensVector([d.orgId, ...(d.sharedWith ?? [])])}::tsvector`;
    return {
      orgId: d.orgId,
      kind: d.kind,
      recordId: d.recordId,
      title: d.title,
      label: d.label,
      content: d.content.slice(0, CONTENT_CAP),
      titleTsv: sql`to_tsvector('simple', ${titleWords}) || ${orgs}`,
      tsv: sql`setweight(to_tsvector('simple', ${titleWords}), 'A') || to_tsvector('simple', ${bodyWords}) || ${orgs}`,
      kwTsv: sql`to_tsvector('simple', ${kws.join(' ')}) || ${orgs}`,
      keywords: kws,
      year: d.year,
      categoryId: d.categoryId,
      unitIds: d.unitIds,
      status: d.status,
      visibility: d.visibility,
      replyGrade: d.replyGrade,
      replyExcerpt: d.replyExcerpt,
      recordUpdatedAt: d.recordUpdatedAt,
      indexedAt: new Date(),
    };
  });
}

export type PreparedRow = ReturnType<typeof prepareRows>[number];

/** Inserts or replaces prepared rows, 200 a statement. */
export async function writeRows(db: DbOrTx, rows: PreparedRow[]): Promise<void> {
  for (let i = 0; i < rows.length; i += 200) {
    const values = rows.slice(i, i + 200);
    const excluded = (col: string) => sql.raw(`excluded.${col}`);
    await db
      .insert(searchDocuments)
      .values(values)
      .onConflictDoUpdate({
        target: [searchDocuments.kind, searchDocuments.recordId],
        set: Object.fromEntries(
          [
            ['orgId', 'org_id'],
            ['title', 'title'],
            ['label', 'label'],
            ['content', 'content'],
            ['titleTsv', 'title_tsv'],
            ['tsv', 'tsv'],
            ['kwTsv', 'kw_tsv'],
            ['keywords', 'keywords'],
            ['year', 'year'],
            ['categoryId', 'category_id'],
            ['unitIds', 'unit_ids'],
            ['status', 'status'],
            ['visibility', 'visibility'],
            ['replyGrade', 'reply_grade'],
            ['replyExcerpt', 'reply_excerpt'],
            ['recordUpdatedAt', 'record_updated_at'],
            ['indexedAt', 'indexed_at'],
          ].map(([k, c]) => [k, excluded(c)]),
        ),
      });
  }
}

/** Removes index rows of records that no longer exist. */
export async function deleteDocs(db: DbOrTx, kind: string, recordIds: number[]): Promise<void> {
  if (!recordIds.length) return;
  await db.delete(searchDocuments).where(and(eq(searchDocuments.kind, kind), inArray(searchDocuments.recordId, recordIds)));
}
