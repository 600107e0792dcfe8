import type { HubSpotGateway, UpdateOutcome } from '#shared/hubspot/gateway.ts';
import type { HubSpotRequestQueue } from '#shared/pipeline/ports.ts';
import type { ContactResult } from '#shared/pipeline/process-batch.ts';
import type { MessageQueue, QueueMessage } from '#shared/queue/queue.ts';

/** Counts what the local pipeline did, for the summary `npm start` prints. */
export class PipelineStats {
  eventsAccepted = 0;
  readonly outcomes: Record<string, number> = {};
  readonly contactKeys = new Set<string>();
  contactFailures = 0;
  hubspotUpdated = 0;
  hubspotFailed = 0;
  hubspotRetried = 0;
  lifecycleKept = 0;
  /** Contact updates and reads the processor asked HubSpot for. */
  updateRequests = 0;
  readRequests = 0;
  /** HubSpot calls spent reading new contacts (the rest write, or re-read before a write). */
  hydrationCalls = 0;

  countingRequests(queue: HubSpotRequestQueue): HubSpotRequestQueue {
    return {
      enqueue: async (requests) => {
        for (const request of requests) {
          if (request.kind === 'update') this.updateRequests += 1;
          else this.readRequests += 1;
        }
        await queue.enqueue(requests);
      },
    };
  }

  /** Wraps the gateway to count the calls its reads of new contacts make. */
  countingGateway<
    T extends Pick<
      HubSpotGateway,
      'readContacts' | 'updateContacts' | 'callCount'
    >,
  >(gateway: T): Pick<HubSpotGateway, 'readContacts' | 'updateContacts'> {
    return {
      readContacts: async (ids, properties) => {
        const before = gateway.callCount();
        try {
          return await gateway.readContacts(ids, properties);
        } finally {
          this.hydrationCalls += gateway.callCount() - before;
        }
      },
      updateContacts: (updates) => gateway.updateContacts(updates),
    };
  }

  /** Wraps the contact-events queue to count the events the receiver accepted. */
  countingQueue(queue: MessageQueue): MessageQueue {
    return {
      send: async (messages: QueueMessage[]) => {
        this.eventsAccepted += messages.length;
        await queue.send(messages);
      },
    };
  }

  recordResults(results: readonly ContactResult[]): void {
    for (const result of results) {
      this.contactKeys.add(result.contactKey);
      if (result.error !== undefined) this.contactFailures += 1;
      for (const outcome of result.outcomes) {
        this.outcomes[outcome] = (this.outcomes[outcome] ?? 0) + 1;
      }
    }
  }

  recordSync(outcome: UpdateOutcome): void {
    this.hubspotUpdated += outcome.updated.length;
    this.hubspotFailed += outcome.failed.length;
    this.hubspotRetried += outcome.retry.length;
    this.lifecycleKept += outcome.lifecycleKept.length;
  }
}
