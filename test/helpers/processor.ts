import type { SQSBatchResponse, SQSRecord } from 'aws-lambda';
import { InProcessQueue } from '#infra/local/in-process-queue.ts';
import type { LocalStack } from '#infra/local/stack.ts';
import { createEventProcessor } from '#shared/pipeline/event-processor.ts';
import { hubspotRequestQueue } from '#shared/pipeline/hubspot-sync.ts';
import type {
  ContactStatePort,
  HubSpotRequest,
} from '#shared/pipeline/ports.ts';
import type { ContactResult } from '#shared/pipeline/process-batch.ts';
import type { SqsBatchHandler } from '#shared/pipeline/event-processor.ts';
import type { QueueMessage } from '#shared/queue/queue.ts';
import { VersionConflictError } from '#shared/store/contact-store.ts';

/** An event processor over the stack's store that records what it decided. */
export interface RecordingProcessor {
  handler: SqsBatchHandler;
  results: ContactResult[];
  /** HubSpot reads and writes it queued; they also go on the stack's hubspot-sync queue. */
  requests: HubSpotRequest[];
}

/**
 * Builds a second event processor on the parts of a local stack, as another Lambda instance
 * of the same function would run. `store` replaces the stack's store, for example to pause
 * it, and the first `failedSends` sends to the hubspot-sync queue fail.
 */
export function recordingProcessor(
  stack: LocalStack & { clock: { now(): number } },
  options: { store?: ContactStatePort; failedSends?: number } = {},
): RecordingProcessor {
  const results: ContactResult[] = [];
  const requests: HubSpotRequest[] = [];
  const syncQueue = hubspotRequestQueue(stack.hubspotSync);
  let failedSends = options.failedSends ?? 0;
  const handler = createEventProcessor({
    store: options.store ?? stack.store,
    hubspot: {
      enqueue: async (batch) => {
        if (failedSends > 0) {
          failedSends -= 1;
          throw new Error('hubspot-sync queue unavailable');
        }
        requests.push(...batch);
        await syncQueue.enqueue(batch);
      },
    },
    rejected: stack.rejected,
    config: stack.config,
    clock: () => stack.clock.now(),
    isVersionConflict: (error) => error instanceof VersionConflictError,
    onResults: (batch) => results.push(...batch),
  });
  return { handler, results, requests };
}

/**
 * Hands messages to a handler as one Lambda invocation would get them from SQS, and returns
 * the batch response or throws what the handler throws. No repeated deduplication id is
 * dropped, because SQS drops none once its 5-minute deduplication window has passed.
 */
export async function invokeWith(
  handler: SqsBatchHandler,
  messages: QueueMessage[],
): Promise<SQSBatchResponse> {
  const queue = new InProcessQueue('delivery', { fifo: false });
  await queue.send(messages);
  const records: SQSRecord[] = [];
  await queue.drain(
    async (event) => {
      records.push(...event.Records);
    },
    { batchSize: messages.length, concurrency: 1 },
  );
  return handler({ Records: records });
}
