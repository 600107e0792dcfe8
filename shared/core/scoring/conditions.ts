import type { PropertyCondition } from '#shared/core/config/conditions.ts';
import { normalizePropertyValue, normalizeText } from './text.ts';

/** Contact or company property values by property name. */
export type PropertyValues = Readonly<
  Record<string, string | null | undefined>
>;

type ComparedCondition = Extract<
  PropertyCondition,
  { op: 'equals' | 'oneOf' | 'contains' }
>;

// Plain decimal numbers only: Number() would also accept '0x1f', 'Infinity' and ' '.
const DECIMAL_NUMBER = /^[+-]?(\d+(\.\d*)?|\.\d+)(e[+-]?\d+)?$/i;

// Conditions are config objects and treated as immutable, so their normalised
// comparison values are computed once per object.
const comparisonValues = new WeakMap<ComparedCondition, string[]>();

/**
 * Tests a condition on the given properties. Returns 'unknown' when the
 * property is null, undefined or blank, or for `range` not a number; `known`
 * and `unknown` always return a boolean.
 */
export function matchesCondition(
  condition: PropertyCondition,
  properties: PropertyValues,
): boolean | 'unknown' {
  const value = normalizePropertyValue(properties[condition.property]);
  if (condition.op === 'known') return value !== undefined;
  if (condition.op === 'unknown') return value === undefined;
  if (value === undefined) return 'unknown';

  switch (condition.op) {
    case 'equals':
    case 'oneOf':
      return valuesOf(condition).includes(value);
    case 'contains':
      return value.includes(valuesOf(condition)[0] ?? '');
    case 'range':
      return matchesRange(condition, value);
  }
}

/** Parses a plain decimal number such as `42`, `-1.5` or `2e3`; returns undefined otherwise. */
export function parseDecimal(value: string): number | undefined {
  const trimmed = value.trim();
  if (!DECIMAL_NUMBER.test(trimmed)) return undefined;
  const parsed = Number(trimmed);
  return Number.isFinite(parsed) ? parsed : undefined;
}

function matchesRange(
  condition: Extract<PropertyCondition, { op: 'range' }>,
  value: string,
): boolean | 'unknown' {
  const number = parseDecimal(value);
  if (number === undefined) return 'unknown';
  if (condition.min !== undefined && number < condition.min) return false;
  if (condition.max !== undefined && number > condition.max) return false;
  return true;
}

function valuesOf(condition: ComparedCondition): string[] {
  let values = comparisonValues.get(condition);
  if (values === undefined) {
    const listed =
      condition.op === 'oneOf' ? condition.values : [condition.value];
    values = listed.map(normalizeText);
    comparisonValues.set(condition, values);
  }
  return values;
}
