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
  propertiesToRead,
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
    };

export type EventOutcome = ChangeOutcome;

/** Applies one contact's events to its state; pure apart from the values passed in. */
export function applyEvents(
  state: ContactState,
  events: readonly ContactEvent[],
  appId: number,
): EventOutcome[] {
  return events.map((event) => {
    if (event.kind === 'interaction')
      return applyInteraction(state, event.key, event.interaction);
    if (event.change.subscriptionType === 'contact.merge')
      state.readAt = undefined;
    return applyContactChange(state, event.change, { appId, isSignalProperty });
  });
}

function applyInteraction(
  state: ContactState,
  key: string,
  interaction: InteractionEvent,
): EventOutcome {
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
  /** HubSpot properties to write. */
  changes: Record<string, string>;
}

/**
 * Computes the next state of one contact from its stored state, its new events and (for a
 * contact not read yet) its HubSpot properties. Returns undefined read values as "read needed".
 */
export function nextContactState(
  stored: ContactState | undefined,
  events: readonly ContactEvent[],
  context: {
    config: ClientConfig;
    now: number;
    read?: Record<string, string | null>;
  },
): ContactUpdate {
  const first = events[0]!;
  const state: ContactState =
    stored === undefined
      ? emptyContactState(first.portalId, first.contactId, context.now)
      : structuredClone(stored);
  const outcomes = applyEvents(state, events, context.config.hubspot.appId);
  if (!outcomes.includes('applied')) {
    return { state, outcomes, changed: false, changes: {} };
  }
  if (context.read !== undefined)
    mergeReadProperties(state, context.read, context.now);
  state.updatedAt = context.now;
  if (state.deleted) return { state, outcomes, changed: true, changes: {} };
  const lastKey = events[events.length - 1]!;
  const key = lastKey.kind === 'change' ? lastKey.change.key : lastKey.key;
  const { changes } = rescoreContact(state, context.config, context.now, key);
  return { state, outcomes, changed: true, changes };
}

export function needsHubSpotRead(state: ContactState | undefined): boolean {
  return (
    state === undefined ||
    (state.readAt === undefined && state.deleted !== true)
  );
}

export { propertiesToRead };
