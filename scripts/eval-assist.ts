/**
 * `npm run eval:assist [-- --train DIR] [--test DIR] [--json]`: measures the office's suggestion model (category,
 * lead/co-unit routing) and near-duplicate lookup on real published proposal records, read at run time from
 * `../shared/data` (never copied into the repository). 5-fold cross-validation on --train when --test is absent.
 * Prints a character-bigram TF-IDF nearest-neighbour baseline beside the model's numbers.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { bigramsOf, NearestIndex, SuggestModel, type Example, type ModelOptions, type TextInput } from '../src/server/modules/assist/model';
import { CATEGORY_OPTIONS, ROUTING_OPTIONS, similarFeatures } from '../src/server/modules/assist/options';
import { unitProfileText } from '../src/server/modules/assist/profiles';

interface Args {
  train: string;
  test?: string;
  json: boolean;
}

function parseArgs(argv: string[]): Args {
  const repo = path.resolve(import.meta.dirname, '..');
  const args: Args = { train: path.resolve(repo, '../shared/data'), json: false };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--json') args.json = true;
    else if (a === '--train') args.train = path.resolve(argv[++i] ?? '');
    else if (a === '--test') args.test = path.resolve(argv[++i] ?? '');
  }
  return args;
}

/** RFC 4180 CSV (quoted fields may hold commas, quotes and line breaks) → rows of named fields. */
export function parseCsv(text: string): Record<string, string>[] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  const s = text.replace(/^\uFEFF/u, '');
  for (let i = 0; i < s.length; i++) {
    const c = s[i];
    if (quoted) {
      if (c === '"' && s[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      row.push(field);
      field = '';
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && s[i + 1] === '\n') i++;
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
    } else field += c;
  }
  if (field || row.length) {
    row.push(field);
    rows.push(row);
  }
  const [head, ...body] = rows.filter((r) => r.some((x) => x !== ''));
  return body.map((r) => Object.fromEntries(head.map((h, i) => [h, r[i] ?? ''])));
}

interface Data {
  category: Example[];
  routing: Example[];
  units: string[];
}

/** Reads only the allowed columns: jszx2019 (pkid, reason, type, content), cixi2017 motions and the unit catalogue. */
export function load(dir: string): Data | null {
  const jf = path.join(dir, 'jszx2019/jszx2019.csv');
  const cf = path.join(dir, 'cixi2017/cixi2017_motions.csv');
  const uf = path.join(dir, 'cixi2017/cixi2017_units.csv');
  if (!existsSync(jf) || !existsSync(cf)) return null;
  const category = parseCsv(readFileSync(jf, 'utf8'))
    .filter((r) => r.type && r.reason)
    .map((r) => ({ id: `j${r.pkid}`, title: r.reason, body: r.content, labels: [r.type] }));
  const routing = parseCsv(readFileSync(cf, 'utf8'))
    .filter((r) => r.main_unit && r.title)
    .map((r) => ({
      id: `c${r.id}`,
      title: r.title.replace(/\.(docx?|pdf|wps)$/iu, ''),
      tags: r.category_zx ? [r.category_zx] : [],
      labels: [r.main_unit, ...r.co_units.split(';').map((u) => u.trim()).filter((u) => u && u !== r.main_unit)],
    }));
  const units = existsSync(uf) ? parseCsv(readFileSync(uf, 'utf8')).map((r) => r.unit_name).filter(Boolean) : [];
  return { category, routing, units };
}

/** Deterministic 5 folds. */
function folds<T extends { id: string }>(items: readonly T[], k = 5): { train: T[]; test: T[] }[] {
  const key = (s: string) => [...s].reduce((h, c) => Math.imul(h ^ c.charCodeAt(0), 16777619) >>> 0, 2166136261);
  const sorted = [...items].sort((a, b) => key(a.id) - key(b.id));
  return Array.from({ length: k }, (_, f) => ({
    train: sorted.filter((_, i) => i % k !== f),
    test: sorted.filter((_, i) => i % k === f),
  }));
}

function splits<T extends { id: string }>(train: readonly T[], test: readonly T[] | undefined) {
  return test ? [{ train: [...train], test: [...test] }] : folds(train);
}

/** Ranks labels by the highest similarity of a neighbour carrying it (1-NN generalised to a ranking). */
function baselineRank(index: NearestIndex, byId: Map<string, Example>, input: TextInput): string[] {
  const out: string[] = [];
  for (const n of index.top(input, 200)) {
    const l = byId.get(n.id)?.labels[0];
    if (l && !out.includes(l)) out.push(l);
  }
  return out;
}

type ClassScores = { top1: number; top3: number; macroF1: number };

function classScores(pairs: { truth: string; ranked: string[] }[]): ClassScores {
  let t1 = 0;
  let t3 = 0;
  const tp = new Map<string, number>();
  const fp = new Map<string, number>();
  const fn = new Map<string, number>();
  const inc = (m: Map<string, number>, k: string) => m.set(k, (m.get(k) ?? 0) + 1);
  for (const { truth, ranked } of pairs) {
    if (ranked[0] === truth) {
      t1++;
      inc(tp, truth);
    } else {
      inc(fn, truth);
      if (ranked[0]) inc(fp, ranked[0]);
    }
    if (ranked.slice(0, 3).includes(truth)) t3++;
  }
  const labels = new Set(pairs.map((p) => p.truth));
  let f1 = 0;
  for (const l of labels) {
    const p = tp.get(l) ?? 0;
    const denom = 2 * p + (fp.get(l) ?? 0) + (fn.get(l) ?? 0);
    f1 += denom ? (2 * p) / denom : 0;
  }
  const n = pairs.length || 1;
  return { top1: t1 / n, top3: t3 / n, macroF1: labels.size ? f1 / labels.size : 0 };
}

export function evalCategory(train: Example[], test: Example[] | undefined, opts: ModelOptions) {
  const mine: { truth: string; ranked: string[] }[] = [];
  const base: { truth: string; ranked: string[] }[] = [];
  for (const s of splits(train, test)) {
    const model = new SuggestModel(s.train, opts);
    const index = new NearestIndex(s.train, bigramsOf);
    const byId = new Map(s.train.map((e) => [e.id, e]));
    for (const e of s.test) {
      const input = { title: e.title, body: e.body };
      mine.push({ truth: e.labels[0], ranked: model.score(input).map((x) => x.label) });
      base.push({ truth: e.labels[0], ranked: baselineRank(index, byId, input) });
    }
  }
  return { mine: classScores(mine), baseline: classScores(base) };
}

function profilesFor(units: readonly string[], examples: readonly Example[]): Map<string, string> {
  const names = new Set(units);
  for (const e of examples) for (const l of e.labels) names.add(l);
  const out = new Map<string, string>();
  for (const n of names) {
    const p = unitProfileText(n);
    if (p) out.set(n, p);
  }
  return out;
}

export function evalRouting(train: Example[], test: Example[] | undefined, units: string[], opts: ModelOptions) {
  const mine: { truth: string; ranked: string[] }[] = [];
  const base: { truth: string; ranked: string[] }[] = [];
  let coHit = 0;
  let coAll = 0;
  let coHitBase = 0;
  for (const s of splits(train, test)) {
    const profiles = profilesFor(units, s.train);
    const model = new SuggestModel(s.train, { ...opts, profiles });
    const index = new NearestIndex(s.train, bigramsOf);
    const byId = new Map(s.train.map((e) => [e.id, e]));
    for (const e of s.test) {
      const input = { title: e.title, tags: e.tags };
      const ranked = model.score(input).map((x) => x.label);
      mine.push({ truth: e.labels[0], ranked });
      const b = baselineRank(index, byId, { title: e.title });
      base.push({ truth: e.labels[0], ranked: b });
      const co = e.labels.slice(1);
      if (co.length) {
        const lead = ranked[0];
        const sugg = model.coUnits(input, lead, 5);
        const sb = baselineCo(index, byId, { title: e.title }, b[0], 5);
        coAll += co.length;
        coHit += co.filter((u) => sugg.includes(u)).length;
        coHitBase += co.filter((u) => sb.includes(u)).length;
      }
    }
  }
  return {
    mine: { ...classScores(mine), coRecall5: coAll ? coHit / coAll : 0 },
    baseline: { ...classScores(base), coRecall5: coAll ? coHitBase / coAll : 0 },
  };
}

function baselineCo(index: NearestIndex, byId: Map<string, Example>, input: TextInput, lead: string | undefined, n: number) {
  const out: string[] = [];
  for (const x of index.top(input, 200))
    for (const l of byId.get(x.id)?.labels.slice(1) ?? []) if (l !== lead && !out.includes(l)) out.push(l);
  return out.slice(0, n);
}

// ---- planted near-duplicates -------------------------------------------------------------------------------

/** Common near-synonyms in proposal writing (a generic list, used to perturb texts). */
const SYNONYMS: [string, string][] = [
  ['建议', '提议'], ['加快', '加速'], ['推进', '推动'], ['完善', '健全'], ['提高', '提升'], ['加强', '强化'],
  ['农村', '乡村'], ['城市', '城区'], ['企业', '单位'], ['问题', '困难'], ['发展', '建设'], ['政府', '政府部门'],
  ['工作', '工作任务'], ['群众', '老百姓'], ['目前', '当前'], ['部分', '一些'], ['需要', '亟需'], ['实施', '落实'],
  ['资金', '经费'], ['机制', '制度'], ['服务', '保障'], ['管理', '治理'], ['我省', '江苏'], ['积极', '主动'],
];

function rng(seed: number) {
  let x = seed >>> 0 || 1;
  return () => {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    return (x >>> 0) / 4294967296;
  };
}

function sentences(text: string): string[] {
  return text.split(/(?<=[。！？；\n])/u).filter((s) => s.trim());
}

function synonymSwap(text: string): string {
  let out = text;
  for (const [a, b] of SYNONYMS) out = out.split(a).join(b);
  return out;
}

type Plant = { id: string; kind: string; input: TextInput };

function plant(docs: readonly Example[]): Plant[] {
  const out: Plant[] = [];
  docs.forEach((d, i) => {
    const r = rng(i + 1);
    const body = d.body ?? '';
    const ss = sentences(body);
    const shuffled = [...ss].sort(() => r() - 0.5).join('');
    out.push({ id: d.id, kind: 'shuffle', input: { title: d.title, body: shuffled } });
    out.push({ id: d.id, kind: 'synonym', input: { title: synonymSwap(d.title), body: synonymSwap(body) } });
    out.push({ id: d.id, kind: 'truncate', input: { title: d.title, body: ss.slice(0, Math.max(1, Math.ceil(ss.length * 0.3))).join('') } });
    const core = d.title.replace(/^关于/u, '').replace(/的(建议|提案|意见)$/u, '');
    out.push({ id: d.id, kind: 'title', input: { title: `${synonymSwap(core)}的提议` } });
  });
  return out;
}

export function evalSimilar(corpus: Example[]) {
  const plants = plant(corpus);
  const mine = new NearestIndex(corpus, similarFeatures);
  const base = new NearestIndex(corpus, bigramsOf);
  const kinds = new Map<string, { n: number; mine: number; base: number }>();
  for (const p of plants) {
    const k = kinds.get(p.kind) ?? { n: 0, mine: 0, base: 0 };
    k.n++;
    if (mine.top(p.input, 5).some((x) => x.id === p.id)) k.mine++;
    if (base.top(p.input, 5).some((x) => x.id === p.id)) k.base++;
    kinds.set(p.kind, k);
  }
  const total = [...kinds.values()].reduce((a, k) => ({ n: a.n + k.n, mine: a.mine + k.mine, base: a.base + k.base }), { n: 0, mine: 0, base: 0 });
  return {
    mine: { recall5: total.mine / (total.n || 1) },
    baseline: { recall5: total.base / (total.n || 1) },
    byKind: Object.fromEntries([...kinds].map(([k, v]) => [k, { mine: v.mine / v.n, baseline: v.base / v.n }])),
  };
}

const r3 = (x: number) => Math.round(x * 1000) / 1000;
const round = <T extends Record<string, number>>(o: T): T => Object.fromEntries(Object.entries(o).map(([k, v]) => [k, r3(v)])) as T;

function main(): void {
  const args = parseArgs(process.argv.slice(2));
  const train = load(args.train);
  if (!train) {
    console.log(`eval:assist: no data at ${args.train} (jszx2019/ and cixi2017/ expected) — skipped.`);
    return;
  }
  const test = args.test ? load(args.test) : undefined;
  if (args.test && !test) {
    console.log(`eval:assist: no data at ${args.test} — skipped.`);
    return;
  }
  const t0 = Date.now();
  const category = evalCategory(train.category, test?.category, CATEGORY_OPTIONS);
  const routing = evalRouting(train.routing, test?.routing, [...train.units, ...(test?.units ?? [])], ROUTING_OPTIONS);
  const similar = evalSimilar(test ? test.category : train.category);
  const result = {
    category: round(category.mine),
    routing: round({ top1: routing.mine.top1, top3: routing.mine.top3, coRecall5: routing.mine.coRecall5 }),
    similar: round(similar.mine),
  };
  const baseline = { category: round(category.baseline), routing: round(routing.baseline), similar: round(similar.baseline) };
  if (!args.json || process.env.EVAL_VERBOSE) {
    const mode = test ? `train ${args.train} → test ${args.test}` : `5-fold cross-validation on ${args.train}`;
    console.log(`eval:assist (${mode}; ${train.category.length} category records, ${train.routing.length} routed items; ${Date.now() - t0} ms)`);
    console.log('                 model    baseline (char-bigram TF-IDF nearest neighbour)');
    const line = (name: string, a: number, b: number) => console.log(`${name.padEnd(16)} ${r3(a).toFixed(3)}    ${r3(b).toFixed(3)}`);
    line('category top-1', category.mine.top1, category.baseline.top1);
    line('category top-3', category.mine.top3, category.baseline.top3);
    line('category macroF1', category.mine.macroF1, category.baseline.macroF1);
    line('lead unit top-1', routing.mine.top1, routing.baseline.top1);
    line('lead unit top-3', routing.mine.top3, routing.baseline.top3);
    line('co-unit recall@5', routing.mine.coRecall5, routing.baseline.coRecall5);
    line('planted dup R@5', similar.mine.recall5, similar.baseline.recall5);
    for (const [k, v] of Object.entries(similar.byKind)) line(`  ${k}`, v.mine, v.baseline);
  }
  if (args.json) {
    console.error(JSON.stringify({ baseline }));
    console.log(JSON.stringify(result));
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) main();
