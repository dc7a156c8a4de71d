import fs from 'node:fs';
import readline from 'node:readline';
import zlib from 'node:zlib';
import { once } from 'node:events';
import { sql, type SQL } from 'drizzle-orm';
import type { Database, DbOrTx } from '@server/db/client';

/**
 * Portable backups: a gzip'd NDJSON file that PGlite and PostgreSQL both read and write.
 *
 * Line 1 is the header `["header", {...}]`; each table starts with `["table", {name, columns}]` followed by
 * one line per row (the row exactly as PostgreSQL's `row_to_json` printed it, so numbers, jsonb and
 * timestamps round-trip without passing through JavaScript types); the last line is `["end", {counts}]`.
 * Tables are discovered from the catalog (so tables added later are included) and written in
 * foreign-key order; restore loads them in the same order inside one transaction.
 */
export const BACKUP_FORMAT = 'xieshang-backup';
export const BACKUP_VERSION = 1;
const PAGE = 2000;
const BATCH = 500;

export interface BackupHeader {
  format: string;
  version: number;
  createdAt: string;
  migrations: number;
  source: string;
  tables: string[];
}

export interface BackupResult {
  file: string;
  tables: Record<string, number>;
  rows: number;
}

export class BackupError extends Error {}

interface TableInfo {
  name: string;
  /** Columns that can be written (generated columns excluded). */
  columns: string[];
  primaryKey: string[];
  identity: string[];
}

const ident = (name: string) => sql.identifier(name);
const idents = (names: string[]) => sql.join(names.map(ident), sql`, `);

/** Every ordinary table of the public schema, parents before children. */
export async function listTables(database: Database, tx?: DbOrTx): Promise<TableInfo[]> {
  const tables = await database.rows<{ name: string }>(
    sql`select c.relname as name from pg_class c join pg_namespace n on n.oid = c.relnamespace
        where n.nspname = 'public' and c.relkind = 'r' and not c.relispartition order by c.relname`,
    tx,
  );
  const cols = await database.rows<{ tbl: string; name: string; identity: string; generated: string }>(
    sql`select c.relname as tbl, a.attname as name, a.attidentity::text as identity, a.attgenerated::text as generated
        from pg_attribute a join pg_class c on c.oid = a.attrelid join pg_namespace n on n.oid = c.relnamespace
        where n.nspname = 'public' and c.relkind = 'r' and a.attnum > 0 and not a.attisdropped
        order by c.relname, a.attnum`,
    tx,
  );
  const pks = await database.rows<{ tbl: string; name: string }>(
    sql`select c.relname as tbl, a.attname as name
        from pg_index i join pg_class c on c.oid = i.indrelid join pg_namespace n on n.oid = c.relnamespace
        join pg_attribute a on a.attrelid = c.oid and a.attnum = any(i.indkey)
        where n.nspname = 'public' and i.indisprimary
        order by c.relname, array_position(i.indkey::int2[], a.attnum)`,
    tx,
  );
  const fks = await database.rows<{ child: string; parent: string }>(
    sql`select distinct c.relname as child, p.relname as parent
        from pg_constraint k join pg_class c on c.oid = k.conrelid join pg_class p on p.oid = k.confrelid
        join pg_namespace n on n.oid = c.relnamespace
        where k.contype = 'f' and n.nspname = 'public'`,
    tx,
  );
  const info = new Map<string, TableInfo>(tables.map((t) => [t.name, { name: t.name, columns: [], primaryKey: [], identity: [] }]));
  for (const c of cols) {
    const t = info.get(c.tbl);
    if (!t || (c.generated && c.generated !== '')) continue;
    t.columns.push(c.name);
    if (c.identity) t.identity.push(c.name);
  }
  for (const p of pks) info.get(p.tbl)?.primaryKey.push(p.name);

  // Kahn's algorithm, alphabetical among ready tables so the order is stable; self-references ignored.
  const parents = new Map<string, Set<string>>([...info.keys()].map((k) => [k, new Set<string>()]));
  for (const fk of fks) if (fk.child !== fk.parent && info.has(fk.parent)) parents.get(fk.child)?.add(fk.parent);
  const order: TableInfo[] = [];
  const done = new Set<string>();
  while (done.size < info.size) {
    const ready = [...info.keys()].filter((k) => !done.has(k) && [...parents.get(k)!].every((p) => done.has(p))).sort();
    if (ready.length === 0) throw new BackupError(`foreign-key cycle among tables: ${[...info.keys()].filter((k) => !done.has(k)).join(', ')}`);
    for (const k of ready) {
      done.add(k);
      order.push(info.get(k)!);
    }
  }
  return order;
}

async function migrationCount(database: Database, tx?: DbOrTx): Promise<number> {
  const [reg] = await database.rows<{ t: string | null }>(sql`select to_regclass('drizzle.__drizzle_migrations')::text as t`, tx);
  if (!reg?.t) return 0;
  const [row] = await database.rows<{ n: number }>(sql`select count(*)::int as n from drizzle.__drizzle_migrations`, tx);
  return Number(row.n);
}

/** Writes lines to a gzip file, honouring back-pressure. */
class GzipLineWriter {
  private readonly gzip = zlib.createGzip();
  private readonly out: fs.WriteStream;
  private readonly finished: Promise<void>;
  constructor(file: string) {
    this.out = fs.createWriteStream(file);
    this.gzip.pipe(this.out);
    this.finished = new Promise((resolve, reject) => {
      this.out.on('finish', resolve);
      this.out.on('error', reject);
      this.gzip.on('error', reject);
    });
  }
  async write(line: string) {
    if (!this.gzip.write(line + '\n')) await once(this.gzip, 'drain');
  }
  async close() {
    this.gzip.end();
    await this.finished;
  }
}

/**
 * Backs up every table into `file` from one consistent snapshot. The file is written under a temporary
 * name and renamed at the end, so a failed backup never leaves a truncated file behind.
 */
export async function backupDatabase(database: Database, file: string): Promise<BackupResult> {
  const tmp = `${file}.partial`;
  const writer = new GzipLineWriter(tmp);
  const counts: Record<string, number> = {};
  try {
    await database.db.transaction(
      async (tx) => {
        const tables = await listTables(database, tx);
        const header: BackupHeader = {
          format: BACKUP_FORMAT,
          version: BACKUP_VERSION,
          createdAt: new Date().toISOString(),
          migrations: await migrationCount(database, tx),
          source: database.kind,
          tables: tables.map((t) => t.name),
        };
        await writer.write(JSON.stringify(['header', header]));
        for (const t of tables) {
          await writer.write(JSON.stringify(['table', { name: t.name, columns: t.columns }]));
          counts[t.name] = 0;
          for await (const line of tableRows(database, tx, t)) {
            await writer.write(line);
            counts[t.name]++;
          }
        }
        await writer.write(JSON.stringify(['end', { counts }]));
      },
      database.kind === 'postgres' ? { isolationLevel: 'repeatable read', accessMode: 'read only' } : undefined,
    );
    await writer.close();
    fs.renameSync(tmp, file);
  } catch (err) {
    await writer.close().catch(() => undefined);
    fs.rmSync(tmp, { force: true });
    throw err;
  }
  return { file, tables: counts, rows: Object.values(counts).reduce((a, b) => a + b, 0) };
}

/** Rows of one table as JSON text, in primary-key order, paged by keyset (offset paging without a key). */
async function* tableRows(database: Database, tx: DbOrTx, t: TableInfo): AsyncGenerator<string> {
  const select = sql`select ${idents(t.columns)} from ${ident(t.name)}`;
  const order = t.primaryKey.length ? sql` order by ${idents(t.primaryKey)}` : sql` order by ${idents(t.columns)}`;
  let last: string | null = null;
  let offset = 0;
  for (;;) {
    let where: SQL = sql``;
    if (t.primaryKey.length && last) {
      where = sql` where (${idents(t.primaryKey)}) > (select ${idents(t.primaryKey)} from json_populate_record(null::${ident(t.name)}, ${last}::json))`;
    }
    const paging = t.primaryKey.length ? sql` limit ${PAGE}` : sql` limit ${PAGE} offset ${offset}`;
    const page = await database.rows<{ j: string }>(sql`select row_to_json(x)::text as j from (${select}${where}${order}${paging}) x`, tx);
    for (const r of page) yield r.j;
    if (page.length < PAGE) return;
    last = page[page.length - 1].j;
    offset += page.length;
  }
}

async function* readLines(file: string): AsyncGenerator<string> {
  const input = fs.createReadStream(file).pipe(zlib.createGunzip());
  const rl = readline.createInterface({ input, crlfDelay: Infinity });
  for await (const line of rl) if (line.length) yield line;
}

/** Reads and checks the header of a backup file. */
export async function readBackupHeader(file: string): Promise<BackupHeader> {
  if (!fs.existsSync(file)) throw new BackupError(`backup file not found: ${file}`);
  let first: string | undefined;
  try {
    for await (const line of readLines(file)) {
      first = line;
      break;
    }
  } catch {
    throw new BackupError(`not a gzip'd Xieshang backup: ${file}`);
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(first ?? '');
  } catch {
    throw new BackupError(`not a Xieshang backup (bad header): ${file}`);
  }
  const header = Array.isArray(parsed) && parsed[0] === 'header' ? (parsed[1] as BackupHeader) : null;
  if (!header || header.format !== BACKUP_FORMAT) throw new BackupError(`not a Xieshang backup (bad header): ${file}`);
  if (header.version !== BACKUP_VERSION) throw new BackupError(`unsupported backup format version ${header.version} (this program reads ${BACKUP_VERSION})`);
  return header;
}

/** True when any table of the public schema holds a row. */
export async function databaseIsEmpty(database: Database, tx?: DbOrTx): Promise<boolean> {
  for (const t of await listTables(database, tx)) {
    const [row] = await database.rows<{ any: boolean }>(sql`select exists (select 1 from ${ident(t.name)}) as any`, tx);
    if (row.any) return false;
  }
  return true;
}

export interface RestoreOptions {
  /** Wipe a non-empty database first (inside the same transaction). */
  force?: boolean;
}

/**
 * Restores a backup into a migrated database in ONE transaction: refuses a non-empty database unless
 * `force` (then every table is truncated first), inserts rows with OVERRIDING SYSTEM VALUE so ids are
 * kept, checks the row counts against the file's trailer, and resets identity sequences. Any failure
 * rolls everything back, so a failed restore changes nothing.
 */
export async function restoreDatabase(database: Database, file: string, opts: RestoreOptions = {}): Promise<BackupResult> {
  const header = await readBackupHeader(file);
  const counts: Record<string, number> = {};
  await database.db.transaction(async (tx) => {
    const have = await migrationCount(database, tx);
    if (have !== header.migrations) {
      throw new BackupError(`the backup was taken at migration ${header.migrations} but this database is at migration ${have}; run the matching version of Xieshang`);
    }
    const tables = await listTables(database, tx);
    const byName = new Map(tables.map((t) => [t.name, t]));
    if (!(await databaseIsEmpty(database, tx))) {
      if (!opts.force) throw new BackupError('the database is not empty; restore only into an empty database, or pass --force to wipe it first');
      await tx.execute(sql`truncate table ${idents(tables.map((t) => t.name))} restart identity cascade`);
    }

    let current: { info: TableInfo; columns: string[] } | null = null;
    let batch: string[] = [];
    let ended: Record<string, number> | null = null;
    const flush = async () => {
      if (!current || batch.length === 0) return;
      const { info, columns } = current;
      const override = info.identity.length ? sql` overriding system value` : sql``;
      await tx.execute(
        sql`insert into ${ident(info.name)} (${idents(columns)})${override} select ${idents(columns)} from json_populate_recordset(null::${ident(info.name)}, ${`[${batch.join(',')}]`}::json)`,
      );
      batch = [];
    };

    let lineNo = 0;
    for await (const line of readLines(file)) {
      lineNo++;
      if (lineNo === 1) continue; // header, already checked
      if (ended) throw new BackupError(`unexpected data after the end marker (line ${lineNo})`);
      if (line.startsWith('{')) {
        if (!current) throw new BackupError(`row before any table (line ${lineNo})`);
        batch.push(line);
        counts[current.info.name]++;
        if (batch.length >= BATCH) await flush();
        continue;
      }
      const [kind, body] = JSON.parse(line) as [string, Record<string, unknown>];
      await flush();
      if (kind === 'table') {
        const name = String(body.name);
        const info = byName.get(name);
        if (!info) throw new BackupError(`table ${name} of the backup does not exist in this database`);
        const columns = body.columns as string[];
        const unknown = columns.filter((c) => !info.columns.includes(c));
        if (unknown.length) throw new BackupError(`table ${name}: columns ${unknown.join(', ')} do not exist in this database`);
        current = { info, columns };
        counts[name] = 0;
      } else if (kind === 'end') {
        ended = (body.counts ?? {}) as Record<string, number>;
      } else {
        throw new BackupError(`unknown line kind ${kind} (line ${lineNo})`);
      }
    }
    await flush();
    if (!ended) throw new BackupError('the backup file is truncated (no end marker); nothing was restored');
    for (const [name, n] of Object.entries(ended)) {
      if (counts[name] !== n) throw new BackupError(`table ${name}: the file announces ${n} rows but holds ${counts[name] ?? 0}; nothing was restored`);
    }
    for (const t of tables) {
      for (const col of t.identity) {
        await tx.execute(
          sql`select setval(pg_get_serial_sequence(${`public.${t.name}`}, ${col}), coalesce(max(${ident(col)}), 0) + 1, false) from ${ident(t.name)}`,
        );
      }
    }
  });
  return { file, tables: counts, rows: Object.values(counts).reduce((a, b) => a + b, 0) };
}
