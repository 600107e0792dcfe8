/** Counts of one report period, by name (`eventsAccepted`, `sql:channel=organic`, ...). */
export type PeriodCounts = Record<string, number>;

/**
 * Report counters, kept as events happen so a report reads a few items and never scans the
 * table. A period is any label the caller chooses, such as `2026-12` or `2026-12-04`.
 */
export interface Counters {
  /**
   * Adds each count to the period's counters, starting from 0 for a name not seen yet. An add
   * is not idempotent, so count an event only after its deduplication, and retry no add.
   */
  increment(period: string, counts: Readonly<PeriodCounts>): Promise<void>;
  /** Reads one period's counters; empty for a period never counted. */
  get(period: string): Promise<PeriodCounts>;
  /** Reads every period from `first` to `last` (inclusive, compared as text), in order. */
  range(
    first: string,
    last: string,
  ): Promise<{ period: string; counts: PeriodCounts }[]>;
}

/** A counter update that cannot be stored: an empty period or name, or a count that is not finite. */
export class CounterInputError extends Error {
  override name = 'CounterInputError';
}
