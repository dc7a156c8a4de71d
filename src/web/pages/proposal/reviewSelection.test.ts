import { describe, expect, it } from 'vitest';
import { PROPOSAL_KINDS, PROPOSAL_STATES, type ProposalAction, type ProposalState } from '@common/proposals';
import { actionable, bulkTargets, filtersFromSearch, nextInWalk, searchOfFilters, walkOf } from './reviewSelection';

const row = (id: number, abilities: ProposalAction[], submittedAt: string | null = null, state: ProposalState = 'submitted') => ({
  id,
  abilities,
  submittedAt,
  state,
});

describe('intake list selection', () => {
  it('submitted rows (立案), registered rows (交办) and assigned-or-later rows (交办函) can be ticked; others cannot', () => {
    expect(actionable(row(5, [], null, 'handling'))).toBe(true);
    expect(actionable(row(6, [], null, 'merged'))).toBe(false);
    expect(actionable(row(1, ['register', 'merge', 'not_register', 'return', 'withdraw']))).toBe(true);
    expect(actionable(row(2, ['withdraw', 'assign']))).toBe(true);
    expect(actionable(row(3, ['withdraw']))).toBe(false);
    expect(actionable(row(4, []))).toBe(false);
  });

  it('splits the ticked rows by action; 立案 goes oldest submission first; rows no longer loaded count for nothing', () => {
    const items = [
      row(10, ['register'], '2026-11-28T03:00:00Z'),
      row(11, ['assign'], '2026-11-20T03:00:00Z'),
      row(12, ['register'], '2026-11-27T03:00:00Z'),
      row(13, ['register'], '2026-11-27T03:00:00Z'),
      row(14, [], '2026-11-01T00:00:00Z'),
      row(15, [], null, 'assigned'),
    ];
    const t = bulkTargets(items, [10, 11, 13, 12, 14, 15, 99]);
    expect(t.letters.map((r) => r.id)).toEqual([15]);
    expect(t.register.map((r) => r.id)).toEqual([12, 13, 10]);
    expect(t.assign.map((r) => r.id)).toEqual([11]);
    expect(bulkTargets(items, []).register).toEqual([]);
  });
});

describe('intake filters in the address', () => {
  const parse = (s: string) => filtersFromSearch(new URLSearchParams(s), PROPOSAL_STATES, PROPOSAL_KINDS);
  it('defaults to 已提交; state= means every state; junk is ignored', () => {
    expect(parse('')).toEqual({ state: 'submitted' });
    expect(parse('state=')).toMatchObject({ state: undefined });
    expect(parse('state=nope&sessionId=-1&categoryId=abc&kind=x')).toEqual({ state: undefined });
    expect(parse('state=registered&sessionId=3&categoryId=7&kind=joint&q=%20公交%20')).toEqual({
      state: 'registered',
      sessionId: 3,
      categoryId: 7,
      kind: 'joint',
      q: '公交',
    });
  });
  it('round-trips', () => {
    for (const s of ['', 'state=', 'state=registered&categoryId=7', 'sessionId=2&q=公交'])
      expect(parse(searchOfFilters(parse(s)).toString())).toEqual(parse(s));
    expect(searchOfFilters({ state: 'submitted' }).toString()).toBe('');
  });
});

describe('下一件 from the intake list', () => {
  it('is the row after this one in the list it was opened from; none at the end or without the list', () => {
    const walk = walkOf({ reviewSearch: 'categoryId=7', ids: [5, 9, 3] });
    expect(nextInWalk(walk, 5)).toBe(9);
    expect(nextInWalk(walk, 9)).toBe(3);
    expect(nextInWalk(walk, 3)).toBeNull();
    expect(nextInWalk(walk, 42)).toBeNull();
    expect(nextInWalk(walkOf(null), 5)).toBeNull();
    expect(walkOf({ reviewSearch: 'x', ids: ['5'] })).toBeNull();
    expect(walkOf({ ids: [1] })).toBeNull();
  });
});
