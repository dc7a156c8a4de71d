/**
 * Summarises a V8 `.cpuprofile` (from `--cpu-prof`) in the terminal: sampled time per package and per function
 * (self), per function with everything it called (inclusive), and optionally who calls a given function.
 *
 *   npx tsx bench/profile-summary.ts bench/cache/prof/CPU….cpuprofile [--top 40] [--callers is] [--depth 3]
 *
 * Time is wall-clock sampling: `(idle)` is the event loop waiting; a syscall such as `writev` also carries the time
 * the scheduler gave to the process it woke (the PostgreSQL backend on these 2-core machines).
 */
import fs from 'node:fs';

interface Frame {
  functionName: string;
  url: string;
  lineNumber: number;
}
interface ProfileNode {
  id: number;
  callFrame: Frame;
  children?: number[];
}
interface Profile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

const args = process.argv.slice(2);
const file = args.find((a) => !a.startsWith('--') && !/^\d+$/.test(a));
const opt = (name: string) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : undefined;
};
if (!file) {
  console.error('usage: npx tsx bench/profile-summary.ts <file.cpuprofile> [--top N] [--callers functionName] [--depth N]');
  process.exit(2);
}
const top = Number(opt('top') ?? 40);
const profile = JSON.parse(fs.readFileSync(file, 'utf8')) as Profile;
const byId = new Map(profile.nodes.map((n) => [n.id, n]));
const parent = new Map<number, number>();
for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);

const short = (url: string) => url.replace(/^.*node_modules\//, 'nm/').replace(/^file:\/\/.*?\/(src|bench|scripts)\//, '$1/');
const label = (n: ProfileNode) => `${n.callFrame.functionName || '(anonymous)'} ${short(n.callFrame.url)}:${n.callFrame.lineNumber}`;
const packageOf = (n: ProfileNode) => {
  const m = n.callFrame.url.match(/node_modules\/((@[^/]+\/)?[^/]+)/);
  if (m) return m[1];
  if (/\/(src|bench|scripts)\//.test(n.callFrame.url)) return 'project';
  return n.callFrame.url ? short(n.callFrame.url).split(':')[0] : n.callFrame.functionName;
};

const timeOf = new Map<number, number>();
let total = 0;
profile.samples.forEach((id, i) => {
  const d = profile.timeDeltas[i] ?? 0;
  timeOf.set(id, (timeOf.get(id) ?? 0) + d);
  total += d;
});

const add = (m: Map<string, number>, k: string, v: number) => m.set(k, (m.get(k) ?? 0) + v);
const self = new Map<string, number>();
const pkg = new Map<string, number>();
const inclusive = new Map<string, number>();
const callers = new Map<string, number>();
const wanted = opt('callers');
const depth = Number(opt('depth') ?? 2);
for (const [id, t] of timeOf) {
  const n = byId.get(id)!;
  add(self, label(n), t);
  add(pkg, packageOf(n), t);
  const seen = new Set<string>();
  for (let cur: number | undefined = id; cur != null; cur = parent.get(cur)) {
    const k = label(byId.get(cur)!);
    if (!seen.has(k)) {
      seen.add(k);
      add(inclusive, k, t);
    }
  }
  if (wanted && n.callFrame.functionName === wanted) {
    const chain: string[] = [];
    for (let cur = parent.get(id), k = 0; cur != null && k < depth; cur = parent.get(cur), k++) chain.push(label(byId.get(cur)!));
    add(callers, chain.join(' ← '), t);
  }
}

const show = (title: string, m: Map<string, number>, n = top) => {
  console.log(`\n── ${title}`);
  for (const [k, v] of [...m].sort((a, b) => b[1] - a[1]).slice(0, n)) console.log(`${((100 * v) / total).toFixed(1).padStart(6)} %  ${k}`);
};
console.log(`${file}: ${(total / 1e6).toFixed(1)} s sampled`);
show('self time by package', pkg, 25);
show('self time by function', self);
show('inclusive time by function', inclusive);
if (wanted) show(`callers of ${wanted} (depth ${depth})`, callers, 15);
