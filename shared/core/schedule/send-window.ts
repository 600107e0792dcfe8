import { z } from 'zod';
import {
  addCalendarDays,
  instantOf,
  wallTimeAt,
  weekdayOf,
  type WallTime,
} from './zoned-time.ts';

export const WEEKDAYS = [
  'sun',
  'mon',
  'tue',
  'wed',
  'thu',
  'fri',
  'sat',
] as const;
export const WeekdaySchema = z.enum(WEEKDAYS);
export type Weekday = z.infer<typeof WeekdaySchema>;

const CLOCK_TIME = /^([01]\d|2[0-3]):[0-5]\d$/;
const ClockTimeSchema = z
  .string()
  .regex(CLOCK_TIME, 'a 24-hour clock time such as 09:00');

/**
 * The weekdays and hours in which Nurture sends email, in the client's time
 * zone. `start` is inclusive and `end` exclusive, and a window never crosses
 * midnight.
 */
export const SendWindowSchema = z
  .strictObject({
    days: z
      .array(WeekdaySchema)
      .min(1)
      .default(['mon', 'tue', 'wed', 'thu', 'fri']),
    start: ClockTimeSchema.default('09:00'),
    end: ClockTimeSchema.default('17:00'),
  })
  .refine((window) => window.start < window.end, {
    message:
      'start must be before end, because a send window cannot cross midnight',
    path: ['end'],
  });
export type SendWindow = z.infer<typeof SendWindowSchema>;

// A window opens on at least one weekday, so eight days always reach one.
const DAYS_TO_SEARCH = 8;

/** Tells whether `at` (ms since the epoch) falls inside the send window. */
export function isInSendWindow(
  window: SendWindow,
  timeZone: string,
  at: number,
): boolean {
  const wall = wallTimeAt(at, timeZone);
  if (!opensOn(window, wall)) return false;
  const clock = clockOf(wall);
  return clock >= window.start && clock < window.end;
}

/**
 * Returns `at` when it falls inside the send window, else the start of the
 * next window. Works on wall-clock time in `timeZone`, so a window that opens
 * at 09:00 opens at 09:00 local time on both sides of a daylight-saving change.
 */
export function nextSendTime(
  window: SendWindow,
  timeZone: string,
  at: number,
): number {
  if (isInSendWindow(window, timeZone, at)) return at;
  const wall = wallTimeAt(at, timeZone);
  const startsToday = opensOn(window, wall) && clockOf(wall) < window.start;
  for (let offset = startsToday ? 0 : 1; offset < DAYS_TO_SEARCH; offset++) {
    const day = addCalendarDays(wall, offset);
    if (!opensOn(window, day)) continue;
    const start = instantOf(withClock(day, window.start), timeZone);
    // A start inside a skipped hour resolves to the change itself, which may
    // lie before `at` when `at` is in that same hour.
    if (start >= at) return start;
  }
  throw new RangeError(
    `No send window opens within ${DAYS_TO_SEARCH} days of ${new Date(at).toISOString()}`,
  );
}

function opensOn(
  window: SendWindow,
  day: Pick<WallTime, 'year' | 'month' | 'day'>,
) {
  return window.days.includes(WEEKDAYS[weekdayOf(day)]!);
}

function clockOf(wall: WallTime): string {
  return `${pad(wall.hour)}:${pad(wall.minute)}`;
}

function withClock(day: WallTime, clock: string): WallTime {
  const [hour, minute] = clock.split(':').map(Number);
  return { ...day, hour: hour ?? 0, minute: minute ?? 0 };
}

function pad(value: number): string {
  return String(value).padStart(2, '0');
}
