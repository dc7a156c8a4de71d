import { describe, expect, it } from 'vitest';
import { isOverdue, replyDefaultsFrom, signable, signEach } from './unitInbox';

describe('unit inbox: overdue count', () => {
  const row = (over: Partial<Parameters<typeof isOverdue>[0]>) => ({
    status: 'received',
    role: 'lead',
    opinionDue: null,
    workdaysLeft: 5,
    ...over,
  });
  it('a unit in hand is late when its reply deadline has passed', () => {
    expect(isOverdue(row({ workdaysLeft: -1 }), '2026-11-28')).toBe(true);
    expect(isOverdue(row({ workdaysLeft: 0 }), '2026-11-28')).toBe(false);
  });
  it("a co-unit goes by its opinion date, not the lead's reply deadline", () => {
    // Opinion still due although the reply date has passed: not late (the reply is the lead's).
    expect(isOverdue(row({ role: 'co', opinionDue: '2026-12-01', workdaysLeft: -3 }), '2026-11-28')).toBe(false);
    // Opinion late although the reply is months away: late.
    expect(isOverdue(row({ role: 'co', opinionDue: '2026-11-27', workdaysLeft: 40 }), '2026-11-28')).toBe(true);
  });
  it('rows not in hand (to sign for, replied, opinion given) are never counted', () => {
    expect(isOverdue(row({ status: 'replied', workdaysLeft: -10 }), '2026-11-28')).toBe(false);
    expect(isOverdue(row({ status: 'opinion_given', role: 'co', opinionDue: '2026-01-01' }), '2026-11-28')).toBe(false);
  });
});

describe('unit inbox: 批量签收', () => {
  it('signs every row with its own version and goes on after a refusal', async () => {
    const calls: Array<[number, number]> = [];
    const progress: number[] = [];
    const out = await signEach(
      [
        { id: 1, version: 3 },
        { id: 2, version: 7 },
        { id: 3, version: 1 },
      ],
      async (r) => {
        calls.push([r.id, r.version]);
        if (r.id === 2) throw new Error('「版本」该记录已被他人修改');
      },
      (n) => progress.push(n),
    );
    expect(calls).toEqual([
      [1, 3],
      [2, 7],
      [3, 1],
    ]);
    expect(out).toEqual({ signed: 2, failed: [{ id: 2, message: '「版本」该记录已被他人修改' }] });
    expect(progress).toEqual([1, 2, 3]);
  });
  it('offers only the rows that may still be signed for', () => {
    const rows = [
      { id: 1, abilities: ['sign', 'request_adjustment'] },
      { id: 2, abilities: [] },
      { id: 3, abilities: ['sign'] },
    ];
    expect(signable(rows).map((r) => r.id)).toEqual([1, 3]);
  });
});

describe('reply dialog: the last reply’s signer and 文号 series', () => {
  it('keeps the signer and the 文号 up to its serial number', () => {
    expect(replyDefaultsFrom({ signer: ' 张局长 ', docNumber: '秀交函〔2026〕88号' })).toEqual({
      signer: '张局长',
      docNumber: '秀交函〔2026〕',
    });
    expect(replyDefaultsFrom({ signer: '张局长', docNumber: '交复字〔2026〕第12号' })).toEqual({
      signer: '张局长',
      docNumber: '交复字〔2026〕第',
    });
  });
  it('a 文号 without a serial is kept whole; blanks and nothing give nothing', () => {
    expect(replyDefaultsFrom({ docNumber: '秀交函' })).toEqual({ docNumber: '秀交函' });
    expect(replyDefaultsFrom({ signer: '  ', docNumber: '' })).toEqual({});
    expect(replyDefaultsFrom(null)).toEqual({});
    expect(replyDefaultsFrom({ docNumber: '12号' })).toEqual({});
  });
});
