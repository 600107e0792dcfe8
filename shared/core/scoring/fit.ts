import type { ClientConfig } from '#shared/core/config/client.ts';
import type { ScoreReason } from '#shared/core/contact.ts';
import { matchesCondition, type PropertyValues } from './conditions.ts';

/** The validation (fit) part of a score. */
export interface FitResult {
  /** Sum of the points of every criterion that holds. */
  points: number;
  /** One reason per criterion that holds, in config order. */
  reasons: ScoreReason[];
  /** Properties of fit criteria with no usable value, sorted and unique. */
  unknownFields: string[];
  /** True when every criterion marked `requiredForMql` holds. */
  requiredMet: boolean;
  /** Ids of required criteria that are false or unknown, in config order. */
  failedRequired: string[];
}

/**
 * Scores the fit criteria on a contact's properties. A criterion on a
 * property with no usable value adds no points, lists the property in
 * `unknownFields` and, when required, counts as not met.
 */
export function scoreFit(
  config: Pick<ClientConfig, 'fit'>,
  properties: PropertyValues,
): FitResult {
  let points = 0;
  const reasons: ScoreReason[] = [];
  const unknownFields = new Set<string>();
  const failedRequired: string[] = [];

  for (const criterion of config.fit.criteria) {
    const result = matchesCondition(criterion.when, properties);
    if (result === 'unknown' || isBlank(properties[criterion.when.property])) {
      unknownFields.add(criterion.when.property);
    }
    if (result === true) {
      points += criterion.points;
      reasons.push({
        part: 'fit',
        rule: criterion.id,
        points: criterion.points,
        ...(criterion.label === undefined ? {} : { detail: criterion.label }),
      });
    } else if (criterion.requiredForMql) {
      failedRequired.push(criterion.id);
    }
  }

  return {
    points,
    reasons,
    unknownFields: [...unknownFields].sort(),
    requiredMet: failedRequired.length === 0,
    failedRequired,
  };
}

// `known` and `unknown` criteria never return 'unknown', but their property
// is still a question the marketer has not had answered.
function isBlank(value: string | null | undefined): boolean {
  return value === null || value === undefined || value.trim() === '';
}
