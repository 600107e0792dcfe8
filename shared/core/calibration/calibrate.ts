import type { ClientConfig } from '../config/client.ts';
import type { ContactSnapshot } from '../contact.ts';
import { rocAuc } from '../metrics/auc.ts';
import {
  classificationFigures,
  confusionMatrix,
  type ClassificationFigures,
  type ConfusionMatrix,
} from '../metrics/classification.ts';
import { scoreContact } from '../scoring/index.ts';
import { addCandidateCriteria, type CandidateOptions } from './candidates.ts';
import { featureMatrix } from './features.ts';
import { featureSigns, fitConfigOn, type FitSetup } from './fit-config.ts';
import { stratifiedFolds, trainingIndices } from './folds.ts';
import { nextCalibratedVersion } from './points.ts';
import { calibrationNotes, fittedPoints } from './report.ts';
import type { ThresholdObjective } from './thresholds.ts';

/** A contact to calibrate on; contacts without an outcome are left out. */
export interface CalibrationContact extends ContactSnapshot {
  outcome?: boolean | undefined;
}

export interface CalibrationOptions {
  folds: number;
  seed: number;
  objective: ThresholdObjective;
  /**
   * L2 penalty of the logistic regression on standardised features. With
   * several, each fit takes the one with the lowest log loss in an inner
   * cross-validation on its own training rows.
   */
  l2: number | readonly number[];
  /** Folds of the inner cross-validation that chooses the penalty (default 3). */
  innerFolds?: number;
  /** Points per unit of log-odds when weights become points. */
  pointsPerLogOdds: number;
  /**
   * Share of the converters that must be MQLs: the MQL fit threshold keeps
   * it and the objective sets only the SQL thresholds. When omitted, the
   * objective sets every threshold.
   */
  mqlRecall?: number;
  /** Adds candidate criteria per value and per tier of the tested properties. */
  candidates?: CandidateOptions;
  /**
   * Keeps engagement kinds and key pages at 0 points or more and negative
   * signals at 0 or less (default true).
   */
  signConstraints?: boolean;
  /** Version of the written config; the next `-calN` version when omitted. */
  version?: string;
}

/** Figures of one held-out fold, scored with the config fitted on the other folds. */
export interface FoldFigures extends ClassificationFigures {
  fold: number;
  contacts: number;
  /** Held-out contacts that are MQLs (SQLs included) and SQLs. */
  mql: number;
  sql: number;
  auc: number | null;
  /** The penalty chosen on this fold's training rows. */
  l2: number;
  thresholds: ClientConfig['thresholds'];
}

/** Cross-validated figures: every contact is scored by a config that was not fitted on it. */
export interface CrossValidatedFigures extends ClassificationFigures {
  /** Mean ROC AUC of the total score over the folds. */
  auc: number | null;
  folds: number;
  seed: number;
  objective: ThresholdObjective;
  /** The penalty of the config fitted on every contact. */
  l2: number;
  l2Candidates: number[];
  mqlRecall: number | null;
  pointsPerLogOdds: number;
  contacts: number;
  positives: number;
  /** Held-out MQLs (SQLs included) and SQLs over every fold. */
  mql: number;
  sql: number;
  /** Criteria generated as candidates, before unused ones were dropped. */
  candidateCriteria: number;
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
 * features (plus candidate criteria when asked), and chooses the
 * thresholds by the objective. The figures come from stratified k-fold
 * cross-validation: the scoring core scores each fold with a config whose
 * penalty, points and thresholds were chosen on the other folds only.
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
  const setup = fitSetup(config, labelled, now, options);

  const perFold: FoldFigures[] = [];
  let pooled: ConfusionMatrix = emptyMatrix();
  stratifiedFolds(outcomes, options.folds, options.seed).forEach(
    (heldOut, index) => {
      const fitted = fitConfigOn(
        setup,
        trainingIndices(labelled.length, heldOut),
      );
      const scores = heldOut.map((row) =>
        scoreContact(fitted.config, labelled[row]!, now),
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
        mql: scores.filter((score) => score.qualification !== 'lead').length,
        sql: matrix.truePositives + matrix.falsePositives,
        auc: rocAuc(
          scores.map((score) => score.total),
          heldOutcomes,
        ),
        ...classificationFigures(matrix),
        l2: fitted.l2,
        thresholds: fitted.config.thresholds,
      });
    },
  );

  const final = fitConfigOn(
    setup,
    labelled.map((_, index) => index),
  );
  const written = {
    ...final.config,
    version: options.version ?? nextCalibratedVersion(config.version),
  };
  const aucs = perFold.flatMap((fold) => (fold.auc === null ? [] : [fold.auc]));
  const auc =
    aucs.length === 0
      ? null
      : aucs.reduce((sum, value) => sum + value, 0) / aucs.length;

  return {
    config: written,
    figures: {
      auc,
      ...classificationFigures(pooled),
      folds: options.folds,
      seed: options.seed,
      objective: options.objective,
      l2: final.l2,
      l2Candidates: [...setup.l2Candidates],
      mqlRecall: options.mqlRecall ?? null,
      pointsPerLogOdds: options.pointsPerLogOdds,
      contacts: labelled.length,
      positives,
      mql: sum(perFold.map((fold) => fold.mql)),
      sql: sum(perFold.map((fold) => fold.sql)),
      candidateCriteria: setup.generated.size,
      perFold,
    },
    points: fittedPoints(written, setup.features),
    notes: calibrationNotes(config, contacts.length - labelled.length, auc),
  };
}

function fitSetup(
  config: ClientConfig,
  labelled: readonly (CalibrationContact & { outcome: boolean })[],
  now: number,
  options: CalibrationOptions,
): FitSetup {
  const expanded =
    options.candidates === undefined
      ? { config, generated: new Set<string>() }
      : addCandidateCriteria(config, labelled, options.candidates);
  const { features, rows } = featureMatrix(expanded.config, labelled, now);
  const signs =
    options.signConstraints === false
      ? features.map(() => 0 as const)
      : featureSigns(features);
  return {
    config: expanded.config,
    features,
    rows,
    contacts: labelled,
    generated: expanded.generated,
    now,
    signs,
    l2Candidates: typeof options.l2 === 'number' ? [options.l2] : options.l2,
    innerFolds: options.innerFolds ?? 3,
    seed: options.seed,
    objective: options.objective,
    pointsPerLogOdds: options.pointsPerLogOdds,
    mqlRecall: options.mqlRecall,
  };
}

function sum(values: readonly number[]): number {
  return values.reduce((total, value) => total + value, 0);
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
