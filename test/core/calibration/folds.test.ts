import { describe, expect, it } from 'vitest';
import {
  stratifiedFolds,
  trainingIndices,
} from '#shared/core/calibration/folds.ts';

function outcomes(size: number, positiveEvery: number): boolean[] {
  return Array.from(
    { length: size },
    (_, index) => index % positiveEvery === 0,
  );
}

describe('stratifiedFolds', () => {
  it('returns the same split for the same seed', () => {
    const rows = outcomes(103, 3);

    const first = stratifiedFolds(rows, 5, 42);
    const second = stratifiedFolds(rows, 5, 42);

    expect(second).toEqual(first);
  });

  it('returns another split for another seed', () => {
    const rows = outcomes(103, 3);

    const first = stratifiedFolds(rows, 5, 42);
    const second = stratifiedFolds(rows, 5, 7);

    expect(second).not.toEqual(first);
  });

  it('puts every row in exactly one fold', () => {
    const rows = outcomes(103, 3);

    const folds = stratifiedFolds(rows, 5, 42);

    const all = folds.flat().sort((a, b) => a - b);
    expect(all).toEqual(Array.from({ length: 103 }, (_, index) => index));
    expect(new Set(all).size).toBe(103);
  });

  it('keeps fold sizes and positives within one of each other', () => {
    const rows = outcomes(103, 3);

    const folds = stratifiedFolds(rows, 5, 42);

    const sizes = folds.map((fold) => fold.length);
    const positives = folds.map(
      (fold) => fold.filter((index) => rows[index]).length,
    );
    expect(Math.max(...sizes) - Math.min(...sizes)).toBeLessThanOrEqual(1);
    expect(Math.max(...positives) - Math.min(...positives)).toBeLessThanOrEqual(
      1,
    );
  });

  describe('when the fold count is invalid', () => {
    it('rejects fewer than 2 folds', () => {
      expect(() => stratifiedFolds(outcomes(10, 2), 1, 42)).toThrow(
        /2 or more/,
      );
    });

    it('rejects more folds than rows', () => {
      expect(() => stratifiedFolds(outcomes(3, 2), 4, 42)).toThrow(
        /cannot exceed/,
      );
    });
  });
});

describe('trainingIndices', () => {
  it('returns the rows outside the fold', () => {
    expect(trainingIndices(6, [1, 4])).toEqual([0, 2, 3, 5]);
  });
});
