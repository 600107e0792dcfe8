import { setTimeout as sleep } from 'node:timers/promises';

/** HubSpot's burst window: requests are counted over a rolling 10 seconds. */
export const BURST_WINDOW_MS = 10_000;

/**
 * A client-side copy of HubSpot's rolling-window burst limit. A token bucket refilled at
 * limit/10 s would let up to twice the limit through within one rolling window, so this keeps
 * the send times of the last `limit` requests instead and waits until the oldest leaves the
 * window.
 */
export class RequestWindow {
  private readonly sent: number[] = [];
  private queue: Promise<void> = Promise.resolve();

  constructor(
    private limit: number,
    private readonly now: () => number = Date.now,
  ) {}

  setLimit(limit: number): void {
    this.limit = limit;
  }

  /** Waits until one more request fits in the window, then counts it. Callers are served in order. */
  acquire(): Promise<void> {
    const turn = this.queue.then(() => this.waitForRoom());
    this.queue = turn.catch(() => undefined);
    return turn;
  }

  private async waitForRoom(): Promise<void> {
    for (;;) {
      const now = this.now();
      while (this.sent.length > 0 && this.sent[0]! <= now - BURST_WINDOW_MS)
        this.sent.shift();
      if (this.sent.length < this.limit) {
        this.sent.push(now);
        return;
      }
      await sleep(this.sent[0]! + BURST_WINDOW_MS - now + 1);
    }
  }
}

const windows = new Map<string, RequestWindow>();

/**
 * Returns the window shared by every gateway of this process that calls one portal. Concurrent
 * processes (Lambda environments) each hold their own, so their sum must stay under the
 * portal's limit, for example through the sync consumer's concurrency.
 */
export function requestWindowFor(
  portalKey: string,
  limit: number,
): RequestWindow {
  let window = windows.get(portalKey);
  if (window === undefined) {
    window = new RequestWindow(limit);
    windows.set(portalKey, window);
  } else window.setLimit(limit);
  return window;
}
