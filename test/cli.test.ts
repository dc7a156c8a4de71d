import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type Database } from '@server/db/client';
import { runCli } from '@server/cli';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'xs-cli-'));
const dropList: string[] = [];
const base = process.env.TEST_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

/** Environment for the CLI pointing at a new, empty database (a PGlite folder or a PostgreSQL database). */
async function freshEnv(label: string): Promise<NodeJS.ProcessEnv> {
  if (process.env.XIESHANG_TEST_DB !== 'postgres') return { XIESHANG_DATA_DIR: path.join(dir, label) };
  const name = `xs_cli_${label}_${randomBytes(5).toString('hex')}`;
  const admin = new pg.Client({ connectionString: base });
  await admin.connect();
  await admin.query(`create database ${name} encoding 'UTF8' template template0`);
  await admin.end();
  dropList.push(name);
  const url = new URL(base);
  url.pathname = `/${name}`;
  return { DATABASE_URL: url.toString() };
}

async function cli(env: NodeJS.ProcessEnv, ...argv: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCli(argv, { out: (l) => out.push(l), err: (l) => err.push(l), env });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

/** Opens the CLI's database directly (closed again before the next CLI call: PGlite folders are single-user). */
async function withDb<T>(env: NodeJS.ProcessEnv, fn: (d: Database) => Promise<T>): Promise<T> {
  const d = await openDatabase({ databaseUrl: env.DATABASE_URL, dataDir: env.XIESHANG_DATA_DIR, poolSize: 1 });
  try {
    return await fn(d);
  } finally {
    await d.close();
  }
}

let source: NodeJS.ProcessEnv;
let target: NodeJS.ProcessEnv;
beforeAll(async () => {
  source = await freshEnv('source');
  target = await freshEnv('target');
});
afterAll(async () => {
  fs.rmSync(dir, { recursive: true, force: true });
  if (!dropList.length) return;
  const c = new pg.Client({ connectionString: base });
  await c.connect();
  for (const name of dropList) await c.query(`drop database if exists ${name} with (force)`);
  await c.end();
});

describe('command line', () => {
  it('prints usage; unknown commands and missing arguments exit 2', async () => {
    expect((await cli(source)).code).toBe(2);
    const help = await cli(source, 'help');
    expect(help.code).toBe(0);
    expect(help.out).toContain('create-admin');
    expect((await cli(source, 'frobnicate')).code).toBe(2);
    expect((await cli(source, 'backup')).code).toBe(2);
    expect((await cli(source, 'create-admin', '--username', 'x')).code).toBe(2);
  });

  it('migrates, creates a platform admin, and then refuses to load demo data', async () => {
    expect((await cli(source, 'migrate')).code).toBe(0);
    const weak = await cli(source, 'create-admin', '--username', 'boss', '--password', 'short');
    expect(weak.code).toBe(1);
    expect(weak.err).toContain('password');
    const ok = await cli(source, 'create-admin', '--username', 'boss', '--password', 'Boss2026pass', '--name', '平台管理员');
    expect(ok.code, ok.err).toBe(0);
    expect((await cli(source, 'create-admin', '--username', 'BOSS', '--password', 'Boss2026pass')).code).toBe(1);
    const grants = await withDb(source, (d) =>
      d.rows<{ role: string; code: string; parent_id: number | null; display_name: string }>(
        sql`select g.role, o.code, o.parent_id, a.display_name from role_grants g join organizations o on o.id = g.org_id join accounts a on a.id = g.account_id where a.username = 'boss'`,
      ),
    );
    expect(grants).toEqual([{ role: 'platform_admin', code: 'platform', parent_id: null, display_name: '平台管理员' }]);

    const demo = await cli(source, 'demo');
    expect(demo.code).toBe(1);
    expect(demo.err).toMatch(/Refused/);
  }, 120_000);

  it('backs up, restores into an empty database only, and verifies the audit chains', async () => {
    const verify = await cli(source, 'audit-verify');
    expect(verify.code, verify.err).toBe(0);
    expect(verify.out).toMatch(/ok\s+chain \d+ \(平台\): 3 rows/);

    const file = path.join(dir, 'b.ndjson.gz');
    const backup = await cli(source, 'backup', file);
    expect(backup.code, backup.err).toBe(0);
    expect(fs.existsSync(file)).toBe(true);

    const restored = await cli(target, 'restore', file);
    expect(restored.code, restored.err).toBe(0);
    expect(restored.out).toContain('0 broken');
    const again = await cli(target, 'restore', file);
    expect(again.code).toBe(1);
    expect(again.err).toContain('not empty');
    expect((await cli(target, 'restore', file, '--force')).code).toBe(0);
    const rows = await withDb(target, (d) => d.rows<{ username: string }>(sql`select username from accounts`));
    expect(rows).toEqual([{ username: 'boss' }]);
    expect((await cli(target, 'restore', path.join(dir, 'missing.gz'))).code).toBe(1);
  }, 120_000);

  it('proposal-clocks runs the clocks once (the worker does it on a timer) and checks --today', async () => {
    expect((await cli(source, 'proposal-clocks', '--today', '2026/03/01')).code).toBe(2);
    const res = await cli(source, 'proposal-clocks', '--today', '2026-03-02');
    expect(res.code, res.err).toBe(0);
    expect(res.out).toMatch(/as of 2026-03-02: 0 reminders, 0 overdue escalations, 0 evaluations closed/);
  }, 60_000);

  it('audit-verify names the first broken link and exits 1', async () => {
    await withDb(target, (d) => d.db.execute(sql`update audit_log set actor_name = 'someone else' where seq = 2`));
    const res = await cli(target, 'audit-verify');
    expect(res.code).toBe(1);
    expect(res.out).toMatch(/BROKEN\s+chain \d+ \(平台\): first broken link at seq 2 \(audit_log id \d+\): column actorName differs/);
  }, 60_000);

  it('runs as a program', () => {
    const res = spawnSync('npx', ['tsx', 'src/server/cli.ts', 'help'], { encoding: 'utf8', env: { ...process.env, ...source } });
    expect(res.status, res.stderr).toBe(0);
    expect(res.stdout).toContain('audit-verify');
  }, 120_000);
});
