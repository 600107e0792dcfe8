import type { ClientConfig } from '../config/client.ts';
import type { InteractionEvent, Score } from '../contact.ts';
import { scoreContact } from '../scoring/index.ts';
import { lifecycleStageFor } from '../scoring/qualification.ts';
import { interactionsFromObservations } from '../signals/index.ts';
import { STATE_LIMITS, type ContactState } from './contact-state.ts';
import { changedProperties, ownedPropertyValues } from './owned-properties.ts';

export interface RescoreResult {
  score: Score;
  /** Properties to write to HubSpot; empty when nothing Nurture owns changed. */
  changes: Record<string, string>;
}

/**
 * Scores a contact state as of `now`, records the score, the ledger line and the values to
 * write, and returns the HubSpot properties that changed. Mutates `state`.
 */
export function rescoreContact(
  state: ContactState,
  config: ClientConfig,
  now: number,
  eventKey: string,
): RescoreResult {
  const score = scoreContact(config, snapshotOf(state, config), now);
  const owned = ownedPropertyValues(score);
  const stage = lifecycleStageFor(
    state.properties.lifecyclestage?.value ?? undefined,
    score.qualification,
  );
  if (stage !== undefined) owned.lifecyclestage = stage;
  const changes = changedProperties(state.written, owned, now);

  const previous = state.score;
  if (
    previous === undefined ||
    previous.total !== score.total ||
    previous.qualification !== score.qualification
  ) {
    state.ledger.push({
      at: now,
      eventId: eventKey,
      configVersion: config.version,
      total: score.total,
      qualification: score.qualification,
      summary: score.summary,
    });
    const excess = state.ledger.length - STATE_LIMITS.ledger;
    if (excess > 0) state.ledger.splice(0, excess);
  }
  state.score = score;
  state.written = { ...state.written, ...changes };
  state.channel =
    state.properties[config.channels.property]?.value ?? state.channel;
  return { score, changes };
}

/** The properties and the full interaction history the scoring core reads. */
export function snapshotOf(
  state: ContactState,
  config: ClientConfig,
): {
  properties: Record<string, string | null>;
  interactions: InteractionEvent[];
} {
  const properties: Record<string, string | null> = {};
  for (const [name, property] of Object.entries(state.properties))
    properties[name] = property.value;
  const interactions = [...state.interactions];
  for (const [name, observations] of Object.entries(state.observations)) {
    interactions.push(
      ...interactionsFromObservations(config, name, observations),
    );
  }
  return { properties, interactions };
}

/** Properties to read from HubSpot for a new contact: everything the configuration looks at. */
export function propertiesToRead(config: ClientConfig): string[] {
  const names = new Set<string>([
    'lifecyclestage',
    ...config.hubspot.properties,
  ]);
  names.add(config.personas.questionProperty);
  names.add(config.channels.property);
  for (const criterion of config.fit.criteria)
    names.add(criterion.when.property);
  for (const fallback of config.personas.fallbacks)
    names.add(fallback.when.property);
  for (const disqualifier of config.engagement.disqualifiers)
    names.add(disqualifier.when.property);
  return [...names].sort();
}

/** Adds values read from HubSpot where no webhook event has set the property yet. */
export function mergeReadProperties(
  state: ContactState,
  values: Record<string, string | null>,
  now: number,
): void {
  for (const [name, value] of Object.entries(values)) {
    if (state.properties[name] === undefined)
      state.properties[name] = { value, updatedAt: 0 };
  }
  state.readAt = now;
}
