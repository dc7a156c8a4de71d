/** Models built in the worker score exactly as models built in this thread; a failed worker falls back to this thread. */
import { Worker } from 'node:worker_threads';
import { afterAll, describe, expect, it } from 'vitest';
import { SuggestModel, type Example, type ModelOptions, type TextInput } from './model';
import { ModelBuilder } from './model-builder';
import { exportModel, importModel } from './model-state';
import { CATEGORY_OPTIONS, ROUTING_OPTIONS } from './options';
import { defaultProfile } from './profiles';

const TOPICS = [
  { label: 'c1', unit: 'u1', name: '交通运输局', words: ['公交线路', '客运班车', '农村公路', '公交站点', '出租车'] },
  { label: 'c2', unit: 'u2', name: '教育局', words: ['幼儿园', '中小学', '乡村教师', '职业教育', '校车'] },
  { label: 'c3', unit: 'u3', name: '卫生健康委', words: ['基层医院', '家庭医生', '公共卫生', '医疗服务', '社区卫生'] },
];

function examples(kind: 'category' | 'routing'): Example[] {
  const out: Example[] = [];
  let n = 0;
  for (const t of TOPICS)
    t.words.forEach((a, i) => {
      const b = t.words[(i + 1) % t.words.length];
      for (const f of ['关于加强{a}和{b}的建议', '关于完善{a}建设的提案', '进一步改善{a}']) {
        const title = f.replace('{a}', a).replace('{b}', b);
        out.push(
          kind === 'category'
            ? { id: String(n++), title, body: `${a}存在不足，群众反映强烈。建议加大${b}投入。`, labels: [t.label] }
            : { id: String(n++), title, tags: [t.label], labels: [t.unit, TOPICS[(i + 1) % 3].unit] },
        );
      }
    });
  return out;
}

const profiles = new Map(TOPICS.map((t) => [t.unit, defaultProfile(t.name)]));
const ROUTING: ModelOptions = { ...ROUTING_OPTIONS, profiles };
const QUERIES: TextInput[] = [
  { title: '关于优化城乡公交线路的建议', body: '公交班次少，群众出行不便。' },
  { title: '关于新建乡镇幼儿园的建议', body: '学前教育学位紧张。' },
  { title: '关于推进家庭医生签约的建议', tags: ['c3'] },
  { title: '关于天气的建议' },
];

/** Everything a caller sees of a model: ranked labels, confidences, evidence, co-units. */
const seen = (m: SuggestModel) => QUERIES.map((q) => ({ score: m.score(q, '0'), co: m.coScore(q, 'u1', '0') }));

const builders: ModelBuilder[] = [];
const builder = (opts?: ConstructorParameters<typeof ModelBuilder>[0]) => {
  const b = new ModelBuilder(opts);
  builders.push(b);
  return b;
};
afterAll(() => Promise.all(builders.map((b) => b.close())));

/** A worker that dies on its first job, as a crash or an out-of-memory would. */
const crashing = () => new Worker(`require('node:worker_threads').parentPort.once('message', () => process.exit(3));`, { eval: true });

describe('ModelBuilder', () => {
  it('builds in the worker a model that scores exactly as one built in this thread', async () => {
    const b = builder();
    const [category, routing] = await Promise.all([b.build(examples('category'), CATEGORY_OPTIONS), b.build(examples('routing'), ROUTING)]);
    expect(b.counts).toEqual({ worker: 2, inThread: 0 });
    expect(seen(category)).toEqual(seen(new SuggestModel(examples('category'), CATEGORY_OPTIONS)));
    expect(seen(routing)).toEqual(seen(new SuggestModel(examples('routing'), ROUTING)));
    expect(category.score(QUERIES[1])[0].label).toBe('c2');
    expect(routing.score(QUERIES[0])[0].label).toBe('u1');
    // a model of no examples (profiles only) too
    const cold = await b.build([], ROUTING);
    expect(seen(cold)).toEqual(seen(new SuggestModel([], ROUTING)));
  });

  it('a state exported and imported in the same thread scores the same (ridge on the latest examples only)', () => {
    const opts: ModelOptions = { ...CATEGORY_OPTIONS, ridgeMaxDocs: 20, epochs: 3, weights: { ...CATEGORY_OPTIONS.weights, lr: 1 } };
    const m = new SuggestModel(examples('category'), opts);
    expect(seen(importModel(exportModel(m).state))).toEqual(seen(m));
  });

  it('when the worker crashes, the build runs in this thread, is logged, and the next build tries a new worker', async () => {
    const logged: string[] = [];
    let spawned = 0;
    const b = builder({ log: (msg) => logged.push(msg), spawn: () => (spawned++, crashing()) });
    const m = await b.build(examples('category'), CATEGORY_OPTIONS);
    expect(seen(m)).toEqual(seen(new SuggestModel(examples('category'), CATEGORY_OPTIONS)));
    expect(b.counts).toEqual({ worker: 0, inThread: 1 });
    expect(logged.join('\n')).toMatch(/worker failed.*main thread/u);
    await b.build(examples('routing'), ROUTING);
    expect(spawned).toBe(2);
  });

  it('after repeated failures it stops starting workers; a worker that cannot start is a failure too', async () => {
    let spawned = 0;
    const b = builder({
      maxFailures: 2,
      spawn: () => {
        spawned++;
        throw new Error('no worker here');
      },
    });
    for (let i = 0; i < 4; i++) await b.build(examples('category').slice(0, 10), CATEGORY_OPTIONS);
    expect(spawned).toBe(2);
    expect(b.counts.inThread).toBe(4);
  });

  it('close() refuses the builds pending in the worker and stops it; a later build runs in this thread', async () => {
    let spawned = 0;
    const b = builder({
      spawn: () => (spawned++, new Worker(`require('node:worker_threads').parentPort.on('message', () => {});`, { eval: true })),
    });
    const pending = b.build(examples('category'), CATEGORY_OPTIONS); // this worker never answers
    // The refusal is awaited from before close() (which rejects it), so it is never an unhandled rejection.
    const refused = expect(pending).rejects.toThrow(/closed/u);
    await b.close();
    await refused;
    const m = await b.build(examples('category'), CATEGORY_OPTIONS);
    expect(seen(m)).toEqual(seen(new SuggestModel(examples('category'), CATEGORY_OPTIONS)));
    expect(spawned).toBe(1);
    expect(b.counts).toEqual({ worker: 0, inThread: 1 });
  });
});
