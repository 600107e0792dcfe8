/** A numeric tier as a `range` criterion's bounds, both inclusive; the lowest tier has no min and the highest no max. */
export interface Tier {
  min?: number;
  max?: number;
}

export interface TierOptions {
  /** Maximum number of tiers returned. */
  tiers: number;
  /** Minimum number of values per tier; smaller tiers merge into a neighbour. */
  minSupport: number;
}

/** Bounds that existing criteria use, so tiers line up with them. */
export interface TierBounds {
  min: readonly number[];
  max: readonly number[];
}

/**
 * Cuts observed values into tiers at evenly spaced ranks and at the given
 * bounds, then merges tiers with fewer than `minSupport` values into the
 * tier below (the lowest into the one above). The tiers cover the whole
 * number line without overlap when every value is whole; otherwise a value
 * between two observed values may fall between tiers. Returns no tiers
 * when one would cover every value.
 */
export function numericTiers(
  values: readonly number[],
  bounds: TierBounds,
  options: TierOptions,
): Tier[] {
  const sorted = [...values].sort((a, b) => a - b);
  if (sorted.length === 0) return [];
  const starts = tierStarts(sorted, bounds, options.tiers);
  const merged = mergeSmallTiers(sorted, starts, options.minSupport);
  if (merged.length < 2) return [];

  const whole = sorted.every((value) => Number.isInteger(value));
  return merged.map((start, index) => {
    const next = merged[index + 1];
    const tier: Tier = {};
    if (index > 0) tier.min = start;
    if (next !== undefined) {
      tier.max = whole ? next - 1 : largestBelow(sorted, next);
    }
    return tier;
  });
}

/** Lower ends of the tiers: the smallest value, then each cut above it. */
function tierStarts(
  sorted: readonly number[],
  bounds: TierBounds,
  tiers: number,
): number[] {
  const cuts = new Set<number>();
  for (let step = 1; step < tiers; step += 1) {
    cuts.add(sorted[Math.floor((step * sorted.length) / tiers)]!);
  }
  for (const min of bounds.min) cuts.add(min);
  for (const max of bounds.max) {
    const above = sorted.find((value) => value > max);
    if (above !== undefined) cuts.add(above);
  }
  const lowest = sorted[0]!;
  return [
    lowest,
    ...[...cuts].filter((cut) => cut > lowest).sort((a, b) => a - b),
  ];
}

function mergeSmallTiers(
  sorted: readonly number[],
  starts: readonly number[],
  minSupport: number,
): number[] {
  const counts = starts.map((start, index) => {
    const next = starts[index + 1] ?? Infinity;
    return sorted.filter((value) => value >= start && value < next).length;
  });
  const merged: number[] = [];
  const mergedCounts: number[] = [];
  starts.forEach((start, index) => {
    const count = counts[index]!;
    const below = mergedCounts.length - 1;
    // A small tier joins the one below, so a bound of the config survives
    // unless its own tier is small. A small lowest tier takes in the next.
    if (
      below >= 0 &&
      (count < minSupport || mergedCounts[below]! < minSupport)
    ) {
      mergedCounts[below]! += count;
    } else {
      merged.push(start);
      mergedCounts.push(count);
    }
  });
  return merged;
}

function largestBelow(sorted: readonly number[], limit: number): number {
  let largest = sorted[0]!;
  for (const value of sorted) {
    if (value >= limit) break;
    largest = value;
  }
  return largest;
}
