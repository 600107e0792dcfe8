import { parseDecimal } from '#shared/core/scoring/conditions.ts';
import { compareText } from '#shared/core/scoring/text.ts';
import type { ObservationFold, PropertyObservation } from './observations.ts';
import { orderObservations } from './observations.ts';
import { signalDefinitionOf } from './properties.ts';
import { walkCounter, walkMarker, type SignalStep } from './walk.ts';

/**
 * Bounds a signal property's observations to at most `keep` by folding the
 * oldest into one baseline observation. It preserves every interaction the
 * kept observations derive (ids, times, quantities) and the total quantity
 * per kind, page and content item. Folded interactions merge: a counter's
 * into one at the last folded time, a marker's into one per value at the
 * last time of that value, so they decay as if that recent. Observations
 * that arrive later but are older than the baseline are ignored.
 *
 * `property` selects counter or marker folding; without it (or for a
 * property that is not a signal) a list whose values are all numbers is a counter.
 */
export function compactObservations(
  observations: readonly PropertyObservation[],
  keep: number,
  property?: string,
): PropertyObservation[] {
  if (!Number.isInteger(keep) || keep < 1) {
    throw new RangeError(
      `Cannot compact observations to keep ${keep}: keep must be a whole number of at least 1`,
    );
  }
  const ordered = orderObservations(observations);
  if (ordered.length <= keep) return ordered;

  const folded = ordered.slice(0, ordered.length - keep + 1);
  const last = folded[folded.length - 1]!;
  const isCounter = isCounterList(ordered, property);
  const fold: ObservationFold = {};
  const changes = new Map<string, { count: number; lastAt: number }>();
  const onStep = (step: SignalStep): void => {
    if (step.type === 'increase') {
      fold.increase = (fold.increase ?? 0) + step.quantity;
      return;
    }
    const change = changes.get(step.value);
    changes.set(step.value, {
      count: (change?.count ?? 0) + step.count,
      lastAt: Math.max(change?.lastAt ?? step.occurredAt, step.occurredAt),
    });
  };
  const end = isCounter
    ? walkCounter(folded, onStep)
    : walkMarker(folded, onStep);

  if (isCounter) {
    fold.increase ??= 0;
  } else {
    fold.changes = [...changes]
      .sort(([a], [b]) => compareText(a, b))
      .map(([value, change]) => ({ value, ...change }));
  }
  const baseline: PropertyObservation = {
    eventId: `fold:${last.eventId}`,
    occurredAt: last.occurredAt,
    value: end.value,
    fold,
  };
  return [baseline, ...ordered.slice(folded.length)];
}

function isCounterList(
  ordered: readonly PropertyObservation[],
  property: string | undefined,
): boolean {
  const definition =
    property === undefined ? undefined : signalDefinitionOf(property);
  if (definition !== undefined) return definition.type === 'counter';
  const baseline = ordered[0]?.fold;
  if (baseline !== undefined) return baseline.increase !== undefined;
  return ordered.every(
    (observation) =>
      observation.value === null ||
      parseDecimal(observation.value) !== undefined,
  );
}
