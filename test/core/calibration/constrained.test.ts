import { describe, expect, it } from 'vitest';
import { fitSignedLogisticRegression } from '#shared/core/calibration/constrained.ts';
import { fitLogisticRegression } from '#shared/core/calibration/logistic.ts';
import { seededRandom } from '#shared/core/calibration/random.ts';

/** Rows where the outcome rises with column 0 and falls with column 1. */
function rows(size: number, seed: number) {
  const random = seededRandom(seed);
  const features: number[][] = [];
  const outcomes: boolean[] = [];
  for (let index = 0; index < size; index += 1) {
    const rising = random() * 4;
    const falling = random() < 0.5 ? 1 : 0;
    features.push([rising, falling]);
    const logOdds = rising - 2 * falling - 1;
    outcomes.push(random() < 1 / (1 + Math.exp(-logOdds)));
  }
  return { features, outcomes };
}

describe('fitSignedLogisticRegression', () => {
  describe('when a weight would take the forbidden sign', () => {
    it('fixes that weight at 0', () => {
      const { features, outcomes } = rows(500, 1);

      const model = fitSignedLogisticRegression(features, outcomes, {
        l2: 1,
        signs: [1, 1],
      });

      expect(model.weights[1]).toBe(0);
      expect(model.weights[0]).toBeGreaterThan(0);
    });
  });

  describe('when every weight has its sign', () => {
    it('returns the unconstrained fit', () => {
      const { features, outcomes } = rows(500, 2);

      const signed = fitSignedLogisticRegression(features, outcomes, {
        l2: 1,
        signs: [1, -1],
      });
      const free = fitLogisticRegression(features, outcomes, { l2: 1 });

      expect(signed).toEqual(free);
    });
  });

  it('leaves columns with sign 0 free', () => {
    const { features, outcomes } = rows(500, 3);

    const model = fitSignedLogisticRegression(features, outcomes, {
      l2: 1,
      signs: [0, 0],
    });

    expect(model.weights[1]).toBeLessThan(0);
  });
});
