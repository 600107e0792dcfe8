import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { PropertyObservation } from '#shared/core/signals/observations.ts';
import { interactionsFromObservations } from '#shared/core/signals/derive.ts';
import {
  isSignalProperty,
  SIGNAL_PROPERTIES,
} from '#shared/core/signals/properties.ts';
import { demoConfig } from '../scoring/demo-config.ts';
import { observationsArbitrary, withShuffled } from './arbitraries.ts';

const config = demoConfig();

function observation(
  eventId: string,
  occurredAt: number,
  value: string | null,
): PropertyObservation {
  return { eventId, occurredAt, value };
}

function derive(property: string, observations: PropertyObservation[]) {
  return interactionsFromObservations(config, property, observations);
}

describe('SIGNAL_PROPERTIES', () => {
  it('lists the HubSpot counters and markers', () => {
    for (const name of [
      'hs_analytics_num_visits',
      'hs_analytics_num_page_views',
      'num_conversion_events',
      'recent_conversion_event_name',
      'hs_email_open',
      'hs_email_click',
      'hs_analytics_last_url',
      'hs_email_optout',
      'hs_email_hard_bounce_reason_enum',
    ]) {
      expect(SIGNAL_PROPERTIES).toContain(name);
      expect(isSignalProperty(name)).toBe(true);
    }
    expect(isSignalProperty('industry')).toBe(false);
  });
});

describe('interactionsFromObservations', () => {
  describe('when the property is a counter', () => {
    it('turns increases into quantities, the first from 0', () => {
      const interactions = derive('hs_analytics_num_visits', [
        observation('e1', 1000, '3'),
        observation('e2', 2000, '5'),
        observation('e3', 3000, '5'),
      ]);

      expect(interactions).toEqual([
        {
          id: 'hs_analytics_num_visits:e1',
          kind: 'visit',
          occurredAt: 1000,
          quantity: 3,
        },
        {
          id: 'hs_analytics_num_visits:e2',
          kind: 'visit',
          occurredAt: 2000,
          quantity: 2,
        },
      ]);
    });

    it('counts nothing for a decrease, null or text', () => {
      const interactions = derive('hs_email_open', [
        observation('e1', 1000, '4'),
        observation('e2', 2000, '2'),
        observation('e3', 3000, null),
        observation('e4', 4000, 'n/a'),
        observation('e5', 5000, '6'),
      ]);

      expect(interactions.map((item) => [item.id, item.quantity])).toEqual([
        ['hs_email_open:e1', 4],
        ['hs_email_open:e5', 4],
      ]);
      expect(interactions.every((item) => item.kind === 'emailOpen')).toBe(
        true,
      );
    });

    it('reads observations by time, then event id', () => {
      const interactions = derive('num_conversion_events', [
        observation('b', 1000, '2'),
        observation('a', 1000, '1'),
      ]);

      expect(
        interactions.map((item) => [item.id, item.quantity, item.kind]),
      ).toEqual([
        ['num_conversion_events:a', 1, 'formSubmission'],
        ['num_conversion_events:b', 1, 'formSubmission'],
      ]);
    });

    it('counts an event id once', () => {
      const repeated = observation('e1', 1000, '3');

      expect(
        derive('hs_email_click', [repeated, { ...repeated }]),
      ).toHaveLength(1);
    });
  });

  describe('when the property is the last URL', () => {
    it('reads key pages and content pages', () => {
      const interactions = derive('hs_analytics_last_url', [
        observation('u1', 1000, 'https://www.demo.example/Pricing?plan=team'),
        observation('u2', 2000, 'https://www.demo.example/demo'),
        observation('u3', 3000, 'https://www.demo.example/guides/dashboards'),
        observation('u4', 4000, 'https://www.demo.example/about'),
      ]);

      expect(interactions).toEqual([
        {
          id: 'hs_analytics_last_url:u1',
          kind: 'keyPageView',
          page: 'pricing',
          occurredAt: 1000,
          quantity: 1,
        },
        {
          id: 'hs_analytics_last_url:u2',
          kind: 'keyPageView',
          page: 'demo',
          contentId: 'demo-request',
          occurredAt: 2000,
          quantity: 1,
        },
        {
          id: 'hs_analytics_last_url:u3',
          kind: 'pageView',
          contentId: 'guide-dashboards',
          countedByCounter: true,
          occurredAt: 3000,
          quantity: 1,
        },
      ]);
    });

    it('counts a repeated value once', () => {
      const interactions = derive('hs_analytics_last_url', [
        observation('u1', 1000, 'https://www.demo.example/pricing'),
        observation('u2', 2000, 'https://www.demo.example/pricing'),
        observation('u3', 3000, null),
        observation('u4', 4000, 'https://www.demo.example/pricing'),
      ]);

      expect(interactions.map((item) => item.id)).toEqual([
        'hs_analytics_last_url:u1',
        'hs_analytics_last_url:u4',
      ]);
    });
  });

  describe('when the property is the last form', () => {
    it.each([
      [
        'Whitepaper data teams',
        { kind: 'download', contentId: 'whitepaper-data-teams' },
      ],
      [' demo REQUEST ', { kind: 'contactRequest', contentId: 'demo-request' }],
      ['Contact us', { kind: 'contactRequest' }],
    ])('reads %j', (formName, expected) => {
      const [interaction] = derive('recent_conversion_event_name', [
        observation('f1', 1000, formName),
      ]);

      expect(interaction).toEqual({
        id: 'recent_conversion_event_name:f1',
        occurredAt: 1000,
        quantity: 1,
        ...expected,
      });
    });

    it('marks a non-gated content form as counted', () => {
      const open = demoConfig();
      open.content[2]!.formName = 'Dashboard guide';

      const interactions = interactionsFromObservations(
        open,
        'recent_conversion_event_name',
        [observation('f1', 1000, 'Dashboard guide')],
      );

      expect(interactions).toEqual([
        {
          id: 'recent_conversion_event_name:f1',
          kind: 'formSubmission',
          contentId: 'guide-dashboards',
          countedByCounter: true,
          occurredAt: 1000,
          quantity: 1,
        },
      ]);
    });

    it('ignores an unknown form', () => {
      expect(
        derive('recent_conversion_event_name', [
          observation('f1', 1000, 'Newsletter'),
        ]),
      ).toEqual([]);
    });
  });

  describe('when the property is an email status', () => {
    it('reads an opt-out when it becomes true', () => {
      const interactions = derive('hs_email_optout', [
        observation('o1', 1000, 'false'),
        observation('o2', 2000, 'true'),
        observation('o3', 3000, 'true'),
        observation('o4', 4000, 'false'),
        observation('o5', 5000, 'TRUE'),
      ]);

      expect(interactions.map((item) => [item.id, item.kind])).toEqual([
        ['hs_email_optout:o2', 'unsubscribe'],
        ['hs_email_optout:o5', 'unsubscribe'],
      ]);
    });

    it('reads a hard bounce reason as a hard bounce', () => {
      const interactions = derive('hs_email_hard_bounce_reason_enum', [
        observation('b1', 1000, ''),
        observation('b2', 2000, 'MAILBOX_FULL'),
      ]);

      expect(interactions.map((item) => [item.id, item.kind])).toEqual([
        ['hs_email_hard_bounce_reason_enum:b2', 'hardBounce'],
      ]);
    });
  });

  it('returns nothing for other properties', () => {
    expect(derive('industry', [observation('e1', 1000, 'Retail')])).toEqual([]);
  });

  describe('properties', () => {
    it.each([
      'hs_analytics_num_page_views',
      'hs_analytics_last_url',
      'hs_email_optout',
    ])('gives the same interactions in any order for %s', (property) => {
      fc.assert(
        fc.property(
          withShuffled(observationsArbitrary(property)),
          ([list, shuffled]) => {
            expect(derive(property, shuffled)).toEqual(derive(property, list));
          },
        ),
      );
    });

    it('gives the same interactions with repeated observations', () => {
      fc.assert(
        fc.property(
          observationsArbitrary('hs_analytics_num_visits'),
          (list) => {
            expect(
              derive('hs_analytics_num_visits', [...list, ...list]),
            ).toEqual(derive('hs_analytics_num_visits', list));
          },
        ),
      );
    });
  });
});
