/** A wall-clock date and time in some time zone, to the minute. Months run from 1 to 12. */
export interface WallTime {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
}

const MINUTE_MS = 60_000;
const formatters = new Map<string, Intl.DateTimeFormat>();

/** Returns the wall-clock time in `timeZone` at the instant `at` (ms since the epoch), to the minute. */
export function wallTimeAt(at: number, timeZone: string): WallTime {
  const parts = formatterFor(timeZone).formatToParts(new Date(at));
  const value = (type: Intl.DateTimeFormatPartTypes): number =>
    Number(parts.find((part) => part.type === type)?.value);
  return {
    year: value('year'),
    month: value('month'),
    day: value('day'),
    hour: value('hour'),
    minute: value('minute'),
  };
}

/** Returns the weekday of a calendar date, 0 for Sunday to 6 for Saturday. */
export function weekdayOf(time: Pick<WallTime, 'year' | 'month' | 'day'>) {
  return new Date(Date.UTC(time.year, time.month - 1, time.day)).getUTCDay();
}

/** Returns the calendar date `days` after the given one (negative goes back). */
export function addCalendarDays<
  T extends Pick<WallTime, 'year' | 'month' | 'day'>,
>(time: T, days: number): T {
  const date = new Date(Date.UTC(time.year, time.month - 1, time.day + days));
  return {
    ...time,
    year: date.getUTCFullYear(),
    month: date.getUTCMonth() + 1,
    day: date.getUTCDate(),
  };
}

/**
 * Returns the first instant at which the clock in `timeZone` shows `wall` or
 * later. A wall time that occurs twice (the hour repeated when daylight saving
 * time ends) gives its first occurrence. A wall time that does not occur (the
 * hour skipped when it starts) gives the instant of the change.
 */
export function instantOf(wall: WallTime, timeZone: string): number {
  const asUtc = wallMinutes(wall) * MINUTE_MS;
  // The instant is asUtc minus one of the offsets in force within a day of it.
  const candidates = [
    asUtc - offsetAt(asUtc - 86_400_000, timeZone),
    asUtc - offsetAt(asUtc, timeZone),
    asUtc - offsetAt(asUtc + 86_400_000, timeZone),
  ].sort((a, b) => a - b);
  const exact = candidates.find(
    (candidate) => compareWall(wallTimeAt(candidate, timeZone), wall) === 0,
  );
  if (exact !== undefined) return exact;
  return firstInstantReaching(wall, timeZone, candidates[0]!, candidates[2]!);
}

/** Offset of `timeZone` from UTC at `at`, in ms (positive east of Greenwich). */
export function offsetAt(at: number, timeZone: string): number {
  const flooredToMinute = Math.floor(at / MINUTE_MS) * MINUTE_MS;
  return (
    wallMinutes(wallTimeAt(flooredToMinute, timeZone)) * MINUTE_MS -
    flooredToMinute
  );
}

/** Orders two wall times: negative when `a` is earlier. */
export function compareWall(a: WallTime, b: WallTime): number {
  return wallMinutes(a) - wallMinutes(b);
}

// Binary search over whole minutes: offsets change on minute boundaries.
function firstInstantReaching(
  wall: WallTime,
  timeZone: string,
  from: number,
  to: number,
): number {
  let low = Math.floor(from / MINUTE_MS);
  let high = Math.ceil(to / MINUTE_MS);
  while (low < high) {
    const middle = Math.floor((low + high) / 2);
    if (compareWall(wallTimeAt(middle * MINUTE_MS, timeZone), wall) >= 0) {
      high = middle;
    } else {
      low = middle + 1;
    }
  }
  return low * MINUTE_MS;
}

function wallMinutes(wall: WallTime): number {
  return (
    Date.UTC(wall.year, wall.month - 1, wall.day, wall.hour, wall.minute) /
    MINUTE_MS
  );
}

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timeZone);
  if (formatter === undefined) {
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
    });
    formatters.set(timeZone, formatter);
  }
  return formatter;
}
