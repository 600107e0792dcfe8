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
  /** Queue for HubSpot reads and writes (the hubspot-sync queue). */
  hubspot: HubSpotRequestQueue;
  config: ClientConfig;
  clock: Clock;
  /** Tells a lost optimistic-locking race apart from other store errors. */
  isVersionConflict(error: unknown): boolean;
}

/** Outcome of the events of one contact. */
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
 * contact, and one enqueue of all HubSpot reads and writes the batch needs. The enqueue comes
 * before any write, so when it fails nothing is stored and the whole batch is retried: a
 * stored state never lacks the HubSpot work it implies. Other failures stay with their contact.
 */
export async function processContactEvents(
  events: readonly ContactEvent[],
  dependencies: ProcessorDependencies,
): Promise<ContactResult[]> {
  const prepared = await Promise.all(
    [...groupByContact(events).entries()].map(([key, group]) =>
      prepareContact(key, group, dependencies),
    ),
  );
  const requests = prepared.flatMap((contact) => contact.step?.requests ?? []);
  if (requests.length > 0) await dependencies.hubspot.enqueue(requests);
  return Promise.all(
    prepared.map((contact) => commitContact(contact, dependencies)),
  );
}

/** The next state of one contact, computed from one read of the store. */
interface Step {
  outcomes: EventOutcome[];
  /** The state to store and the version it replaces; absent when nothing changed. */
  write?: { state: ContactState; expectedVersion: number };
  requests: HubSpotRequest[];
}

interface PreparedContact {
  contactKey: string;
  events: ContactEvent[];
  merged: { events: ContactEvent[]; states: ContactState[] };
  step?: Step;
  error?: unknown;
}

async function prepareContact(
  contactKey: string,
  events: ContactEvent[],
  dependencies: ProcessorDependencies,
): Promise<PreparedContact> {
  const prepared: PreparedContact = {
    contactKey,
    events,
    merged: { events: [], states: [] },
  };
  try {
    prepared.merged = await mergedInteractions(events, dependencies);
    prepared.step = await nextStep(prepared, dependencies);
  } catch (error) {
    prepared.error = error;
  }
  return prepared;
}

/**
 * Stores the prepared state. When another writer came first, reads the contact again, queues
 * the HubSpot work of the new state and tries again, up to {@link MAX_ATTEMPTS} writes.
 * NOTE: the work queued for a losing attempt stays queued. The sync coalesces it with the
 * later request only when both reach it in one batch.
 */
async function commitContact(
  contact: PreparedContact,
  dependencies: ProcessorDependencies,
): Promise<ContactResult> {
  const { contactKey } = contact;
  try {
    if (contact.error !== undefined) throw contact.error;
    let step = contact.step!;
    for (let attempt = 1; step.write !== undefined; attempt += 1) {
      if (await storeUnlessChanged(step.write, dependencies)) {
        await markMerged(
          contact.merged.states,
          contact.events[0]!.contactId,
          dependencies,
        );
        break;
      }
      if (attempt === MAX_ATTEMPTS)
        throw new Error(
          `contact ${contactKey} kept changing during ${MAX_ATTEMPTS} attempts`,
        );
      step = await nextStep(contact, dependencies);
      if (step.requests.length > 0)
        await dependencies.hubspot.enqueue(step.requests);
    }
    return { contactKey, outcomes: step.outcomes };
  } catch (error) {
    logger.warn('Contact events failed; they will be retried', {
      contactKey,
      error,
    });
    return { contactKey, outcomes: [], error };
  }
}

/** Stores the state; false when another writer changed the contact since it was read. */
async function storeUnlessChanged(
  write: NonNullable<Step['write']>,
  dependencies: ProcessorDependencies,
): Promise<boolean> {
  try {
    await dependencies.store.put(write.state, write.expectedVersion);
    return true;
  } catch (error) {
    if (dependencies.isVersionConflict(error)) return false;
    throw error;
  }
}

async function nextStep(
  contact: PreparedContact,
  dependencies: ProcessorDependencies,
): Promise<Step> {
  const { portalId, contactId } = contact.events[0]!;
  const stored = await dependencies.store.get(portalId, contactId);
  const now = dependencies.clock();
  const update = nextContactState(
    stored,
    [...contact.events, ...contact.merged.events],
    { config: dependencies.config, now },
  );
  const outcomes = update.outcomes.slice(0, contact.events.length);
  if (!update.changed) return { outcomes, requests: [] };
  const expectedVersion = stored?.version ?? 0;
  update.state.version = expectedVersion + 1;
  const requests: HubSpotRequest[] = [];
  if (update.readNeeded)
    requests.push({ kind: 'read', portalId, contactId, at: now });
  if (Object.keys(update.changes).length > 0)
    requests.push({
      kind: 'update',
      portalId,
      contactId,
      properties: update.changes,
      at: now,
    });
  return {
    outcomes,
    write: { state: update.state, expectedVersion },
    requests,
  };
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
      // The survivor already contains the moved interactions; a lost race here only delays the mark.
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
