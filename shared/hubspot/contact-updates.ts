import type { ContactUpdate, UpdateOutcome } from './gateway.ts';

/** Records per batch call, as HubSpot allows. */
export const BATCH_SIZE = 100;

/**
 * Merges several updates of one contact into one, later values winning, in order of first
 * appearance. A batch may name each contact only once.
 */
export function coalesceUpdates(
  updates: readonly ContactUpdate[],
): ContactUpdate[] {
  const merged = new Map<string, Record<string, string>>();
  for (const update of updates) {
    merged.set(update.contactId, {
      ...merged.get(update.contactId),
      ...update.properties,
    });
  }
  return [...merged].map(([contactId, properties]) => ({
    contactId,
    properties,
  }));
}

export function chunk<T>(items: readonly T[], size = BATCH_SIZE): T[][] {
  const chunks: T[][] = [];
  for (let start = 0; start < items.length; start += size)
    chunks.push(items.slice(start, start + size));
  return chunks;
}

export function emptyOutcome(): UpdateOutcome {
  return {
    updated: [],
    failed: [],
    retry: [],
    lifecycleKept: [],
    dailyLimitReached: false,
  };
}

/** A batch response as the SDK returns it for 200 and 207. */
export interface BatchAnswer {
  results: readonly { id: string }[];
  errors?: readonly {
    category?: string;
    message?: string;
    context?: Record<string, string[]>;
  }[];
}

/**
 * Sorts the contacts of one sent batch by HubSpot's response: ids named in an error's
 * `context.ids` failed with that error, ids among the results were written, and any other id
 * (named nowhere) is retried.
 */
export function sortBatchAnswer(
  sent: readonly ContactUpdate[],
  answer: BatchAnswer,
): { updated: string[]; failed: Map<string, string>; unknown: string[] } {
  const failed = new Map<string, string>();
  for (const error of answer.errors ?? []) {
    const reason = `${error.category ?? 'ERROR'}: ${error.message ?? 'no message'}`;
    for (const id of error.context?.ids ?? []) failed.set(id, reason);
  }
  const written = new Set(answer.results.map((result) => result.id));
  const updated: string[] = [];
  const unknown: string[] = [];
  for (const { contactId } of sent) {
    if (failed.has(contactId)) continue;
    if (written.has(contactId)) updated.push(contactId);
    else unknown.push(contactId);
  }
  return { updated, failed, unknown };
}
