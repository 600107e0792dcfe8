import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  isInSendWindow,
  nextSendTime,
  SendWindowSchema,
} from '#shared/core/schedule/send-window.ts';

const AMSTERDAM = 'Europe/Amsterdam';
const EVERY_DAY = SendWindowSchema.parse({
  days: ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'],
  start: '09:00',
  end: '17:00',
});
const WEEKDAYS = SendWindowSchema.parse({});
const MINUTE_MS = 60_000;

function utc(iso: string): number {
  return Date.parse(iso);
}

describe('nextSendTime', () => {
  describe('when daylight saving time starts (last Sunday of March)', () => {
    it('opens at 09:00 summer time the next morning', () => {
      const dueSaturdayEvening = utc('2026-03-28T17:00:00Z'); // 18:00 CET

      const next = nextSendTime(EVERY_DAY, AMSTERDAM, dueSaturdayEvening);

      expect(new Date(next).toISOString()).toBe('2026-03-29T07:00:00.000Z');
    });

    it('opens at the change when the start falls in the skipped hour', () => {
      const window = SendWindowSchema.parse({
        days: ['sun'],
        start: '02:30',
        end: '05:00',
      });
      const due = utc('2026-03-29T00:30:00Z'); // 01:30 CET

      const next = nextSendTime(window, AMSTERDAM, due);

      expect(new Date(next).toISOString()).toBe('2026-03-29T01:00:00.000Z');
    });
  });

  describe('when daylight saving time ends (last Sunday of October)', () => {
    it('opens at 09:00 winter time the next morning', () => {
      const dueSaturdayEvening = utc('2026-10-24T16:00:00Z'); // 18:00 CEST

      const next = nextSendTime(EVERY_DAY, AMSTERDAM, dueSaturdayEvening);

      expect(new Date(next).toISOString()).toBe('2026-10-25T08:00:00.000Z');
    });

    it('opens at the first of two repeated start times', () => {
      const window = SendWindowSchema.parse({
        days: ['sun'],
        start: '02:30',
        end: '05:00',
      });
      const due = utc('2026-10-24T23:00:00Z'); // 01:00 CEST

      const next = nextSendTime(window, AMSTERDAM, due);

      expect(new Date(next).toISOString()).toBe('2026-10-25T00:30:00.000Z');
    });
  });

  describe('when the time is inside the window', () => {
    it('returns the time unchanged', () => {
      const due = utc('2026-12-02T10:15:00Z'); // Wednesday 11:15 CET

      expect(nextSendTime(WEEKDAYS, AMSTERDAM, due)).toBe(due);
    });
  });

  describe('when the window has closed on a Friday', () => {
    it('moves to Monday morning', () => {
      const due = utc('2026-12-04T16:00:00Z'); // Friday 17:00 CET

      const next = nextSendTime(WEEKDAYS, AMSTERDAM, due);

      expect(new Date(next).toISOString()).toBe('2026-12-07T08:00:00.000Z');
    });
  });

  describe('for any time of year', () => {
    it('returns a time in the window with none earlier after the due time', () => {
      const zones = fc.constantFrom(
        AMSTERDAM,
        'America/New_York',
        'Asia/Kolkata',
      );
      const times = fc.integer({
        min: utc('2026-01-01T00:00:00Z'),
        max: utc('2027-01-01T00:00:00Z'),
      });

      fc.assert(
        fc.property(zones, times, (timeZone, at) => {
          const next = nextSendTime(WEEKDAYS, timeZone, at);

          expect(next).toBeGreaterThanOrEqual(at);
          expect(isInSendWindow(WEEKDAYS, timeZone, next)).toBe(true);
          if (next > at) {
            expect(isInSendWindow(WEEKDAYS, timeZone, next - MINUTE_MS)).toBe(
              false,
            );
          }
        }),
      );
    });
  });
});

describe('isInSendWindow', () => {
  it('includes the start and excludes the end', () => {
    const start = utc('2026-12-02T08:00:00Z'); // 09:00 CET
    const end = utc('2026-12-02T16:00:00Z'); // 17:00 CET

    expect(isInSendWindow(WEEKDAYS, AMSTERDAM, start)).toBe(true);
    expect(isInSendWindow(WEEKDAYS, AMSTERDAM, end - MINUTE_MS)).toBe(true);
    expect(isInSendWindow(WEEKDAYS, AMSTERDAM, end)).toBe(false);
  });
});

describe('SendWindowSchema', () => {
  it('rejects a window that crosses midnight', () => {
    const result = SendWindowSchema.safeParse({ start: '22:00', end: '06:00' });

    expect(result.success).toBe(false);
  });
});
