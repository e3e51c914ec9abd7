import { describe, expect, it } from 'vitest';
import { competitionRanks, nearlyEqual, ranksWithin } from './ranks.js';

describe('competitionRanks', () => {
  it('gives ties the lowest rank number (1, 2, 2, 4)', () => {
    expect(competitionRanks([90, 80, 80, 70])).toEqual([1, 2, 2, 4]);
    expect(competitionRanks([70, 90, null, 80, 90])).toEqual([4, 1, null, 3, 1]);
    expect(competitionRanks([])).toEqual([]);
    expect(competitionRanks([null, null])).toEqual([null, null]);
  });

  it('treats floating noise as a tie, compared with the first value of the run', () => {
    // 0.1 + 0.2 and 0.3 differ in the last bit
    expect(competitionRanks([0.1 + 0.2, 0.3, 0.2])).toEqual([1, 1, 3]);
    // tolerance at 80 is 8e-8: 80 + 3e-8, 80, 80 − 3e-8 tie; 80 − 6e-8 is within 8e-8 of
    // 80 − 3e-8 but not of the run's first value, so the tie does not chain
    expect(competitionRanks([90, 80, 80 + 3e-8, 80 - 3e-8, 80 - 6e-8, 70])).toEqual([1, 2, 2, 2, 5, 6]);
  });

  it('nearlyEqual is relative above 1 and absolute below', () => {
    expect(nearlyEqual(1e6, 1e6 + 1e-4)).toBe(true);
    expect(nearlyEqual(1e6, 1e6 + 1e-2)).toBe(false);
    expect(nearlyEqual(0, 1e-10)).toBe(true);
    expect(nearlyEqual(0, 1e-8)).toBe(false);
  });
});

describe('ranksWithin', () => {
  it('ranks each category separately', () => {
    expect(ranksWithin(['a', 'b', 'a', 'b', 'a'], [50, 60, 70, 60, null])).toEqual([2, 1, 1, 1, null]);
  });
});
