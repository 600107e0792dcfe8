import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  applyForwardOnlyRule,
  DEFAULT_LIFECYCLE_STAGES,
  isForwardMove,
  stageOrderFromOptions,
} from '#shared/hubspot/lifecycle.ts';
import type { ContactUpdate } from '#shared/hubspot/gateway.ts';

describe('isForwardMove', () => {
  it.each([
    [null, 'lead', true],
    ['', 'marketingqualifiedlead', true],
    ['subscriber', 'lead', true],
    ['lead', 'marketingqualifiedlead', true],
    ['marketingqualifiedlead', 'salesqualifiedlead', true],
    ['salesqualifiedlead', 'marketingqualifiedlead', false],
    ['lead', 'lead', false],
    ['customer', 'salesqualifiedlead', false],
    ['opportunity', 'salesqualifiedlead', false],
    ['evangelist', 'lead', false],
    ['lead', '', false],
    ['lead', 'no-such-stage', false],
    ['123456', 'lead', false],
  ])('from %j to %j is %s', (current, next, expected) => {
    expect(isForwardMove(current, next)).toBe(expected);
  });

  it('follows a custom stage order', () => {
    const order = ['lead', '1001', 'customer'];

    expect(isForwardMove('lead', '1001', order)).toBe(true);
    expect(isForwardMove('1001', 'lead', order)).toBe(false);
  });

  it('never moves to an earlier stage', () => {
    const stage = fc.constantFrom(...DEFAULT_LIFECYCLE_STAGES);
    fc.assert(
      fc.property(stage, stage, (current, next) => {
        const forward = isForwardMove(current, next);

        expect(forward).toBe(
          DEFAULT_LIFECYCLE_STAGES.indexOf(next) >
            DEFAULT_LIFECYCLE_STAGES.indexOf(current),
        );
      }),
    );
  });
});

describe('applyForwardOnlyRule', () => {
  it('drops only lifecyclestage where it would not move forward', () => {
    const updates: ContactUpdate[] = [
      {
        contactId: '1',
        properties: {
          lifecyclestage: 'salesqualifiedlead',
          nurture_score: '80',
        },
      },
      {
        contactId: '2',
        properties: {
          lifecyclestage: 'salesqualifiedlead',
          nurture_score: '70',
        },
      },
      { contactId: '3', properties: { nurture_score: '10' } },
    ];
    const current = new Map([
      ['1', 'lead'],
      ['2', 'customer'],
    ]);

    const result = applyForwardOnlyRule(
      updates,
      current,
      DEFAULT_LIFECYCLE_STAGES,
    );

    expect(result.updates).toEqual([
      updates[0],
      { contactId: '2', properties: { nurture_score: '70' } },
      updates[2],
    ]);
    expect(result.kept).toEqual(['2']);
  });
});

describe('stageOrderFromOptions', () => {
  it('orders stage values by display order', () => {
    const options = [
      { value: 'customer', displayOrder: 2 },
      { value: 'lead', displayOrder: 0 },
      { value: '1001', displayOrder: 1 },
    ];

    expect(stageOrderFromOptions(options)).toEqual([
      'lead',
      '1001',
      'customer',
    ]);
  });
});
