import { describe, expect, it } from 'vitest';
import type { Qualification } from '#shared/core/contact.ts';
import {
  lifecycleStageFor,
  qualify,
  thresholdsFor,
} from '#shared/core/scoring/qualification.ts';
import { demoConfig } from './demo-config.ts';

// Demo thresholds: MQL at fit 35; SQL at engagement 40, for analysts 50 and
// for executives 30.
const config = demoConfig();

describe('qualify', () => {
  describe('when the persona has no overrides', () => {
    it.each<[number, number, boolean, Qualification]>([
      [34, 100, true, 'lead'],
      [35, 0, true, 'mql'],
      [35, 39.9, true, 'mql'],
      [35, 40, true, 'sql'],
      [80, 80, false, 'lead'],
    ])(
      'qualifies fit %d, engagement %d, required met %s as %s',
      (fit, engagement, requiredMet, expected) => {
        const input = { fit, engagement, requiredMet, persona: 'manager' };

        expect(qualify(config, input)).toBe(expected);
      },
    );
  });

  describe('when the persona overrides a threshold', () => {
    it.each<[string, number, Qualification]>([
      ['analyst', 49.9, 'mql'],
      ['analyst', 50, 'sql'],
      ['executive', 29.9, 'mql'],
      ['executive', 30, 'sql'],
      ['unknown', 40, 'sql'],
    ])(
      'qualifies %s at engagement %d as %s',
      (persona, engagement, expected) => {
        const input = { fit: 35, engagement, requiredMet: true, persona };

        expect(qualify(config, input)).toBe(expected);
      },
    );

    it('overrides the MQL fit threshold', () => {
      const strict = demoConfig();
      strict.personas.items[1]!.traits.mqlFit = 60;
      const input = {
        fit: 55,
        engagement: 0,
        requiredMet: true,
        persona: 'manager',
      };

      expect(qualify(strict, input)).toBe('lead');
      expect(qualify(strict, { ...input, fit: 60 })).toBe('mql');
    });
  });

  describe('when a total threshold is set', () => {
    it('also needs the total for an SQL', () => {
      const withTotal = demoConfig();
      withTotal.thresholds.sqlTotal = 100;
      const input = {
        fit: 50,
        engagement: 45,
        requiredMet: true,
        persona: 'manager',
      };

      expect(qualify(withTotal, input)).toBe('mql');
      expect(qualify(withTotal, { ...input, engagement: 50 })).toBe('sql');
    });

    it('takes a persona override of the total', () => {
      const withTotal = demoConfig();
      withTotal.thresholds.sqlTotal = 100;
      withTotal.personas.items[2]!.traits.sqlTotal = 70;

      expect(thresholdsFor(withTotal, 'executive').sqlTotal).toBe(70);
      expect(thresholdsFor(withTotal, 'manager').sqlTotal).toBe(100);
    });
  });
});

describe('lifecycleStageFor', () => {
  it.each<[string | undefined, Qualification, string | undefined]>([
    [undefined, 'lead', 'lead'],
    ['', 'mql', 'marketingqualifiedlead'],
    ['subscriber', 'lead', 'lead'],
    ['lead', 'lead', undefined],
    ['lead', 'mql', 'marketingqualifiedlead'],
    ['lead', 'sql', 'salesqualifiedlead'],
    ['marketingqualifiedlead', 'sql', 'salesqualifiedlead'],
    ['marketingqualifiedlead', 'lead', undefined],
    ['salesqualifiedlead', 'mql', undefined],
    ['opportunity', 'sql', undefined],
    ['customer', 'sql', undefined],
    ['evangelist', 'sql', undefined],
    ['other', 'sql', undefined],
    ['1234567', 'sql', undefined],
    [' Lead ', 'mql', 'marketingqualifiedlead'],
  ])('moves %j for %s to %j', (current, qualification, expected) => {
    expect(lifecycleStageFor(current, qualification)).toBe(expected);
  });

  it('keeps a customer a customer', () => {
    for (const qualification of ['lead', 'mql', 'sql'] as const) {
      expect(lifecycleStageFor('customer', qualification)).toBeUndefined();
    }
  });
});
