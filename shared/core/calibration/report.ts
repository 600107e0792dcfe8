import type { ClientConfig } from '../config/client.ts';
import { describeFeature, type Feature } from './features.ts';

/**
 * Lists each fitted part of the config with its points. Generated criteria
 * that got 0 points are not in the config and not listed.
 */
export function fittedPoints(
  config: ClientConfig,
  features: readonly Feature[],
): { feature: string; points: number }[] {
  return features.flatMap((feature) => {
    let points: number | undefined;
    if (feature.type === 'criterion') {
      points = config.fit.criteria.find(
        (criterion) => criterion.id === feature.id,
      )?.points;
      if (points === undefined) return [];
    } else if (feature.type === 'keyPage') {
      points = config.engagement.keyPages.find(
        (page) => page.id === feature.id,
      )?.points;
    } else {
      points = config.engagement.weights[feature.kind]?.points;
    }
    return [{ feature: describeFeature(feature), points: points ?? 0 }];
  });
}

/** Returns the notes a reader of a calibration should check. */
export function calibrationNotes(
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
