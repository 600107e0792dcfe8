import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  applyContactChange,
  type ContactChange,
} from '#shared/core/pipeline/apply-event.ts';
import { emptyContactState } from '#shared/core/pipeline/contact-state.ts';
import { isSignalProperty } from '#shared/core/signals/index.ts';

const APP_ID = 4242001;
const context = { appId: APP_ID, isSignalProperty };

function propertyChange(
  eventId: number,
  occurredAt: number,
  propertyName: string,
  propertyValue: string,
  extra: Partial<ContactChange> = {},
): ContactChange {
  return {
    key: `9100001:501:${eventId}`,
    subscriptionType: 'contact.propertyChange',
    occurredAt,
    propertyName,
    propertyValue,
    changeSource: 'CRM_UI',
    ...extra,
  };
}

describe('applyContactChange', () => {
  it('keeps the newest value when an older change arrives later', () => {
    const state = emptyContactState(9100001, '1', 0);

    applyContactChange(
      state,
      propertyChange(2, 2000, 'jobtitle', 'Manager'),
      context,
    );
    const outcome = applyContactChange(
      state,
      propertyChange(1, 1000, 'jobtitle', 'Analyst'),
      context,
    );

    expect(outcome).toBe('stale');
    expect(state.properties.jobtitle?.value).toBe('Manager');
  });

  it('reports a redelivered event as a duplicate', () => {
    const state = emptyContactState(9100001, '1', 0);
    const change = propertyChange(1, 1000, 'jobtitle', 'Analyst');

    applyContactChange(state, change, context);
    const outcome = applyContactChange(state, { ...change }, context);

    expect(outcome).toBe('duplicate');
  });

  describe('when the change is our own write coming back', () => {
    it('recognises the app as source', () => {
      const state = emptyContactState(9100001, '1', 0);
      const echo = propertyChange(
        1,
        1000,
        'lifecyclestage',
        'marketingqualifiedlead',
        {
          changeSource: 'INTEGRATION',
          sourceId: String(APP_ID),
        },
      );

      const outcome = applyContactChange(state, echo, context);

      expect(outcome).toBe('echo');
      expect(state.properties.lifecyclestage).toBeUndefined();
    });

    it('recognises a value from the written ledger', () => {
      const state = emptyContactState(9100001, '1', 0);
      state.written.nurture_score = '42';
      const echo = propertyChange(1, 1000, 'nurture_score', '42', {
        changeSource: 'API',
        sourceId: 'private-app',
      });

      expect(applyContactChange(state, echo, context)).toBe('echo');
    });

    it('does not drop a person setting a stage by hand', () => {
      const state = emptyContactState(9100001, '1', 0);
      state.written.lifecyclestage = 'salesqualifiedlead';
      const byHand = propertyChange(1, 1000, 'lifecyclestage', 'customer');

      expect(applyContactChange(state, byHand, context)).toBe('applied');
      expect(state.properties.lifecyclestage?.value).toBe('customer');
    });
  });

  it('erases personal data on privacy deletion', () => {
    const state = emptyContactState(9100001, '1', 0);
    applyContactChange(
      state,
      propertyChange(1, 1000, 'email', 'lead-001@example.com'),
      context,
    );

    applyContactChange(
      state,
      {
        key: '9100001:502:2',
        subscriptionType: 'contact.privacyDeletion',
        occurredAt: 2000,
      },
      context,
    );

    expect(state.properties).toEqual({});
    expect(state.privacyDeleted).toBe(true);
    expect(state.deleted).toBe(true);
  });

  it('ends in the same state whatever the delivery order', () => {
    const changes = fc.array(
      fc.record({
        eventId: fc.integer({ min: 1, max: 40 }),
        occurredAt: fc.integer({ min: 0, max: 20 }),
        property: fc.constantFrom(
          'jobtitle',
          'hs_analytics_num_visits',
          'hs_analytics_last_url',
        ),
        value: fc.constantFrom(
          '1',
          '2',
          '3',
          'https://www.demo.example/pricing',
        ),
      }),
      { maxLength: 25 },
    );

    fc.assert(
      fc.property(changes, fc.integer(), (list, seed) => {
        const unique = [
          ...new Map(list.map((item) => [item.eventId, item])).values(),
        ];
        const sorted = [...unique].sort(
          (a, b) => a.occurredAt - b.occurredAt || a.eventId - b.eventId,
        );
        const shuffled = fc.sample(
          fc.shuffledSubarray(unique, { minLength: unique.length }),
          {
            seed,
            numRuns: 1,
          },
        )[0]!;
        const inOrder = emptyContactState(9100001, '1', 0);
        const outOfOrder = emptyContactState(9100001, '1', 0);

        for (const item of sorted) {
          applyContactChange(
            inOrder,
            propertyChange(
              item.eventId,
              item.occurredAt,
              item.property,
              item.value,
            ),
            context,
          );
        }
        for (const item of [...shuffled, shuffled[0]].filter(
          (item) => item !== undefined,
        )) {
          applyContactChange(
            outOfOrder,
            propertyChange(
              item.eventId,
              item.occurredAt,
              item.property,
              item.value,
            ),
            context,
          );
        }

        expect(outOfOrder.properties).toEqual(inOrder.properties);
        for (const name of Object.keys(inOrder.observations)) {
          const byId = (state: typeof inOrder) =>
            [...(state.observations[name] ?? [])].sort((a, b) =>
              a.eventId.localeCompare(b.eventId),
            );
          expect(byId(outOfOrder)).toEqual(byId(inOrder));
        }
      }),
    );
  });
});
