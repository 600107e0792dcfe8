import { describe, expect, it } from 'vitest';
import {
  classificationFigures,
  confusionMatrix,
} from '#shared/core/metrics/classification.ts';

describe('confusionMatrix', () => {
  it('counts each cell', () => {
    const matrix = confusionMatrix(
      [true, true, false, false, true],
      [true, false, true, false, true],
    );

    expect(matrix).toEqual({
      truePositives: 2,
      falsePositives: 1,
      trueNegatives: 1,
      falseNegatives: 1,
    });
  });
});

describe('classificationFigures', () => {
  it('derives precision, recall, F1 and accuracy', () => {
    const figures = classificationFigures({
      truePositives: 2,
      falsePositives: 1,
      trueNegatives: 1,
      falseNegatives: 1,
    });

    expect(figures.precision).toBeCloseTo(2 / 3);
    expect(figures.recall).toBeCloseTo(2 / 3);
    expect(figures.f1).toBeCloseTo(2 / 3);
    expect(figures.accuracy).toBeCloseTo(3 / 5);
  });

  describe('when nothing is predicted positive', () => {
    it('leaves precision undefined and recall at 0', () => {
      const figures = classificationFigures(
        confusionMatrix([false, false, false], [true, false, false]),
      );

      expect(figures.precision).toBeNull();
      expect(figures.recall).toBe(0);
      expect(figures.f1).toBe(0);
      expect(figures.accuracy).toBeCloseTo(2 / 3);
    });
  });

  describe('when there are no actual positives', () => {
    it('leaves recall undefined and precision at 0', () => {
      const figures = classificationFigures(
        confusionMatrix([true, false], [false, false]),
      );

      expect(figures.recall).toBeNull();
      expect(figures.precision).toBe(0);
      expect(figures.f1).toBe(0);
      expect(figures.accuracy).toBe(0.5);
    });

    it('leaves every ratio but accuracy undefined when nothing is predicted either', () => {
      const figures = classificationFigures(
        confusionMatrix([false, false], [false, false]),
      );

      expect(figures.precision).toBeNull();
      expect(figures.recall).toBeNull();
      expect(figures.f1).toBeNull();
      expect(figures.accuracy).toBe(1);
    });
  });

  describe('when there are no rows', () => {
    it('leaves every ratio undefined', () => {
      const figures = classificationFigures(confusionMatrix([], []));

      expect(figures).toEqual({
        precision: null,
        recall: null,
        f1: null,
        accuracy: null,
      });
    });
  });
});
