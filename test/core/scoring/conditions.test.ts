import { describe, expect, it } from 'vitest';
import type { PropertyCondition } from '#shared/core/config/conditions.ts';
import {
  matchesCondition,
  parseDecimal,
} from '#shared/core/scoring/conditions.ts';

const industry: PropertyCondition = {
  op: 'oneOf',
  property: 'industry',
  values: ['Software', 'Retail'],
};
const size: PropertyCondition = {
  op: 'range',
  property: 'size',
  min: 50,
  max: 5000,
};

describe('matchesCondition', () => {
  describe('when the property has no usable value', () => {
    it.each([
      ['missing', {}],
      ['null', { industry: null }],
      ['empty', { industry: '' }],
      ['blank', { industry: '   ' }],
    ])('returns unknown for a %s value', (_case, properties) => {
      expect(matchesCondition(industry, properties)).toBe('unknown');
    });

    it('answers known and unknown with a boolean', () => {
      expect(matchesCondition({ op: 'known', property: 'a' }, {})).toBe(false);
      expect(matchesCondition({ op: 'unknown', property: 'a' }, {})).toBe(true);
      expect(matchesCondition({ op: 'known', property: 'a' }, { a: 'x' })).toBe(
        true,
      );
    });

    it('treats a placeholder such as Select as a value', () => {
      expect(matchesCondition(industry, { industry: 'Select' })).toBe(false);
    });
  });

  describe('when comparing strings', () => {
    it('ignores case and surrounding whitespace', () => {
      expect(matchesCondition(industry, { industry: '  sOFTware ' })).toBe(
        true,
      );
      expect(
        matchesCondition(
          { op: 'equals', property: 'c', value: 'United Kingdom ' },
          { c: 'united   kingdom' },
        ),
      ).toBe(true);
    });

    it('finds a contained value', () => {
      const condition: PropertyCondition = {
        op: 'contains',
        property: 'title',
        value: 'Manager',
      };

      expect(matchesCondition(condition, { title: 'Sales manager EMEA' })).toBe(
        true,
      );
      expect(matchesCondition(condition, { title: 'Director' })).toBe(false);
    });
  });

  describe('when testing a range', () => {
    it.each([
      ['49', false],
      ['50', true],
      [' 5000 ', true],
      ['5000.5', false],
      ['1e3', true],
    ])('matches %s as %s', (value, expected) => {
      expect(matchesCondition(size, { size: value })).toBe(expected);
    });

    it.each(['lots', '0x40', '1,000', 'Infinity'])(
      'returns unknown for the non-numeric %s',
      (value) => {
        expect(matchesCondition(size, { size: value })).toBe('unknown');
      },
    );

    it('accepts an open end', () => {
      const atLeast: PropertyCondition = { op: 'range', property: 'n', min: 3 };

      expect(matchesCondition(atLeast, { n: '1000000' })).toBe(true);
      expect(matchesCondition(atLeast, { n: '-3' })).toBe(false);
    });
  });
});

describe('parseDecimal', () => {
  it('parses plain decimals only', () => {
    expect(parseDecimal('-1.5')).toBe(-1.5);
    expect(parseDecimal('.5')).toBe(0.5);
    expect(parseDecimal('')).toBeUndefined();
    expect(parseDecimal('12abc')).toBeUndefined();
  });
});
