import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  fitLogisticRegression,
  logOdds,
} from '#shared/core/calibration/logistic.ts';
import { seededRandom } from '#shared/core/calibration/random.ts';

/** Rows of two features where the outcome follows feature 0 up and feature 1 down. */
function syntheticRows(size: number, seed: number) {
  const random = seededRandom(seed);
  const features: number[][] = [];
  const outcomes: boolean[] = [];
  for (let index = 0; index < size; index += 1) {
    const rising = random() * 10;
    const falling = random() * 4;
    const noise = random() * 2 - 1;
    features.push([rising, falling]);
    outcomes.push(1.5 * rising - 3 * falling - 2 + noise > 0);
  }
  return { features, outcomes };
}

describe('fitLogisticRegression', () => {
  it('recovers the signs of a separable rule', () => {
    const { features, outcomes } = syntheticRows(400, 1);

    const model = fitLogisticRegression(features, outcomes, { l2: 1 });

    expect(model.weights[0]).toBeGreaterThan(0);
    expect(model.weights[1]).toBeLessThan(0);
  });

  it('classifies most of its training rows right', () => {
    const { features, outcomes } = syntheticRows(400, 2);

    const model = fitLogisticRegression(features, outcomes, { l2: 1 });

    const right = features.filter(
      (row, index) => logOdds(model, row) > 0 === outcomes[index],
    ).length;
    expect(right / features.length).toBeGreaterThan(0.9);
  });

  it('recovers the signs for any seed', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 2 ** 31 }), (seed) => {
        const { features, outcomes } = syntheticRows(200, seed);

        const model = fitLogisticRegression(features, outcomes, { l2: 1 });

        expect(model.weights[0]).toBeGreaterThan(0);
        expect(model.weights[1]).toBeLessThan(0);
      }),
      { numRuns: 20 },
    );
  });

  it('shrinks weights as the penalty grows', () => {
    const { features, outcomes } = syntheticRows(300, 3);

    const loose = fitLogisticRegression(features, outcomes, { l2: 0.1 });
    const tight = fitLogisticRegression(features, outcomes, { l2: 100 });

    expect(Math.abs(tight.weights[0]!)).toBeLessThan(
      Math.abs(loose.weights[0]!),
    );
  });

  it('gives a constant feature weight 0', () => {
    const { features, outcomes } = syntheticRows(200, 4);
    const withConstant = features.map((row) => [...row, 7]);

    const model = fitLogisticRegression(withConstant, outcomes, { l2: 1 });

    expect(model.weights[2]).toBe(0);
  });

  it('matches the outcome rate with no features', () => {
    const outcomes = [true, false, false, false];

    const model = fitLogisticRegression(
      outcomes.map(() => []),
      outcomes,
      { l2: 1 },
    );

    expect(model.intercept).toBeCloseTo(Math.log(1 / 3), 6);
  });

  it('rejects a row count that differs from the outcome count', () => {
    expect(() =>
      fitLogisticRegression([[1]], [true, false], { l2: 1 }),
    ).toThrow(/one outcome per row/);
  });
});
