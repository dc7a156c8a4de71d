import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { createTestApp, type TestContext } from './helpers';

describe('database sessions', () => {
  let ctx: TestContext;
  beforeAll(async () => {
    ctx = await createTestApp();
  });
  afterAll(() => ctx.close());

  // At 1 M rows the planner's estimates pass the JIT thresholds and compiling a search statement took seconds.
  it.skipIf(process.env.XIESHANG_TEST_DB !== 'postgres')('every pooled PostgreSQL session runs with JIT off', async () => {
    const rows = await Promise.all(Array.from({ length: 5 }, () => ctx.database.rows<{ jit: string }>(sql`select current_setting('jit') as jit, pg_sleep(0.05)`)));
    expect(rows.map((r) => r[0].jit)).toEqual(['off', 'off', 'off', 'off', 'off']);
  });

  // 案由 search's index expression (migration 0020): every character and character pair, lower-cased.
  it('xs_grams holds the characters and pairs; xs_query_grams what a searched text requires', async () => {
    const [r] = await ctx.database.rows<{ g: string[]; q1: string[]; q2: string[]; q0: string[] }>(
      sql`select xs_grams('公交Ab公交') as g, xs_query_grams('B') as q1, xs_query_grams('公交A') as q2, xs_query_grams('') as q0`,
    );
    expect([...r.g].sort()).toEqual(['a', 'ab', 'b', 'b公', '交', '交a', '公', '公交'].sort());
    expect(r.q1).toEqual(['b']);
    expect([...r.q2].sort()).toEqual(['交a', '公交'].sort());
    expect(r.q0).toEqual([]);
  });

  // The index writer's PostgreSQL CPU: lz4 compresses the body vectors for less than pglz (the embedded database has
  // no lz4 and keeps the default, so the migration passes there too).
  it('compresses the search index with lz4 where the server has it, and keeps the default where not', async () => {
    const [{ lz4 }] = await ctx.database.rows<{ lz4: boolean }>(
      sql`select coalesce((select 'lz4' = any(enumvals) from pg_settings where name = 'default_toast_compression'), false) as lz4`,
    );
    const cols = await ctx.database.rows<{ attname: string; c: string }>(sql`
      select attname, attcompression::text as c from pg_attribute
      where attrelid = 'search_documents'::regclass and attname in ('tsv', 'content', 'kw_tsv', 'title_tsv') order by attname`);
    expect(cols.map((r) => r.c)).toEqual(Array(4).fill(lz4 ? 'l' : ''));
    if (process.env.XIESHANG_TEST_DB === 'postgres') expect(lz4).toBe(true);
  });
});
