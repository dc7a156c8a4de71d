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
});
