import { describe, expect, it } from 'vitest';
import { readValues, restoreValues, sameValues, valuesOf, waitingCosigners, type DraftValues } from './draftValues';

const server: DraftValues = {
  subject: '关于增开公交班次的建议',
  body: '情况：班次少。',
  categoryId: 3,
  suggestedUnitIds: [12, 7],
  isPublic: true,
};

describe('proposal draft values', () => {
  it('suggested units (建议承办单位) are part of the draft: a changed unit list is unsaved', () => {
    expect(sameValues(server, { ...server, suggestedUnitIds: [12, 7] })).toBe(true);
    expect(sameValues(server, { ...server, suggestedUnitIds: [12] })).toBe(false);
    expect(sameValues(server, { ...server, suggestedUnitIds: [7, 12] })).toBe(false);
  });

  it('reads the record and the form with defaults', () => {
    // (The body's HTML → text conversion needs a DOM; it is covered by the browser pass.)
    const v = valuesOf({ subject: 's', body: '', categoryId: null, suggestedUnitIds: [5], isPublic: false });
    expect(v).toEqual({ subject: 's', body: '', categoryId: null, suggestedUnitIds: [5], isPublic: false });
    expect(readValues({})).toEqual({ subject: '', body: '', categoryId: null, suggestedUnitIds: [], isPublic: true });
  });

  it('a copy kept on this device from before the unit field keeps the saved units instead of emptying them', () => {
    const old = { subject: '关于增开公交班次的建议', body: '情况：班次少。又写了一句。', categoryId: 3, isPublic: true };
    expect(restoreValues(old, server)).toEqual({ ...server, body: '情况：班次少。又写了一句。' });
    expect(restoreValues({ ...old, suggestedUnitIds: [] }, server).suggestedUnitIds).toEqual([]);
    expect(restoreValues('garbage', server)).toEqual(server);
    expect(restoreValues({ suggestedUnitIds: ['x'] }, server).suggestedUnitIds).toEqual([12, 7]);
  });
});

describe('co-signers still to answer', () => {
  it('lists the invited ones; confirmed, declined and the first proposer do not hold the submit back', () => {
    const proposers = [
      { name: '田晓峰', role: 'first', status: 'confirmed' },
      { name: '陶敏', role: 'cosigner', status: 'invited' },
      { name: '田林', role: 'cosigner', status: 'declined' },
      { name: '余博博', role: 'cosigner', status: 'confirmed' },
      { name: '毛欣', role: 'cosigner', status: 'invited' },
    ];
    expect(waitingCosigners(proposers)).toEqual(['陶敏', '毛欣']);
    expect(waitingCosigners(proposers.filter((x) => x.status !== 'invited'))).toEqual([]);
  });
});
