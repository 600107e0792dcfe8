import { z } from 'zod';
import { compareText } from '#shared/core/scoring/text.ts';

/** Summary of the observations folded into a baseline observation. */
export const ObservationFoldSchema = z.strictObject({
  /** For a counter: the sum of the increases of the folded observations. */
  increase: z.number().min(0).optional(),
  /**
   * For a marker: per normalised value, how many folded observations changed
   * the marker to it and when the last of them happened (ms since the epoch).
   */
  changes: z
    .array(
      z.strictObject({
        value: z.string(),
        count: z.number().int().positive(),
        lastAt: z.number().int(),
      }),
    )
    .optional(),
});
export type ObservationFold = z.infer<typeof ObservationFoldSchema>;

/** One observed value of a signal property, from one webhook event or a read. */
export const PropertyObservationSchema = z.strictObject({
  eventId: z.string().min(1),
  /** Milliseconds since the epoch. */
  occurredAt: z.number().int(),
  value: z.string().nullable(),
  /** Set only on the baseline that `compactObservations` writes. */
  fold: ObservationFoldSchema.optional(),
});
export type PropertyObservation = z.infer<typeof PropertyObservationSchema>;

/**
 * Returns the observations that count, in the order they are read: one per
 * event id, by `occurredAt` and then event id, starting at the latest
 * baseline (observations before it are already folded into it). A baseline
 * comes first among observations of its own time.
 */
export function orderObservations(
  observations: readonly PropertyObservation[],
): PropertyObservation[] {
  const ordered = [...observations].sort(compareObservations);
  const unique: PropertyObservation[] = [];
  const seen = new Set<string>();
  let start = 0;
  for (const observation of ordered) {
    if (seen.has(observation.eventId)) continue;
    seen.add(observation.eventId);
    if (observation.fold !== undefined) start = unique.length;
    unique.push(observation);
  }
  return start === 0 ? unique : unique.slice(start);
}

function compareObservations(
  a: PropertyObservation,
  b: PropertyObservation,
): number {
  return (
    a.occurredAt - b.occurredAt ||
    Number(b.fold !== undefined) - Number(a.fold !== undefined) ||
    compareText(a.eventId, b.eventId) ||
    compareText(a.value ?? '', b.value ?? '') ||
    compareText(JSON.stringify(a.fold ?? null), JSON.stringify(b.fold ?? null))
  );
}
