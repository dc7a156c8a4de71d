import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { randomBytes } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '@server/config';
import { buildApp } from '@server/app';
import type { Database } from '@server/db/client';
import { organizations } from '@server/db/schema/index';
import { verifyAllChains } from '@server/lib/audit';
import { backupDatabase, BackupError, listTables, restoreDatabase } from '@server/lib/backup';
import { loadDemo } from '@server/demo/load';
import { DEMO_PASSWORD } from '@server/demo/accounts';
import { createOrg, login, signedIn, freshDatabase } from './helpers';


async function tableCounts(database: Database): Promise<Record<string, number>> {
  const out: Record<string, number> = {};
  for (const t of await listTables(database)) {
    const [row] = await database.rows<{ n: number }>(sql`select count(*)::int as n from ${sql.identifier(t.name)}`);
    out[t.name] = Number(row.n);
  }
  return out;
}

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'xs-backup-'));
const file = path.join(dir, 'backup.ndjson.gz');
let source: Awaited<ReturnType<typeof freshDatabase>>;
let target: Awaited<ReturnType<typeof freshDatabase>>;
let sourceCounts: Record<string, number>;

beforeAll(async () => {
  source = await freshDatabase();
  target = await freshDatabase();
  expect((await loadDemo(source.database)).status).toBe('loaded');
  // Changes through the API as well, so sessions, grants and non-demo audit rows are in the backup.
  const app = await buildApp({ config: { ...loadConfig({}), cookieSecure: false, worker: false }, database: source.database });
  await app.ready();
  const org = await createOrg(source.database);
  const admin = await signedIn({ app, database: source.database, config: loadConfig({}), close: async () => undefined }, [{ orgId: org.id, role: 'org_admin' }]);
  expect((await admin.patch(`/api/orgs/${org.id}`, { name: '备份测试政协', version: 1 })).statusCode).toBe(200);
  expect((await admin.post(`/api/orgs/${org.id}/terms`, { number: 3, startDate: '2022-01-05' })).statusCode).toBe(200);
  await app.close();
  sourceCounts = await tableCounts(source.database);
}, 300_000); // the demo load takes a few seconds, much longer on a busy CI machine

afterAll(async () => {
  await source?.drop();
  await target?.drop();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('backup and restore', () => {
  it('restores into a fresh database with the same rows and intact audit chains', async () => {
    const res = await backupDatabase(source.database, file);
    expect(res.rows).toBe(Object.values(sourceCounts).reduce((a, b) => a + b, 0));
    const lines = zlib.gunzipSync(fs.readFileSync(file)).toString('utf8').trim().split('\n');
    const header = JSON.parse(lines[0]) as [string, { format: string; migrations: number; createdAt: string }];
    expect(header[0]).toBe('header');
    expect(header[1]).toMatchObject({ format: 'xieshang-backup', migrations: expect.any(Number) as number, createdAt: expect.any(String) as string });
    expect(JSON.parse(lines[lines.length - 1])[0]).toBe('end');

    await restoreDatabase(target.database, file);
    expect(await tableCounts(target.database)).toEqual(sourceCounts);
    const before = await verifyAllChains(source.database);
    const after = await verifyAllChains(target.database);
    expect(after.every((r) => r.ok)).toBe(true);
    expect(after).toEqual(before);
    expect(sourceCounts.audit_log).toBeGreaterThan(100);

    // Identity sequences continue after the restored ids.
    const [max] = await target.database.rows<{ m: number }>(sql`select max(id)::int as m from organizations`);
    const [org] = await target.database.db.insert(organizations).values({ code: `after-${randomBytes(3).toString('hex')}`, name: '恢复后新建', shortName: '新建', level: 'district' }).returning();
    expect(org.id).toBeGreaterThan(Number(max.m));

    // The restored accounts can sign in.
    const app = await buildApp({ config: { ...loadConfig({}), cookieSecure: false, worker: false }, database: target.database });
    await app.ready();
    const c = await login(app, 'xs_admin', DEMO_PASSWORD);
    const orgs = await c.get('/api/orgs');
    expect(orgs.json().items.map((o: { code: string }) => o.code)).toContain('cq-xiushan');
    await app.close();
  });

  it('refuses a non-empty database without force; force replaces its content', async () => {
    const counts = await tableCounts(target.database);
    expect(counts.organizations).toBe(sourceCounts.organizations + 1);
    await expect(restoreDatabase(target.database, file)).rejects.toThrow(/not empty/);
    expect(await tableCounts(target.database)).toEqual(counts);
    await restoreDatabase(target.database, file, { force: true });
    expect(await tableCounts(target.database)).toEqual(sourceCounts);
    expect((await verifyAllChains(target.database)).every((r) => r.ok)).toBe(true);
  });

  it('a failed restore changes nothing, even with force', async () => {
    const lines = zlib.gunzipSync(fs.readFileSync(file)).toString('utf8').trim().split('\n');
    const truncated = path.join(dir, 'truncated.ndjson.gz');
    fs.writeFileSync(truncated, zlib.gzipSync(lines.slice(0, -5).join('\n') + '\n'));
    await expect(restoreDatabase(target.database, truncated, { force: true })).rejects.toThrow(BackupError);
    expect(await tableCounts(target.database)).toEqual(sourceCounts);

    // A row that breaks a constraint (duplicate primary key) rolls back too.
    const dup = lines.slice();
    const orgTable = dup.findIndex((l) => l.startsWith('["table",{"name":"organizations"'));
    dup.splice(orgTable + 2, 0, dup[orgTable + 1]);
    const bad = path.join(dir, 'duplicate.ndjson.gz');
    fs.writeFileSync(bad, zlib.gzipSync(dup.join('\n') + '\n'));
    await expect(restoreDatabase(target.database, bad, { force: true })).rejects.toThrow();
    expect(await tableCounts(target.database)).toEqual(sourceCounts);

    // A backup from another schema version is refused before anything is touched.
    const header = JSON.parse(lines[0]) as [string, Record<string, unknown>];
    const other = path.join(dir, 'other-version.ndjson.gz');
    fs.writeFileSync(other, zlib.gzipSync([JSON.stringify(['header', { ...header[1], migrations: 999 }]), ...lines.slice(1)].join('\n') + '\n'));
    await expect(restoreDatabase(target.database, other, { force: true })).rejects.toThrow(/migration 999/);
    await expect(restoreDatabase(target.database, path.join(dir, 'missing.gz'))).rejects.toThrow(/not found/);
    expect(await tableCounts(target.database)).toEqual(sourceCounts);
  });
});
