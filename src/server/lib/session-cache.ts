import type { Database } from '@server/db/client';
import { NotifyListener } from './notify-listener';

/** The channel the auth triggers (migration 0015) notify on, with the account id as payload. */
export const AUTH_CHANNEL = 'xs_auth';

export interface CachedSession<T> {
  accountId: number;
  expiresAt: number;
  value: T;
}

interface Entry<T> extends CachedSession<T> {
  fetchedAt: number;
}

export interface SessionCacheOptions {
  /** How long an entry may be served without a notification having cleared it (a safety net); 0 turns the cache off. */
  ttlMs: number;
  /** At most this many sessions are held; the oldest go first. */
  maxEntries?: number;
  log?: (msg: string, err?: unknown) => void;
}

/**
 * Sessions (with their account and grants) held in memory for reads, so a read request costs no session query.
 *
 * Correctness rests on three rules:
 * - **Notifications.** Triggers on accounts, role_grants and auth_sessions (migration 0015) notify `xs_auth` with
 *   the account id at commit, from any writer; every instance listens and drops that account's sessions. While
 *   the listener is not connected (startup, a dropped connection) nothing is served from the cache, and on
 *   reconnecting everything is dropped, so a missed notification cannot leave a stale session.
 * - **Generations.** A session read from the database is stored only if no invalidation happened while it was
 *   being read, so a read racing with a revocation never stores the old state.
 * - **Reads only.** The auth plugin uses the cache for GET and HEAD; every state-changing request reads its
 *   session from the database, and after one succeeds this instance drops its whole cache (its own writes are
 *   then visible to its next read at once, before their notification arrives).
 *
 * What remains is the notification's delivery time to other instances (milliseconds), during which they may still
 * serve reads to a session just revoked elsewhere; no write is ever accepted on a revoked session.
 */
export class SessionCache<T> {
  private entries = new Map<string, Entry<T>>();
  private generation = 0;
  private readonly maxEntries: number;
  private readonly listener: NotifyListener;

  constructor(database: Database, private readonly opts: SessionCacheOptions) {
    this.maxEntries = opts.maxEntries ?? 20_000;
    this.listener = new NotifyListener(database, [AUTH_CHANNEL], { onNotify: (_ch, p) => this.onNotify(p), onUp: () => this.clear(), onDown: () => this.clear() }, 'session cache', opts.log);
  }

  get enabled() {
    return this.opts.ttlMs > 0;
  }

  /** True while notifications are being received (the cache serves only then). */
  get active() {
    return this.enabled && this.listener.listening;
  }

  get size() {
    return this.entries.size;
  }

  /** A token for `set`: the current generation. */
  mark(): number {
    return this.generation;
  }

  get(tokenHash: string, now = Date.now()): CachedSession<T> | null {
    if (!this.active) return null;
    const e = this.entries.get(tokenHash);
    if (!e) return null;
    if (now - e.fetchedAt > this.opts.ttlMs || e.expiresAt <= now) {
      this.entries.delete(tokenHash);
      return null;
    }
    return e;
  }

  /** Stores a session read from the database, unless something was invalidated since `mark` was taken. */
  set(tokenHash: string, session: CachedSession<T>, mark: number, now = Date.now()): void {
    if (!this.active || mark !== this.generation) return;
    this.entries.delete(tokenHash);
    if (this.entries.size >= this.maxEntries) {
      const oldest = this.entries.keys().next().value;
      if (oldest !== undefined) this.entries.delete(oldest);
    }
    this.entries.set(tokenHash, { ...session, fetchedAt: now });
  }

  /** Updates a held session in place (e.g. its sliding expiry), without changing when it was read. */
  patch(tokenHash: string, fn: (v: CachedSession<T>) => CachedSession<T>): void {
    const e = this.entries.get(tokenHash);
    if (e) this.entries.set(tokenHash, { ...fn(e), fetchedAt: e.fetchedAt });
  }

  invalidateAccount(accountId: number): void {
    this.generation++;
    for (const [k, e] of this.entries) if (e.accountId === accountId) this.entries.delete(k);
  }

  clear(): void {
    this.generation++;
    this.entries.clear();
  }

  private onNotify = (payload: string) => {
    const id = Number(payload);
    if (Number.isFinite(id) && payload !== '') this.invalidateAccount(id);
    else this.clear();
  };

  /** Starts listening for auth changes; resolves once the first subscription is in place (or failed). */
  async start(): Promise<void> {
    if (!this.enabled) return;
    await this.listener.start();
  }

  async close(): Promise<void> {
    await this.listener.close();
    this.entries.clear();
  }
}
