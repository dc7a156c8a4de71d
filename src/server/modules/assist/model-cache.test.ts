/** Stale-while-rebuild: the previous model answers while the next builds, one build per organization at a time. */
import { describe, expect, it } from 'vitest';
import { ModelCache } from './model-cache';

/** A build the test finishes by hand. */
function controlled() {
  const calls: { orgId: number; key: string; finish(v?: string): void; fail(e: Error): void }[] = [];
  const build = (orgId: number, key: string) =>
    new Promise<string>((resolve, reject) => calls.push({ orgId, key, finish: (v) => resolve(v ?? `model@${key}`), fail: reject }));
  return { calls, build };
}
const tick = () => new Promise((r) => setImmediate(r));

describe('ModelCache', () => {
  it('the first request waits; a changed fingerprint answers at once with the previous model and builds once', async () => {
    const { calls, build } = controlled();
    const cache = new ModelCache(build);
    const first = cache.get(1, 'k1');
    await tick();
    expect(calls.map((c) => c.key)).toEqual(['k1']);
    calls[0].finish();
    expect(await first).toEqual({ key: 'k1', value: 'model@k1' });
    expect(await cache.get(1, 'k1')).toEqual({ key: 'k1', value: 'model@k1' });
    expect(calls.length).toBe(1);

    // a new registration: the old model at once, one build started
    expect(await cache.get(1, 'k2')).toEqual({ key: 'k1', value: 'model@k1' });
    expect(calls.map((c) => c.key)).toEqual(['k1', 'k2']);
    expect(cache.isBuilding(1)).toBe(true);
    // the same fingerprint again, and two more changes while it builds: still the old model, no second build
    expect((await cache.get(1, 'k2')).key).toBe('k1');
    expect((await cache.get(1, 'k3')).key).toBe('k1');
    expect((await cache.get(1, 'k4')).key).toBe('k1');
    expect(calls.length).toBe(2);

    // when it finishes: its model answers, and one more build for the latest fingerprint starts
    calls[1].finish();
    await tick();
    expect(calls.map((c) => c.key)).toEqual(['k1', 'k2', 'k4']); // started by the finished build, not by a request
    expect(cache.isBuilding(1)).toBe(true);
    expect((await cache.get(1, 'k4')).key).toBe('k2');
    expect(calls.length).toBe(3);
    calls[2].finish();
    await tick();
    expect(await cache.get(1, 'k4')).toEqual({ key: 'k4', value: 'model@k4' });
    expect(cache.isBuilding(1)).toBe(false);
    expect(calls.length).toBe(3);
  });

  it('organizations build independently', async () => {
    const { calls, build } = controlled();
    const cache = new ModelCache(build);
    const a = cache.get(1, 'a1');
    const b = cache.get(2, 'b1');
    await tick();
    expect(calls.map((c) => [c.orgId, c.key])).toEqual([
      [1, 'a1'],
      [2, 'b1'],
    ]);
    calls[1].finish();
    expect((await b).value).toBe('model@b1');
    calls[0].finish();
    expect((await a).value).toBe('model@a1');
  });

  it('a failed rebuild keeps the previous model and is logged; a failed first build fails its request, and the next one retries', async () => {
    const { calls, build } = controlled();
    const logged: string[] = [];
    const cache = new ModelCache(build, { log: (msg) => logged.push(msg) });
    const first = cache.get(1, 'k1');
    await tick();
    calls[0].fail(new Error('database gone'));
    await expect(first).rejects.toThrow('database gone');
    const retry = cache.get(1, 'k1');
    await tick();
    calls[1].finish();
    expect((await retry).value).toBe('model@k1');

    expect((await cache.get(1, 'k2')).key).toBe('k1');
    calls[2].fail(new Error('worker and thread both failed'));
    await tick();
    expect(logged.join('\n')).toMatch(/organization 1 failed/u);
    expect((await cache.get(1, 'k2')).key).toBe('k1'); // still the old one, and a new attempt
    expect(calls.map((c) => c.key)).toEqual(['k1', 'k1', 'k2', 'k2']);
  });

  it('close() waits for the builds under way and starts no rebuild', async () => {
    const { calls, build } = controlled();
    const cache = new ModelCache(build);
    const first = cache.get(1, 'k1');
    await tick();
    calls[0].finish();
    await first;
    await cache.get(1, 'k2');
    await cache.get(1, 'k3'); // queued
    let closed = false;
    const closing = cache.close().then(() => (closed = true));
    await tick();
    expect(closed).toBe(false);
    calls[1].finish();
    await closing;
    expect(calls.map((c) => c.key)).toEqual(['k1', 'k2']);
    // closed: the latest model still answers and is not rebuilt; a request still in flight for an organization
    // with no model at all gets one built
    expect(await cache.get(1, 'k5')).toEqual({ key: 'k2', value: 'model@k2' });
    expect(calls.length).toBe(2);
    const late = cache.get(2, 'k1');
    await tick();
    calls[2].finish();
    expect(await late).toEqual({ key: 'k1', value: 'model@k1' });
  });
});
