import { describe, expect, it } from 'vitest';
import { fieldLabel } from './messages';

describe('fieldLabel', () => {
  it('names a title as a heading (an activity speech, an issue) …', () => {
    expect(fieldLabel('title', 'zh-CN')).toBe('标题');
    expect(fieldLabel('speeches.0.title', 'zh-CN')).toBe('标题');
  });
  it('… but a role grant’s title as the position it is', () => {
    expect(fieldLabel('grants.0.title', 'zh-CN')).toBe('职务');
    expect(fieldLabel('grants.0.title', 'en')).toBe('Position');
  });
  it('falls back to the plain label, then to the field name', () => {
    expect(fieldLabel('grants.0.name', 'zh-CN')).toBe('名称');
    expect(fieldLabel('noSuchField', 'zh-CN')).toBe('noSuchField');
  });
});
