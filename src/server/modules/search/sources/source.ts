import { sql, type SQL } from 'drizzle-orm';
import type { SearchKind } from '@common/search';
import type { Database, DbOrTx } from '@server/db/client';
import { deleteDocs, prepareRows, upsertDocs, writeRows, type SearchDoc } from '../search.index';

/**
 * One searchable kind other than proposals: how to load its records (ONE statement per batch, no per-row
 * queries) and turn a row into a SearchDoc. `table` is the record table; its `updated_at` is the stamp the
 * catch-up compares with the index row's `record_updated_at`.
 */
export interface Source<R extends { id: number | string }> {
  kind: SearchKind;
  table: string;
  load(db: DbOrTx, ids: number[]): Promise<R[]>;
  toDoc(row: R): SearchDoc;
}

/** `in (…)` list of ids. */
export const idList = (ids: number[]): SQL =>
  sql`(${sql.join(
    ids.map((id) => sql`${id}`),
    sql`, `,
  )})`;

export async function rowsOf<R>(db: DbOrTx, q: SQL): Promise<R[]> {
  const res = (await db.execute(q)) as unknown as { rows: R[] };
  return res.rows;
}

/** Re-indexes records inside the caller's transaction (the commands call this after each change). */
export async function indexWith<R extends { id: number | string }>(source: Source<R>, db: DbOrTx, ids: number[]): Promise<number> {
  const unique = [...new Set(ids)];
  let n = 0;
  for (let i = 0; i < unique.length; i += 500) {
    const chunk = unique.slice(i, i + 500);
    const rows = await source.load(db, chunk);
    await upsertDocs(
      db,
      rows.map((r) => source.toDoc(r)),
    );
    const found = new Set(rows.map((r) => Number(r.id)));
    await deleteDocs(
      db,
      source.kind,
      chunk.filter((id) => !found.has(id)),
    );
    n += rows.length;
  }
  return n;
}

/** Every record of the kind, in the caller's transaction (demo data, imports). */
export async function indexAllWith<R extends { id: number | string }>(source: Source<R>, db: DbOrTx): Promise<number> {
  const rows = await rowsOf<{ id: number | string }>(db, sql`select id from ${sql.raw(source.table)} order by id`);
  return indexWith(
    source,
    db,
    rows.map((r) => Number(r.id)),
  );
}

export interface RefreshOptions {
  /** Rebuild every row, not only missing and stale ones. */
  all?: boolean;
  batch?: number;
  orgId?: number;
  /**
   * Stop after writing about this many rows (the worker's periodic pass: a bulk backlog is the CLI's job, so a
   * pass never costs more than a moment of CPU). Without it the pass runs to the end and also removes the rows
   * of records that no longer exist.
   */
  max?: number;
  /** Remove the index rows of records that no longer exist once the pass is over (default: when `max` is not set). */
  prune?: boolean;
}

/**
 * Catch-up: records with no index row or changed since theirs was built, each batch in its own transaction.
 * Idempotent, so every instance may run it; returns how many rows it wrote.
 */
export async function refreshWith<R extends { id: number | string }>(
  source: Source<R>,
  database: Database,
  opts: RefreshOptions = {},
): Promise<number> {
  const batch = Math.min(opts.batch ?? 1000, opts.max ?? Infinity);
  const t = sql.raw(source.table);
  let total = 0;
  let after = 0;
  // Pipelined: while PostgreSQL writes batch N (one statement, its own transaction, on one connection), Node reads
  // batch N+1 (on another) and cuts its words, so a bulk (re)index keeps both busy instead of taking turns.
  let writing: Promise<unknown> | null = null;
  try {
    while (opts.max === undefined || total < opts.max) {
      const rows = await database.rows<{ id: number }>(sql`
        -- Timestamps travel through JavaScript (millisecond precision): a difference below 1 ms is the same stamp.
        select x.id from ${t} x
        left join search_documents d on d.kind = ${source.kind} and d.record_id = x.id
        where x.id > ${after} ${opts.orgId ? sql`and x.org_id = ${opts.orgId}` : sql``}
          and (${opts.all ?? false} or d.id is null or abs(extract(epoch from d.record_updated_at - x.updated_at)) >= 0.001)
        order by x.id limit ${batch}`);
      if (!rows.length) break;
      const ids = rows.map((r) => Number(r.id));
      after = ids[ids.length - 1];
      const loaded = await source.load(database.db, ids);
      const prepared = prepareRows(loaded.map((r) => source.toDoc(r)));
      if (writing) await writing;
      const w = database.db.transaction((tx) => writeRows(tx, prepared));
      w.catch(() => undefined); // awaited below; this only keeps a failure from being reported as unhandled first
      writing = w;
      total += loaded.length;
    }
  } finally {
    if (writing) await writing;
  }
  if (opts.prune ?? opts.max === undefined) {
    // Index rows whose record was deleted.
    await database.db.execute(sql`
      delete from search_documents d where d.kind = ${source.kind} ${opts.orgId ? sql`and d.org_id = ${opts.orgId}` : sql``}
        and not exists (select 1 from ${t} x where x.id = d.record_id)`);
  }
  return total;
}

export const yearOf = (v: number | string | null): number | null => (v == null ? null : Number(v));
