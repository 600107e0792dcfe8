import type { ClientConfig } from '../config/client.ts';
import type { ContactSnapshot, Score } from '../contact.ts';
import { rocAuc } from '../metrics/auc.ts';
import {
  classificationFigures,
  confusionMatrix,
  type ClassificationFigures,
  type ConfusionMatrix,
} from '../metrics/classification.ts';
import { scoreContact } from '../scoring/index.ts';
import { describeFeature, featureMatrix, type Feature } from './features.ts';
import { stratifiedFolds, trainingIndices } from './folds.ts';
import { fitLogisticRegression } from './logistic.ts';
import { configFromModel, nextCalibratedVersion } from './points.ts';
import {
  chooseThresholds,
  type ScoredOutcome,
  type ThresholdObjective,
} from './thresholds.ts';

/** A contact to calibrate on; contacts without an outcome are left out. */
export interface CalibrationContact extends ContactSnapshot {
  outcome?: boolean | undefined;
}

export interface CalibrationOptions {
  folds: number;
  seed: number;
  objective: ThresholdObjective;
  /** L2 penalty of the logistic regression on standardised features. */
  l2: number;
  /** Points per unit of log-odds when weights become points. */
  pointsPerLogOdds: number;
  /** Version of the written config; the next `-calN` version when omitted. */
  version?: string;
}

/** Figures of one held-out fold, scored with the config fitted on the other folds. */
export interface FoldFigures extends ClassificationFigures {
  fold: number;
  contacts: number;
  auc: number | null;
  thresholds: ClientConfig['thresholds'];
}

/** Cross-validated figures: every contact is scored by a config that was not fitted on it. */
export interface CrossValidatedFigures extends ClassificationFigures {
  /** Mean ROC AUC of the total score over the folds. */
  auc: number | null;
  folds: number;
  seed: number;
  objective: ThresholdObjective;
  l2: number;
  pointsPerLogOdds: number;
  contacts: number;
  positives: number;
  perFold: FoldFigures[];
}

export interface CalibrationResult {
  /** The config fitted on every contact, with thresholds chosen by the objective. */
  config: ClientConfig;
  figures: CrossValidatedFigures;
  /** Each fitted part of the config with its new points. */
  points: { feature: string; points: number }[];
  /** Things a reader of the result should check. */
  notes: string[];
}

/**
 * Fits the points of a config's fit criteria and interaction weights to the
 * outcome with a regularised logistic regression over the config's own
 * features, and chooses the thresholds by the objective. The figures come
 * from stratified k-fold cross-validation. The scoring core scores each fold
 * with a config whose points and thresholds were fitted on the other folds.
 * `now` is the instant the contacts are scored at (ms since the epoch).
 */
export function calibrateConfig(
  config: ClientConfig,
  contacts: readonly CalibrationContact[],
  now: number,
  options: CalibrationOptions,
): CalibrationResult {
  const labelled = contacts.filter(
    (contact): contact is CalibrationContact & { outcome: boolean } =>
      contact.outcome !== undefined,
  );
  const outcomes = labelled.map((contact) => contact.outcome);
  const positives = outcomes.filter(Boolean).length;
  if (positives === 0 || positives === labelled.length) {
    throw new RangeError(
      `calibration needs contacts with both outcomes; found ${positives} positive of ${labelled.length} with an outcome`,
    );
  }
  const { features, rows } = featureMatrix(config, labelled, now);

  const fit = (indices: readonly number[]): ClientConfig =>
    fitConfig(config, features, rows, labelled, indices, now, options);

  const perFold: FoldFigures[] = [];
  let pooled: ConfusionMatrix = emptyMatrix();
  stratifiedFolds(outcomes, options.folds, options.seed).forEach(
    (heldOut, index) => {
      const fitted = fit(trainingIndices(labelled.length, heldOut));
      const scores = heldOut.map((row) =>
        scoreContact(fitted, labelled[row]!, now),
      );
      const heldOutcomes = heldOut.map((row) => outcomes[row]!);
      const matrix = confusionMatrix(
        scores.map((score) => score.qualification === 'sql'),
        heldOutcomes,
      );
      pooled = addMatrices(pooled, matrix);
      perFold.push({
        fold: index + 1,
        contacts: heldOut.length,
        auc: rocAuc(
          scores.map((score) => score.total),
          heldOutcomes,
        ),
        ...classificationFigures(matrix),
        thresholds: fitted.thresholds,
      });
    },
  );

  const everyRow = labelled.map((_, index) => index);
  const final = {
    ...fit(everyRow),
    version: options.version ?? nextCalibratedVersion(config.version),
  };
  const aucs = perFold.flatMap((fold) => (fold.auc === null ? [] : [fold.auc]));
  const auc =
    aucs.length === 0
      ? null
      : aucs.reduce((sum, value) => sum + value, 0) / aucs.length;

  return {
    config: final,
    figures: {
      auc,
      ...classificationFigures(pooled),
      folds: options.folds,
      seed: options.seed,
      objective: options.objective,
      l2: options.l2,
      pointsPerLogOdds: options.pointsPerLogOdds,
      contacts: labelled.length,
      positives,
      perFold,
    },
    points: fittedPoints(final, features),
    notes: calibrationNotes(config, contacts.length - labelled.length, auc),
  };
}

function fitConfig(
  config: ClientConfig,
  features: readonly Feature[],
  rows: readonly number[][],
  contacts: readonly (CalibrationContact & { outcome: boolean })[],
  indices: readonly number[],
  now: number,
  options: CalibrationOptions,
): ClientConfig {
  const model = fitLogisticRegression(
    indices.map((index) => rows[index]!),
    indices.map((index) => contacts[index]!.outcome),
    { l2: options.l2 },
  );
  const draft = configFromModel(
    config,
    features,
    model,
    options.pointsPerLogOdds,
    config.thresholds,
  );
  const scored = indices.map((index) =>
    scoredOutcome(
      scoreContact(draft, contacts[index]!, now),
      contacts[index]!.outcome,
    ),
  );
  const { thresholds } = chooseThresholds(scored, {
    objective: options.objective,
  });
  return { ...draft, thresholds };
}

function scoredOutcome(score: Score, outcome: boolean): ScoredOutcome {
  return {
    fit: score.fit,
    engagement: score.engagement,
    total: score.total,
    requiredMet: (score.failedRequired ?? []).length === 0,
    outcome,
  };
}

function fittedPoints(
  config: ClientConfig,
  features: readonly Feature[],
): { feature: string; points: number }[] {
  return features.map((feature) => {
    let points: number | undefined;
    if (feature.type === 'criterion') {
      points = config.fit.criteria.find(
        (criterion) => criterion.id === feature.id,
      )?.points;
    } else if (feature.type === 'keyPage') {
      points = config.engagement.keyPages.find(
        (page) => page.id === feature.id,
      )?.points;
    } else {
      points = config.engagement.weights[feature.kind]?.points;
    }
    return { feature: describeFeature(feature), points: points ?? 0 };
  });
}

function calibrationNotes(
  config: ClientConfig,
  withoutOutcome: number,
  auc: number | null,
): string[] {
  const notes: string[] = [];
  if (withoutOutcome > 0) {
    notes.push(
      `${withoutOutcome} contact(s) without an outcome were left out of the fit and the figures.`,
    );
  }
  const overridden = config.personas.items.filter(
    (persona) =>
      persona.traits.mqlFit !== undefined ||
      persona.traits.sqlEngagement !== undefined ||
      persona.traits.sqlTotal !== undefined,
  );
  if (overridden.length > 0) {
    notes.push(
      `Threshold overrides of persona(s) ${overridden.map((persona) => persona.id).join(', ')} were removed, because the fitted points use another scale; set them again if they are still wanted.`,
    );
  }
  if (auc !== null && auc > 0.95) {
    notes.push(
      `A held-out AUC of ${auc.toFixed(3)} is suspiciously high: check that no score input is written after contact (sales feedback) or derived from the outcome.`,
    );
  }
  return notes;
}

function emptyMatrix(): ConfusionMatrix {
  return {
    truePositives: 0,
    falsePositives: 0,
    trueNegatives: 0,
    falseNegatives: 0,
  };
}

function addMatrices(a: ConfusionMatrix, b: ConfusionMatrix): ConfusionMatrix {
  return {
    truePositives: a.truePositives + b.truePositives,
    falsePositives: a.falsePositives + b.falsePositives,
    trueNegatives: a.trueNegatives + b.trueNegatives,
    falseNegatives: a.falseNegatives + b.falseNegatives,
  };
}
