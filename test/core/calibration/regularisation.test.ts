import { describe, expect, it } from 'vitest';
import { seededRandom } from '#shared/core/calibration/random.ts';
import { choosePenalty } from '#shared/core/calibration/regularisation.ts';

const CANDIDATES = [0.01, 1, 100, 10_000];

/** Rows of `width` random columns; the outcome follows column 0 when `signal` is set, else is noise. */
function rows(size: number, width: number, signal: boolean, seed: number) {
  const random = seededRandom(seed);
  const features: number[][] = [];
  const outcomes: boolean[] = [];
  for (let index = 0; index < size; index += 1) {
    const row = Array.from({ length: width }, () => random() * 2 - 1);
    features.push(row);
    const logOdds = signal ? 4 * row[0]! : 0;
    outcomes.push(random() < 1 / (1 + Math.exp(-logOdds)));
  }
  return { features, outcomes };
}

describe('choosePenalty', () => {
  describe('when the outcome is noise', () => {
    it('chooses the largest penalty', () => {
      const { features, outcomes } = rows(120, 10, false, 1);

      const choice = choosePenalty(features, outcomes, {
        candidates: CANDIDATES,
        folds: 3,
        seed: 7,
        signs: [],
      });

      expect(choice.l2).toBe(10_000);
    });
  });

  describe('when one column carries a strong signal', () => {
    it('chooses a penalty below the largest', () => {
      const { features, outcomes } = rows(400, 3, true, 2);

      const choice = choosePenalty(features, outcomes, {
        candidates: CANDIDATES,
        folds: 3,
        seed: 7,
        signs: [],
      });

      expect(choice.l2).toBeLessThan(10_000);
    });
  });

  it('reports the log loss of every candidate, smallest penalty first', () => {
    const { features, outcomes } = rows(90, 2, true, 3);

    const choice = choosePenalty(features, outcomes, {
      candidates: [10, 1],
      folds: 3,
      seed: 7,
      signs: [],
    });

    expect(choice.logLoss.map((entry) => entry.l2)).toEqual([1, 10]);
    const best = Math.min(...choice.logLoss.map((entry) => entry.logLoss));
    expect(
      choice.logLoss.find((entry) => entry.l2 === choice.l2)?.logLoss,
    ).toBe(best);
  });

  it('returns a single candidate without a search', () => {
    const { features, outcomes } = rows(30, 2, true, 4);

    const choice = choosePenalty(features, outcomes, {
      candidates: [3],
      folds: 3,
      seed: 7,
      signs: [],
    });

    expect(choice).toEqual({ l2: 3, logLoss: [] });
  });
});
