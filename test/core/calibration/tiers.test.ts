import { describe, expect, it } from 'vitest';
import { numericTiers, type Tier } from '#shared/core/calibration/tiers.ts';

const NO_BOUNDS = { min: [], max: [] };

function tierOf(tiers: readonly Tier[], value: number): number[] {
  return tiers.flatMap((tier, index) =>
    (tier.min === undefined || value >= tier.min) &&
    (tier.max === undefined || value <= tier.max)
      ? [index]
      : [],
  );
}

describe('numericTiers', () => {
  describe('when the values are whole numbers', () => {
    it('puts every number in exactly one tier', () => {
      const values = Array.from({ length: 100 }, (_, index) => index * 3);

      const tiers = numericTiers(values, NO_BOUNDS, {
        tiers: 4,
        minSupport: 5,
      });

      expect(tiers).toHaveLength(4);
      for (const value of [-10, 0, 1, 44, 150, 151, 297, 10_000]) {
        expect(tierOf(tiers, value)).toHaveLength(1);
      }
    });

    it('leaves the lowest tier without a min and the highest without a max', () => {
      const values = Array.from({ length: 50 }, (_, index) => index);

      const tiers = numericTiers(values, NO_BOUNDS, {
        tiers: 5,
        minSupport: 5,
      });

      expect(tiers[0]!.min).toBeUndefined();
      expect(tiers.at(-1)!.max).toBeUndefined();
    });
  });

  it('cuts at the bounds the config already uses', () => {
    const values = Array.from({ length: 100 }, (_, index) => index * 10);

    const tiers = numericTiers(
      values,
      { min: [600], max: [299] },
      { tiers: 2, minSupport: 5 },
    );

    expect(tiers.map((tier) => tier.min)).toContain(600);
    expect(tiers.map((tier) => tier.min)).toContain(300);
  });

  it('merges a tier with too few values into a neighbour', () => {
    // 0 once, then 1..40: a cut at 0 would leave a tier of one value.
    const values = [0, ...Array.from({ length: 40 }, (_, index) => index + 1)];

    const tiers = numericTiers(
      values,
      { min: [1], max: [] },
      { tiers: 2, minSupport: 5 },
    );

    for (const tier of tiers) {
      const inside = values.filter(
        (value) =>
          (tier.min === undefined || value >= tier.min) &&
          (tier.max === undefined || value <= tier.max),
      );
      expect(inside.length).toBeGreaterThanOrEqual(5);
    }
  });

  it('returns no tiers when every value is the same', () => {
    expect(
      numericTiers([4, 4, 4, 4], NO_BOUNDS, { tiers: 3, minSupport: 1 }),
    ).toEqual([]);
  });

  it('returns no tiers for no values', () => {
    expect(numericTiers([], NO_BOUNDS, { tiers: 3, minSupport: 1 })).toEqual(
      [],
    );
  });

  describe('when the values have decimals', () => {
    it('ends each tier at the largest value below the next', () => {
      const values = [0.5, 0.5, 1.5, 1.5, 2.5, 2.5, 3.5, 3.5];

      const tiers = numericTiers(values, NO_BOUNDS, {
        tiers: 2,
        minSupport: 2,
      });

      expect(tiers).toEqual([{ max: 1.5 }, { min: 2.5 }]);
    });
  });
});
