import type { ClientConfig } from '#shared/core/config/client.ts';
import type { Score } from '#shared/core/contact.ts';
import type { ReplayContact } from '#shared/core/replay/rows.ts';
import {
  interactionsMessage,
  MAX_INTERACTIONS_PER_MESSAGE,
} from '#shared/core/webhooks/messages.ts';
import { SimulatedClock } from './clock.ts';
import { startLocalStack } from './stack.ts';

const PORTAL_ID = 8_000_001;
/** Contacts created in the sandbox and sent through the pipeline per round. */
const ROUND_SIZE = 500;

/**
 * Sends replayed contacts through the whole local pipeline: each contact is created in the
 * HubSpot sandbox, whose signed `contact.creation` webhooks go through the receiver; its
 * interactions go on the contact-events queue; the processor asks for the contact's
 * properties, the sync reads them in batches of 100, and the scores are written back to the
 * sandbox. Returns each contact's score as the store holds it, in input order.
 */
export async function replayThroughPipeline(
  contacts: readonly ReplayContact[],
  config: ClientConfig,
  now: number,
  onProgress?: (done: number, total: number) => void,
): Promise<Score[]> {
  const stack = await startLocalStack({
    config,
    clock: new SimulatedClock(now),
    portalId: PORTAL_ID,
    subscribedProperties: [],
  });
  try {
    stack.sandbox.defineProperties(
      propertyNames(contacts).map((name) => ({
        name,
        type: 'string',
        fieldType: 'text',
      })),
    );
    await stack.setupHubSpot();
    const ids: string[] = [];
    for (let start = 0; start < contacts.length; start += ROUND_SIZE) {
      const round = contacts.slice(start, start + ROUND_SIZE);
      const roundIds = stack.sandbox.createContacts(
        round.map((contact) => ({
          properties: knownValues(contact.properties),
          occurredAt: now,
        })),
      );
      ids.push(...roundIds);
      await stack.sandbox.deliverWebhooks();
      await stack.contactEvents.send(
        round.flatMap((contact, index) =>
          interactionMessages(roundIds[index]!, contact),
        ),
      );
      await stack.drain({ syncBatchWindow: true });
      onProgress?.(ids.length, contacts.length);
    }
    await stack.drain();
    return await readScores(ids, (id) => stack.store.get(PORTAL_ID, id));
  } finally {
    await stack.close();
  }
}

/** Reads the scores 32 contacts at a time, so the SDK's socket pool is never flooded. */
async function readScores(
  ids: readonly string[],
  get: (id: string) => Promise<{ score?: Score } | undefined>,
): Promise<Score[]> {
  const scores: Score[] = new Array(ids.length);
  let next = 0;
  const worker = async () => {
    while (next < ids.length) {
      const index = next++;
      const state = await get(ids[index]!);
      if (state?.score === undefined) {
        throw new Error(
          `Contact ${ids[index]} has no score after the replay; see the rejected inputs`,
        );
      }
      scores[index] = state.score;
    }
  };
  await Promise.all(Array.from({ length: 32 }, worker));
  return scores;
}

function interactionMessages(contactId: string, contact: ReplayContact) {
  const messages = [];
  for (
    let start = 0;
    start < contact.interactions.length;
    start += MAX_INTERACTIONS_PER_MESSAGE
  ) {
    const part = contact.interactions.slice(
      start,
      start + MAX_INTERACTIONS_PER_MESSAGE,
    );
    messages.push(interactionsMessage(PORTAL_ID, contactId, part));
  }
  return messages;
}

function propertyNames(contacts: readonly ReplayContact[]): string[] {
  const names = new Set<string>();
  for (const contact of contacts)
    for (const name of Object.keys(contact.properties)) names.add(name);
  return [...names];
}

function knownValues(
  properties: Record<string, string | null>,
): Record<string, string> {
  const values: Record<string, string> = {};
  for (const [name, value] of Object.entries(properties))
    if (value !== null) values[name] = value;
  return values;
}
