import {
  processPartialResponse,
  SqsFifoPartialProcessorAsync,
} from '@aws-lambda-powertools/batch';
import type { SQSBatchResponse, SQSEvent, SQSRecord } from 'aws-lambda';
import {
  contactChangeOf,
  ContactEventMessageSchema,
} from '#shared/core/webhooks/messages.ts';
import { contactIdOf } from '#shared/core/webhooks/event.ts';
import { logger } from '#shared/logger.ts';
import type { RejectedInputs } from '#shared/store/rejected-inputs.ts';
import type { ContactEvent } from './contact-events.ts';
import {
  contactKeyOf,
  processContactEvents,
  type ContactResult,
  type ProcessorDependencies,
} from './process-batch.ts';

export interface EventProcessorDependencies extends ProcessorDependencies {
  rejected: Pick<RejectedInputs, 'add'>;
  /** Told what happened to each contact of every batch (the local summary counts from it). */
  onResults?: (results: ContactResult[]) => void;
}

export type SqsBatchHandler = (event: SQSEvent) => Promise<SQSBatchResponse>;

/**
 * Builds the contact-events consumer. The whole batch is processed together (one HubSpot
 * read for all new contacts), then Powertools' FIFO processor reports each record: a contact
 * whose events failed fails its own records and later records of its message group only.
 * A record that is not a valid message is kept as rejected input and not retried.
 */
export function createEventProcessor(
  dependencies: EventProcessorDependencies,
): SqsBatchHandler {
  return async (event) => {
    const keys = new Map<string, string>();
    const events: ContactEvent[] = [];
    for (const record of event.Records) {
      const recordEvents = await parseRecord(record, dependencies);
      if (recordEvents.length === 0) continue;
      keys.set(record.messageId, contactKeyOf(recordEvents[0]!));
      events.push(...recordEvents);
    }
    const results = await processContactEvents(events, dependencies);
    dependencies.onResults?.(results);
    const failures = new Map(
      results
        .filter((result) => result.error !== undefined)
        .map((result) => [result.contactKey, result.error]),
    );

    // A fresh processor per batch: the local stack runs several batches at once.
    return processPartialResponse(
      event,
      async (record: SQSRecord) => {
        const key = keys.get(record.messageId);
        if (key !== undefined && failures.has(key)) throw failures.get(key);
      },
      new SqsFifoPartialProcessorAsync(),
      { skipGroupOnError: true, throwOnFullBatchFailure: false },
    );
  };
}

async function parseRecord(
  record: SQSRecord,
  dependencies: EventProcessorDependencies,
): Promise<ContactEvent[]> {
  let parsed;
  try {
    parsed = ContactEventMessageSchema.safeParse(JSON.parse(record.body));
  } catch (error) {
    parsed = { success: false as const, error };
  }
  if (!parsed.success) {
    const reason =
      `not a contact-events message: ${String(parsed.error)}`.slice(0, 2000);
    logger.error('Queue message rejected', { messageId: record.messageId });
    await dependencies.rejected.add({
      source: 'contact-events-queue',
      reason,
      raw: record.body,
      receivedAt: dependencies.clock(),
      requestId: record.messageId,
    });
    return [];
  }
  const message = parsed.data;
  if (message.type === 'interactions') {
    return message.interactions.map((interaction) => ({
      kind: 'interaction',
      portalId: message.portalId,
      contactId: message.contactId,
      key: `interaction:${interaction.id}`,
      interaction,
    }));
  }
  if (message.type === 'properties') {
    return [
      {
        kind: 'properties',
        portalId: message.portalId,
        contactId: message.contactId,
        key: `read:${message.contactId}:${message.readAt}`,
        values: message.values,
        readAt: message.readAt,
      },
    ];
  }
  if (message.type === 'interaction') {
    return [
      {
        kind: 'interaction',
        portalId: message.portalId,
        contactId: message.contactId,
        key: `interaction:${message.interaction.id}`,
        interaction: message.interaction,
      },
    ];
  }
  const hubspotEvent = message.event;
  return [
    {
      kind: 'change',
      portalId: hubspotEvent.portalId,
      contactId: contactIdOf(hubspotEvent),
      change: contactChangeOf(hubspotEvent),
      mergedIds:
        hubspotEvent.subscriptionType === 'contact.merge'
          ? (hubspotEvent.mergedObjectIds ?? [])
              .map(String)
              .filter((id) => id !== contactIdOf(hubspotEvent))
          : undefined,
    },
  ];
}
