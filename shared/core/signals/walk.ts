import { parseDecimal } from '#shared/core/scoring/conditions.ts';
import { normalizePropertyValue } from '#shared/core/scoring/text.ts';
import type { PropertyObservation } from './observations.ts';

/** A step read from a signal property's history: a counter increase or a marker change. */
export type SignalStep =
  | {
      type: 'increase';
      observation: PropertyObservation;
      quantity: number;
    }
  | {
      type: 'change';
      observation: PropertyObservation;
      /** Normalised marker value. */
      value: string;
      count: number;
      occurredAt: number;
      /** Position among the changes of one baseline, for a stable id. */
      index?: number;
    };

/** The state at the end of a walk. */
export interface WalkEnd {
  /** The raw value that the next observation is compared with. */
  value: string | null;
}

/**
 * Reads counter observations (already ordered): each increase over the
 * previous numeric value is a step, the first from 0. Decreases, nulls and
 * non-numeric values add nothing; a baseline adds its folded increase.
 */
export function walkCounter(
  observations: readonly PropertyObservation[],
  onStep: (step: SignalStep) => void,
): WalkEnd {
  let previous: number | undefined;
  let previousRaw: string | null = null;
  for (const observation of observations) {
    const value =
      observation.value === null ? undefined : parseDecimal(observation.value);
    const increase = observation.fold?.increase;
    if (increase !== undefined && increase > 0) {
      onStep({ type: 'increase', observation, quantity: increase });
    } else if (observation.fold === undefined && value !== undefined) {
      const quantity = value - (previous ?? 0);
      if (quantity > 0) onStep({ type: 'increase', observation, quantity });
    }
    if (value !== undefined) {
      previous = value;
      previousRaw = observation.value;
    }
  }
  return { value: previousRaw };
}

/**
 * Reads marker observations (already ordered): each change to a new,
 * non-blank value is a step; repeating the current value adds nothing. A
 * baseline adds its folded changes.
 */
export function walkMarker(
  observations: readonly PropertyObservation[],
  onStep: (step: SignalStep) => void,
): WalkEnd {
  let previous: string | undefined;
  let previousRaw: string | null = null;
  for (const observation of observations) {
    const value = normalizePropertyValue(observation.value);
    observation.fold?.changes?.forEach((change, index) => {
      onStep({
        type: 'change',
        observation,
        value: change.value,
        count: change.count,
        occurredAt: change.lastAt,
        index,
      });
    });
    if (
      observation.fold === undefined &&
      value !== undefined &&
      value !== previous
    ) {
      onStep({
        type: 'change',
        observation,
        value,
        count: 1,
        occurredAt: observation.occurredAt,
      });
    }
    previous = value;
    previousRaw = observation.value;
  }
  return { value: previousRaw };
}
