import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { PGlite } from '@electric-sql/pglite';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import { drizzle as drizzlePg } from 'drizzle-orm/node-postgres';
import { migrate as migratePg } from 'drizzle-orm/node-postgres/migrator';
import type { PgDatabase, PgQueryResultHKT, PgTransaction } from 'drizzle-orm/pg-core';
import type { ExtractTablesWithRelations, SQL } from 'drizzle-orm';
import pg from 'pg';
import * as schema from './schema/index';

export type Schema = typeof schema;
export type Db = PgDatabase<PgQueryResultHKT, Schema>;
export type Tx = PgTransaction<PgQueryResultHKT, Schema, ExtractTablesWithRelations<Schema>>;
export type DbOrTx = Db | Tx;

export type DatabaseKind = 'pglite' | 'postgres';

export interface Database {
  kind: DatabaseKind;
  db: Db;
  /** Runs raw SQL and returns rows with int8 values already turned into numbers on both drivers. */
  rows<T = Record<string, unknown>>(query: SQL, tx?: DbOrTx): Promise<T[]>;
  close(): Promise<void>;
  /** PGlite only: the underlying instance (used by backup). */
  pglite?: PGlite;
  pool?: pg.Pool;
}

export const MIGRATIONS_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../drizzle');

// int8 → number on the pg driver, matching PGlite; all our ids and counts fit in 2^53.
pg.types.setTypeParser(20, (v) => Number(v));

/**
 * Server-side prepared statements for every parameterised query (the statement's name is a hash of its text), so
 * PostgreSQL plans a query once per connection instead of on every request. The list and detail queries join five
 * tables and carry correlated sub-selects: planning them cost more than running them (about 1.2 ms against 0.35 ms
 * warm, and 15–35 ms on a loaded machine). Texts without parameters are prepared only when they are one plain
 * `select` / `with` (so migrations and multi-statement texts are left alone). At most `MAX_NAMED` distinct texts are named; later ones run unnamed, so memory stays bounded.
 * Off with `XIESHANG_PG_PREPARE=false` (e.g. behind a transaction-pooling PgBouncer).
 */
const MAX_NAMED = 5000;
const statementNames = new Map<string, string>();
function statementName(text: string): string | undefined {
  let name = statementNames.get(text);
  if (name === undefined && statementNames.size < MAX_NAMED) {
    name = `xs_${createHash('sha1').update(text).digest('hex').slice(0, 24)}`;
    statementNames.set(text, name);
  }
  return name;
}

/** A parameterless text is prepared too when it is one plain read (never a migration's several statements). */
const READ_ONLY_SINGLE = /^\s*(select|with)\s/i;
class PreparingClient extends pg.Client {}
const baseQuery = pg.Client.prototype.query as (this: pg.Client, ...args: unknown[]) => unknown;
(PreparingClient.prototype as unknown as { query: (this: pg.Client, ...args: unknown[]) => unknown }).query = function (...args) {
  const [config, values] = args;
  const text = typeof config === 'string' ? config : (config as { text?: unknown } | null)?.text;
  const single = typeof text === 'string' && READ_ONLY_SINGLE.test(text) && !text.includes(';');
  if ((Array.isArray(values) && values.length > 0) || single) {
    if (typeof config === 'string') {
      const name = statementName(config);
      if (name) args[0] = { text: config, name };
    } else if (config && typeof config === 'object' && !('submit' in config)) {
      const c = config as { text?: unknown; name?: unknown };
      if (typeof c.text === 'string' && !c.name) {
        const name = statementName(c.text);
        if (name) args[0] = { ...c, name };
      }
    }
  }
  return baseQuery.apply(this, args);
};

async function rowsOf<T>(db: DbOrTx, query: SQL): Promise<T[]> {
  const res = (await db.execute(query)) as unknown as { rows: T[] };
  return res.rows;
}

export interface OpenOptions {
  databaseUrl?: string;
  dataDir?: string;
  /** An existing PGlite instance (tests clone a migrated template). */
  pglite?: PGlite;
  poolSize?: number;
}

/** Opens the embedded PGlite database (default) or a PostgreSQL server when a URL is given. */
export async function openDatabase(opts: OpenOptions): Promise<Database> {
  if (opts.databaseUrl) {
    const prepare = process.env.XIESHANG_PG_PREPARE !== 'false';
    // JIT off for the app's sessions: its short statements never gain from it, and at 1 M rows the planner's cost
    // estimates pass the JIT thresholds, so compiling took seconds (ranked search: 2.4 s of JIT, 6 ms of execution).
    const pool = new pg.Pool({
      connectionString: opts.databaseUrl,
      max: opts.poolSize ?? 10,
      options: '-c jit=off',
      ...(prepare ? { Client: PreparingClient as unknown as typeof pg.Client } : {}),
    });
    const db = drizzlePg(pool, { schema }) as unknown as Db;
    return {
      kind: 'postgres',
      db,
      pool,
      rows: (q, tx) => rowsOf(tx ?? db, q),
      close: () => pool.end(),
    };
  }
  let pglite = opts.pglite;
  if (!pglite) {
    if (opts.dataDir) fs.mkdirSync(opts.dataDir, { recursive: true });
    pglite = await PGlite.create(opts.dataDir ? { dataDir: opts.dataDir } : {});
  }
  const db = drizzlePglite(pglite, { schema }) as unknown as Db;
  const instance = pglite;
  return {
    kind: 'pglite',
    db,
    pglite: instance,
    rows: (q, tx) => rowsOf(tx ?? db, q),
    close: () => instance.close(),
  };
}

/** Applies every pending migration. Safe to run on each start; concurrent starts serialise on a lock. */
export async function runMigrations(database: Database): Promise<void> {
  if (database.kind === 'pglite') {
    await migratePglite(database.db as never, { migrationsFolder: MIGRATIONS_DIR });
    return;
  }
  const client = await database.pool!.connect();
  try {
    await client.query('select pg_advisory_lock(727001)');
    await migratePg(drizzlePg(client) as never, { migrationsFolder: MIGRATIONS_DIR });
  } finally {
    await client.query('select pg_advisory_unlock(727001)').catch(() => undefined);
    client.release();
  }
}
