/**
 * Per-organization models, stale-while-rebuild. A model is keyed by the fingerprint of what it learned from; when
 * the fingerprint changes, the previous model answers at once while the new one builds — at most one build per
 * organization at a time, and if the fingerprint changed again meanwhile, one more build when it finishes. Only an
 * organization's very first request waits for a build.
 */
export class ModelCache<T> {
  private readonly entries = new Map<number, Entry<T>>();
  private readonly tasks = new Set<Promise<void>>();
  private closed = false;

  constructor(
    private readonly build: (orgId: number, key: string) => Promise<T>,
    private readonly opts: { log?: (msg: string, err?: unknown) => void; maxOrgs?: number } = {},
  ) {}

  /** The organization's model: the one for `key` when built, else the latest built (stale) one, else the first. */
  async get(orgId: number, key: string): Promise<{ key: string; value: T }> {
    let e = this.entries.get(orgId);
    if (e)
      this.entries.delete(orgId); // re-inserted below: the map's order is least recently used first
    else {
      e = { current: null, building: null, next: null };
      const max = this.opts.maxOrgs ?? 32;
      if (this.entries.size >= max) this.entries.delete(this.entries.keys().next().value!);
    }
    this.entries.set(orgId, e);
    if (e.current?.key === key) return e.current;
    if (e.building) {
      if (e.building.key !== key) e.next = key;
    } else if (!e.current || !this.closed) this.start(orgId, e, key); // closing: only a request with no model builds
    if (e.current) return e.current;
    const building = e.building!;
    return { key: building.key, value: await building.done };
  }

  /** Builds running or queued for the organization (0 or 1 running; tests and logs). */
  isBuilding(orgId: number): boolean {
    return !!this.entries.get(orgId)?.building;
  }

  /** No more rebuilds (the latest models still answer); waits for the running builds to settle. */
  async close(): Promise<void> {
    this.closed = true;
    while (this.tasks.size) await Promise.all([...this.tasks]);
  }

  private start(orgId: number, e: Entry<T>, key: string): void {
    const done = this.build(orgId, key);
    e.building = { key, done };
    const task = done
      .then(
        (value) => {
          e.current = { key, value };
        },
        (err: unknown) => {
          if (!this.closed) this.opts.log?.(`assist: building the models of organization ${orgId} failed`, err);
        },
      )
      .finally(() => {
        this.tasks.delete(task);
        e.building = null;
        const next = e.next;
        e.next = null;
        if (next !== null && next !== e.current?.key && !this.closed && this.entries.get(orgId) === e) this.start(orgId, e, next);
      });
    this.tasks.add(task);
  }
}

interface Entry<T> {
  current: { key: string; value: T } | null;
  building: { key: string; done: Promise<T> } | null;
  /** The latest fingerprint seen while building another: built next. */
  next: string | null;
}
