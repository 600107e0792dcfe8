import {
  fitLogisticRegression,
  type LogisticModel,
  type LogisticOptions,
} from './logistic.ts';

/** Sign a weight must have: 1 for 0 or more, -1 for 0 or less, 0 for any. */
export type WeightSign = -1 | 0 | 1;

export interface SignedLogisticOptions extends LogisticOptions {
  /** One sign per feature column; a missing entry allows any sign. */
  signs: readonly WeightSign[];
}

/**
 * Fits a logistic regression whose weights keep the required signs. A
 * weight that comes out with the wrong sign is fixed at 0 and the rest are
 * refitted, the worst offender first, until every weight has its sign. A
 * feature fixed at 0 stays out: the result is the fit over the features
 * that kept their sign, not the exact constrained optimum.
 */
export function fitSignedLogisticRegression(
  features: readonly (readonly number[])[],
  outcomes: readonly boolean[],
  options: SignedLogisticOptions,
): LogisticModel {
  const width = features[0]?.length ?? 0;
  const excluded = new Set<number>();
  for (;;) {
    const rows =
      excluded.size === 0 ? features : withoutColumns(features, excluded);
    const model = fitLogisticRegression(rows, outcomes, options);
    const worst = worstViolation(model.weights, options.signs);
    if (worst === undefined || excluded.size >= width) return model;
    excluded.add(worst);
  }
}

function worstViolation(
  weights: readonly number[],
  signs: readonly WeightSign[],
): number | undefined {
  let worst: number | undefined;
  let largest = 1e-12;
  weights.forEach((weight, column) => {
    const sign = signs[column] ?? 0;
    const violation = sign === 0 ? 0 : -sign * weight;
    if (violation > largest) {
      largest = violation;
      worst = column;
    }
  });
  return worst;
}

// A constant column gets weight 0 from the fit, so zeroing a column
// removes it from the model.
function withoutColumns(
  features: readonly (readonly number[])[],
  excluded: ReadonlySet<number>,
): number[][] {
  return features.map((row) =>
    row.map((value, column) => (excluded.has(column) ? 0 : value)),
  );
}
