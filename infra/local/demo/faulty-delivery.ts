import { createServer, type Server } from 'node:http';
import { signWebhookV3 } from '#shared/hubspot/signature.ts';
import { listen, type LocalService } from '../services.ts';
import { SeededRandom } from './random.ts';

export interface FaultOptions {
  /** Where the batches finally go (the receiver). */
  targetUrl: string;
  clientSecret: string;
  seed: number;
  duplicateBatchRate: number;
  reorderBatchRate: number;
  /** Malformed events to slip into batches, one per batch until none are left. */
  invalidEvents: unknown[];
  /** Time written into `X-HubSpot-Request-Timestamp` of re-signed batches. */
  signingClock?: () => number;
}

export interface FaultStats {
  batches: number;
  duplicatedBatches: number;
  reorderedBatches: number;
  invalidEventsSent: number;
}

/**
 * Sits between the HubSpot sandbox and the receiver and adds the faults HubSpot documents:
 * the same batch again with a higher `attemptNumber`, batches out of order, and (for the demo)
 * malformed events beside valid ones. Changed batches are signed again with the app secret.
 */
export async function startFaultyDelivery(
  options: FaultOptions,
): Promise<LocalService & { stats(): FaultStats; flush(): Promise<void> }> {
  const random = new SeededRandom(options.seed);
  const invalid = [...options.invalidEvents];
  const stats: FaultStats = {
    batches: 0,
    duplicatedBatches: 0,
    reorderedBatches: 0,
    invalidEventsSent: 0,
  };
  let heldBack: unknown[] | undefined;

  const forward = async (events: unknown[]): Promise<number> => {
    const body = JSON.stringify(events);
    const timestamp = (options.signingClock ?? Date.now)();
    const response = await fetch(options.targetUrl, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'x-hubspot-signature-version': 'v3',
        'x-hubspot-request-timestamp': String(timestamp),
        'x-hubspot-signature-v3': signWebhookV3({
          clientSecret: options.clientSecret,
          method: 'POST',
          uri: options.targetUrl,
          body,
          timestamp,
        }),
      },
      body,
    });
    await response.arrayBuffer();
    return response.status;
  };

  const server: Server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      void (async () => {
        const events = JSON.parse(
          Buffer.concat(chunks).toString('utf8'),
        ) as unknown[];
        stats.batches += 1;
        if (invalid.length > 0 && random.chance(0.2)) {
          events.push(invalid.shift());
          stats.invalidEventsSent += 1;
        }
        if (heldBack === undefined && random.chance(options.reorderBatchRate)) {
          heldBack = events;
          stats.reorderedBatches += 1;
          response.writeHead(200).end();
          return;
        }
        const status = await forward(events);
        if (heldBack !== undefined) {
          const late = heldBack;
          heldBack = undefined;
          await forward(late);
        }
        if (status < 300 && random.chance(options.duplicateBatchRate)) {
          stats.duplicatedBatches += 1;
          await forward(events.map(withNextAttempt));
        }
        response.writeHead(status).end();
      })().catch((error: unknown) => {
        response.writeHead(502).end(String(error));
      });
    });
  });
  const service = await listen(server);
  return {
    ...service,
    stats: () => ({ ...stats }),
    /** Sends a batch still held back, and whatever malformed events were not used yet. */
    flush: async () => {
      if (heldBack !== undefined) {
        const late = heldBack;
        heldBack = undefined;
        await forward(late);
      }
      if (invalid.length > 0) {
        stats.invalidEventsSent += invalid.length;
        await forward(invalid.splice(0));
      }
    },
  };
}

function withNextAttempt(event: unknown): unknown {
  if (event === null || typeof event !== 'object') return event;
  const attempt = (event as { attemptNumber?: unknown }).attemptNumber;
  return {
    ...event,
    attemptNumber: typeof attempt === 'number' ? attempt + 1 : 1,
  };
}
