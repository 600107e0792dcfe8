import { fitSignedLogisticRegression, type WeightSign } from './constrained.ts';
import { stratifiedFolds, trainingIndices } from './folds.ts';
import { logOdds } from './logistic.ts';

export interface PenaltySearchOptions {
  /** L2 penalties to try; one value skips the search. */
  candidates: readonly number[];
  /** Folds of the inner cross-validation. */
  folds: number;
  seed: number;
  signs: readonly WeightSign[];
}

/** The chosen L2 penalty and the mean held-out log loss of each candidate. */
export interface PenaltyChoice {
  l2: number;
  logLoss: { l2: number; logLoss: number }[];
}

/**
 * Chooses the L2 penalty with the lowest mean log loss on held-out inner
 * folds of the given rows. Callers pass only training rows, so the rows a
 * fitted config is tested on never choose its penalty. Ties keep the
 * larger penalty, which gives the smaller points.
 */
export function choosePenalty(
  features: readonly (readonly number[])[],
  outcomes: readonly boolean[],
  options: PenaltySearchOptions,
): PenaltyChoice {
  const candidates = [...new Set(options.candidates)].sort((a, b) => b - a);
  if (candidates.length === 0) {
    throw new RangeError('choosePenalty needs at least one L2 candidate');
  }
  if (candidates.length === 1) {
    return { l2: candidates[0]!, logLoss: [] };
  }
  const folds = stratifiedFolds(outcomes, options.folds, options.seed);
  const logLoss = candidates.map((l2) => {
    let loss = 0;
    for (const heldOut of folds) {
      const training = trainingIndices(outcomes.length, heldOut);
      const model = fitSignedLogisticRegression(
        training.map((row) => features[row]!),
        training.map((row) => outcomes[row]!),
        { l2, signs: options.signs },
      );
      for (const row of heldOut) {
        loss += rowLoss(logOdds(model, features[row]!), outcomes[row]!);
      }
    }
    return { l2, logLoss: loss / outcomes.length };
  });
  const best = logLoss.reduce((a, b) => (b.logLoss < a.logLoss ? b : a));
  return { l2: best.l2, logLoss: logLoss.sort((a, b) => a.l2 - b.l2) };
}

// -log P(outcome), written to stay finite for large |z|.
function rowLoss(z: number, outcome: boolean): number {
  const signed = outcome ? -z : z;
  return Math.max(signed, 0) + Math.log1p(Math.exp(-Math.abs(signed)));
}
