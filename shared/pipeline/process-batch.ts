import type { ClientConfig } from '#shared/core/config/client.ts';
import type { ContactState } from '#shared/core/pipeline/contact-state.ts';
import { logger } from '#shared/logger.ts';
import {
  needsHubSpotRead,
  nextContactState,
  propertiesToRead,
  type ContactEvent,
  type EventOutcome,
} from './contact-events.ts';
import type {
  Clock,
  ContactReader,
  ContactStatePort,
  SyncQueuePort,
  SyncRequest,
} from './ports.ts';

export interface ProcessorDependencies {
  store: ContactStatePort;
  hubspot: ContactReader;
  sync: SyncQueuePort;
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
 * Processes a batch of contact events: one store read per contact, one HubSpot batch read for
 * all contacts not read yet, one optimistic write per changed contact, and one sync enqueue for
 * all property changes. A failure stays with its contact.
 */
export async function processContactEvents(
  events: readonly ContactEvent[],
  dependencies: ProcessorDependencies,
): Promise<ContactResult[]> {
  const groups = groupByContact(events);
  const stored = new Map<string, ContactState | undefined>();
  await Promise.all(
    [...groups.values()].map(async (group) => {
      const first = group[0]!;
      stored.set(
        contactKeyOf(first),
        await dependencies.store.get(first.portalId, first.contactId),
      );
    }),
  );
  const reads = await readNewContacts(groups, stored, dependencies);

  const syncRequests: SyncRequest[] = [];
  const results = await Promise.all(
    [...groups.entries()].map(([key, group]) =>
      processContact(
        key,
        group,
        stored.get(key),
        reads,
        dependencies,
        syncRequests,
      ),
    ),
  );
  if (syncRequests.length > 0) await dependencies.sync.enqueue(syncRequests);
  return results;
}

async function processContact(
  contactKey: string,
  events: ContactEvent[],
  initial: ContactState | undefined,
  reads: Map<string, Record<string, string | null>>,
  dependencies: ProcessorDependencies,
  syncRequests: SyncRequest[],
): Promise<ContactResult> {
  const first = events[0]!;
  let stored = initial;
  try {
    const merged = await mergedInteractions(events, dependencies);
    const all = [...events, ...merged.events];
    for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt += 1) {
      const now = dependencies.clock();
      const read = needsHubSpotRead(stored)
        ? (reads.get(first.contactId) ?? {})
        : undefined;
      const update = nextContactState(stored, all, {
        config: dependencies.config,
        now,
        read,
      });
      if (!update.changed)
        return {
          contactKey,
          outcomes: update.outcomes.slice(0, events.length),
        };
      const expectedVersion = stored?.version ?? 0;
      update.state.version = expectedVersion + 1;
      try {
        await dependencies.store.put(update.state, expectedVersion);
      } catch (error) {
        if (!dependencies.isVersionConflict(error) || attempt === MAX_ATTEMPTS)
          throw error;
        stored = await dependencies.store.get(first.portalId, first.contactId);
        continue;
      }
      await markMerged(merged.states, first.contactId, dependencies);
      if (Object.keys(update.changes).length > 0) {
        syncRequests.push({
          portalId: first.portalId,
          contactId: first.contactId,
          properties: update.changes,
          at: now,
        });
      }
      return { contactKey, outcomes: update.outcomes.slice(0, events.length) };
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

async function readNewContacts(
  groups: Map<string, ContactEvent[]>,
  stored: Map<string, ContactState | undefined>,
  dependencies: ProcessorDependencies,
): Promise<Map<string, Record<string, string | null>>> {
  const ids: string[] = [];
  for (const [key, group] of groups) {
    const onlyInteractions = group.every(
      (event) => event.kind === 'interaction',
    );
    if (needsHubSpotRead(stored.get(key)) && !onlyInteractions)
      ids.push(group[0]!.contactId);
  }
  if (ids.length === 0) return new Map();
  return dependencies.hubspot.readContacts(
    ids,
    propertiesToRead(dependencies.config),
  );
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
