import type { Duration } from '../config/workflows.ts';

export const DAY_MS = 86_400_000;
const HOUR_MS = 3_600_000;
const MINUTE_MS = 60_000;

/** Returns a duration in milliseconds; a day is 24 hours. */
export function durationMs(duration: Duration): number {
  return (
    (duration.days ?? 0) * DAY_MS +
    (duration.hours ?? 0) * HOUR_MS +
    (duration.minutes ?? 0) * MINUTE_MS
  );
}

/**
 * Parses a HubSpot date or datetime property value: milliseconds since the
 * epoch (how the API returns both) or an ISO 8601 string. Returns undefined
 * for a blank or unreadable value.
 */
export function parseDateValue(
  value: string | null | undefined,
): number | undefined {
  const trimmed = value?.trim() ?? '';
  if (trimmed === '') return undefined;
  if (/^-?\d+$/.test(trimmed)) return Number(trimmed);
  const parsed = Date.parse(trimmed);
  return Number.isNaN(parsed) ? undefined : parsed;
}
