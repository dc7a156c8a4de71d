/**
 * The load process: runs autocannon against one or more targets at the same time (one autocannon instance per
 * target, so two app instances get their connections round-robin and their own figures) and prints a JSON result
 * as the last stdout line. bench/run.ts forks it once and sends one spec per run over IPC; it also runs standalone
 * as `node --import tsx bench/load.ts <spec.json>`.
 */
import fs from 'node:fs';
import { createRequire } from 'node:module';
import { BUILDERS, FLOWS, type BuildEnv, type LoadData, type Session } from './requests';
import { cumulative, makeRng } from './vocab';

const require = createRequire(import.meta.url);
// autocannon ships no types; the small surface used here is typed by hand below.
const autocannon = require('autocannon') as (opts: Record<string, unknown>) => AutocannonInstance;

interface AutocannonInstance {
  on(event: 'response', cb: (client: unknown, status: number, bytes: number, ms: number) => void): void;
  on(event: 'done', cb: (result: AutocannonResult) => void): void;
  on(event: 'error', cb: (err: Error) => void): void;
}
interface AutocannonResult {
  errors: number;
  timeouts: number;
  duration: number;
}

export interface TargetSpec {
  name: string;
  url: string;
  connections: number;
  /** One signed-in session per virtual user (connection); empty for unauthenticated targets. */
  sessions: Session[];
  /** Requests per second for this target (paced runs); omitted → as fast as possible. */
  rate?: number;
}

export interface LoadSpec {
  targets: TargetSpec[];
  duration: number;
  mix: Record<string, number>;
  data: LoadData;
  tag: string;
}

export interface Stats {
  count: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
  non2xx: number;
}

export interface TargetResult extends Stats {
  name: string;
  rps: number;
  errors: number;
  seconds: number;
  /** 2xx responses per request kind (e.g. created members). */
  ok: Record<string, number>;
  /** Names returned by acknowledged (2xx) create requests, to check each was written exactly once. */
  createdNames: string[];
  /** Proposals whose registration (立案) was acknowledged: [id, number label]. */
  registered: Array<[number, string]>;
  byKind: Record<string, Stats>;
}

function stats(samples: number[], non2xx: number): Stats {
  const s = Float64Array.from(samples).sort();
  const at = (p: number) => (s.length ? s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)] : 0);
  const r = (v: number) => Math.round(v * 10) / 10;
  return { count: s.length, p50: r(at(50)), p95: r(at(95)), p99: r(at(99)), max: r(s.length ? s[s.length - 1] : 0), non2xx };
}

async function runTarget(t: TargetSpec, spec: LoadSpec, env: BuildEnv): Promise<TargetResult> {
  const kinds = Object.keys(spec.mix);
  for (const k of kinds) if (!BUILDERS[k]) throw new Error(`unknown request kind ${k}`);
  const cum = cumulative(kinds.map((k) => spec.mix[k]));
  const rng = makeRng(t.name.length * 7919 + process.pid);
  const all: number[] = [];
  const perKind = new Map<string, { samples: number[]; non2xx: number; ok: number }>();
  const flowKinds = kinds.filter((k) => FLOWS[k]);
  const registered: Array<[number, string]> = [];
  let non2xx = 0;
  let lastKind = kinds[0];
  let nextVu = 0;
  const createdNames: string[] = [];
  const origin = new URL(t.url);

  const instance = autocannon({
    url: t.url,
    connections: t.connections,
    duration: spec.duration,
    overallRate: t.rate,
    timeout: 20,
    requests: [
      {
        // autocannon deep-clones the options per connection, then passes a shallow copy of its request to
        // setupRequest: the `vu` box object is therefore this connection's own, and holds its virtual user.
        vu: {},
        setupRequest: (reqData: Record<string, unknown>, context: Record<string, unknown>) => {
          const box = reqData.vu as { id?: number } & Record<string, unknown>;
          box.id ??= nextVu++;
          // autocannon clears `context` before every request of a one-request list: flows keep their state in the
          // connection's box, which onResponse reaches through the context.
          context.box = box;
          // A connection in the middle of a multi-step flow continues it; otherwise the mix decides.
          const kind = flowKinds.find((k) => FLOWS[k].active(box)) ?? rng.weighted(kinds, cum);
          const built = BUILDERS[kind]({ ...env, conn: box });
          context.kind = built.label ?? kind;
          context.flow_kind = kind;
          const headers: Record<string, string> = { host: origin.host, 'x-lang': 'zh-CN', accept: 'application/json' };
          const base = t.sessions.length ? t.sessions[box.id % t.sessions.length] : undefined;
          const session = built.as ? base?.as?.[built.as] : base;
          if (session) {
            headers.cookie = session.cookie;
            if (built.method !== 'GET') headers['x-csrf-token'] = session.csrf;
          }
          if (built.body !== undefined) headers['content-type'] = 'application/json';
          return {
            ...reqData,
            method: built.method,
            path: built.path,
            headers,
            body: built.body === undefined ? undefined : JSON.stringify(built.body),
          };
        },
        onResponse: (status: number, body: string, context: Record<string, unknown>) => {
          lastKind = String(context.kind);
          const flow = FLOWS[String(context.flow_kind)];
          if (flow) {
            const ack = flow.onResponse(status, body, context.box as Record<string, unknown>);
            if (ack?.registered) registered.push(ack.registered);
          }
          if (status >= 200 && status < 300 && lastKind.startsWith('create')) {
            try {
              createdNames.push(String((JSON.parse(body) as { name?: unknown }).name));
            } catch {
              // not JSON: counted as acknowledged, the check will show the mismatch
            }
          }
        },
      },
    ],
  });
  // 'response' follows onResponse synchronously for the same response, so lastKind names its request.
  instance.on('response', (_client, status, _bytes, ms) => {
    all.push(ms);
    let k = perKind.get(lastKind);
    if (!k) perKind.set(lastKind, (k = { samples: [], non2xx: 0, ok: 0 }));
    k.samples.push(ms);
    if (status < 200 || status > 299) {
      non2xx++;
      k.non2xx++;
    } else k.ok++;
  });
  const result = await new Promise<AutocannonResult>((resolve, reject) => {
    instance.on('done', resolve);
    instance.on('error', reject);
  });
  const seconds = result.duration || spec.duration;
  const byKind: Record<string, Stats> = {};
  const ok: Record<string, number> = {};
  for (const [k, v] of perKind) {
    if (!v.samples.length) continue;
    byKind[k] = stats(v.samples, v.non2xx);
    ok[k] = v.ok;
  }
  return {
    name: t.name,
    ...stats(all, non2xx),
    rps: Math.round((all.length / seconds) * 10) / 10,
    errors: result.errors + result.timeouts,
    seconds,
    ok,
    createdNames,
    registered,
    byKind,
  };
}

let counter = 0;
async function runSpec(spec: LoadSpec): Promise<TargetResult[]> {
  const env: BuildEnv = { data: spec.data, seq: () => ++counter, tag: spec.tag, conn: {} };
  return Promise.all(spec.targets.map((t) => runTarget(t, spec, env)));
}

if (process.send) {
  // Forked by bench/run.ts: one long-lived load process, one message per measured run.
  process.on('message', (spec: LoadSpec) => {
    runSpec(spec).then(
      (results) => process.send!({ results }),
      (err: unknown) => process.send!({ error: String(err instanceof Error ? err.stack : err) }),
    );
  });
  process.on('disconnect', () => process.exit(0));
  process.send({ ready: true });
} else {
  // Standalone: `node --import tsx bench/load.ts spec.json` prints the result as the last stdout line.
  runSpec(JSON.parse(fs.readFileSync(process.argv[2], 'utf8')) as LoadSpec).then(
    (results) => process.stdout.write(`${JSON.stringify(results)}\n`),
    (err: unknown) => {
      console.error(err);
      process.exit(1);
    },
  );
}
