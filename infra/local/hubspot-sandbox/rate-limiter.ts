import type { RateLimitPolicy } from './errors.ts';

export const WINDOW_MS = 10_000;

export interface RateLimitDecision {
  /** The policy that rejected the request, or undefined when it may proceed. */
  rejectedBy?: RateLimitPolicy;
  /** The `X-HubSpot-RateLimit-*` headers for the response. */
  headers: Record<string, string>;
}

/**
 * HubSpot's per-app limits: a burst limit over a rolling 10-second window and a daily limit.
 * Rejected requests do not count against either.
 */
export class RateLimiter {
  private readonly recent: number[] = [];
  private usedToday = 0;

  constructor(
    private readonly requestsPer10Seconds: number,
    private readonly requestsPerDay: number,
    private readonly now: () => number = Date.now,
  ) {}

  /** Counts a request if the limits allow it. */
  admit(): RateLimitDecision {
    const now = this.now();
    while (this.recent.length > 0 && this.recent[0]! <= now - WINDOW_MS)
      this.recent.shift();
    let rejectedBy: RateLimitPolicy | undefined;
    if (this.usedToday >= this.requestsPerDay) rejectedBy = 'DAILY';
    else if (this.recent.length >= this.requestsPer10Seconds)
      rejectedBy = 'TEN_SECONDLY_ROLLING';
    else {
      this.recent.push(now);
      this.usedToday += 1;
    }
    return { rejectedBy, headers: this.headers() };
  }

  private headers(): Record<string, string> {
    return {
      'X-HubSpot-RateLimit-Daily': String(this.requestsPerDay),
      'X-HubSpot-RateLimit-Daily-Remaining': String(
        Math.max(0, this.requestsPerDay - this.usedToday),
      ),
      'X-HubSpot-RateLimit-Interval-Milliseconds': String(WINDOW_MS),
      'X-HubSpot-RateLimit-Max': String(this.requestsPer10Seconds),
      'X-HubSpot-RateLimit-Remaining': String(
        Math.max(0, this.requestsPer10Seconds - this.recent.length),
      ),
    };
  }
}
