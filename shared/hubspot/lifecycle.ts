import { LIFECYCLE_STAGES } from '#shared/core/scoring/qualification.ts';
import type { ContactUpdate } from './gateway.ts';

export const LIFECYCLE_PROPERTY = 'lifecyclestage';

/** HubSpot's default lifecycle stages, in pipeline order; portals may rename or add stages. */
export const DEFAULT_LIFECYCLE_STAGES: readonly string[] = [
  ...LIFECYCLE_STAGES,
  'other',
];

/**
 * Tells whether writing `next` moves a contact forward from `current` in the pipeline `order`.
 * An empty current stage allows any known stage. Clearing, an unknown stage on either side,
 * the same stage and any earlier stage are not forward moves, so a later stage set by a person
 * (customer, for example) is never overwritten.
 */
export function isForwardMove(
  current: string | null | undefined,
  next: string,
  order: readonly string[] = DEFAULT_LIFECYCLE_STAGES,
): boolean {
  const nextIndex = order.indexOf(next);
  if (next === '' || nextIndex === -1) return false;
  if (current === null || current === undefined || current === '') return true;
  const currentIndex = order.indexOf(current);
  return currentIndex !== -1 && nextIndex > currentIndex;
}

/**
 * Drops `lifecyclestage` from updates where it would not move forward from the stage HubSpot
 * stores now. Returns the updates to send and the ids whose stage was kept.
 */
export function applyForwardOnlyRule(
  updates: readonly ContactUpdate[],
  currentStages: ReadonlyMap<string, string | null>,
  order: readonly string[],
): { updates: ContactUpdate[]; kept: string[] } {
  const kept: string[] = [];
  const result = updates.map((update) => {
    const next = update.properties[LIFECYCLE_PROPERTY];
    if (next === undefined) return update;
    if (isForwardMove(currentStages.get(update.contactId), next, order))
      return update;
    kept.push(update.contactId);
    const properties = { ...update.properties };
    delete properties[LIFECYCLE_PROPERTY];
    return { contactId: update.contactId, properties };
  });
  return { updates: result, kept };
}

/** Stage values in pipeline order, from the options of the `lifecyclestage` property. */
export function stageOrderFromOptions(
  options: readonly { value: string; displayOrder?: number }[],
): string[] {
  return [...options]
    .sort((left, right) => (left.displayOrder ?? 0) - (right.displayOrder ?? 0))
    .map((option) => option.value);
}
