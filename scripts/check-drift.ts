/**
 * Fails (exit 1) when the schema in src/server/db/schema and the migrations in drizzle/ differ.
 *
 * It copies drizzle/ to a temporary folder and runs `drizzle-kit generate` against the copy: when the
 * schema matches the last snapshot, drizzle-kit writes nothing; otherwise the new migration it writes is
 * exactly the difference, which is printed. It also checks that the journal and the .sql files agree.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const migrations = path.join(root, 'drizzle');
const schema = './src/server/db/schema/index.ts';

function fail(message: string): never {
  console.error(`\n✗ Schema drift: ${message}\n  Fix: edit src/server/db/schema/* and run \`npm run db:generate\`.\n`);
  process.exit(1);
}

const listFiles = (dir: string): string[] =>
  fs.existsSync(dir)
    ? fs.readdirSync(dir, { recursive: true, withFileTypes: true }).filter((e) => e.isFile()).map((e) => path.relative(dir, path.join(e.parentPath, e.name))).sort()
    : [];

// 1. Journal ↔ SQL files.
const journalFile = path.join(migrations, 'meta', '_journal.json');
if (!fs.existsSync(journalFile)) fail('drizzle/meta/_journal.json is missing');
const journal = JSON.parse(fs.readFileSync(journalFile, 'utf8')) as { entries: Array<{ tag: string }> };
const sqlFiles = listFiles(migrations).filter((f) => f.endsWith('.sql') && !f.includes(path.sep));
const tags = journal.entries.map((e) => `${e.tag}.sql`).sort();
const missing = tags.filter((t) => !sqlFiles.includes(t));
const unlisted = sqlFiles.filter((f) => !tags.includes(f));
if (missing.length) fail(`the journal lists migrations without a file: ${missing.join(', ')}`);
if (unlisted.length) fail(`migration files not in the journal: ${unlisted.join(', ')}`);

// 2. Generate against a copy; anything new is drift.
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'xs-drift-'));
try {
  const copy = path.join(tmp, 'drizzle');
  fs.cpSync(migrations, copy, { recursive: true });
  const before = listFiles(copy);
  const res = spawnSync('npx', ['drizzle-kit', 'generate', '--dialect', 'postgresql', '--schema', schema, '--out', path.relative(root, copy), '--name', 'drift_check'], {
    cwd: root,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
    timeout: 120_000,
  });
  const output = `${res.stdout ?? ''}${res.stderr ?? ''}`;
  // drizzle-kit can print an error and still exit 0, so an unexplained silence also fails.
  const added0 = listFiles(copy).filter((f) => !before.includes(f));
  if (res.status !== 0 || /error/i.test(output) || (!added0.length && !/no schema changes/i.test(output))) {
    console.error(output);
    fail(`drizzle-kit generate failed (exit ${res.status ?? res.signal}); a rename it cannot decide without asking also counts as drift`);
  }
  const added = added0;
  const newSql = added.filter((f) => f.endsWith('.sql'));
  if (added.length) {
    for (const f of newSql) {
      console.error(`--- the schema needs this migration (${f}) ---`);
      console.error(fs.readFileSync(path.join(copy, f), 'utf8').split('\n').slice(0, 60).join('\n'));
    }
    fail(`src/server/db/schema differs from drizzle/ (drizzle-kit would write ${added.join(', ')})`);
  }
  console.log(`✓ No schema drift: src/server/db/schema matches drizzle/ (${journal.entries.length} migration${journal.entries.length === 1 ? '' : 's'}).`);
} finally {
  fs.rmSync(tmp, { recursive: true, force: true });
}
