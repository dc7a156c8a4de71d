/** Database helpers of the generator: URLs, recreating a database, column-wise bulk inserts, explicit ids. */
import pg from 'pg';

export const DEFAULT_URL = 'postgres://postgres@127.0.0.1:5432/xs_bench';

/**
 * The database a mode or scale uses when DATABASE_URL is unset: `xs_bench_<name>`, so CI's `--smoke` (which drops
 * and recreates its database) never ends a full generation or a quick run going on beside it.
 */
export const defaultBenchUrl = (name: string) => withDatabase(DEFAULT_URL, `xs_bench_${name}`);

export function withDatabase(url: string, dbName: string): string {
  const u = new URL(url);
  u.pathname = `/${dbName}`;
  return u.toString();
}
export const dbNameOf = (url: string) => decodeURIComponent(new URL(url).pathname.slice(1));

export async function recreateDatabase(url: string): Promise<void> {
  const name = dbNameOf(url);
  if (!/^[a-z0-9_]+$/.test(name)) throw new Error(`refusing to recreate database with unusual name ${name}`);
  const admin = new pg.Client({ connectionString: withDatabase(url, 'postgres') });
  await admin.connect();
  try {
    await admin.query(`drop database if exists ${name} with (force)`);
    // UTF-8 collation: pg_trgm and Chinese text need it (a C-locale database drops Chinese characters).
    await admin.query(`create database ${name} template template0 encoding 'UTF8' lc_collate 'C.UTF-8' lc_ctype 'C.UTF-8'`);
  } finally {
    await admin.end();
  }
}

type PgType = 'bigint' | 'int' | 'text' | 'bool' | 'date' | 'timestamptz';
type Columns = Record<string, [PgType, unknown[]]>;

/** Column-wise bulk insert through unnest; ids are given explicitly (OVERRIDING SYSTEM VALUE). */
export async function insertColumns(client: pg.Client, table: string, cols: Columns, overriding = true): Promise<number> {
  const names = Object.keys(cols);
  const n = cols[names[0]][1].length;
  const CHUNK = 20_000;
  for (let i = 0; i < n; i += CHUNK) {
    const params = names.map((c) => cols[c][1].slice(i, i + CHUNK));
    const unnest = names.map((c, k) => `$${k + 1}::${cols[c][0]}[]`).join(', ');
    await client.query(`insert into ${table} (${names.join(', ')}) ${overriding ? 'overriding system value ' : ''}select * from unnest(${unnest})`, params);
  }
  return n;
}

/** Hands out explicit ids per table so link tables can be filled without reading ids back. */
export class Ids {
  private next = new Map<string, number>();
  take(table: string, count = 1): number {
    const id = this.next.get(table) ?? 1;
    this.next.set(table, id + count);
    return id;
  }
  tables() {
    return [...this.next.keys()];
  }
}
