import {
  BatchProcessor,
  EventType,
  processPartialResponse,
} from '@aws-lambda-powertools/batch';
import type { SQSRecord } from 'aws-lambda';
import { z } from 'zod';
import type { ClientConfig } from '#shared/core/config/client.ts';
import { propertiesToRead } from '#shared/core/pipeline/rescore.ts';
import { propertiesMessage } from '#shared/core/webhooks/messages.ts';
import type { HubSpotGateway, UpdateOutcome } from '#shared/hubspot/gateway.ts';
import { logger } from '#shared/logger.ts';
import type { MessageQueue } from '#shared/queue/queue.ts';
import type { RejectedInputs } from '#shared/store/rejected-inputs.ts';
import type { SqsBatchHandler } from './event-processor.ts';
import type {
  HubSpotRequest,
  HubSpotRequestQueue,
  ReadRequest,
  UpdateRequest,
} from './ports.ts';
import { syncToHubSpot } from './sync-batch.ts';

export const HubSpotRequestSchema = z.discriminatedUnion('kind', [
  z.strictObject({
    kind: z.literal('update'),
    portalId: z.number().int(),
    contactId: z.string().min(1),
    properties: z.record(z.string(), z.string()),
    at: z.number().int(),
  }),
  z.strictObject({
    kind: z.literal('read'),
    portalId: z.number().int(),
    contactId: z.string().min(1),
    at: z.number().int(),
  }),
]);

/** Puts HubSpot requests on the hubspot-sync queue, one message each. */
export function hubspotRequestQueue(queue: MessageQueue): HubSpotRequestQueue {
  return {
    enqueue: (requests) =>
      queue.send(
        requests.map((request) => ({ body: JSON.stringify(request) })),
      ),
  };
}

export interface HubSpotSyncDependencies {
  gateway: Pick<HubSpotGateway, 'updateContacts' | 'readContacts'>;
  /** The contact-events queue, where values read from HubSpot go back to their contact. */
  contactEvents: MessageQueue;
  rejected: Pick<RejectedInputs, 'add'>;
  config: ClientConfig;
  clock: () => number;
  onOutcome?: (outcome: UpdateOutcome) => void;
}

/**
 * Builds the hubspot-sync consumer. Reads of new contacts become one batch read per 100
 * contacts, and their values go back to the contact-events queue; updates are coalesced per
 * contact and written with batch updates. Only the records HubSpot asked to retry (429, 5xx)
 * fail; permanent rejections are kept as rejected input.
 */
export function createHubSpotSync(
  dependencies: HubSpotSyncDependencies,
): SqsBatchHandler {
  return async (event) => {
    const requestOf = new Map<string, HubSpotRequest>();
    for (const record of event.Records) {
      const request = await parseRecord(record, dependencies);
      if (request !== undefined) requestOf.set(record.messageId, request);
    }
    const requests = [...requestOf.values()];
    const reads = requests.filter(
      (request): request is ReadRequest => request.kind === 'read',
    );
    const updates = requests.filter(
      (request): request is UpdateRequest => request.kind === 'update',
    );

    const readFailure = await readContacts(reads, dependencies);
    const { outcome, retryContactIds } = await syncToHubSpot(
      updates,
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
        const request = requestOf.get(record.messageId);
        if (request?.kind === 'read' && readFailure !== undefined)
          throw readFailure;
        if (
          request?.kind === 'update' &&
          retryContactIds.has(request.contactId)
        ) {
          throw new Error(
            `HubSpot update of contact ${request.contactId} will be retried`,
          );
        }
      },
      new BatchProcessor(EventType.SQS),
      { throwOnFullBatchFailure: false },
    );
  };
}

/** Reads the contacts and queues their values; returns the error when the read must be retried. */
async function readContacts(
  reads: readonly ReadRequest[],
  dependencies: HubSpotSyncDependencies,
): Promise<unknown> {
  if (reads.length === 0) return undefined;
  const ids = [...new Set(reads.map((read) => read.contactId))];
  try {
    const values = await dependencies.gateway.readContacts(
      ids,
      propertiesToRead(dependencies.config),
    );
    const readAt = dependencies.clock();
    const portalOf = new Map(
      reads.map((read) => [read.contactId, read.portalId]),
    );
    await dependencies.contactEvents.send(
      ids.map((id) =>
        propertiesMessage(portalOf.get(id)!, id, values.get(id), readAt),
      ),
    );
    return undefined;
  } catch (error) {
    logger.warn('HubSpot read failed; the read requests will be retried', {
      contacts: ids.length,
      error,
    });
    return error;
  }
}

async function parseRecord(
  record: SQSRecord,
  dependencies: HubSpotSyncDependencies,
): Promise<HubSpotRequest | undefined> {
  try {
    return HubSpotRequestSchema.parse(JSON.parse(record.body));
  } catch (error) {
    logger.error('HubSpot request message rejected', {
      messageId: record.messageId,
    });
    await dependencies.rejected.add({
      source: 'hubspot-sync-queue',
      reason: `not a HubSpot request: ${String(error)}`.slice(0, 2000),
      raw: record.body,
      receivedAt: dependencies.clock(),
      requestId: record.messageId,
    });
    return undefined;
  }
}
