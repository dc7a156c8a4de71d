import pg from 'pg';
import { openDatabase, runMigrations } from '../src/server/db/client';

/**
 * XIESHANG_TEST_DB=postgres: create one fresh database per run (UTF-8) on the server and migrate it;
 * test files share it and isolate themselves by building their own organizations.
 * Default (PGlite): every test file opens its own in-memory database.
 */
export default async function setup() {
  if (process.env.XIESHANG_TEST_DB !== 'postgres') return;
  const base = process.env.TEST_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
  const name = `xs_test_${Date.now()}_${process.pid}`;
  const admin = new pg.Client({ connectionString: base });
  await admin.connect();
  await admin.query(`create database ${name} encoding 'UTF8' template template0`);
  await admin.end();
  const url = new URL(base);
  url.pathname = `/${name}`;
  process.env.XIESHANG_TEST_PG_URL = url.toString();
  const database = await openDatabase({ databaseUrl: url.toString() });
  await runMigrations(database);
  await database.close();
  return async () => {
    if (process.env.KEEP_TEST_DB) return;
    const c = new pg.Client({ connectionString: base });
    await c.connect();
    await c.query(`drop database if exists ${name} with (force)`);
    await c.end();
  };
}
