import type { Database, Db, Tx } from '@server/db/client';
import { NotifyListener } from './notify-listener';

/** The channel the configuration triggers (migration 0018) notify on, with the table's name as payload. */
export const CONFIG_CHANNEL = 'xs_config';

export interface ConfigCacheOptions {
  /** How long an entry may be served without a notification having cleared it (a safety net); 0 turns it off. */
  ttlMs: number;
  log?: (msg: string, err?: unknown) => void;
}

interface Entry {
  value: unknown;
  fetchedAt: number;
}

function deepFreeze<T>(v: T): T {
  if (v && typeof v === 'object' && !Object.isFrozen(v)) {
    Object.freeze(v);
    for (const x of Object.values(v as object)) deepFreeze(x);
  }
  return v;
}

/**
 * Small, rarely changed configuration read on almost every request (the working-day calendar, each organization's
 * proposal, activity, duty and studio-rating settings), held in memory so a read request costs no query for it.
 *
 * The same three rules as the session cache (lib/session-cache.ts):
 * - **Notifications.** Statement triggers on those tables notify `xs_config` at commit, from any writer (any
 *   instance, the CLI, SQL by hand); every instance listens and drops everything it holds. Nothing is served while
 *   the listener is not connected, and everything is dropped when it (re)connects.
 * - **Generations.** A value read from the database is stored only if no notification arrived while it was read.
 * - **The root handle only.** Reads inside a transaction (every change) go to the database; and after a change
 *   succeeds on this instance, the instance drops the cache before answering, so its own next read sees it.
 *
 * Values are frozen: callers share them.
 */
export class ConfigCache {
  private entries = new Map<string, Entry>();
  private generation = 0;
  private readonly listener: NotifyListener;

  constructor(
    database: Database,
    private readonly opts: ConfigCacheOptions,
  ) {
    this.listener = new NotifyListener(database, [CONFIG_CHANNEL], { onNotify: () => this.clear(), onUp: () => this.clear(), onDown: () => this.clear() }, 'configuration cache', opts.log);
  }

  get active() {
    return this.opts.ttlMs > 0 && this.listener.listening;
  }

  get size() {
    return this.entries.size;
  }

  clear(): void {
    this.generation++;
    this.entries.clear();
  }

  /** The value under `key`, from memory while it is fresh, otherwise from `load` (stored unless a change raced it). */
  async read<T>(key: string, load: () => Promise<T>, opts: { freeze?: boolean } = {}): Promise<T> {
    if (!this.active) return load();
    const hit = this.entries.get(key);
    if (hit && Date.now() - hit.fetchedAt <= this.opts.ttlMs) return hit.value as T;
    const mark = this.generation;
    const value = await load();
    if (this.active && mark === this.generation) this.entries.set(key, { value: opts.freeze === false ? value : deepFreeze(value), fetchedAt: Date.now() });
    return value;
  }

  async start(): Promise<void> {
    if (this.opts.ttlMs > 0) await this.listener.start();
  }

  async close(): Promise<void> {
    await this.listener.close();
    this.entries.clear();
  }
}

// ── One cache per database handle, shared by the app instances built on it (tests build several) ──────────
const shared = new WeakMap<object, { cache: ConfigCache; users: number }>();

/** The cache of this database's root handle, started on first use; give it back with `releaseConfigCache`. */
export async function acquireConfigCache(database: Database, opts: ConfigCacheOptions): Promise<ConfigCache> {
  let s = shared.get(database.db);
  if (!s) {
    s = { cache: new ConfigCache(database, opts), users: 0 };
    shared.set(database.db, s);
    s.users++;
    await s.cache.start();
    return s.cache;
  }
  s.users++;
  return s.cache;
}

export async function releaseConfigCache(database: Database): Promise<void> {
  const s = shared.get(database.db);
  if (!s) return;
  s.users--;
  if (s.users <= 0) {
    shared.delete(database.db);
    await s.cache.close();
  }
}

/**
 * Reads configuration through the cache of `db` when `db` is an app's root handle; a transaction, or a handle no
 * app serves (CLI, scripts), reads straight from the database.
 */
export function readConfig<T>(db: object, key: string, load: () => Promise<T>, opts?: { freeze?: boolean }): Promise<T> {
  const s = shared.get(db);
  return s ? s.cache.read(key, load, opts) : load();
}

/** Drops what this process holds for `db` (after a change it made; its notification arrives a moment later). */
export function clearConfigCache(db: object): void {
  shared.get(db)?.cache.clear();
}

/**
 * Runs a change to cached configuration in a transaction on the root handle, and drops this process's copy once it
 * is over, so the same request (and this instance's next one) reads what it wrote; the other instances drop theirs
 * when the trigger's notification arrives.
 */
export async function changeConfig<T>(db: Db, fn: (tx: Tx) => Promise<T>): Promise<T> {
  try {
    return await db.transaction(fn);
  } finally {
    clearConfigCache(db);
  }
}
