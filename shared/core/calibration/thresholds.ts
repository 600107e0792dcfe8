import type { Thresholds } from '../config/scoring.ts';

/** Objectives the threshold search can maximise for SQL against the outcome. */
export const THRESHOLD_OBJECTIVES = ['f1', 'accuracy'] as const;
export type ThresholdObjective = (typeof THRESHOLD_OBJECTIVES)[number];

/** One scored contact with a known outcome. */
export interface ScoredOutcome {
  fit: number;
  engagement: number;
  total: number;
  requiredMet: boolean;
  outcome: boolean;
}

export interface ThresholdChoice {
  thresholds: Required<Thresholds>;
  /** The objective's value on the given rows. */
  value: number;
}

export interface ThresholdSearchOptions {
  objective: ThresholdObjective;
  /** Candidate MQL fit thresholds tried, at quantiles of the fit scores. */
  fitCandidates?: number;
  /** Candidate SQL engagement thresholds tried, at quantiles of the engagement scores. */
  engagementCandidates?: number;
  /**
   * Share of the positive rows meeting the required criteria that must be
   * MQLs. When set, the MQL fit threshold is the highest that keeps this
   * share, and only the SQL thresholds serve the objective, so MQL still
   * separates leads by fit.
   */
  mqlRecall?: number;
}

/**
 * Chooses the MQL fit, SQL engagement and SQL total thresholds that
 * maximise the objective for "SQL" (required criteria met, fit, engagement
 * and total at or above their thresholds) against the outcome. Fit and
 * engagement thresholds come from a grid of quantiles, or the fit
 * threshold from `mqlRecall`; for each pair every distinct total is tried.
 * Ties keep the first best, so the result is deterministic.
 */
export function chooseThresholds(
  rows: readonly ScoredOutcome[],
  options: ThresholdSearchOptions,
): ThresholdChoice {
  if (rows.length === 0) {
    throw new RangeError('chooseThresholds needs at least one scored row');
  }
  const eligible = rows.filter((row) => row.requiredMet);
  const source = eligible.length === 0 ? rows : eligible;
  const fitValues =
    options.mqlRecall === undefined
      ? quantileValues(
          source.map((row) => row.fit),
          options.fitCandidates ?? 30,
        )
      : [fitForRecall(source, options.mqlRecall)];
  const engagementValues = quantileValues(
    source.map((row) => row.engagement),
    options.engagementCandidates ?? 20,
  );
  const byTotal = [...rows].sort((a, b) => b.total - a.total);
  const positives = rows.filter((row) => row.outcome).length;

  let best: ThresholdChoice | undefined;
  for (const mqlFit of fitValues) {
    for (const sqlEngagement of engagementValues) {
      const found = bestTotal(
        byTotal,
        positives,
        { mqlFit, sqlEngagement },
        options.objective,
      );
      if (
        found !== undefined &&
        (best === undefined || found.value > best.value)
      ) {
        best = found;
      }
    }
  }
  if (best === undefined) {
    // No row meets the required criteria, so no contact can be an SQL.
    const top = byTotal[0]!.total + 1;
    return {
      thresholds: { mqlFit: top, sqlEngagement: top, sqlTotal: top },
      value: objectiveValue(options.objective, 0, 0, positives, rows.length),
    };
  }
  return best;
}

/** Computes the objective from true and false positives. */
export function objectiveValue(
  objective: ThresholdObjective,
  truePositives: number,
  falsePositives: number,
  positives: number,
  rows: number,
): number {
  if (objective === 'accuracy') {
    const trueNegatives = rows - positives - falsePositives;
    return (truePositives + trueNegatives) / rows;
  }
  const denominator = truePositives + falsePositives + positives;
  return denominator === 0 ? 0 : (2 * truePositives) / denominator;
}

function bestTotal(
  byTotal: readonly ScoredOutcome[],
  positives: number,
  fixed: { mqlFit: number; sqlEngagement: number },
  objective: ThresholdObjective,
): ThresholdChoice | undefined {
  let truePositives = 0;
  let falsePositives = 0;
  let best: ThresholdChoice | undefined;
  let pending = false;
  byTotal.forEach((row, index) => {
    const qualifies =
      row.requiredMet &&
      row.fit >= fixed.mqlFit &&
      row.engagement >= fixed.sqlEngagement;
    if (qualifies) {
      pending = true;
      if (row.outcome) truePositives += 1;
      else falsePositives += 1;
    }
    // Rows with the same total are all in or all out, so only evaluate at
    // the end of a run of equal totals.
    const next = byTotal[index + 1];
    if (!pending || (next !== undefined && next.total === row.total)) return;
    pending = false;
    const value = objectiveValue(
      objective,
      truePositives,
      falsePositives,
      positives,
      byTotal.length,
    );
    if (best === undefined || value > best.value) {
      best = { thresholds: { ...fixed, sqlTotal: row.total }, value };
    }
  });
  return best;
}

/**
 * Returns the highest fit threshold at which the rows at or above it hold
 * at least `recall` of the positive rows (the lowest fit when none do).
 */
export function fitForRecall(
  rows: readonly Pick<ScoredOutcome, 'fit' | 'outcome'>[],
  recall: number,
): number {
  const positiveFits = rows
    .filter((row) => row.outcome)
    .map((row) => row.fit)
    .sort((a, b) => b - a);
  const lowest = rows.reduce((low, row) => Math.min(low, row.fit), Infinity);
  if (positiveFits.length === 0) return lowest;
  const needed = Math.max(1, Math.ceil(recall * positiveFits.length));
  return positiveFits[Math.min(needed, positiveFits.length) - 1]!;
}

/** Returns up to `count` distinct values at evenly spaced ranks of `values`, smallest first. */
function quantileValues(values: number[], count: number): number[] {
  const sorted = [...values].sort((a, b) => a - b);
  const picked = new Set<number>();
  for (let step = 0; step < count; step += 1) {
    picked.add(sorted[Math.floor((step * sorted.length) / count)]!);
  }
  return [...picked].sort((a, b) => a - b);
}
