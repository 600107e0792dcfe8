import type { ClientConfig } from '../config/client.ts';
import type { InteractionKind } from '../config/scoring.ts';
import type { ContactSnapshot, Score } from '../contact.ts';
import { scoreContact } from '../scoring/index.ts';
import { fitSignedLogisticRegression, type WeightSign } from './constrained.ts';
import type { Feature } from './features.ts';
import { configFromModel } from './points.ts';
import { choosePenalty } from './regularisation.ts';
import {
  chooseThresholds,
  type ScoredOutcome,
  type ThresholdObjective,
} from './thresholds.ts';

/** Kinds that count against a lead; every other kind is engagement. */
const NEGATIVE_KINDS: ReadonlySet<InteractionKind> = new Set([
  'unsubscribe',
  'hardBounce',
  'disqualifier',
]);

/** Everything one fit needs besides the rows it is fitted on. */
export interface FitSetup {
  /** The config whose criteria and weights are fitted, candidates included. */
  config: ClientConfig;
  features: readonly Feature[];
  /** The design matrix: one row per contact. */
  rows: readonly (readonly number[])[];
  contacts: readonly (ContactSnapshot & { outcome: boolean })[];
  /** Ids of generated criteria, left out of the result when they get 0 points. */
  generated: ReadonlySet<string>;
  now: number;
  signs: readonly WeightSign[];
  l2Candidates: readonly number[];
  innerFolds: number;
  seed: number;
  objective: ThresholdObjective;
  pointsPerLogOdds: number;
  mqlRecall?: number | undefined;
}

/** A config fitted on some rows, with the penalty chosen for it. */
export interface FittedConfig {
  config: ClientConfig;
  l2: number;
}

/**
 * Fits points and thresholds on the rows at `indices`: the penalty by
 * inner cross-validation on those rows, the points by a sign-constrained
 * logistic regression, then the thresholds by the objective. No other row
 * is read, so the result can be tested on the rest.
 */
export function fitConfigOn(
  setup: FitSetup,
  indices: readonly number[],
): FittedConfig {
  const rows = indices.map((index) => setup.rows[index]!);
  const outcomes = indices.map((index) => setup.contacts[index]!.outcome);
  const { l2 } = choosePenalty(rows, outcomes, {
    candidates: setup.l2Candidates,
    folds: setup.innerFolds,
    seed: setup.seed,
    signs: setup.signs,
  });
  const model = fitSignedLogisticRegression(rows, outcomes, {
    l2,
    signs: setup.signs,
  });
  const draft = withoutUnusedCandidates(
    configFromModel(
      setup.config,
      setup.features,
      model,
      setup.pointsPerLogOdds,
      setup.config.thresholds,
    ),
    setup.generated,
  );

  const scored = indices.map((index) =>
    scoredOutcome(
      scoreContact(draft, setup.contacts[index]!, setup.now),
      setup.contacts[index]!.outcome,
    ),
  );
  const { thresholds } = chooseThresholds(scored, {
    objective: setup.objective,
    ...(setup.mqlRecall === undefined ? {} : { mqlRecall: setup.mqlRecall }),
  });
  return { config: { ...draft, thresholds }, l2 };
}

/**
 * Returns the sign each feature's points must keep: engagement kinds and
 * key pages 0 or more, negative signals 0 or less, criteria any.
 */
export function featureSigns(features: readonly Feature[]): WeightSign[] {
  return features.map((feature) => {
    if (feature.type === 'criterion') return 0;
    if (feature.type === 'keyPage') return 1;
    return NEGATIVE_KINDS.has(feature.kind) ? -1 : 1;
  });
}

function withoutUnusedCandidates(
  config: ClientConfig,
  generated: ReadonlySet<string>,
): ClientConfig {
  if (generated.size === 0) return config;
  return {
    ...config,
    fit: {
      criteria: config.fit.criteria.filter(
        (criterion) => criterion.points !== 0 || !generated.has(criterion.id),
      ),
    },
  };
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
