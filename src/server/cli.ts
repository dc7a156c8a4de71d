import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { fileURLToPath } from 'node:url';
import { asc, isNull, sql } from 'drizzle-orm';
import { loadConfig } from './config';
import { openDatabase, runMigrations, type Database } from './db/client';
import { accounts, organizations, roleGrants } from './db/schema/index';
import { verifyAllChains, writeAudit, type AuditActor } from './lib/audit';
import { backupDatabase, BackupError, restoreDatabase } from './lib/backup';
import { AppError } from './lib/errors';
import { assertStrongPassword, hashPassword } from './lib/passwords';
import { loadDemo } from './demo/load';
import { refreshAll } from './modules/search/hooks';
import { runProposalClocks } from './modules/proposals/clocks';

/** Command-line administration: migrations, demo data, the first platform admin, backups, audit checks. */
const USAGE = `协商 Xieshang command line

Usage: npm run cli -- <command> [options]     (or: npx tsx src/server/cli.ts <command>)

  migrate                                  apply pending database migrations
  demo                                     load the demo data (empty database only; a second run does nothing)
  create-admin --username U --password P [--name N]
                                           create a platform administrator
  backup <file>                            write a portable backup (gzip'd NDJSON) of the whole database
  restore <file> [--force]                 restore a backup into an empty database (--force wipes it first)
  audit-verify                             verify every audit hash chain; exit code 1 if one is broken
  proposal-clocks [--today YYYY-MM-DD]     run the proposal clocks once (reminders, overdue escalation, evaluation
                                           expiry) — the server's worker does this every 5 minutes
  reindex [--all]                          bring the search index up to date (--all rebuilds every row)

The database is the embedded one in XIESHANG_DATA_DIR (default ./data), or PostgreSQL when DATABASE_URL is set.
Stop the server before backup or restore of the embedded database.`;

export interface CliIo {
  out(line: string): void;
  err(line: string): void;
  env?: NodeJS.ProcessEnv;
}

const CLI_ACTOR: AuditActor = { accountId: null, name: 'command line', requestId: 'cli' };

/** Runs one command and returns the process exit code (0 ok, 1 failure, 2 usage error). */
export async function runCli(argv: string[], io: CliIo = { out: console.log, err: console.error }): Promise<number> {
  const [command, ...rest] = argv;
  if (!command || command === 'help' || command === '--help' || command === '-h') {
    io.out(USAGE);
    return command ? 0 : 2;
  }
  const known = ['migrate', 'demo', 'create-admin', 'backup', 'restore', 'audit-verify', 'proposal-clocks', 'reindex'];
  if (!known.includes(command)) {
    io.err(`unknown command: ${command}\n\n${USAGE}`);
    return 2;
  }
  let args: ReturnType<typeof parse>;
  try {
    args = parse(rest);
  } catch (e) {
    io.err(`${(e as Error).message}\n\n${USAGE}`);
    return 2;
  }
  // Argument checks come before the database is opened (opening the embedded one takes seconds).
  if ((command === 'backup' || command === 'restore') && !args.positionals[0]) return usage(io, `${command} needs a file name`);
  if (command === 'create-admin') {
    const problem = checkAdminArgs(args.values);
    if (problem === 'weak') {
      io.err(`失败 Failed: ${new AppError(400, 'weak_password', { field: 'password' }).localized('zh-CN')} (weak_password, password)`);
      return 1;
    }
    if (problem) return usage(io, problem);
  }
  if (command === 'proposal-clocks' && args.values.today !== undefined && !/^\d{4}-\d{2}-\d{2}$/.test(String(args.values.today)))
    return usage(io, '--today takes a date YYYY-MM-DD');
  const config = loadConfig(io.env ?? process.env);
  const database = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir, poolSize: 2 });
  const where = database.kind === 'pglite' ? `embedded database at ${config.dataDir}` : 'PostgreSQL (DATABASE_URL)';
  try {
    switch (command) {
      case 'migrate':
        await runMigrations(database);
        io.out(`数据库已是最新 Migrations applied — ${where}`);
        return 0;
      case 'demo':
        return await demo(database, io, where);
      case 'create-admin':
        return await createAdmin(database, io, args.values);
      case 'backup': {
        const file = args.positionals[0];
        const started = Date.now();
        const res = await backupDatabase(database, path.resolve(file));
        const size = fs.statSync(res.file).size;
        io.out(
          `备份完成 Backup written: ${res.file} — ${Object.keys(res.tables).length} tables, ${res.rows} rows, ${(size / 1024).toFixed(1)} KiB, ${((Date.now() - started) / 1000).toFixed(1)} s (${where})`,
        );
        return 0;
      }
      case 'restore': {
        const file = args.positionals[0];
        await runMigrations(database);
        const res = await restoreDatabase(database, path.resolve(file), { force: !!args.values.force });
        io.out(`恢复完成 Restored ${res.rows} rows into ${Object.keys(res.tables).length} tables from ${path.resolve(file)} (${where})`);
        const reports = await verifyAllChains(database);
        const broken = reports.filter((r) => !r.ok).length;
        io.out(`审计链 Audit chains after restore: ${reports.length} checked, ${broken} broken`);
        return broken ? 1 : 0;
      }
      case 'audit-verify':
        return await auditVerify(database, io);
      case 'proposal-clocks': {
        await runMigrations(database);
        const today = typeof args.values.today === 'string' ? args.values.today : undefined;
        const res = await runProposalClocks(database.db, { today });
        io.out(
          `提案时限已处理 Proposal clocks run${today ? ` as of ${today}` : ''}: ${res.reminders} reminders, ${res.escalations} overdue escalations, ${res.expired} evaluations closed as 未表态 (${where})`,
        );
        return 0;
      }
      case 'reindex': {
        await runMigrations(database);
        const started = Date.now();
        const n = await refreshAll(database, { all: args.values.all === true });
        io.out(`检索索引已更新 Search index: ${n} records indexed in ${((Date.now() - started) / 1000).toFixed(1)} s (${where})`);
        return 0;
      }
      default:
        return usage(io, `unknown command: ${command}`);
    }
  } catch (e) {
    if (e instanceof BackupError) io.err(`失败 Failed: ${e.message}`);
    else if (e instanceof AppError) io.err(`失败 Failed: ${e.localized('zh-CN')} (${e.code}${e.opts.field ? `, ${e.opts.field}` : ''})`);
    else {
      const cause = (e as Error).cause as Error | undefined;
      io.err(`失败 Failed: ${(e as Error).stack ?? String(e)}${cause ? `\ncaused by: ${cause.message}` : ''}`);
    }
    return 1;
  } finally {
    await database.close();
  }
}

function parse(rest: string[]) {
  return parseArgs({
    args: rest,
    allowPositionals: true,
    options: {
      username: { type: 'string' },
      password: { type: 'string' },
      name: { type: 'string' },
      force: { type: 'boolean' },
      all: { type: 'boolean' },
      today: { type: 'string' },
    },
  });
}

function usage(io: CliIo, problem: string): number {
  io.err(`${problem}\n\n${USAGE}`);
  return 2;
}

async function demo(database: Database, io: CliIo, where: string): Promise<number> {
  await runMigrations(database);
  const started = Date.now();
  const res = await loadDemo(database);
  switch (res.status) {
    case 'loaded':
      io.out(
        `演示数据已加载 Demo data loaded in ${((Date.now() - started) / 1000).toFixed(1)} s (${where}): ` +
          Object.entries(res.counts)
            .map(([k, v]) => `${v} ${k}`)
            .join(', '),
      );
      return 0;
    case 'already_loaded':
      io.out('演示数据已存在，未作更改 Demo data is already loaded; nothing to do.');
      return 0;
    case 'refused':
      io.err(`拒绝加载演示数据 Refused to load demo data: ${res.reason}. Nothing was changed.`);
      return 1;
  }
}

/** Returns a usage problem, 'weak' for a weak password, or null when the arguments are fine. */
function checkAdminArgs(v: { username?: string; password?: string }): string | null {
  const username = v.username?.trim();
  if (!username || !v.password) return 'create-admin needs --username and --password';
  if (!/^[A-Za-z0-9_.@-]{2,40}$/.test(username)) return 'the username may hold letters, digits and _ . @ - (2 to 40 characters)';
  try {
    assertStrongPassword(v.password, 'password');
  } catch {
    return 'weak';
  }
  return null;
}

async function createAdmin(database: Database, io: CliIo, v: { username?: string; password?: string; name?: string }): Promise<number> {
  const username = v.username!.trim();
  await runMigrations(database);
  const passwordHash = await hashPassword(v.password!);
  const displayName = v.name?.trim() || username;
  const outcome = await database.db.transaction(async (tx) => {
    const [existing] = await database.rows<{ id: number }>(sql`select id from accounts where lower(username) = lower(${username})`, tx);
    if (existing) return { error: `an account named ${username} already exists` };
    let [root] = await tx.select().from(organizations).where(isNull(organizations.parentId)).orderBy(asc(organizations.id)).limit(1);
    if (!root) {
      const values = { code: 'platform', name: '协商平台', shortName: '平台', level: 'national' as const, region: '' };
      [root] = await tx.insert(organizations).values(values).returning();
      await writeAudit(tx, CLI_ACTOR, { orgId: root.id, entityType: 'organization', entityId: root.id, action: 'create', after: values });
    }
    const [acc] = await tx.insert(accounts).values({ username, displayName, passwordHash }).returning({ id: accounts.id });
    await writeAudit(tx, CLI_ACTOR, {
      orgId: root.id,
      entityType: 'account',
      entityId: acc.id,
      action: 'create',
      after: { username, displayName },
    });
    const [grant] = await tx
      .insert(roleGrants)
      .values({ accountId: acc.id, orgId: root.id, role: 'platform_admin' })
      .returning({ id: roleGrants.id });
    await writeAudit(tx, CLI_ACTOR, {
      orgId: root.id,
      entityType: 'grant',
      entityId: grant.id,
      action: 'create',
      after: { accountId: acc.id, role: 'platform_admin' },
    });
    return { root: root.name, accountId: acc.id };
  });
  if ('error' in outcome) {
    io.err(`失败 Failed: ${outcome.error}`);
    return 1;
  }
  io.out(`平台管理员已创建 Platform admin ${username} created (account ${outcome.accountId}, platform_admin on ${outcome.root}).`);
  return 0;
}

async function auditVerify(database: Database, io: CliIo): Promise<number> {
  const reports = await verifyAllChains(database);
  if (reports.length === 0) {
    io.out('没有审计记录 No audit chains yet.');
    return 0;
  }
  const names = new Map(
    (await database.db.select({ id: organizations.id, name: organizations.shortName }).from(organizations)).map((o) => [
      String(o.id),
      o.name,
    ]),
  );
  let broken = 0;
  for (const r of reports) {
    const label = `chain ${r.chainKey}${names.has(r.chainKey) ? ` (${names.get(r.chainKey)})` : ''}`;
    if (r.ok) io.out(`  ok      ${label}: ${r.rows} rows`);
    else {
      broken++;
      const at = r.brokenAt!;
      io.out(`  BROKEN  ${label}: first broken link at seq ${at.seq}${at.id ? ` (audit_log id ${at.id})` : ''}: ${at.problem}`);
    }
  }
  if (broken) {
    io.err(`审计链被破坏 ${broken} of ${reports.length} audit chains are broken.`);
    return 1;
  }
  io.out(`审计链完好 All ${reports.length} audit chains verified.`);
  return 0;
}

// Run when executed directly (tsx src/server/cli.ts …), not when imported by tests.
if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  runCli(process.argv.slice(2)).then(
    (code) => process.exit(code),
    (err) => {
      console.error(err);
      process.exit(1);
    },
  );
}
