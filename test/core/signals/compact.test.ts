import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { InteractionEvent } from '#shared/core/contact.ts';
import { compactObservations } from '#shared/core/signals/compact.ts';
import { interactionsFromObservations } from '#shared/core/signals/derive.ts';
import type { PropertyObservation } from '#shared/core/signals/observations.ts';
import { demoConfig } from '../scoring/demo-config.ts';
import { observationsArbitrary } from './arbitraries.ts';

const config = demoConfig();
const PROPERTIES = [
  'hs_analytics_num_visits',
  'hs_analytics_last_url',
  'hs_email_optout',
];

function derive(
  property: string,
  observations: readonly PropertyObservation[],
) {
  return interactionsFromObservations(config, property, observations);
}

/** Total quantity per kind, page, content item and counted flag. */
function totals(
  interactions: readonly InteractionEvent[],
): Record<string, number> {
  const sums: Record<string, number> = {};
  for (const item of interactions) {
    const key = [
      item.kind,
      item.page,
      item.contentId,
      item.countedByCounter,
    ].join('|');
    sums[key] = (sums[key] ?? 0) + item.quantity;
  }
  return sums;
}

function isFolded(interaction: InteractionEvent): boolean {
  return interaction.id.includes(':fold:');
}

describe('compactObservations', () => {
  it('folds a counter into a baseline', () => {
    const observations = [
      { eventId: 'e1', occurredAt: 1000, value: '3' },
      { eventId: 'e2', occurredAt: 2000, value: '2' },
      { eventId: 'e3', occurredAt: 3000, value: '7' },
      { eventId: 'e4', occurredAt: 4000, value: '9' },
    ];

    const compacted = compactObservations(
      observations,
      2,
      'hs_analytics_num_visits',
    );

    expect(compacted).toEqual([
      {
        eventId: 'fold:e3',
        occurredAt: 3000,
        value: '7',
        fold: { increase: 8 },
      },
      { eventId: 'e4', occurredAt: 4000, value: '9' },
    ]);
    expect(
      derive('hs_analytics_num_visits', compacted).map((item) => item.quantity),
    ).toEqual([8, 2]);
  });

  it('folds a marker into counts per value', () => {
    const observations = [
      {
        eventId: 'u1',
        occurredAt: 1000,
        value: 'https://www.demo.example/pricing',
      },
      {
        eventId: 'u2',
        occurredAt: 2000,
        value: 'https://www.demo.example/about',
      },
      {
        eventId: 'u3',
        occurredAt: 3000,
        value: 'https://www.demo.example/Pricing',
      },
      {
        eventId: 'u4',
        occurredAt: 4000,
        value: 'https://www.demo.example/demo',
      },
    ];

    const compacted = compactObservations(observations, 2);

    expect(compacted[0]).toEqual({
      eventId: 'fold:u3',
      occurredAt: 3000,
      value: 'https://www.demo.example/Pricing',
      fold: {
        changes: [
          { value: 'https://www.demo.example/about', count: 1, lastAt: 2000 },
          { value: 'https://www.demo.example/pricing', count: 2, lastAt: 3000 },
        ],
      },
    });
    expect(derive('hs_analytics_last_url', compacted)).toContainEqual({
      id: 'hs_analytics_last_url:fold:u3:1',
      kind: 'keyPageView',
      page: 'pricing',
      occurredAt: 3000,
      quantity: 2,
    });
  });

  it('returns a short list as it is', () => {
    const observations = [{ eventId: 'e1', occurredAt: 1000, value: '1' }];

    expect(compactObservations(observations, 1)).toEqual(observations);
  });

  it('ignores a late observation older than the baseline', () => {
    const compacted = compactObservations(
      [
        { eventId: 'e1', occurredAt: 1000, value: '3' },
        { eventId: 'e2', occurredAt: 2000, value: '5' },
      ],
      1,
      'hs_analytics_num_visits',
    );
    const late = { eventId: 'e0', occurredAt: 500, value: '1' };

    expect(derive('hs_analytics_num_visits', [...compacted, late])).toEqual(
      derive('hs_analytics_num_visits', compacted),
    );
  });

  it.each([0, 1.5, -2])('rejects keep %d', (keep) => {
    expect(() => compactObservations([], keep)).toThrow(RangeError);
  });

  describe('properties', () => {
    it.each(PROPERTIES)('keeps the derived totals of %s', (property) => {
      fc.assert(
        fc.property(
          observationsArbitrary(property),
          fc.integer({ min: 1, max: 31 }),
          fc.boolean(),
          (observations, keep, named) => {
            const full = derive(property, observations);

            const compacted = compactObservations(
              observations,
              keep,
              named ? property : undefined,
            );

            expect(compacted.length).toBeLessThanOrEqual(keep);
            const derived = derive(property, compacted);
            expect(totals(derived)).toEqual(totals(full));
            expect(derived.filter((item) => !isFolded(item))).toEqual(
              full.filter((item) =>
                compacted.some(
                  (kept) => item.id === `${property}:${kept.eventId}`,
                ),
              ),
            );
          },
        ),
      );
    });

    it.each(PROPERTIES)(
      'keeps the totals of %s over repeated compaction',
      (property) => {
        fc.assert(
          fc.property(
            observationsArbitrary(property),
            observationsArbitrary(property),
            fc.integer({ min: 1, max: 8 }),
            (older, newer, keep) => {
              const later = newer.map((item) => ({
                ...item,
                eventId: `n${item.eventId}`,
                occurredAt: item.occurredAt + 3_600_000,
              }));

              const once = compactObservations(older, keep, property);
              const twice = compactObservations(
                [...once, ...later],
                keep,
                property,
              );

              expect(totals(derive(property, twice))).toEqual(
                totals(derive(property, [...older, ...later])),
              );
            },
          ),
        );
      },
    );
  });
});
