import {
  BatchProcessor,
  EventType,
  processPartialResponse,
} from '@aws-lambda-powertools/batch';
import type { SQSRecord } from 'aws-lambda';
import { z } from 'zod';
import type { HubSpotGateway, UpdateOutcome } from '#shared/hubspot/gateway.ts';
import { logger } from '#shared/logger.ts';
import type { MessageQueue } from '#shared/queue/queue.ts';
import type { RejectedInputs } from '#shared/store/rejected-inputs.ts';
import type { SqsBatchHandler } from './event-processor.ts';
import type { SyncQueuePort, SyncRequest } from './ports.ts';
import { syncToHubSpot } from './sync-batch.ts';

export const SyncRequestSchema = z.strictObject({
  portalId: z.number().int(),
  contactId: z.string().min(1),
  properties: z.record(z.string(), z.string()),
  at: z.number().int(),
});

/** Puts sync requests on the hubspot-sync queue, one message per contact update. */
export function syncQueueOf(queue: MessageQueue): SyncQueuePort {
  return {
    enqueue: (requests) =>
      queue.send(
        requests.map((request) => ({ body: JSON.stringify(request) })),
      ),
  };
}

export interface HubSpotSyncDependencies {
  gateway: Pick<HubSpotGateway, 'updateContacts'>;
  rejected: Pick<RejectedInputs, 'add'>;
  clock: () => number;
  onOutcome?: (outcome: UpdateOutcome) => void;
}

/**
 * Builds the hubspot-sync consumer: coalesces the batch per contact, writes with batch
 * updates, and fails only the records of contacts HubSpot asked to retry (429, 5xx).
 */
export function createHubSpotSync(
  dependencies: HubSpotSyncDependencies,
): SqsBatchHandler {
  return async (event) => {
    const contactOf = new Map<string, string>();
    const requests: SyncRequest[] = [];
    for (const record of event.Records) {
      const request = await parseRecord(record, dependencies);
      if (request === undefined) continue;
      contactOf.set(record.messageId, request.contactId);
      requests.push(request);
    }
    const { outcome, retryContactIds } = await syncToHubSpot(
      requests,
      dependencies.gateway,
      async (contactId, reason, update) => {
        await dependencies.rejected.add({
          source: 'hubspot-sync',
          reason: `HubSpot rejected the update of contact ${contactId}: ${reason}`,
          raw: JSON.stringify(update),
          receivedAt: dependencies.clock(),
        });
      },
    );
    dependencies.onOutcome?.(outcome);
    return processPartialResponse(
      event,
      async (record: SQSRecord) => {
        const contactId = contactOf.get(record.messageId);
        if (contactId !== undefined && retryContactIds.has(contactId)) {
          throw new Error(
            `HubSpot update of contact ${contactId} will be retried`,
          );
        }
      },
      new BatchProcessor(EventType.SQS),
      { throwOnFullBatchFailure: false },
    );
  };
}

async function parseRecord(
  record: SQSRecord,
  dependencies: HubSpotSyncDependencies,
): Promise<SyncRequest | undefined> {
  try {
    return SyncRequestSchema.parse(JSON.parse(record.body));
  } catch (error) {
    logger.error('Sync message rejected', { messageId: record.messageId });
    await dependencies.rejected.add({
      source: 'hubspot-sync-queue',
      reason: `not a sync request: ${String(error)}`.slice(0, 2000),
      raw: record.body,
      receivedAt: dependencies.clock(),
      requestId: record.messageId,
    });
    return undefined;
  }
}
