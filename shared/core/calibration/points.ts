import type { ClientConfig } from '../config/client.ts';
import type { Thresholds } from '../config/scoring.ts';
import { roundPoints } from '../scoring/index.ts';
import type { Feature } from './features.ts';
import type { LogisticModel } from './logistic.ts';

/**
 * Writes a model's weights into a copy of the config as readable points:
 * `pointsPerLogOdds` points per unit of log-odds, whole points for fit
 * criteria and one decimal (the core's precision) for interaction weights.
 * A capped kind keeps its cap in events, so the cap scales with its points.
 * The intercept is left out because it shifts every total alike. Persona
 * threshold overrides are removed, because the fitted thresholds replace
 * them, and the thresholds are set from `thresholds`.
 */
export function configFromModel(
  config: ClientConfig,
  features: readonly Feature[],
  model: LogisticModel,
  pointsPerLogOdds: number,
  thresholds: Thresholds,
): ClientConfig {
  const criterionPoints = new Map<string, number>();
  const weights: ClientConfig['engagement']['weights'] = {};
  const keyPagePoints = new Map<string, number>();
  features.forEach((feature, index) => {
    const scaled = model.weights[index]! * pointsPerLogOdds;
    if (feature.type === 'criterion') {
      criterionPoints.set(feature.id, wholePoints(scaled));
    } else if (feature.type === 'keyPage') {
      keyPagePoints.set(feature.id, roundPoints(scaled));
    } else {
      const points = roundPoints(scaled);
      weights[feature.kind] =
        feature.unitCap === undefined || points === 0
          ? { points }
          : { points, cap: roundPoints(feature.unitCap * Math.abs(points)) };
    }
  });

  return {
    ...config,
    fit: {
      criteria: config.fit.criteria.map((criterion) => ({
        ...criterion,
        points: criterionPoints.get(criterion.id) ?? criterion.points,
      })),
    },
    engagement: {
      ...config.engagement,
      weights: { ...config.engagement.weights, ...weights },
      keyPages: config.engagement.keyPages.map((page) => ({
        ...page,
        points: keyPagePoints.get(page.id) ?? page.points,
      })),
    },
    thresholds,
    personas: {
      ...config.personas,
      items: config.personas.items.map((persona) => ({
        ...persona,
        traits: withoutThresholds(persona.traits),
      })),
    },
  };
}

/**
 * Returns the next calibrated version: `1.0` becomes `1.0-cal1`, and
 * `1.0-cal1` becomes `1.0-cal2`.
 */
export function nextCalibratedVersion(version: string): string {
  const match = /^(.*)-cal(\d+)$/.exec(version);
  if (match === null) return `${version}-cal1`;
  return `${match[1]}-cal${Number(match[2]) + 1}`;
}

function withoutThresholds(
  traits: ClientConfig['personas']['items'][number]['traits'],
): ClientConfig['personas']['items'][number]['traits'] {
  const remaining = { ...traits };
  delete remaining.mqlFit;
  delete remaining.sqlEngagement;
  delete remaining.sqlTotal;
  return remaining;
}

function wholePoints(points: number): number {
  const rounded = Math.round(points);
  return rounded === 0 ? 0 : rounded;
}
