import fc from 'fast-check';
import { INTERACTION_KINDS } from '#shared/core/config/scoring.ts';
import type { InteractionEvent } from '#shared/core/contact.ts';
import { DAY_MS, NOW } from './demo-config.ts';

/** Interaction kinds whose points are positive in the demo config. */
export const POSITIVE_KINDS = [
  'visit',
  'pageView',
  'keyPageView',
  'formSubmission',
  'download',
  'contactRequest',
  'emailOpen',
  'emailClick',
] as const;

const optionalOf = <T>(values: readonly T[]) =>
  fc.option(fc.constantFrom(...values), { nil: undefined });

/** Generates an interaction in the demo config's vocabulary, at most 200 days before `NOW` or a day after. */
export function interactionArbitrary(
  kinds: readonly InteractionEvent['kind'][] = INTERACTION_KINDS,
  ids: fc.Arbitrary<string> = fc.constantFrom('a', 'b', 'c', 'd', 'e', 'f'),
): fc.Arbitrary<InteractionEvent> {
  return fc.record(
    {
      id: ids,
      kind: fc.constantFrom(...kinds),
      occurredAt: fc.integer({ min: NOW - 200 * DAY_MS, max: NOW + DAY_MS }),
      quantity: fc.integer({ min: 1, max: 12 }),
      page: optionalOf(['pricing', 'demo', 'retired-page']),
      contentId: optionalOf([
        'blog-reporting-pitfalls',
        'guide-dashboards',
        'demo-request',
      ]),
    },
    { requiredKeys: ['id', 'kind', 'occurredAt', 'quantity'] },
  );
}

/** Generates a list with a shuffled copy of it. */
export function shuffledPairArbitrary<T>(
  item: fc.Arbitrary<T>,
  maxLength = 25,
): fc.Arbitrary<[T[], T[]]> {
  return fc.array(item, { maxLength }).chain((list) =>
    fc
      .shuffledSubarray(list, {
        minLength: list.length,
        maxLength: list.length,
      })
      .map((shuffled): [T[], T[]] => [list, shuffled]),
  );
}
