import fc from 'fast-check';
import type { PropertyObservation } from '#shared/core/signals/observations.ts';

const URLS = [
  'https://www.demo.example/pricing',
  'https://www.demo.example/demo',
  'https://www.demo.example/blog/reporting-pitfalls',
  'https://www.demo.example/guides/dashboards',
  'https://www.demo.example/about',
];

function valueArbitrary(property: string): fc.Arbitrary<string | null> {
  if (property === 'hs_analytics_last_url') {
    return fc.option(fc.constantFrom(...URLS), { nil: null, freq: 6 });
  }
  if (property === 'hs_email_optout') {
    return fc.option(fc.constantFrom('true', 'false'), { nil: null, freq: 6 });
  }
  return fc.option(fc.integer({ min: 0, max: 60 }).map(String), {
    nil: null,
    freq: 8,
  });
}

/** Generates observations of one property with unique event ids and frequent equal times. */
export function observationsArbitrary(
  property: string,
  maxLength = 30,
): fc.Arbitrary<PropertyObservation[]> {
  return fc.uniqueArray(
    fc.record({
      eventId: fc.string({ minLength: 1, maxLength: 4 }),
      occurredAt: fc
        .integer({ min: 0, max: 20 })
        .map((minute) => minute * 60_000),
      value: valueArbitrary(property),
    }),
    { selector: (observation) => observation.eventId, maxLength },
  );
}

/** Generates a list with a shuffled copy of it. */
export function withShuffled<T>(
  list: fc.Arbitrary<T[]>,
): fc.Arbitrary<[T[], T[]]> {
  return list.chain((items) =>
    fc
      .shuffledSubarray(items, {
        minLength: items.length,
        maxLength: items.length,
      })
      .map((shuffled): [T[], T[]] => [items, shuffled]),
  );
}
