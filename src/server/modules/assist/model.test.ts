/** The suggestion model on a small synthetic corpus: it learns labels, explains them, and uses unit profiles. */
import { describe, expect, it } from 'vitest';
import { ComplementNB, NearestIndex, SuggestModel, tokensOf, Vectorizer, type Example } from './model';
import { CATEGORY_OPTIONS, ROUTING_OPTIONS } from './options';
import { defaultProfile, nameCore, unitProfileText } from './profiles';

const TOPICS: Record<string, { unit: string; words: string[] }> = {
  交通: { unit: '交通运输局', words: ['公交线路', '客运班车', '农村公路', '公交站点', '出租车', '物流运输'] },
  教育: { unit: '教育局', words: ['幼儿园', '中小学', '乡村教师', '职业教育', '校车', '课后服务'] },
  医疗: { unit: '卫生健康委', words: ['基层医院', '家庭医生', '公共卫生', '医疗服务', '疾病预防', '社区卫生'] },
};
const FRAMES = ['关于加强{a}和{b}的建议', '关于完善{a}建设的提案', '进一步改善{a}，推动{b}', '关于{a}与{b}统筹发展的建议'];

function corpus(): Example[] {
  const out: Example[] = [];
  let n = 0;
  for (const [category, t] of Object.entries(TOPICS))
    t.words.forEach((a, i) => {
      const b = t.words[(i + 1) % t.words.length];
      for (const f of FRAMES) out.push({ id: `d${n++}`, title: f.replace('{a}', a).replace('{b}', b), body: `${a}存在不足，群众反映强烈。建议加大${b}投入。`, labels: [category] });
    });
  return out;
}

describe('SuggestModel', () => {
  it('ranks the right category first on held-out documents, with confidences and evidence of that label', () => {
    const all = corpus();
    const test = all.filter((_, i) => i % 4 === 0);
    const train = all.filter((_, i) => i % 4 !== 0);
    const model = new SuggestModel(train, CATEGORY_OPTIONS);
    let right = 0;
    for (const e of test) {
      const s = model.score(e);
      if (s[0].label === e.labels[0]) right++;
      expect(s[0].confidence).toBeGreaterThan(s[1].confidence);
      expect(s[0].confidence).toBeLessThanOrEqual(1);
      const byId = new Map(train.map((x) => [x.id, x]));
      for (const ev of s[0].evidence) expect(byId.get(ev.id)?.labels).toContain(s[0].label);
    }
    expect(right / test.length).toBeGreaterThanOrEqual(0.9);
  });

  it('excludes the document itself from its evidence', () => {
    const all = corpus();
    const model = new SuggestModel(all, CATEGORY_OPTIONS);
    const s = model.score(all[0], all[0].id);
    expect(s[0].evidence.map((e) => e.id)).not.toContain(all[0].id);
  });

  it('routes by unit profiles when there is no history, and learns co-units from past decisions', () => {
    const profiles = new Map(Object.values(TOPICS).map((t) => [t.unit, defaultProfile(t.unit)]));
    expect(defaultProfile('县交通运输委')).toContain('公交');
    expect(defaultProfile('某某公司')).toBe('');
    const cold = new SuggestModel([], { ...ROUTING_OPTIONS, profiles });
    expect(cold.score({ title: '关于优化城乡公交线路的建议' })[0].label).toBe('交通运输局');
    expect(cold.score({ title: '关于加强乡村教师队伍建设的建议' })[0].label).toBe('教育局');

    const history: Example[] = [
      { id: 'h1', title: '关于开通城乡公交线路的建议', labels: ['交通运输局', '财政局'] },
      { id: 'h2', title: '关于增加农村客运班车的建议', labels: ['交通运输局', '财政局'] },
      { id: 'h3', title: '关于新建幼儿园的建议', labels: ['教育局', '自然资源局'] },
    ];
    const warm = new SuggestModel(history, { ...ROUTING_OPTIONS, profiles });
    const lead = warm.score({ title: '关于加密公交班次的建议' });
    expect(lead[0].label).toBe('交通运输局');
    expect(lead[0].evidence[0].id).toMatch(/^h[12]$/);
    const co = warm.coUnits({ title: '关于加密公交班次的建议' }, '交通运输局', 3);
    expect(co[0]).toBe('财政局');
    expect(co).not.toContain('交通运输局');
  });

  it('finds a shuffled or truncated near-duplicate among the nearest', () => {
    const all = corpus();
    const index = new NearestIndex(all);
    const d = all[5];
    expect(index.top({ title: d.title }, 5).map((x) => x.id)).toContain(d.id);
    expect(index.top({ title: d.title, body: d.body?.split('。').reverse().join('。') }, 1)[0].id).toBe(d.id);
  });

  it('leaves a title\'s formula (关于…的建议) and punctuation out of the character bigrams', () => {
    const t = tokensOf({ title: '关于优化公交线路的几点建议', body: '公交，线路。' });
    expect(t).toContain('~公交');
    expect(t).toContain('~线路');
    expect(t.some((x) => x === '~关于' || x === '~于优' || x === '~建议' || x === '~的几' || x === '~路的')).toBe(false);
    expect(tokensOf({ title: '', body: '公交，线路' })).not.toContain('~交线');
  });

  it('complement naive Bayes learns labels from term counts and gives probabilities', () => {
    const docs = [['公交', '线路'], ['公交', '站点'], ['学校', '教师'], ['学校', '幼儿园']];
    const vec = new Vectorizer(docs);
    const nb = new ComplementNB(docs.map((d) => vec.counts(d)), ['交通', '交通', '教育', '教育'], vec.idf.length, 1);
    const p = nb.probabilities(vec.counts(['公交', '公交', '教师']), 0.05);
    expect(p.get('交通')!).toBeGreaterThan(p.get('教育')!);
    expect([...p.values()].reduce((a, b) => a + b, 0)).toBeCloseTo(1, 6);
    expect(nb.probabilities(vec.counts(['无关']), 0.05).size).toBe(0);
  });

  it('each part alone (ridge classifier, naive Bayes) learns the synthetic categories; ridge may learn from the latest examples only', () => {
    const all = corpus();
    const test = all.filter((_, i) => i % 4 === 0);
    // topics interleaved, so the latest 30 examples still hold every topic
    const train = all.filter((_, i) => i % 4 !== 0).sort((a, b) => (Number(a.id.slice(1)) % 7) - (Number(b.id.slice(1)) % 7));
    for (const weights of [{ lr: 0, centroid: 0, knn: 0, ridge: 1 }, { lr: 0, centroid: 0, knn: 0, nb: 1 }]) {
      const model = new SuggestModel(train, { epochs: 0, weights, ridgeMaxDocs: 30 });
      const right = test.filter((e) => model.score(e)[0].label === e.labels[0]).length;
      expect(right / test.length).toBeGreaterThanOrEqual(0.9);
    }
  });

  it('with the prior, a unit that led before outranks a never-seen unit with the same profile match', () => {
    const profiles = new Map([
      ['甲局', '公交 客运 班车'],
      ['乙局', '公交 客运 班车'],
    ]);
    const history: Example[] = [
      { id: 'h1', title: '关于新建幼儿园的建议', labels: ['甲局'] },
      { id: 'h2', title: '关于改善中小学校舍的建议', labels: ['甲局'] },
    ];
    const weights = { lr: 0, centroid: 0, knn: 0, profile: 1 };
    const withPrior = new SuggestModel(history, { epochs: 0, weights, profiles, profilePrior: 1 }).score({ title: '关于增加客运班车的建议' });
    expect(withPrior[0].label).toBe('甲局');
    expect(withPrior[0].confidence).toBeGreaterThan(withPrior[1].confidence);
    const flat = new SuggestModel(history, { epochs: 0, weights, profiles, profilePrior: 0 }).score({ title: '关于增加客运班车的建议' });
    expect(flat[0].confidence).toBeCloseTo(flat[1].confidence, 6);
  });

  it('a unit profile is its name\'s core plus its own duties, or its kind\'s', () => {
    expect(nameCore('市卫生和计划生育局')).toBe('卫生和计划生育');
    expect(nameCore('市综合行政执法局（市城管局）')).toBe('综合行政执法');
    expect(nameCore('县交通运输委')).toBe('交通运输');
    expect(unitProfileText('市教育局')).toMatch(/^教育 .*幼儿园/u);
    expect(unitProfileText('市教育局', '校车 课后服务')).toBe('教育 校车 课后服务');
    expect(unitProfileText('某某公司')).toBe('');
  });
});
