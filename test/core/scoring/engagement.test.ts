import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { InteractionEvent } from '#shared/core/contact.ts';
import { scoreEngagement } from '#shared/core/scoring/engagement.ts';
import {
  interactionArbitrary,
  POSITIVE_KINDS,
  shuffledPairArbitrary,
} from './arbitraries.ts';
import { DAY_MS, NOW, demoConfig } from './demo-config.ts';

const config = demoConfig();
const noDecay = demoConfig();
delete noDecay.engagement.halfLifeDays;

function event(
  id: string,
  kind: InteractionEvent['kind'],
  daysAgo = 0,
  extra: Partial<InteractionEvent> = {},
): InteractionEvent {
  return {
    id,
    kind,
    occurredAt: NOW - daysAgo * DAY_MS,
    quantity: 1,
    ...extra,
  };
}

describe('scoreEngagement', () => {
  describe('when nothing decays', () => {
    it('multiplies the kind weight by the quantity', () => {
      const result = scoreEngagement(
        noDecay,
        [event('v1', 'visit', 3, { quantity: 4 }), event('o1', 'emailOpen')],
        NOW,
      );

      expect(result.points).toBe(4 * 2 + 1);
      expect(result.reasons).toEqual([
        {
          part: 'engagement',
          rule: 'visit',
          points: 8,
          detail: '1 event, 8 points',
          events: 1,
          basePoints: 8,
        },
        expect.objectContaining({ rule: 'emailOpen', points: 1 }),
      ]);
    });

    it("uses a key page's own points", () => {
      const result = scoreEngagement(
        noDecay,
        [
          event('k1', 'keyPageView', 1, { page: 'demo' }),
          event('k2', 'keyPageView', 1, { page: 'retired-page' }),
        ],
        NOW,
      );

      expect(
        result.reasons.map((reason) => [reason.rule, reason.points]),
      ).toEqual([
        ['keyPageView:demo', 15],
        ['keyPageView:retired-page', 10],
      ]);
    });

    it('caps a kind', () => {
      const opens = Array.from({ length: 14 }, (_, index) =>
        event(`o${index}`, 'emailOpen', index),
      );

      const result = scoreEngagement(noDecay, opens, NOW);

      expect(result.points).toBe(10);
      expect(result.reasons[0]?.detail).toBe(
        '14 events, 14 points, 10 within the cap',
      );
    });

    it('subtracts negative kinds', () => {
      const result = scoreEngagement(
        noDecay,
        [
          event('v', 'visit', 1),
          event('u', 'unsubscribe', 1),
          event('h', 'hardBounce'),
        ],
        NOW,
      );

      expect(result.points).toBe(2 - 20 - 50);
    });

    it('caps a negative kind by its size', () => {
      const capped = demoConfig();
      delete capped.engagement.halfLifeDays;
      capped.engagement.weights.unsubscribe = { points: -20, cap: 30 };

      const result = scoreEngagement(
        capped,
        [event('u1', 'unsubscribe', 2), event('u2', 'unsubscribe', 1)],
        NOW,
      );

      expect(result.points).toBe(-30);
      expect(result.reasons[0]?.basePoints).toBe(-40);
    });
  });

  describe('when interactions decay', () => {
    it('halves points after one half-life', () => {
      const result = scoreEngagement(
        config,
        [event('d', 'download', 30, { contentId: 'whitepaper-data-teams' })],
        NOW,
      );

      expect(result.points).toBe(4);
      expect(result.reasons[0]?.detail).toBe(
        '1 event, 8 points, 4 after decay',
      );
    });

    it('fills the cap with the most recent events first', () => {
      const clicks = [
        event('old', 'emailClick', 60, { quantity: 5 }),
        event('new', 'emailClick', 0, { quantity: 5 }),
      ];

      const result = scoreEngagement(config, clicks, NOW);

      // The cap of 15 takes all 15 recent points and none of the old ones.
      expect(result.points).toBe(15);
    });

    it('ignores events after now', () => {
      const result = scoreEngagement(config, [event('f', 'visit', -1)], NOW);

      expect(result).toEqual({ points: 0, reasons: [] });
    });
  });

  it('counts one id once', () => {
    const visit = event('same', 'visit', 0, { quantity: 3 });

    const result = scoreEngagement(noDecay, [visit, { ...visit }, visit], NOW);

    expect(result.points).toBe(6);
  });

  it('adds no points for an interaction a counter scored', () => {
    const result = scoreEngagement(
      noDecay,
      [
        event('p', 'pageView', 0, {
          contentId: 'guide-dashboards',
          countedByCounter: true,
        }),
      ],
      NOW,
    );

    expect(result.points).toBe(0);
  });

  it('rounds to one decimal', () => {
    const result = scoreEngagement(config, [event('v', 'visit', 7)], NOW);

    expect(result.points).toBe(Math.round(2 * 0.5 ** (7 / 30) * 10) / 10);
  });

  describe('properties', () => {
    it('never lowers with one more positive event', () => {
      fc.assert(
        fc.property(
          fc.array(interactionArbitrary()),
          interactionArbitrary(POSITIVE_KINDS, fc.constant('added')),
          (interactions, added) => {
            const positive = {
              ...added,
              page: added.page === 'retired-page' ? 'pricing' : added.page,
            };
            const before = scoreEngagement(config, interactions, NOW).points;

            const after = scoreEngagement(
              config,
              [...interactions, positive],
              NOW,
            ).points;

            expect(after).toBeGreaterThanOrEqual(before);
          },
        ),
      );
    });

    it('keeps positive events non-negative', () => {
      fc.assert(
        fc.property(
          fc.array(interactionArbitrary(POSITIVE_KINDS)),
          fc.integer({ min: 0, max: 3650 * DAY_MS }),
          (interactions, later) => {
            const points = scoreEngagement(
              config,
              interactions,
              NOW + later,
            ).points;

            expect(points).toBeGreaterThanOrEqual(0);
          },
        ),
      );
    });

    it('never turns a score negative by decay alone', () => {
      fc.assert(
        fc.property(
          fc.array(interactionArbitrary()),
          fc.integer({ min: 0, max: 3650 * DAY_MS }),
          (interactions, later) => {
            const past = interactions.filter((item) => item.occurredAt <= NOW);
            const now = scoreEngagement(config, past, NOW).points;

            const then = scoreEngagement(config, past, NOW + later).points;

            if (now >= 0) expect(then).toBeGreaterThanOrEqual(0);
            expect(Math.abs(then)).toBeLessThanOrEqual(Math.abs(now));
          },
        ),
      );
    });

    it('does not depend on event order', () => {
      fc.assert(
        fc.property(
          shuffledPairArbitrary(interactionArbitrary()),
          ([list, shuffled]) => {
            expect(scoreEngagement(config, shuffled, NOW)).toEqual(
              scoreEngagement(config, list, NOW),
            );
          },
        ),
      );
    });
  });
});
