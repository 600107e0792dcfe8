/** A fitted logistic regression: log-odds = intercept + sum of weights times features. */
export interface LogisticModel {
  intercept: number;
  weights: number[];
}

export interface LogisticOptions {
  /**
   * L2 penalty on the weights of the standardised features (the intercept
   * is not penalised); 1 matches scikit-learn's default C = 1.
   */
  l2: number;
  maxIterations?: number;
  /** Stop when no standardised coefficient moves by more than this. */
  tolerance?: number;
}

/**
 * Fits an L2-regularised logistic regression by Newton's method. Features
 * are standardised for the fit, so the penalty treats them alike whatever
 * their unit, and the weights are returned in the original units. A
 * feature that is constant in the data gets weight 0.
 */
export function fitLogisticRegression(
  features: readonly (readonly number[])[],
  outcomes: readonly boolean[],
  options: LogisticOptions,
): LogisticModel {
  const rows = features.length;
  if (rows !== outcomes.length || rows === 0) {
    throw new RangeError(
      `fitLogisticRegression needs one outcome per row and at least one row; got ${rows} rows and ${outcomes.length} outcomes`,
    );
  }
  const width = features[0]!.length;
  const { means, deviations } = columnStatistics(features, width);
  const standardised = features.map((row) =>
    row.map((value, column) =>
      deviations[column] === 0
        ? 0
        : (value - means[column]!) / deviations[column]!,
    ),
  );
  const targets = outcomes.map((outcome) => (outcome ? 1 : 0));

  // Coefficient 0 is the intercept, 1..width the standardised weights.
  let beta = new Array<number>(width + 1).fill(0);
  let loss = penalisedLoss(standardised, targets, beta, options.l2);
  const maxIterations = options.maxIterations ?? 100;
  const tolerance = options.tolerance ?? 1e-9;
  for (let iteration = 0; iteration < maxIterations; iteration += 1) {
    const { gradient, hessian } = derivatives(
      standardised,
      targets,
      beta,
      options.l2,
    );
    const step = solveSymmetric(hessian, gradient);

    // Halve the Newton step until the loss does not grow (rarely needed).
    let scale = 1;
    let candidate = beta.map((value, index) => value - step[index]!);
    let candidateLoss = penalisedLoss(
      standardised,
      targets,
      candidate,
      options.l2,
    );
    while (candidateLoss > loss + 1e-12 && scale > 1e-6) {
      scale /= 2;
      candidate = beta.map((value, index) => value - scale * step[index]!);
      candidateLoss = penalisedLoss(
        standardised,
        targets,
        candidate,
        options.l2,
      );
    }
    const moved = Math.max(...step.map((value) => Math.abs(scale * value)));
    beta = candidate;
    loss = candidateLoss;
    if (moved < tolerance) break;
  }

  const weights = beta
    .slice(1)
    .map((value, column) =>
      deviations[column] === 0 ? 0 : value / deviations[column]!,
    );
  const intercept =
    beta[0]! -
    weights.reduce((sum, weight, column) => sum + weight * means[column]!, 0);
  return { intercept, weights };
}

/** Returns the log-odds of one row under a model. */
export function logOdds(model: LogisticModel, row: readonly number[]): number {
  let sum = model.intercept;
  model.weights.forEach((weight, column) => {
    sum += weight * row[column]!;
  });
  return sum;
}

function columnStatistics(
  features: readonly (readonly number[])[],
  width: number,
): { means: number[]; deviations: number[] } {
  const means = new Array<number>(width).fill(0);
  for (const row of features) {
    for (let column = 0; column < width; column += 1) {
      means[column]! += row[column]! / features.length;
    }
  }
  const deviations = new Array<number>(width).fill(0);
  for (const row of features) {
    for (let column = 0; column < width; column += 1) {
      deviations[column]! += (row[column]! - means[column]!) ** 2;
    }
  }
  return {
    means,
    deviations: deviations.map((sum) => {
      const deviation = Math.sqrt(sum / features.length);
      return deviation < 1e-12 ? 0 : deviation;
    }),
  };
}

function linear(row: readonly number[], beta: readonly number[]): number {
  let sum = beta[0]!;
  for (let column = 0; column < row.length; column += 1) {
    sum += beta[column + 1]! * row[column]!;
  }
  return sum;
}

function penalisedLoss(
  rows: readonly (readonly number[])[],
  targets: readonly number[],
  beta: readonly number[],
  l2: number,
): number {
  let loss = 0;
  rows.forEach((row, index) => {
    const z = linear(row, beta);
    // log(1 + e^z) - y z, written to stay finite for large |z|.
    loss +=
      Math.max(z, 0) + Math.log1p(Math.exp(-Math.abs(z))) - targets[index]! * z;
  });
  for (let index = 1; index < beta.length; index += 1) {
    loss += (l2 / 2) * beta[index]! ** 2;
  }
  return loss;
}

function derivatives(
  rows: readonly (readonly number[])[],
  targets: readonly number[],
  beta: readonly number[],
  l2: number,
): { gradient: number[]; hessian: number[][] } {
  const size = beta.length;
  const gradient = new Array<number>(size).fill(0);
  const hessian = Array.from({ length: size }, () =>
    new Array<number>(size).fill(0),
  );
  const extended = new Array<number>(size);
  extended[0] = 1;

  rows.forEach((row, index) => {
    const probability = 1 / (1 + Math.exp(-linear(row, beta)));
    const residual = probability - targets[index]!;
    const curvature = probability * (1 - probability);
    for (let column = 0; column < row.length; column += 1) {
      extended[column + 1] = row[column]!;
    }
    for (let i = 0; i < size; i += 1) {
      const value = extended[i]!;
      if (value === 0) continue;
      gradient[i]! += residual * value;
      const weighted = curvature * value;
      const hessianRow = hessian[i]!;
      for (let j = 0; j <= i; j += 1) {
        hessianRow[j]! += weighted * extended[j]!;
      }
    }
  });
  for (let i = 0; i < size; i += 1) {
    for (let j = 0; j < i; j += 1) hessian[j]![i] = hessian[i]![j]!;
  }

  for (let index = 1; index < size; index += 1) {
    gradient[index]! += l2 * beta[index]!;
    hessian[index]![index]! += l2;
  }
  // A tiny ridge on the intercept keeps the system solvable when every
  // probability has saturated to 0 or 1.
  hessian[0]![0]! += 1e-9;
  return { gradient, hessian };
}

/** Solves A x = b for a symmetric positive definite A by Cholesky decomposition. */
function solveSymmetric(matrix: number[][], vector: number[]): number[] {
  const size = vector.length;
  const lower = Array.from({ length: size }, () =>
    new Array<number>(size).fill(0),
  );
  for (let i = 0; i < size; i += 1) {
    for (let j = 0; j <= i; j += 1) {
      let sum = matrix[i]![j]!;
      for (let k = 0; k < j; k += 1) sum -= lower[i]![k]! * lower[j]![k]!;
      if (i === j) {
        lower[i]![i] = Math.sqrt(Math.max(sum, 1e-12));
      } else {
        lower[i]![j] = sum / lower[j]![j]!;
      }
    }
  }
  const forward = new Array<number>(size).fill(0);
  for (let i = 0; i < size; i += 1) {
    let sum = vector[i]!;
    for (let k = 0; k < i; k += 1) sum -= lower[i]![k]! * forward[k]!;
    forward[i] = sum / lower[i]![i]!;
  }
  const solution = new Array<number>(size).fill(0);
  for (let i = size - 1; i >= 0; i -= 1) {
    let sum = forward[i]!;
    for (let k = i + 1; k < size; k += 1) sum -= lower[k]![i]! * solution[k]!;
    solution[i] = sum / lower[i]![i]!;
  }
  return solution;
}
