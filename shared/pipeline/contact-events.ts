import type { ClientConfig } from '#shared/core/config/client.ts';
import type { InteractionEvent } from '#shared/core/contact.ts';
import {
  applyContactChange,
  type ChangeOutcome,
  type ContactChange,
} from '#shared/core/pipeline/apply-event.ts';
import {
  emptyContactState,
  STATE_LIMITS,
  type ContactState,
} from '#shared/core/pipeline/contact-state.ts';
import {
  mergeReadProperties,
  rescoreContact,
} from '#shared/core/pipeline/rescore.ts';
import { isSignalProperty } from '#shared/core/signals/index.ts';

/** A change to one contact, as the processor takes it from the contact-events queue. */
export type ContactEvent =
  | {
      kind: 'change';
      portalId: number;
      contactId: string;
      change: ContactChange;
      mergedIds?: string[];
    }
  | {
      kind: 'interaction';
      portalId: number;
      contactId: string;
      key: string;
      interaction: InteractionEvent;
    }
  | {
      kind: 'properties';
      portalId: number;
      contactId: string;
      key: string;
      /** Undefined when HubSpot no longer has the contact. */
      values: Record<string, string | null> | undefined;
      readAt: number;
    };

export type EventOutcome = ChangeOutcome;

/** A read requested this long ago without a response is requested again. */
export const READ_REQUEST_TIMEOUT_MS = 60 * 60 * 1000;

export function keyOfEvent(event: ContactEvent): string {
  return event.kind === 'change' ? event.change.key : event.key;
}

/** Applies one contact's events to its state in place. */
export function applyEvents(
  state: ContactState,
  events: readonly ContactEvent[],
  appId: number,
): EventOutcome[] {
  return events.map((event) => {
    switch (event.kind) {
      case 'interaction':
        return applyInteraction(state, event.key, event.interaction);
      case 'properties':
        return applyRead(state, event);
      case 'change':
        if (event.change.subscriptionType === 'contact.merge')
          state.readAt = undefined;
        return applyContactChange(state, event.change, {
          appId,
          isSignalProperty,
        });
    }
  });
}

function applyRead(
  state: ContactState,
  event: Extract<ContactEvent, { kind: 'properties' }>,
): EventOutcome {
  // A read requested before a privacy deletion may answer after it.
  if (state.privacyDeleted) return 'ignored';
  if (state.readAt !== undefined && state.readAt >= event.readAt)
    return 'duplicate';
  mergeReadProperties(state, event.values ?? {}, event.readAt);
  state.readRequestedAt = undefined;
  return 'applied';
}

function applyInteraction(
  state: ContactState,
  key: string,
  interaction: InteractionEvent,
): EventOutcome {
  if (state.privacyDeleted) return 'ignored';
  if (
    state.recentEventKeys.includes(key) ||
    state.interactions.some((known) => known.id === interaction.id)
  ) {
    return 'duplicate';
  }
  state.interactions.push(interaction);
  const excess = state.interactions.length - STATE_LIMITS.interactions;
  if (excess > 0) {
    state.interactions.sort((a, b) => a.occurredAt - b.occurredAt);
    state.interactions.splice(0, excess);
  }
  state.recentEventKeys.push(key);
  return 'applied';
}

export interface ContactUpdate {
  state: ContactState;
  outcomes: EventOutcome[];
  /** Whether the state differs from the stored one and must be written. */
  changed: boolean;
  /** HubSpot properties to write; empty until the contact has been read from HubSpot. */
  changes: Record<string, string>;
  /** The contact's properties must be read from HubSpot before it can be scored. */
  readNeeded: boolean;
}

/**
 * Computes the next state of one contact from its stored state and its new events. A contact
 * whose properties were never read from HubSpot is not scored yet. It requests a read, which
 * the sync consumer batches with other contacts' reads and hands back as a `properties` event.
 */
export function nextContactState(
  stored: ContactState | undefined,
  events: readonly ContactEvent[],
  context: { config: ClientConfig; now: number },
): ContactUpdate {
  const first = events[0]!;
  const state: ContactState =
    stored === undefined
      ? emptyContactState(first.portalId, first.contactId, context.now)
      : structuredClone(stored);
  const outcomes = applyEvents(state, events, context.config.hubspot.appId);
  const unchanged = {
    state,
    outcomes,
    changed: false,
    changes: {},
    readNeeded: false,
  };
  if (!outcomes.includes('applied')) return unchanged;
  state.updatedAt = context.now;
  if (state.deleted) return { ...unchanged, changed: true };
  if (state.readAt === undefined) {
    const pending =
      state.readRequestedAt !== undefined &&
      context.now - state.readRequestedAt < READ_REQUEST_TIMEOUT_MS;
    if (!pending) state.readRequestedAt = context.now;
    return { ...unchanged, changed: true, readNeeded: !pending };
  }
  const key = keyOfEvent(events[events.length - 1]!);
  const { changes } = rescoreContact(state, context.config, context.now, key);
  return { state, outcomes, changed: true, changes, readNeeded: false };
}
