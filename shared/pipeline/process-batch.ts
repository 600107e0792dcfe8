import type { ClientConfig } from '#shared/core/config/client.ts';
import type { ContactState } from '#shared/core/pipeline/contact-state.ts';
import { logger } from '#shared/logger.ts';
import {
  nextContactState,
  type ContactEvent,
  type EventOutcome,
} from './contact-events.ts';
import type {
  Clock,
  ContactStatePort,
  HubSpotRequest,
  HubSpotRequestQueue,
} from './ports.ts';

export interface ProcessorDependencies {
  store: ContactStatePort;
  /** Where reads and writes for HubSpot go (the hubspot-sync queue). */
  hubspot: HubSpotRequestQueue;
  config: ClientConfig;
  clock: Clock;
  /** Tells a lost optimistic-locking race apart from other store errors. */
  isVersionConflict(error: unknown): boolean;
}

/** What happened to the events of one contact. */
export interface ContactResult {
  contactKey: string;
  outcomes: EventOutcome[];
  /** Set when the contact's events must be retried; the other contacts of the batch are unaffected. */
  error?: unknown;
}

const MAX_ATTEMPTS = 5;

export function contactKeyOf(event: {
  portalId: number;
  contactId: string;
}): string {
  return `${event.portalId}:${event.contactId}`;
}

/**
 * Processes a batch of contact events: one store read and at most one optimistic write per
 * contact, then one enqueue of all HubSpot reads and writes the batch needs. A failure stays
 * with its contact.
 */
export async function processContactEvents(
  events: readonly ContactEvent[],
  dependencies: ProcessorDependencies,
): Promise<ContactResult[]> {
  const requests: HubSpotRequest[] = [];
  const results = await Promise.all(
    [...groupByContact(events).entries()].map(([key, group]) =>
      processContact(key, group, dependencies, requests),
    ),
  );
  if (requests.length > 0) await dependencies.hubspot.enqueue(requests);
  return results;
}

async function processContact(
  contactKey: string,
  events: ContactEvent[],
  dependencies: ProcessorDependencies,
  requests: HubSpotRequest[],
): Promise<ContactResult> {
  const { portalId, contactId } = events[0]!;
  try {
    const merged = await mergedInteractions(events, dependencies);
    const all = [...events, ...merged.events];
    for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt += 1) {
      const stored = await dependencies.store.get(portalId, contactId);
      const now = dependencies.clock();
      const update = nextContactState(stored, all, {
        config: dependencies.config,
        now,
      });
      const outcomes = update.outcomes.slice(0, events.length);
      if (!update.changed) return { contactKey, outcomes };
      const expectedVersion = stored?.version ?? 0;
      update.state.version = expectedVersion + 1;
      try {
        await dependencies.store.put(update.state, expectedVersion);
      } catch (error) {
        if (
          !dependencies.isVersionConflict(error) ||
          attempt === MAX_ATTEMPTS
        ) {
          throw error;
        }
        continue;
      }
      await markMerged(merged.states, contactId, dependencies);
      if (update.readNeeded) {
        requests.push({ kind: 'read', portalId, contactId, at: now });
      }
      if (Object.keys(update.changes).length > 0) {
        requests.push({
          kind: 'update',
          portalId,
          contactId,
          properties: update.changes,
          at: now,
        });
      }
      return { contactKey, outcomes };
    }
    throw new Error(
      `contact ${contactKey} kept changing during ${MAX_ATTEMPTS} attempts`,
    );
  } catch (error) {
    logger.warn('Contact events failed; they will be retried', {
      contactKey,
      error,
    });
    return { contactKey, outcomes: [], error };
  }
}

/** Interactions of contacts merged into this one move to it, as `interaction` events. */
async function mergedInteractions(
  events: readonly ContactEvent[],
  dependencies: ProcessorDependencies,
): Promise<{ events: ContactEvent[]; states: ContactState[] }> {
  const mergedIds = events.flatMap((event) =>
    event.kind === 'change' ? (event.mergedIds ?? []) : [],
  );
  if (mergedIds.length === 0) return { events: [], states: [] };
  const portalId = events[0]!.portalId;
  const contactId = events[0]!.contactId;
  const states = (
    await Promise.all(
      mergedIds.map((id) => dependencies.store.get(portalId, id)),
    )
  ).filter(
    (state): state is ContactState =>
      state !== undefined && state.mergedInto === undefined,
  );
  const moved: ContactEvent[] = states.flatMap((state) =>
    state.interactions.map((interaction) => ({
      kind: 'interaction' as const,
      portalId,
      contactId,
      key: `merged:${state.contactId}:${interaction.id}`,
      interaction,
    })),
  );
  return { events: moved, states };
}

async function markMerged(
  states: ContactState[],
  survivorId: string,
  dependencies: ProcessorDependencies,
): Promise<void> {
  for (const state of states) {
    const next: ContactState = {
      ...state,
      deleted: true,
      mergedInto: survivorId,
      version: state.version + 1,
      updatedAt: dependencies.clock(),
    };
    try {
      await dependencies.store.put(next, state.version);
    } catch (error) {
      // The survivor already holds the moved interactions; a lost race here only delays the mark.
      if (!dependencies.isVersionConflict(error)) throw error;
    }
  }
}

function groupByContact(
  events: readonly ContactEvent[],
): Map<string, ContactEvent[]> {
  const groups = new Map<string, ContactEvent[]>();
  for (const event of events) {
    const key = contactKeyOf(event);
    const group = groups.get(key);
    if (group === undefined) groups.set(key, [event]);
    else group.push(event);
  }
  return groups;
}
