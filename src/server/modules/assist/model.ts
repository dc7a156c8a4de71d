import { cut } from '@server/lib/segment';

/**
 * The office's suggestion model (category and handling units), pure and in memory: the route and the offline
 * evaluation (`npm run eval:assist`) both use it, so the numbers measured are the numbers the product has.
 *
 * Features: jieba words (title words count more) plus CJK character bigrams (within runs of CJK text, not over a
 * title's formula 关于…的建议), TF-IDF weighted (sublinear tf, L2).
 * Scoring: for each label, a blend of probabilities from (a) the cosine to the label's centroid, (b) a
 * similarity-weighted vote of the k nearest past documents, (c) complement naive Bayes on term counts, (d) a ridge
 * classifier (dual form, exact) and (e) an SGD softmax regression (off in the shipped settings); for units, also
 * (f) the cosine to the unit's profile (职能 text written by staff), optionally weighed by how often the unit led
 * before. The nearest past documents carrying a label are its evidence (依据).
 */

export interface TextInput {
  title: string;
  body?: string;
  /** Extra labels known at that point (e.g. the proposal's category when suggesting units). */
  tags?: readonly string[];
}

export interface Example extends TextInput {
  id: string;
  /** The first label is the main one (the category, or the lead unit); the rest are secondary (co-units). */
  labels: readonly string[];
}

export type Sparse = Map<number, number>;

const CJK = /[\u3400-\u9fff]/u;
const STOP = new Set([
  '关于', '建议', '提案', '进一步', '加强', '加快', '推进', '推动', '我市', '我省', '的', '和', '与', '及', '对', '在', '了',
  '是', '要', '等', '问题', '工作', '完善', '提升', '实施', '促进', '有关', '相关', '一些', '目前', '我国', '进行',
]);

/** Words and character bigrams of one text (prefix marks the field, so title words can weigh more). */
const cutCache = new Map<string, string[]>();

/** jieba's words, remembered for recently seen texts (training and scoring see the same texts again and again). */
function words(text: string): string[] {
  let w = cutCache.get(text);
  if (!w) {
    w = cut(text).filter((x) => !STOP.has(x) && !/^\d+$/u.test(x));
    if (cutCache.size >= 20_000) cutCache.clear();
    cutCache.set(text, w);
  }
  return w;
}

/** Opening and closing formulas of a proposal's title (关于…的建议): they say nothing about its subject. */
const FORMULA = /^(关于)|(的)?(几点|相关|对策)?(建议|提案|提议|意见|对策)$/gu;

function fieldTokens(text: string, prefix: string, withBigrams: boolean): string[] {
  const out: string[] = [];
  for (const w of words(text)) out.push(prefix + w);
  if (withBigrams) {
    // bigrams within runs of CJK characters: not across punctuation, and not over a title's formula (关于…的建议)
    for (const run of text.replace(FORMULA, ' ').split(/[^\u3400-\u9fff]+/u)) {
      const chars = [...run];
      for (let i = 0; i + 1 < chars.length; i++) out.push(`${prefix}~${chars[i]}${chars[i + 1]}`);
    }
  }
  return out;
}

export interface TokenOptions {
  bodyBigrams?: boolean;
}

/** Tokens of a document: title words and bigrams (twice), body words and bigrams, tags. */
export function tokensOf(input: TextInput, opts: TokenOptions = {}): string[] {
  const title = fieldTokens(input.title, '', true);
  const out = [...title, ...title];
  if (input.body) out.push(...fieldTokens(input.body, '', opts.bodyBigrams ?? true));
  for (const t of input.tags ?? []) out.push(`#${t}`, `#${t}`, `#${t}`);
  return out;
}

/** Character bigrams only (the baseline's features). */
export function bigramsOf(input: TextInput): string[] {
  const chars = [...`${input.title}${input.body ?? ''}`].filter((c) => CJK.test(c));
  const out: string[] = [];
  for (let i = 0; i + 1 < chars.length; i++) out.push(chars[i] + chars[i + 1]);
  return out;
}

/** TF-IDF vocabulary learned from a set of token lists. */
export class Vectorizer {
  readonly ids = new Map<string, number>();
  idf: number[] = [];

  constructor(docs: readonly (readonly string[])[], minDf = 1) {
    const df = new Map<string, number>();
    for (const d of docs) for (const t of new Set(d)) df.set(t, (df.get(t) ?? 0) + 1);
    const n = docs.length;
    for (const [t, c] of df) {
      if (c < minDf) continue;
      this.ids.set(t, this.idf.length);
      this.idf.push(Math.log((1 + n) / (1 + c)) + 1);
    }
  }

  /** A vocabulary learned elsewhere (e.g. in the model-building worker): terms in id order and their idf. */
  static restore(terms: readonly string[], idf: readonly number[]): Vectorizer {
    const v = new Vectorizer([]);
    terms.forEach((t, i) => v.ids.set(t, i));
    v.idf = [...idf];
    return v;
  }

  /** Raw counts of the known terms. */
  counts(tokens: readonly string[]): Sparse {
    const tf: Sparse = new Map();
    for (const t of tokens) {
      const id = this.ids.get(t);
      if (id !== undefined) tf.set(id, (tf.get(id) ?? 0) + 1);
    }
    return tf;
  }

  vector(tokens: readonly string[]): Sparse {
    return this.weigh(this.counts(tokens));
  }

  /** TF-IDF vector (sublinear tf, L2) of term counts. */
  weigh(tf: Sparse): Sparse {
    const v: Sparse = new Map();
    let norm = 0;
    for (const [id, c] of tf) {
      const w = (1 + Math.log(c)) * this.idf[id];
      v.set(id, w);
      norm += w * w;
    }
    norm = Math.sqrt(norm) || 1;
    for (const [id, w] of v) v.set(id, w / norm);
    return v;
  }
}

export function dot(a: Sparse, b: Sparse): number {
  const [small, large] = a.size <= b.size ? [a, b] : [b, a];
  let s = 0;
  for (const [k, v] of small) {
    const w = large.get(k);
    if (w !== undefined) s += v * w;
  }
  return s;
}

/** A sparse vector packed for fast dot products against a dense query. */
export interface Packed {
  idx: Int32Array;
  val: Float64Array;
}

export function pack(v: Sparse): Packed {
  const idx = new Int32Array(v.size);
  const val = new Float64Array(v.size);
  let j = 0;
  for (const [k, x] of v) {
    idx[j] = k;
    val[j++] = x;
  }
  return { idx, val };
}

/** Dense copy of `v` (length `dims`). */
export function dense(v: Sparse, dims: number): Float64Array {
  const q = new Float64Array(dims);
  for (const [k, x] of v) q[k] = x;
  return q;
}

export function pdot(p: Packed, q: Float64Array): number {
  let s = 0;
  const { idx, val } = p;
  for (let j = 0; j < idx.length; j++) s += val[j] * q[idx[j]];
  return s;
}

/** The non-zero entries of a dense vector, L2-normalised and packed. */
function packDense(v: Float64Array): Packed {
  let n = 0;
  let nnz = 0;
  for (const w of v)
    if (w !== 0) {
      n += w * w;
      nnz++;
    }
  n = Math.sqrt(n) || 1;
  const idx = new Int32Array(nnz);
  const val = new Float64Array(nnz);
  let j = 0;
  for (let k = 0; k < v.length; k++)
    if (v[k] !== 0) {
      idx[j] = k;
      val[j++] = v[k] / n;
    }
  return { idx, val };
}

export interface Evidence {
  id: string;
  similarity: number;
}

export interface Scored {
  label: string;
  /** 0..1, the blended score normalised over all labels. */
  confidence: number;
  evidence: Evidence[];
  /** Cosine of the input to the label's profile, when it has one. */
  profile?: number;
}

export interface ModelOptions {
  /** Neighbours that vote. */
  k?: number;
  /** Blend weights of the parts (regression, centroid, kNN, profile, complement naive Bayes, ridge classifier). */
  weights?: { lr?: number; centroid?: number; knn?: number; profile?: number; nb?: number; ridge?: number };
  /** Ridge classifier (kernel ridge regression on one-hot labels): regularisation and softmax temperature. */
  ridgeLambda?: number;
  ridgeTemperature?: number;
  /** The ridge classifier learns from the last this many examples (its cost grows with their count cubed). */
  ridgeMaxDocs?: number;
  /** Complement naive Bayes: additive smoothing and the temperature of its per-token log-odds (softmax). */
  nbAlpha?: number;
  nbTemperature?: number;
  /**
   * How much a label's share of past documents counts beside its profile match (0: not at all; 1: as a prior,
   * add-one smoothed, so a label with no history still gets its profile's say).
   */
  profilePrior?: number;
  /** Temperature of the profile cosines (softmax). */
  profileTemperature?: number;
  /** Temperature of the centroid cosines (softmax). */
  centroidTemperature?: number;
  /** Terms seen in fewer documents are dropped (1 keeps all). */
  minDf?: number;
  /** Label profiles (e.g. a unit's 职能 text), by label. */
  profiles?: ReadonlyMap<string, string>;
  /** Softmax-regression epochs (0 turns it off). */
  epochs?: number;
  bodyBigrams?: boolean;
  /** Weight of secondary labels (co-units) in centroids and votes. */
  secondaryWeight?: number;
}

/** What a model learned: everything scoring needs (see model-state.ts to move it between threads). */
export interface Trained {
  vec: Vectorizer;
  docs: { id: string; p: Packed; labels: readonly string[] }[];
  labels: string[];
  centroids: Map<string, Packed>;
  profiles: Map<string, Packed>;
  weights: Float64Array[];
  bias: Float64Array;
  nb: ComplementNB | null;
  /** log of each label's add-one smoothed share of main labels */
  logPrior: Map<string, number>;
  /** Dual weights of the ridge classifier, per label, over docs[offset…]. */
  ridge: { labels: string[]; alpha: Float64Array[]; offset: number } | null;
  opts: Required<Omit<ModelOptions, 'profiles' | 'weights'>> & { weights: Required<NonNullable<ModelOptions['weights']>> };
}

/** A trained model: learn once from the examples (milliseconds for a few thousand), then score many inputs. */
export class SuggestModel {
  private readonly m: Trained;

  constructor(examples: readonly Example[], options: ModelOptions = {}) {
    const opts = {
      k: options.k ?? 10,
      epochs: options.epochs ?? 30,
      bodyBigrams: options.bodyBigrams ?? true,
      secondaryWeight: options.secondaryWeight ?? 0.3,
      nbAlpha: options.nbAlpha ?? 1,
      nbTemperature: options.nbTemperature ?? 0.05,
      centroidTemperature: options.centroidTemperature ?? 0.05,
      profilePrior: options.profilePrior ?? 0,
      profileTemperature: options.profileTemperature ?? 0.05,
      minDf: options.minDf ?? 1,
      ridgeLambda: options.ridgeLambda ?? 1,
      ridgeTemperature: options.ridgeTemperature ?? 0.1,
      ridgeMaxDocs: options.ridgeMaxDocs ?? 500,
      weights: { lr: 1, centroid: 1, knn: 1, profile: 0, nb: 0, ridge: 0, ...options.weights },
    };
    const tokenLists = examples.map((e) => tokensOf(e, opts));
    const profileTokens = new Map<string, string[]>();
    for (const [label, text] of options.profiles ?? []) profileTokens.set(label, tokensOf({ title: text }, opts));
    const vec = new Vectorizer([...tokenLists, ...profileTokens.values()], opts.minDf);
    const counts = tokenLists.map((t) => vec.counts(t));
    const docs = examples.map((e, i) => {
      return { id: e.id, p: pack(vec.weigh(counts[i])), labels: e.labels };
    });
    const labelSet = new Set<string>();
    for (const e of examples) for (const l of e.labels) labelSet.add(l);
    for (const l of profileTokens.keys()) labelSet.add(l);
    const labels = [...labelSet];

    const dims = vec.idf.length;
    const sums = new Map<string, Float64Array>();
    for (const d of docs)
      d.labels.forEach((l, i) => {
        let s = sums.get(l);
        if (!s) sums.set(l, (s = new Float64Array(dims)));
        const scale = i === 0 ? 1 : opts.secondaryWeight;
        const { idx, val } = d.p;
        for (let j = 0; j < idx.length; j++) s[idx[j]] += val[j] * scale;
      });
    const centroids = new Map([...sums].map(([l, s]) => [l, packDense(s)]));
    const profiles = new Map([...profileTokens].map(([l, t]) => [l, pack(vec.vector(t))]));

    const { weights, bias } = trainSoftmax(docs, labels, vec.idf.length, opts.epochs);
    const nb =
      opts.weights.nb > 0 && examples.length > 0
        ? new ComplementNB(
            counts,
            examples.map((e) => e.labels[0]),
            vec.idf.length,
            opts.nbAlpha,
          )
        : null;
    const offset = Math.max(0, docs.length - opts.ridgeMaxDocs);
    const ridge =
      opts.weights.ridge > 0 && docs.length > 0 ? { ...trainRidge(docs.slice(offset), vec.idf.length, opts.ridgeLambda), offset } : null;
    const mainCount = new Map<string, number>();
    for (const e of examples) mainCount.set(e.labels[0], (mainCount.get(e.labels[0]) ?? 0) + 1);
    const logPrior = new Map(labels.map((l) => [l, Math.log(((mainCount.get(l) ?? 0) + 1) / (examples.length + labels.length))]));
    this.m = { vec, docs, labels, centroids, profiles, weights, bias, nb, logPrior, ridge, opts };
  }

  /**
   * Likely co-units for a proposal led by `lead`: the co-units of similar past proposals, the units that usually
   * help this lead, and the profiles' match — best first, without the lead.
   */
  coUnits(input: TextInput, lead: string | undefined, n: number, exclude?: string): string[] {
    return this.coScore(input, lead, exclude)
      .slice(0, n)
      .map((x) => x.label);
  }

  coScore(input: TextInput, lead: string | undefined, exclude?: string): Scored[] {
    const { vec, docs, profiles, opts } = this.m;
    const v = vec.vector(tokensOf(input, opts));
    const q = dense(v, vec.idf.length);
    const total = new Map<string, number>();
    const add = (l: string, x: number) => {
      if (l !== lead) total.set(l, (total.get(l) ?? 0) + x);
    };
    const sims = docs
      .filter((d) => d.id !== exclude)
      .map((d) => ({ d, s: pdot(d.p, q) }))
      .sort((a, b) => b.s - a.s);
    const near = sims.slice(0, opts.k * 2);
    const sumNear = near.reduce((a, x) => a + x.s, 0) || 1;
    for (const { d, s } of near) for (const l of d.labels.slice(1)) add(l, s / sumNear);
    // units that help this lead
    const withLead = docs.filter((d) => d.id !== exclude && d.labels[0] === lead);
    if (withLead.length)
      for (const d of withLead) for (const l of d.labels.slice(1)) add(l, (0.7 * 1) / withLead.length);
    if (profiles.size) {
      const ps = [...profiles].map(([l, p]) => [l, pdot(p, q)] as const).sort((a, b) => b[1] - a[1]);
      for (const [l, s] of ps.slice(0, 5)) add(l, 0.3 * s);
    }
    const ranked = [...total].sort((a, b) => b[1] - a[1]);
    const max = ranked[0]?.[1] || 1;
    return ranked.map(([label, s]) => ({
      label,
      confidence: Math.min(1, s / max) * Math.min(1, s),
      ...(profiles.has(label) ? { profile: Math.round(pdot(profiles.get(label)!, q) * 1000) / 1000 } : {}),
      evidence: sims
        .filter(({ d, s: sim }) => sim > 0 && d.labels.slice(1).includes(label))
        .slice(0, 3)
        .map(({ d, s: sim }) => ({ id: d.id, similarity: Math.round(sim * 1000) / 1000 })),
    }));
  }

  /** The trained state, to move the model between threads (model-state.ts). */
  get trained(): Trained {
    return this.m;
  }

  /** A model from a state trained elsewhere (e.g. in the model-building worker). */
  static fromTrained(m: Trained): SuggestModel {
    const model = Object.create(SuggestModel.prototype) as { m: Trained };
    model.m = m;
    return model as unknown as SuggestModel;
  }

  get labelCount(): number {
    return this.m.labels.length;
  }

  /** Labels ranked best first (all of them), each with a confidence and the past documents behind it. */
  score(input: TextInput, exclude?: string): Scored[] {
    const { vec, docs, labels, centroids, profiles, weights, bias, nb, logPrior, ridge, opts } = this.m;
    const tokens = tokensOf(input, opts);
    const v = vec.vector(tokens);
    const q = dense(v, vec.idf.length);
    const w = opts.weights;
    const total = new Map<string, number>(labels.map((l) => [l, 0]));

    // neighbours (and their labels' votes)
    const all = docs.map((d) => ({ d, s: pdot(d.p, q) }));
    const sims = all.filter(({ d }) => d.id !== exclude).sort((a, b) => b.s - a.s);
    const near = sims.slice(0, opts.k);
    if (ridge) {
      const z = ridge.alpha.map((a) => {
        let acc = 0;
        for (let i = 0; i < a.length; i++) {
          const { d, s } = all[ridge.offset + i];
          if (d.id !== exclude) acc += a[i] * s;
        }
        return acc / opts.ridgeTemperature;
      });
      const p = softmax(z);
      ridge.labels.forEach((l, i) => total.set(l, total.get(l)! + w.ridge * p[i]));
    }
    if (w.knn > 0) {
      const vote = new Map<string, number>();
      let sum = 0;
      for (const { d, s } of near)
        d.labels.forEach((l, i) => {
          const x = s * (i === 0 ? 1 : opts.secondaryWeight);
          vote.set(l, (vote.get(l) ?? 0) + x);
          sum += i === 0 ? s : 0;
        });
      for (const [l, x] of vote) total.set(l, total.get(l)! + (w.knn * x) / (sum || 1));
    }
    if (w.centroid > 0) {
      const cs = labels.map((l) => (centroids.has(l) ? pdot(centroids.get(l)!, q) : 0));
      const sm = softmax(cs.map((c) => c / opts.centroidTemperature));
      labels.forEach((l, i) => total.set(l, total.get(l)! + w.centroid * sm[i]));
    }
    const ps = labels.map((l) => (profiles.has(l) ? pdot(profiles.get(l)!, q) : 0));
    const profileOf = new Map(labels.map((l, i) => [l, ps[i]]));
    if (w.profile > 0 && profiles.size > 0) {
      const sm = softmax(ps.map((c, i) => (profiles.has(labels[i]) ? c / opts.profileTemperature + opts.profilePrior * logPrior.get(labels[i])! : -Infinity)));
      labels.forEach((l, i) => total.set(l, total.get(l)! + w.profile * sm[i]));
    }
    if (w.lr > 0 && opts.epochs > 0) {
      const z = labels.map((_, i) => denseDot(v, weights[i]) + bias[i]);
      const p = softmax(z);
      labels.forEach((l, i) => total.set(l, total.get(l)! + w.lr * p[i]));
    }
    if (nb) for (const [l, p] of nb.probabilities(vec.counts(tokens), opts.nbTemperature)) total.set(l, total.get(l)! + w.nb * p);
    const wsum =
      w.knn + w.centroid + (profiles.size > 0 ? w.profile : 0) + (opts.epochs > 0 ? w.lr : 0) + (nb ? w.nb : 0) + (ridge ? w.ridge : 0) || 1;
    const ranked = [...total].sort((a, b) => b[1] - a[1]);
    return ranked.map(([label, s]) => ({
      label,
      confidence: Math.max(0, Math.min(1, s / wsum)),
      ...(profiles.has(label) ? { profile: Math.round(profileOf.get(label)! * 1000) / 1000 } : {}),
      evidence: sims
        .filter(({ d, s: sim }) => sim > 0 && d.labels.includes(label))
        .slice(0, 3)
        .map(({ d, s: sim }) => ({ id: d.id, similarity: Math.round(sim * 1000) / 1000 })),
    }));
  }
}

/**
 * Complement naive Bayes (Rennie et al. 2003) on term counts: a class is scored by how unlike the *other* classes
 * the text is, which copes with few and unbalanced examples better than plain multinomial NB. Scores are the mean
 * per-token log-odds, turned into probabilities by a softmax with a temperature (so they blend with the rest).
 */
export class ComplementNB {
  readonly labels: string[];
  /** Per label, the complement log-weight of each term. */
  readonly w: Float64Array[];

  /** A model learned elsewhere (labels and their weights, as `labels` / `w` of the original). */
  static restore(labels: string[], w: Float64Array[]): ComplementNB {
    const nb = Object.create(ComplementNB.prototype) as { labels: string[]; w: Float64Array[] };
    nb.labels = labels;
    nb.w = w;
    return nb as unknown as ComplementNB;
  }

  constructor(counts: readonly Sparse[], labelOf: readonly string[], dims: number, alpha: number) {
    this.labels = [...new Set(labelOf)];
    const index = new Map(this.labels.map((l, i) => [l, i]));
    const perClass = this.labels.map(() => new Float64Array(dims));
    counts.forEach((c, i) => {
      const row = perClass[index.get(labelOf[i])!];
      for (const [k, x] of c) row[k] += x;
    });
    const all = new Float64Array(dims);
    for (const row of perClass) for (let k = 0; k < dims; k++) all[k] += row[k];
    const allTotal = all.reduce((a, b) => a + b, 0);
    this.w = perClass.map((row) => {
      const total = row.reduce((a, b) => a + b, 0);
      const denom = allTotal - total + alpha * dims;
      const out = new Float64Array(dims);
      for (let k = 0; k < dims; k++) out[k] = -Math.log((all[k] - row[k] + alpha) / denom);
      return out;
    });
  }

  /** Probability of each known label for a text's term counts (empty when the text has no known term). */
  probabilities(counts: Sparse, temperature: number): Map<string, number> {
    let n = 0;
    for (const x of counts.values()) n += x;
    if (n === 0 || this.labels.length === 0) return new Map();
    const z = this.w.map((w) => {
      let s = 0;
      for (const [k, x] of counts) s += x * w[k];
      return s / n / temperature;
    });
    const p = softmax(z);
    return new Map(this.labels.map((l, i) => [l, p[i]]));
  }
}

/**
 * Ridge classifier in its dual form: solve (K + λI)·α = Y, K the documents' cosine matrix and Y their one-hot main
 * labels; a text then scores Σ α_i · cos(text, doc_i) per label. Exact, and cheap while documents are few (n³/3).
 */
function trainRidge(docs: readonly { p: Packed; labels: readonly string[] }[], dims: number, lambda: number) {
  const n = docs.length;
  const labels = [...new Set(docs.map((d) => d.labels[0]))];
  const index = new Map(labels.map((l, i) => [l, i]));
  const K = new Float64Array(n * n);
  const q = new Float64Array(dims);
  for (let i = 0; i < n; i++) {
    const { idx, val } = docs[i].p;
    for (let j = 0; j < idx.length; j++) q[idx[j]] = val[j];
    for (let j = 0; j <= i; j++) K[i * n + j] = K[j * n + i] = pdot(docs[j].p, q);
    for (let j = 0; j < idx.length; j++) q[idx[j]] = 0;
    K[i * n + i] += lambda;
  }
  // Cholesky K = R·Rᵀ (lower, in place)
  for (let j = 0; j < n; j++) {
    let s = K[j * n + j];
    for (let k = 0; k < j; k++) s -= K[j * n + k] * K[j * n + k];
    const d = Math.sqrt(Math.max(s, 1e-12));
    K[j * n + j] = d;
    for (let i = j + 1; i < n; i++) {
      let t = K[i * n + j];
      for (let k = 0; k < j; k++) t -= K[i * n + k] * K[j * n + k];
      K[i * n + j] = t / d;
    }
  }
  const alpha = labels.map((l) => {
    const x = Float64Array.from(docs, (d) => (index.get(d.labels[0]) === index.get(l) ? 1 : 0));
    for (let i = 0; i < n; i++) {
      let t = x[i];
      for (let k = 0; k < i; k++) t -= K[i * n + k] * x[k];
      x[i] = t / K[i * n + i];
    }
    for (let i = n - 1; i >= 0; i--) {
      let t = x[i];
      for (let k = i + 1; k < n; k++) t -= K[k * n + i] * x[k];
      x[i] = t / K[i * n + i];
    }
    return x;
  });
  return { labels, alpha };
}

function softmax(z: number[]): number[] {
  const max = Math.max(...z);
  const e = z.map((x) => Math.exp(x - max));
  const s = e.reduce((a, b) => a + b, 0) || 1;
  return e.map((x) => x / s);
}

/** Multinomial logistic regression on the sparse vectors: plain SGD, dense weights, deterministic order. */
function trainSoftmax(
  docs: readonly { p: Packed; labels: readonly string[] }[],
  labels: readonly string[],
  dims: number,
  epochs: number,
): { weights: Float64Array[]; bias: Float64Array } {
  const weights = labels.map(() => new Float64Array(epochs > 0 ? dims : 0));
  const bias = new Float64Array(labels.length);
  if (epochs <= 0 || docs.length === 0) return { weights, bias };
  const index = new Map(labels.map((l, i) => [l, i]));
  const decay = 1e-4;
  const z = new Float64Array(labels.length);
  for (let e = 0; e < epochs; e++) {
    const lr = 1 / (1 + e * 0.2);
    // a fixed pseudo-random order per epoch, so results are reproducible
    const order = docs.map((_, i) => i).sort((a, b) => hash(a * 7919 + e) - hash(b * 7919 + e));
    for (const i of order) {
      const d = docs[i];
      const y = index.get(d.labels[0]);
      if (y === undefined) continue;
      let max = -Infinity;
      for (let c = 0; c < labels.length; c++) {
        const s = bias[c] + pdot(d.p, weights[c]);
        z[c] = s;
        if (s > max) max = s;
      }
      let sum = 0;
      for (let c = 0; c < labels.length; c++) sum += z[c] = Math.exp(z[c] - max);
      for (let c = 0; c < labels.length; c++) {
        const g = z[c] / sum - (c === y ? 1 : 0);
        if (Math.abs(g) < 1e-5) continue;
        const w = weights[c];
        const { idx, val } = d.p;
        for (let j = 0; j < idx.length; j++) w[idx[j]] -= lr * g * val[j];
        bias[c] -= lr * g * 0.1;
      }
    }
    const keep = 1 - decay * docs.length * lr;
    for (const w of weights) for (let k = 0; k < w.length; k++) w[k] *= keep;
  }
  return { weights, bias };
}

function denseDot(v: Sparse, w: Float64Array): number {
  let s = 0;
  for (const [k, x] of v) s += w[k] * x;
  return s;
}

function hash(n: number): number {
  let x = n | 0;
  x = Math.imul(x ^ (x >>> 16), 0x45d9f3b);
  x = Math.imul(x ^ (x >>> 16), 0x45d9f3b);
  return (x ^ (x >>> 16)) >>> 0;
}

/** Nearest documents by cosine of TF-IDF vectors (for planted near-duplicates and "similar" evidence). */
export class NearestIndex {
  private readonly vec: Vectorizer;
  private readonly docs: { id: string; p: Packed }[];

  constructor(
    items: readonly { id: string; title: string; body?: string }[],
    private readonly featurize: (i: TextInput) => string[] = (i) => tokensOf(i),
  ) {
    const toks = items.map((i) => featurize(i));
    this.vec = new Vectorizer(toks);
    this.docs = items.map((it, i) => ({ id: it.id, p: pack(this.vec.vector(toks[i])) }));
  }

  top(input: TextInput, n: number): Evidence[] {
    const q = dense(this.vec.vector(this.featurize(input)), this.vec.idf.length);
    return this.docs
      .map((d) => ({ id: d.id, similarity: pdot(d.p, q) }))
      .sort((a, b) => b.similarity - a.similarity)
      .slice(0, n);
  }
}
