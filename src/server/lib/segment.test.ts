import { describe, expect, it } from 'vitest';
import { cut, keywords, segment, segmentForIndex } from './segment';

describe('segment (jieba with the CPPCC user dictionary)', () => {
  it('keeps CPPCC terms and local place names whole', () => {
    const words = cut('秀山县政协委员建议开通峨溶镇至县城的公交线路，由县交通运输委办理社情民意');
    expect(words).toContain('政协委员');
    expect(words).toContain('峨溶镇');
    expect(words).toContain('县交通运输委');
    expect(words).toContain('社情民意');
  });

  it('search mode also yields the parts of long words, without punctuation or spaces', () => {
    const words = segment('关于加快南川区养马河物流园建设的提案！');
    expect(words).toContain('南川区');
    expect(words).toContain('养马河');
    expect(words).toContain('物流');
    expect(words.some((w) => /[！，。\s]/u.test(w))).toBe(false);
    expect(segmentForIndex('智慧 社区')).toBe('智慧 社区');
    expect(segment('')).toEqual([]);
  });

  it('extracts characteristic keywords', () => {
    const k = keywords('农村公交线路开通后，峨溶镇群众出行难问题得到解决，公交班次每日六班。', 3);
    expect(k.length).toBe(3);
    expect(k).toContain('峨溶镇');
  });
});
