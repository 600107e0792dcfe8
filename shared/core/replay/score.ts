import type { ClientConfig } from '../config/client.ts';
import type { Score } from '../contact.ts';
import { scoreContact } from '../scoring/index.ts';
import type { ReplayContact } from './rows.ts';

/** Called as contacts are scored, with the number done and the total. */
export type ReplayProgress = (done: number, total: number) => void;

// Contacts scored between progress reports and yields to the event loop.
const CHUNK = 500;

/**
 * Scores each contact with the scoring core as of `now`, in input order.
 * Returns a promise and yields between chunks, so a progress bar can draw
 * and a pipeline driver with the same signature can take its place.
 */
export async function replayThroughCore(
  contacts: readonly ReplayContact[],
  config: ClientConfig,
  now: number,
  onProgress?: ReplayProgress,
): Promise<Score[]> {
  const scores: Score[] = [];
  for (let start = 0; start < contacts.length; start += CHUNK) {
    for (const contact of contacts.slice(start, start + CHUNK)) {
      scores.push(scoreContact(config, contact, now));
    }
    onProgress?.(scores.length, contacts.length);
    await new Promise<void>((resolve) => setImmediate(resolve));
  }
  return scores;
}
