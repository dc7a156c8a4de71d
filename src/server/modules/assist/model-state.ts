import { ComplementNB, SuggestModel, Vectorizer, type Packed, type Trained } from './model';

/**
 * A trained SuggestModel as plain data, to move between threads: the model is built in a worker
 * (model-builder.ts) and scored on the main thread. Maps become arrays; the many small packed vectors are
 * concatenated into one CSR block per kind, so the bulk is a handful of typed arrays that are transferred, not
 * copied.
 */
export interface ModelState {
  opts: Trained['opts'];
  /** The vocabulary in id order, and its idf. */
  terms: string[];
  idf: Float64Array;
  docIds: string[];
  docLabels: string[][];
  docs: PackedRows;
  labels: string[];
  centroids: { labels: string[]; rows: PackedRows };
  profiles: { labels: string[]; rows: PackedRows };
  /** Softmax regression (empty when off). */
  weights: Float64Array[];
  bias: Float64Array;
  nb: { labels: string[]; w: Float64Array[] } | null;
  /** log prior of each of `labels`, in that order. */
  logPrior: Float64Array;
  ridge: { labels: string[]; alpha: Float64Array[]; offset: number } | null;
}

/** Packed sparse rows, concatenated: row r is idx/val[offsets[r] … offsets[r + 1]). */
export interface PackedRows {
  offsets: Int32Array;
  idx: Int32Array;
  val: Float64Array;
}

function packRows(rows: readonly Packed[]): PackedRows {
  const offsets = new Int32Array(rows.length + 1);
  rows.forEach((r, i) => (offsets[i + 1] = offsets[i] + r.idx.length));
  const idx = new Int32Array(offsets[rows.length]);
  const val = new Float64Array(offsets[rows.length]);
  rows.forEach((r, i) => {
    idx.set(r.idx, offsets[i]);
    val.set(r.val, offsets[i]);
  });
  return { offsets, idx, val };
}

/** Views into the block (no copy). */
function unpackRows(rows: PackedRows): Packed[] {
  const out: Packed[] = [];
  for (let i = 0; i + 1 < rows.offsets.length; i++) {
    const a = rows.offsets[i];
    const b = rows.offsets[i + 1];
    out.push({ idx: rows.idx.subarray(a, b), val: rows.val.subarray(a, b) });
  }
  return out;
}

/** The model's state and the buffers to transfer with it (`postMessage(state, transfer)`). */
export function exportModel(model: SuggestModel): { state: ModelState; transfer: ArrayBuffer[] } {
  const m = model.trained;
  const terms: string[] = new Array<string>(m.vec.idf.length);
  for (const [t, i] of m.vec.ids) terms[i] = t;
  const centroidLabels = [...m.centroids.keys()];
  const profileLabels = [...m.profiles.keys()];
  const state: ModelState = {
    opts: m.opts,
    terms,
    idf: Float64Array.from(m.vec.idf),
    docIds: m.docs.map((d) => d.id),
    docLabels: m.docs.map((d) => [...d.labels]),
    docs: packRows(m.docs.map((d) => d.p)),
    labels: m.labels,
    centroids: { labels: centroidLabels, rows: packRows(centroidLabels.map((l) => m.centroids.get(l)!)) },
    profiles: { labels: profileLabels, rows: packRows(profileLabels.map((l) => m.profiles.get(l)!)) },
    weights: m.weights,
    bias: m.bias,
    nb: m.nb ? { labels: m.nb.labels, w: m.nb.w } : null,
    logPrior: Float64Array.from(m.labels, (l) => m.logPrior.get(l)!),
    ridge: m.ridge,
  };
  const arrays = [
    state.idf,
    ...[state.docs, state.centroids.rows, state.profiles.rows].flatMap((r) => [r.offsets, r.idx, r.val]),
    ...state.weights,
    state.bias,
    ...(state.nb?.w ?? []),
    state.logPrior,
    ...(state.ridge?.alpha ?? []),
  ];
  // each buffer once (a buffer listed twice cannot be transferred); a view into a larger buffer is cloned instead
  const transfer = new Set<ArrayBuffer>();
  for (const a of arrays)
    if (a.byteOffset === 0 && a.byteLength === a.buffer.byteLength && a.buffer instanceof ArrayBuffer) transfer.add(a.buffer);
  return { state, transfer: [...transfer] };
}

/** The model back from its state: scores exactly as the model it was exported from. */
export function importModel(s: ModelState): SuggestModel {
  const docRows = unpackRows(s.docs);
  const centroidRows = unpackRows(s.centroids.rows);
  const profileRows = unpackRows(s.profiles.rows);
  return SuggestModel.fromTrained({
    vec: Vectorizer.restore(s.terms, Array.from(s.idf)),
    docs: s.docIds.map((id, i) => ({ id, p: docRows[i], labels: s.docLabels[i] })),
    labels: s.labels,
    centroids: new Map(s.centroids.labels.map((l, i) => [l, centroidRows[i]])),
    profiles: new Map(s.profiles.labels.map((l, i) => [l, profileRows[i]])),
    weights: s.weights,
    bias: s.bias,
    nb: s.nb ? ComplementNB.restore(s.nb.labels, s.nb.w) : null,
    logPrior: new Map(s.labels.map((l, i) => [l, s.logPrior[i]])),
    ridge: s.ridge,
    opts: s.opts,
  });
}
