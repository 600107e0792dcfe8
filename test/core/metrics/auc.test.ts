import { describe, expect, it } from 'vitest';
import { rocAuc } from '#shared/core/metrics/auc.ts';

describe('rocAuc', () => {
  describe('when scores separate the classes', () => {
    it('returns 1 for a perfect ranking', () => {
      const auc = rocAuc([0.1, 0.2, 0.8, 0.9], [false, false, true, true]);

      expect(auc).toBe(1);
    });

    it('returns 0 for a reversed ranking', () => {
      const auc = rocAuc([0.9, 0.8, 0.2, 0.1], [false, false, true, true]);

      expect(auc).toBe(0);
    });
  });

  describe('when scores tie', () => {
    it('counts a tied pair as half', () => {
      // One positive and one negative with the same score: 1 pair, tied.
      const auc = rocAuc([5, 5], [true, false]);

      expect(auc).toBe(0.5);
    });

    it('counts ties across a mixed ranking', () => {
      // Pairs (positive, negative): (3,1) win, (3,3) tie, (2,1) win, (2,3) loss.
      // (1 + 0.5 + 1 + 0) / 4 = 0.625
      const auc = rocAuc([3, 2, 1, 3], [true, true, false, false]);

      expect(auc).toBe(0.625);
    });
  });

  describe('when one class is missing', () => {
    it('returns null without positives', () => {
      expect(rocAuc([1, 2, 3], [false, false, false])).toBeNull();
    });

    it('returns null without negatives', () => {
      expect(rocAuc([1, 2], [true, true])).toBeNull();
    });
  });

  it('rejects scores and outcomes of different lengths', () => {
    expect(() => rocAuc([1, 2], [true])).toThrow(/2 scores and 1 outcomes/);
  });
});
