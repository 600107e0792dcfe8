import { compactObservations } from '../signals/compact.ts';
import { STATE_LIMITS, type ContactState } from './contact-state.ts';

/** The fields of a validated HubSpot contact webhook event that the contact state uses. */
export interface ContactChange {
  /** `portalId:subscriptionId:eventId`, unique per delivery of one event. */
  key: string;
  subscriptionType: string;
  occurredAt: number;
  propertyName?: string;
  propertyValue?: string;
  changeSource?: string;
  sourceId?: string;
}

export type ChangeOutcome =
  /** The state changed (or may change once the contact is read from HubSpot). */
  | 'applied'
  /** The same event key was applied before. */
  | 'duplicate'
  /** A change Nurture itself made, coming back as a webhook. */
  | 'echo'
  /** A property value older than the one already kept. */
  | 'stale'
  /** Accepted with no effect on Nurture's state (association changes and the like). */
  | 'ignored';

export interface ApplyContext {
  appId: number;
  /** True for engagement counters and markers whose every value is kept as an observation. */
  isSignalProperty(name: string): boolean;
}

/**
 * Applies one webhook event to a contact state in place and returns what it did. The result does
 * not depend on the order in which events arrive: values keep the newest `occurredAt` (ties go
 * to the larger event key), and signal observations are a set keyed by event.
 */
export function applyContactChange(
  state: ContactState,
  change: ContactChange,
  context: ApplyContext,
): ChangeOutcome {
  if (state.recentEventKeys.includes(change.key)) return 'duplicate';
  // HubSpot does not keep order, so changes made before a privacy deletion can arrive after it.
  if (state.privacyDeleted) return 'ignored';
  const outcome = applyOnce(state, change, context);
  rememberKey(state, change.key);
  return outcome;
}

function applyOnce(
  state: ContactState,
  change: ContactChange,
  context: ApplyContext,
): ChangeOutcome {
  switch (change.subscriptionType) {
    case 'contact.creation':
      state.createdAt = Math.min(
        state.createdAt ?? change.occurredAt,
        change.occurredAt,
      );
      return 'applied';
    case 'contact.propertyChange':
      return applyPropertyChange(state, change, context);
    case 'contact.deletion':
      state.deleted = true;
      return 'applied';
    case 'contact.restore':
      state.deleted = false;
      state.readAt = undefined;
      return 'applied';
    case 'contact.privacyDeletion':
      erasePersonalData(state);
      return 'applied';
    default:
      return 'ignored';
  }
}

function applyPropertyChange(
  state: ContactState,
  change: ContactChange,
  context: ApplyContext,
): ChangeOutcome {
  const name = change.propertyName;
  if (name === undefined) return 'ignored';
  const value = change.propertyValue ?? null;
  if (isEcho(state, change, context.appId)) return 'echo';

  if (context.isSignalProperty(name)) {
    const observations = (state.observations[name] ??= []);
    if (
      !observations.some((observation) => observation.eventId === change.key)
    ) {
      observations.push({
        eventId: change.key,
        occurredAt: change.occurredAt,
        value,
      });
      if (observations.length > STATE_LIMITS.observationsPerProperty) {
        state.observations[name] = compactObservations(
          observations,
          STATE_LIMITS.observationsPerProperty / 2,
          name,
        );
      }
    }
  }
  const current = state.properties[name];
  if (
    current !== undefined &&
    !isNewer(change, current.updatedAt, current.eventKey)
  ) {
    return context.isSignalProperty(name) ? 'applied' : 'stale';
  }
  state.properties[name] = {
    value,
    updatedAt: change.occurredAt,
    eventKey: change.key,
  };
  return 'applied';
}

function isNewer(
  change: ContactChange,
  updatedAt: number,
  eventKey: string | undefined,
): boolean {
  if (change.occurredAt !== updatedAt) return change.occurredAt > updatedAt;
  return eventKey === undefined || change.key > eventKey;
}

/** Our own writes come back with the app as source; the value ledger catches private-app tokens. */
function isEcho(
  state: ContactState,
  change: ContactChange,
  appId: number,
): boolean {
  if (
    change.changeSource === 'INTEGRATION' &&
    change.sourceId === String(appId)
  )
    return true;
  const name = change.propertyName;
  return (
    name !== undefined &&
    name in state.written &&
    state.written[name] === (change.propertyValue ?? '') &&
    change.changeSource !== 'CRM_UI'
  );
}

/** Removes personal data and engagement history; the qualification stays for aggregate counts. */
function erasePersonalData(state: ContactState): void {
  state.privacyDeleted = true;
  state.deleted = true;
  state.properties = {};
  state.observations = {};
  state.interactions = [];
  state.ledger = [];
  state.written = {};
  if (state.score !== undefined) {
    state.score = {
      ...state.score,
      reasons: [],
      summary: 'erased on privacy deletion',
      unknownFitFields: [],
    };
  }
}

function rememberKey(state: ContactState, key: string): void {
  state.recentEventKeys.push(key);
  const excess = state.recentEventKeys.length - STATE_LIMITS.recentEventKeys;
  if (excess > 0) state.recentEventKeys.splice(0, excess);
}
