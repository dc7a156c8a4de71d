import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { loadConfig } from '@server/config';
import { openDatabase, runMigrations, type Database } from '@server/db/client';
import { buildApp } from '@server/app';

/**
 * Stopping under load (main.ts: app.close(), then the database): a request whose client went away keeps running
 * its handler, and closing the HTTP server no longer waits for it once its connection is gone. app.close() must
 * wait for such handlers, so none of them queries a database that has been closed meanwhile.
 */
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

interface Slow {
  app: FastifyInstance;
  database: Database;
  port: number;
  entered: () => number;
  release: () => void;
  results: string[];
}

async function slowApp(drainMs?: number): Promise<Slow> {
  const config = { ...loadConfig({}), cookieSecure: false as const, worker: false, sessionCacheSeconds: 0 };
  const url = process.env.XIESHANG_TEST_DB === 'postgres' ? process.env.XIESHANG_TEST_PG_URL : undefined;
  const database = await openDatabase({ databaseUrl: url, poolSize: 3 });
  if (database.kind === 'pglite') await runMigrations(database);
  const app = await buildApp({ config, database, ...(drainMs !== undefined ? { closeDrainMs: drainMs } : {}) });
  let entered = 0;
  let release!: () => void;
  const gate = new Promise<void>((r) => (release = r));
  const results: string[] = [];
  // A handler that queries, waits (as a slow request does under load), then queries again.
  app.get('/api/test/slow', { config: { public: true } }, async () => {
    await database.rows(sql`select 1 as one`);
    entered++;
    await gate;
    try {
      await database.rows(sql`select 2 as two`);
      results.push('ok');
    } catch (err) {
      results.push(err instanceof Error ? err.message : String(err));
    }
    return { ok: true };
  });
  await app.listen({ port: 0, host: '127.0.0.1' });
  return { app, database, port: (app.server.address() as AddressInfo).port, entered: () => entered, release, results };
}

/** Sends GETs and, once their handlers are running, drops the connections (a client gone away under load). */
async function abandoned(s: Slow, n: number) {
  const reqs = Array.from({ length: n }, () => {
    const r = http.get({ host: '127.0.0.1', port: s.port, path: '/api/test/slow', agent: false });
    r.on('error', () => undefined);
    return r;
  });
  for (let i = 0; i < 400 && s.entered() < n; i++) await sleep(10);
  expect(s.entered()).toBe(n);
  for (const r of reqs) r.destroy();
  await sleep(50);
}

let open: Slow | null = null;
afterEach(async () => {
  open?.release();
  await open?.app.close().catch(() => undefined);
  await open?.database.close().catch(() => undefined);
  open = null;
});

describe('graceful shutdown', () => {
  it('app.close() waits for the handlers of requests whose clients went away, so none queries a closed database', async () => {
    const s = (open = await slowApp());
    await abandoned(s, 3);
    let closed = false;
    const closing = s.app.close().then(() => (closed = true));
    await sleep(150);
    expect(closed).toBe(false);
    s.release();
    await closing;
    // What main.ts does next: the database is closed only now.
    await s.database.close();
    await sleep(20);
    expect(s.results).toEqual(['ok', 'ok', 'ok']);
  });

  it('a handler that never finishes holds app.close() at most for the drain time', async () => {
    const s = (open = await slowApp(200));
    await abandoned(s, 1);
    const t0 = Date.now();
    await s.app.close();
    expect(Date.now() - t0).toBeGreaterThanOrEqual(150);
    expect(Date.now() - t0).toBeLessThan(5_000);
  });

  it('a request finished normally is not waited for', async () => {
    const s = (open = await slowApp(5_000));
    s.release();
    const res = await fetch(`http://127.0.0.1:${s.port}/api/test/slow`);
    expect(res.status).toBe(200);
    const t0 = Date.now();
    await s.app.close();
    expect(Date.now() - t0).toBeLessThan(2_000);
    expect(s.results).toEqual(['ok']);
  });
});
