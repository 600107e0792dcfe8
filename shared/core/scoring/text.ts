const WHITESPACE_RUN = /\s+/g;

/** Normalises a value for comparison: trimmed, inner whitespace collapsed, lower case. */
export function normalizeText(value: string): string {
  return value.trim().replace(WHITESPACE_RUN, ' ').toLowerCase();
}

/** Orders strings by UTF-16 code units, the same on every machine (unlike `localeCompare`). */
export function compareText(a: string, b: string): number {
  if (a < b) return -1;
  return a > b ? 1 : 0;
}

/**
 * Normalises a property value, or returns undefined when it is unknown:
 * null, undefined, or a string that is empty after trimming.
 */
export function normalizePropertyValue(
  value: string | null | undefined,
): string | undefined {
  if (value === null || value === undefined) return undefined;
  const normalized = normalizeText(value);
  return normalized === '' ? undefined : normalized;
}
