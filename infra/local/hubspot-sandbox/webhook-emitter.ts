import { signWebhookV1, signWebhookV3 } from '#shared/hubspot/signature.ts';
import { logger } from '#shared/logger.ts';
import type { ContactChange } from './contacts-store.ts';
import {
  eventFor,
  Subscriptions,
  type WebhookEvent,
} from './webhook-events.ts';

export interface WebhookEmitterOptions {
  portalId: number;
  appId: number;
  clientSecret: string;
  targetUrl?: string;
  subscribedProperties: readonly string[] | 'all';
  /** Events per request; HubSpot sends at most 100. */
  batchSize: number;
  /** Deliveries per event, the first included, before the event is dropped. */
  maxAttempts: number;
  /** Requests in flight at once; HubSpot's default is 10 per installed account. */
  concurrency: number;
  /** Deliver on a timer after each change; otherwise only `deliver()` sends. */
  autoDeliver: boolean;
  /** Pause before a retry in auto delivery, multiplied by the attempt number. */
  retryDelayMs: number;
  /** Request timeout. HubSpot counts a response after 5 s as failed. */
  timeoutMs: number;
  /** Clock for `X-HubSpot-Request-Timestamp`. */
  signingClock: () => number;
}

export interface WebhookStats {
  queued: number;
  delivered: number;
  batchesDelivered: number;
  batchesFailed: number;
  dropped: number;
}

/** Turns contact changes into v3 webhook events and delivers them as signed batches. */
export class WebhookEmitter {
  private readonly subscriptions: Subscriptions;
  private pending: WebhookEvent[] = [];
  private nextEventId = 5_000_001;
  private chain: Promise<number> = Promise.resolve(0);
  private timer: NodeJS.Timeout | undefined;
  private timerDueAt = Infinity;
  private closed = false;
  private readonly counters: WebhookStats = {
    queued: 0,
    delivered: 0,
    batchesDelivered: 0,
    batchesFailed: 0,
    dropped: 0,
  };

  constructor(private readonly options: WebhookEmitterOptions) {
    this.subscriptions = new Subscriptions(options.subscribedProperties);
  }

  /** Queues the event for a change, if a subscription covers it. */
  record(change: ContactChange): void {
    const subscriptionId = this.subscriptions.idFor(change);
    if (subscriptionId === undefined) return;
    this.pending.push(
      eventFor(change, {
        eventId: this.nextEventId++,
        subscriptionId,
        portalId: this.options.portalId,
        appId: this.options.appId,
      }),
    );
    this.counters.queued += 1;
    if (this.options.autoDeliver) this.schedule(0);
  }

  pendingEvents(): WebhookEvent[] {
    return this.pending.map((event) => ({ ...event }));
  }

  setTarget(url: string): void {
    this.options.targetUrl = url;
    if (this.options.autoDeliver && this.pending.length > 0) this.schedule(0);
  }

  stats(): WebhookStats {
    return { ...this.counters };
  }

  /**
   * Sends every queued event once, after any delivery in progress. Events of failed batches go
   * back on the queue with `attemptNumber` + 1 until `maxAttempts`. Returns how many events
   * were delivered.
   */
  deliver(): Promise<number> {
    this.chain = this.chain.then(() => this.flush());
    return this.chain;
  }

  async close(): Promise<void> {
    this.closed = true;
    clearTimeout(this.timer);
    await this.chain.catch(() => 0);
  }

  private schedule(delayMs: number): void {
    if (this.closed || this.options.targetUrl === undefined) return;
    const dueAt = Date.now() + delayMs;
    if (this.timer !== undefined && this.timerDueAt <= dueAt) return;
    clearTimeout(this.timer);
    this.timerDueAt = dueAt;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.timerDueAt = Infinity;
      void this.deliver();
    }, delayMs);
  }

  private async flush(): Promise<number> {
    const targetUrl = this.options.targetUrl;
    if (targetUrl === undefined || this.pending.length === 0) return 0;
    const events = this.pending;
    this.pending = [];
    const batches: WebhookEvent[][] = [];
    for (let start = 0; start < events.length; start += this.options.batchSize)
      batches.push(events.slice(start, start + this.options.batchSize));

    let delivered = 0;
    let maxRetryAttempt = 0;
    await runWithConcurrency(
      batches,
      this.options.concurrency,
      async (batch) => {
        if (await this.post(targetUrl, batch)) {
          delivered += batch.length;
          this.counters.batchesDelivered += 1;
          return;
        }
        this.counters.batchesFailed += 1;
        for (const event of batch) {
          const attemptNumber = event.attemptNumber + 1;
          if (attemptNumber >= this.options.maxAttempts)
            this.counters.dropped += 1;
          else {
            this.pending.push({ ...event, attemptNumber });
            maxRetryAttempt = Math.max(maxRetryAttempt, attemptNumber);
          }
        }
      },
    );
    this.counters.delivered += delivered;
    if (this.options.autoDeliver && this.pending.length > 0)
      this.schedule(
        maxRetryAttempt === 0 ? 0 : this.options.retryDelayMs * maxRetryAttempt,
      );
    return delivered;
  }

  /** Posts one signed batch. Returns true when the target responded 2xx. */
  private async post(
    targetUrl: string,
    batch: WebhookEvent[],
  ): Promise<boolean> {
    const body = JSON.stringify(batch);
    const timestamp = this.options.signingClock();
    const { clientSecret } = this.options;
    try {
      const response = await fetch(targetUrl, {
        method: 'POST',
        body,
        signal: AbortSignal.timeout(this.options.timeoutMs),
        headers: {
          'Content-Type': 'application/json',
          'User-Agent': 'HubSpot Connect 2.0 (nurture hubspot-sandbox)',
          'X-HubSpot-Signature': signWebhookV1({ clientSecret, body }),
          'X-HubSpot-Signature-Version': 'v3',
          'X-HubSpot-Signature-v3': signWebhookV3({
            clientSecret,
            method: 'POST',
            uri: targetUrl,
            body,
            timestamp,
          }),
          'X-HubSpot-Request-Timestamp': String(timestamp),
        },
      });
      await response.arrayBuffer();
      if (!response.ok)
        logger.warn('Webhook batch rejected', {
          portalId: this.options.portalId,
          status: response.status,
          events: batch.length,
        });
      return response.ok;
    } catch (error) {
      logger.warn('Webhook batch delivery failed', {
        portalId: this.options.portalId,
        events: batch.length,
        error,
      });
      return false;
    }
  }
}

async function runWithConcurrency<T>(
  items: T[],
  concurrency: number,
  run: (item: T) => Promise<void>,
): Promise<void> {
  let next = 0;
  const workers = Array.from(
    { length: Math.min(concurrency, items.length) },
    async () => {
      while (next < items.length) await run(items[next++]!);
    },
  );
  await Promise.all(workers);
}
