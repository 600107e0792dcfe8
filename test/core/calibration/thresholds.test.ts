import { describe, expect, it } from 'vitest';
import {
  chooseThresholds,
  fitForRecall,
  objectiveValue,
  type ScoredOutcome,
} from '#shared/core/calibration/thresholds.ts';

function row(
  fit: number,
  engagement: number,
  outcome: boolean,
  requiredMet = true,
): ScoredOutcome {
  return { fit, engagement, total: fit + engagement, requiredMet, outcome };
}

describe('chooseThresholds', () => {
  describe('when the total separates the outcomes', () => {
    it('puts the SQL total threshold at the lowest positive total', () => {
      const rows = [
        row(10, 0, false),
        row(10, 5, false),
        row(20, 10, true),
        row(25, 15, true),
      ];

      const { thresholds, value } = chooseThresholds(rows, {
        objective: 'f1',
      });

      expect(value).toBe(1);
      expect(thresholds.sqlTotal).toBe(30);
    });
  });

  it('never counts a contact that misses a required criterion', () => {
    const rows = [
      row(50, 50, false, false),
      row(10, 10, true),
      row(5, 5, false),
    ];

    const { thresholds, value } = chooseThresholds(rows, { objective: 'f1' });

    expect(value).toBe(1);
    expect(thresholds.sqlTotal).toBe(20);
  });

  it('uses the fit threshold when fit alone separates the outcomes', () => {
    // Engagement and total overlap; only a fit threshold of 30 is exact.
    const rows = [
      row(30, 0, true),
      row(30, 1, true),
      row(10, 25, false),
      row(0, 40, false),
    ];

    const { thresholds, value } = chooseThresholds(rows, { objective: 'f1' });

    expect(value).toBe(1);
    expect(thresholds.mqlFit).toBe(30);
  });

  it('trades recall for precision under the accuracy objective', () => {
    // Totals 1..6; outcomes true at 6, 5, 3 and false at 4, 2, 1.
    const rows = [
      row(6, 0, true),
      row(5, 0, true),
      row(4, 0, false),
      row(3, 0, true),
      row(2, 0, false),
      row(1, 0, false),
    ];

    const byF1 = chooseThresholds(rows, { objective: 'f1' });
    const byAccuracy = chooseThresholds(rows, { objective: 'accuracy' });

    // F1: SQL at total >= 3 gives 2*3 / (2*3 + 1 + 0) = 6/7.
    expect(byF1.value).toBeCloseTo(6 / 7);
    expect(byF1.thresholds.sqlTotal).toBe(3);
    // Accuracy: total >= 5 gives 5 of 6 right, the first best found.
    expect(byAccuracy.value).toBeCloseTo(5 / 6);
    expect(byAccuracy.thresholds.sqlTotal).toBe(5);
  });

  it('returns the same thresholds for the same rows', () => {
    const rows = Array.from({ length: 50 }, (_, index) =>
      row(index % 7, (index * 3) % 11, index % 3 === 0),
    );

    const first = chooseThresholds(rows, { objective: 'f1' });
    const second = chooseThresholds([...rows], { objective: 'f1' });

    expect(second).toEqual(first);
  });

  it('rejects an empty list', () => {
    expect(() => chooseThresholds([], { objective: 'f1' })).toThrow(
      /at least one/,
    );
  });
});

describe('objectiveValue', () => {
  it('computes F1 from true and false positives', () => {
    // 3 hits, 1 false alarm, 5 positives: 2*3 / (3 + 1 + 5) = 6/9.
    expect(objectiveValue('f1', 3, 1, 5, 10)).toBeCloseTo(6 / 9);
  });

  it('computes accuracy from true and false positives', () => {
    // 3 hits, 1 false alarm, 5 positives of 10: 3 + (10 - 5 - 1) = 7 right.
    expect(objectiveValue('accuracy', 3, 1, 5, 10)).toBeCloseTo(0.7);
  });
});

describe('fitForRecall', () => {
  it('returns the highest fit that keeps the share of positives', () => {
    const rows = [
      row(40, 0, true),
      row(30, 0, true),
      row(20, 0, true),
      row(10, 0, true),
      row(35, 0, false),
    ];

    expect(fitForRecall(rows, 0.75)).toBe(20);
    expect(fitForRecall(rows, 0.5)).toBe(30);
    expect(fitForRecall(rows, 1)).toBe(10);
  });

  it('returns the lowest fit when no row is positive', () => {
    const rows = [row(5, 0, false), row(-3, 0, false)];

    expect(fitForRecall(rows, 0.9)).toBe(-3);
  });
});

describe('chooseThresholds with mqlRecall', () => {
  it('keeps the MQL share of positives while the objective sets the SQL thresholds', () => {
    // By F1 alone, a fit threshold of 0 would make every row an MQL.
    const rows = [
      row(0, 30, false),
      row(0, 35, false),
      row(20, 5, true),
      row(20, 20, true),
      row(25, 30, true),
      row(30, 1, false),
    ];

    const { thresholds } = chooseThresholds(rows, {
      objective: 'f1',
      mqlRecall: 1,
    });

    expect(thresholds.mqlFit).toBe(20);
    const mql = rows.filter((r) => r.fit >= thresholds.mqlFit);
    expect(mql.filter((r) => r.outcome)).toHaveLength(3);
    expect(mql).toHaveLength(4);
  });
});
