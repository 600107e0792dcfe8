import type { InteractionEvent } from '#shared/core/contact.ts';
import { orderObservations, type PropertyObservation } from './observations.ts';
import { signalDefinitionOf, type SignalConfig } from './properties.ts';
import { walkCounter, walkMarker } from './walk.ts';

/**
 * Derives the interactions a signal property's observations stand for. The
 * result depends only on the set of observations (read by `occurredAt`, then
 * event id) and the config, and interaction ids derive from event ids, so
 * deriving again after any new observation replaces the earlier result.
 * Returns [] for a property that is not a signal property.
 */
export function interactionsFromObservations(
  config: SignalConfig,
  property: string,
  observations: readonly PropertyObservation[],
): InteractionEvent[] {
  const definition = signalDefinitionOf(property);
  if (definition === undefined || observations.length === 0) return [];
  const ordered = orderObservations(observations);
  const interactions: InteractionEvent[] = [];

  if (definition.type === 'counter') {
    walkCounter(ordered, (step) => {
      if (step.type !== 'increase') return;
      interactions.push({
        id: `${property}:${step.observation.eventId}`,
        kind: definition.kind,
        occurredAt: step.observation.occurredAt,
        quantity: step.quantity,
      });
    });
    return interactions;
  }

  walkMarker(ordered, (step) => {
    if (step.type !== 'change') return;
    const interaction = definition.read(config, step.value);
    if (interaction === undefined) return;
    const suffix = step.index === undefined ? '' : `:${step.index}`;
    interactions.push({
      id: `${property}:${step.observation.eventId}${suffix}`,
      occurredAt: step.occurredAt,
      quantity: step.count,
      ...interaction,
    });
  });
  return interactions;
}
