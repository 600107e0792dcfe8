import type { RateLimitPolicy } from './errors.ts';

interface FailureScope {
  /** How many matching requests the failure applies to; 1 when omitted. */
  count?: number;
  /** Only requests to this route, written as `METHOD /path/{id}`; all requests when omitted. */
  route?: string;
}

/**
 * A failure the next matching requests meet: an error status (429 answers with the rate-limit
 * body of `policyName`, TEN_SECONDLY_ROLLING by default), a dropped connection, or a delay
 * before the normal answer.
 */
export type FailureInjection = FailureScope &
  (
    | {
        status: number;
        policyName?: RateLimitPolicy;
        retryAfterSeconds?: number;
      }
    | { reset: true }
    | { delayMs: number }
  );

interface PendingFailure {
  injection: FailureInjection;
  remaining: number;
}

/** Failures queued by tests, consumed in order by the requests they match. */
export class FailureQueue {
  private readonly pending: PendingFailure[] = [];

  add(injection: FailureInjection): void {
    this.pending.push({ injection, remaining: injection.count ?? 1 });
  }

  /** Takes the first failure that matches the route, if any. */
  take(route: string): FailureInjection | undefined {
    const index = this.pending.findIndex(
      ({ injection }) =>
        injection.route === undefined || injection.route === route,
    );
    if (index === -1) return undefined;
    const failure = this.pending[index]!;
    failure.remaining -= 1;
    if (failure.remaining <= 0) this.pending.splice(index, 1);
    return failure.injection;
  }

  clear(): void {
    this.pending.length = 0;
  }
}
