/** Counts of a binary prediction against the actual outcome. */
export interface ConfusionMatrix {
  truePositives: number;
  falsePositives: number;
  trueNegatives: number;
  falseNegatives: number;
}

/**
 * Figures of a binary prediction. A ratio whose denominator is zero is null:
 * precision with no predicted positives, recall with no actual positives.
 */
export interface ClassificationFigures {
  precision: number | null;
  recall: number | null;
  f1: number | null;
  accuracy: number | null;
}

/** Counts predictions against outcomes, pairwise by index. */
export function confusionMatrix(
  predicted: readonly boolean[],
  actual: readonly boolean[],
): ConfusionMatrix {
  if (predicted.length !== actual.length) {
    throw new RangeError(
      `confusionMatrix needs one outcome per prediction; got ${predicted.length} predictions and ${actual.length} outcomes`,
    );
  }
  const matrix: ConfusionMatrix = {
    truePositives: 0,
    falsePositives: 0,
    trueNegatives: 0,
    falseNegatives: 0,
  };
  predicted.forEach((isPredicted, index) => {
    const isActual = actual[index]!;
    if (isPredicted && isActual) matrix.truePositives += 1;
    else if (isPredicted) matrix.falsePositives += 1;
    else if (isActual) matrix.falseNegatives += 1;
    else matrix.trueNegatives += 1;
  });
  return matrix;
}

/** Derives precision, recall, F1 and accuracy from a confusion matrix. */
export function classificationFigures(
  matrix: ConfusionMatrix,
): ClassificationFigures {
  const { truePositives, falsePositives, trueNegatives, falseNegatives } =
    matrix;
  const total = truePositives + falsePositives + trueNegatives + falseNegatives;
  return {
    precision: ratio(truePositives, truePositives + falsePositives),
    recall: ratio(truePositives, truePositives + falseNegatives),
    // 2TP / (2TP + FP + FN) equals the harmonic mean of precision and
    // recall, and stays defined (0) when there are positives but no hits.
    f1: ratio(
      2 * truePositives,
      2 * truePositives + falsePositives + falseNegatives,
    ),
    accuracy: ratio(truePositives + trueNegatives, total),
  };
}

function ratio(numerator: number, denominator: number): number | null {
  return denominator === 0 ? null : numerator / denominator;
}
