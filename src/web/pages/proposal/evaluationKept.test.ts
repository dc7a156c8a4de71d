import { describe, expect, it } from 'vitest';
import { readKeptRating } from './Evaluation';

const store = (v: string | null) => ({ getItem: () => v });

describe('an evaluation kept on this device until it is sent', () => {
  it('gives back the ratings and the reason typed before the member was interrupted', () => {
    const kept = JSON.stringify({ workRating: 'basically_satisfied', resultRating: 'dissatisfied', comments: '线路仍未开通' });
    expect(readKeptRating('k', store(kept))).toEqual({
      workRating: 'basically_satisfied',
      resultRating: 'dissatisfied',
      comments: '线路仍未开通',
    });
  });

  it('drops what is not a rating, and anything unreadable', () => {
    expect(readKeptRating('k', store(JSON.stringify({ workRating: 'great', comments: 5 })))).toEqual({
      workRating: undefined,
      resultRating: undefined,
      comments: undefined,
    });
    expect(readKeptRating('k', store('{not json'))).toEqual({});
    expect(readKeptRating('k', store(null))).toEqual({});
  });
});
