import pg from 'pg';
import type { Database } from '@server/db/client';

export interface NotifyHandlers {
  /** A notification on one of the channels (payload '' when none was sent). */
  onNotify(channel: string, payload: string): void;
  /** The subscription is in place: whatever a cache held before it may have missed a change. */
  onUp(): void;
  /** The subscription is gone (a dropped connection, or close): nothing may be served from a cache until onUp. */
  onDown(): void;
}

/**
 * One LISTEN subscription to a few channels, on PGlite (in process) or on its own PostgreSQL connection, that
 * reconnects by itself. The in-memory caches (sessions, configuration) rest on it: they serve only between onUp
 * and onDown, and drop everything on both.
 */
export class NotifyListener {
  private closed = false;
  private up = false;
  private stopListening: (() => Promise<void>) | null = null;
  private retry: NodeJS.Timeout | null = null;

  constructor(
    private readonly database: Database,
    private readonly channels: readonly string[],
    private readonly handlers: NotifyHandlers,
    private readonly name: string,
    private readonly log?: (msg: string, err?: unknown) => void,
  ) {}

  get listening() {
    return this.up && !this.closed;
  }

  private setUp(up: boolean) {
    this.up = up;
    if (up) this.handlers.onUp();
    else this.handlers.onDown();
  }

  /** Subscribes; resolves once the first subscription is in place (or failed, in which case it retries). */
  async start(): Promise<void> {
    if (this.closed) return;
    try {
      if (this.database.kind === 'pglite') {
        const stops: Array<() => Promise<void>> = [];
        for (const ch of this.channels) stops.push(await this.database.pglite!.listen(ch, (p) => this.handlers.onNotify(ch, p ?? '')));
        this.stopListening = async () => {
          for (const s of stops) await s();
        };
      } else {
        const client = new pg.Client({ connectionString: this.database.pool!.options.connectionString });
        const down = (err?: unknown) => {
          if (!this.up && this.stopListening === null) return;
          this.stopListening = null;
          this.setUp(false);
          client.removeAllListeners();
          client.end().catch(() => undefined);
          if (!this.closed) {
            this.log?.(`${this.name}: the notification connection dropped; reading from the database until it is back`, err);
            this.retry = setTimeout(() => void this.start(), 1000).unref();
          }
        };
        client.on('error', down);
        client.on('end', () => down());
        client.on('notification', (n) => {
          if (this.channels.includes(n.channel)) this.handlers.onNotify(n.channel, n.payload ?? '');
        });
        await client.connect();
        for (const ch of this.channels) await client.query(`LISTEN ${ch}`);
        this.stopListening = async () => {
          client.removeAllListeners();
          client.on('error', () => undefined);
          await client.end().catch(() => undefined);
        };
      }
      this.setUp(true);
    } catch (err) {
      this.up = false;
      this.log?.(`${this.name}: cannot listen for changes; reading from the database`, err);
      if (!this.closed) this.retry = setTimeout(() => void this.start(), 5000).unref();
    }
  }

  async close(): Promise<void> {
    this.closed = true;
    if (this.retry) clearTimeout(this.retry);
    this.setUp(false);
    const stop = this.stopListening;
    this.stopListening = null;
    if (stop) await stop().catch(() => undefined);
  }
}
