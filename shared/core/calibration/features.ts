import type { ClientConfig } from '../config/client.ts';
import type { InteractionKind } from '../config/scoring.ts';
import type { ContactSnapshot } from '../contact.ts';
import { scoreContact } from '../scoring/index.ts';

/** One column of the calibration's design matrix: a part of the config whose points are fitted. */
export type Feature =
  | { type: 'criterion'; id: string }
  | {
      type: 'interaction';
      kind: InteractionKind;
      /** Cap in events (or minutes for `timeOnSite`): the config's cap divided by its points. */
      unitCap?: number;
    }
  | { type: 'keyPage'; id: string };

/** The design matrix: one row per contact, one column per feature. */
export interface FeatureMatrix {
  features: Feature[];
  rows: number[][];
}

// Probe points per unit: large enough that the core's rounding of reasons to
// one decimal leaves four decimals of the unit count.
const PROBE_POINTS = 1000;

/** Lists the features of a config: each fit criterion, each weighted interaction kind, each key page. */
export function configFeatures(config: ClientConfig): Feature[] {
  const features: Feature[] = config.fit.criteria.map((criterion) => ({
    type: 'criterion',
    id: criterion.id,
  }));
  for (const [kind, weight] of weightEntries(config)) {
    const feature: Feature = { type: 'interaction', kind };
    if (weight.cap !== undefined && weight.points !== 0) {
      feature.unitCap = weight.cap / Math.abs(weight.points);
    }
    features.push(feature);
  }
  // NOTE: key page views share the `keyPageView` cap, so when that kind has
  // a cap, pages of different points make the fitted points approximate.
  for (const page of config.engagement.keyPages) {
    features.push({ type: 'keyPage', id: page.id });
  }
  return features;
}

/**
 * Computes each contact's features with the scoring core itself, so they
 * match what the core counts: 1 or 0 for a criterion that is met or not, and
 * for an interaction kind its capped and decayed count as of `now`. Points
 * of a kind are linear in these counts as long as its cap scales with its
 * points, which is how calibrated configs set caps.
 */
export function featureMatrix(
  config: ClientConfig,
  snapshots: readonly ContactSnapshot[],
  now: number,
): FeatureMatrix {
  const features = configFeatures(config);
  const probe = probeConfig(config, features);
  const columns = new Map<string, number>();
  features.forEach((feature, index) => columns.set(columnKey(feature), index));
  const keyPageIds = new Set(config.engagement.keyPages.map((page) => page.id));

  const rows = snapshots.map((snapshot) => {
    const row = new Array<number>(features.length).fill(0);
    for (const reason of scoreContact(probe, snapshot, now).reasons) {
      if (reason.part === 'fit') {
        const column = columns.get(`criterion:${reason.rule}`);
        if (column !== undefined) row[column] = 1;
        continue;
      }
      const [kind, qualifier] = splitRule(reason.rule);
      const key =
        kind === 'keyPageView' &&
        qualifier !== undefined &&
        keyPageIds.has(qualifier)
          ? `keyPage:${qualifier}`
          : `interaction:${kind}`;
      const column = columns.get(key);
      if (column !== undefined) row[column]! += reason.points / PROBE_POINTS;
    }
    return row;
  });
  return { features, rows };
}

/** Names a feature for people, for example `criterion working-professional` or `interaction visit`. */
export function describeFeature(feature: Feature): string {
  return feature.type === 'interaction'
    ? `interaction ${feature.kind}`
    : `${feature.type === 'criterion' ? 'criterion' : 'key page'} ${feature.id}`;
}

// Every criterion and kind is worth the same probe points, with caps kept
// in units, so a reason's points divided by the probe points is the count.
function probeConfig(config: ClientConfig, features: Feature[]): ClientConfig {
  const weights: ClientConfig['engagement']['weights'] = {};
  for (const feature of features) {
    if (feature.type !== 'interaction') continue;
    weights[feature.kind] = {
      points: PROBE_POINTS,
      ...(feature.unitCap === undefined
        ? {}
        : { cap: feature.unitCap * PROBE_POINTS }),
    };
  }
  return {
    ...config,
    fit: {
      criteria: config.fit.criteria.map((criterion) => ({
        ...criterion,
        points: 1,
      })),
    },
    engagement: {
      ...config.engagement,
      weights,
      keyPages: config.engagement.keyPages.map((page) => ({
        ...page,
        points: PROBE_POINTS,
      })),
    },
  };
}

function weightEntries(
  config: ClientConfig,
): [InteractionKind, { points: number; cap?: number | undefined }][] {
  return Object.entries(config.engagement.weights).flatMap(([kind, weight]) =>
    weight === undefined ? [] : [[kind as InteractionKind, weight]],
  );
}

function columnKey(feature: Feature): string {
  return feature.type === 'interaction'
    ? `interaction:${feature.kind}`
    : `${feature.type}:${feature.id}`;
}

function splitRule(rule: string): [string, string | undefined] {
  const separator = rule.indexOf(':');
  return separator === -1
    ? [rule, undefined]
    : [rule.slice(0, separator), rule.slice(separator + 1)];
}
