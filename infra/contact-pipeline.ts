import { join } from 'node:path';
import { Duration } from 'aws-cdk-lib';
import { Construct } from 'constructs';
import type { ClientConfig } from '#shared/core/config/client.ts';
import { EmptySecret } from './constructs/empty-secret.ts';
import { NurtureFunction } from './constructs/nurture-function.ts';
import { WebhookApi } from './constructs/webhook-api.ts';
import { WorkQueue } from './constructs/work-queue.ts';
import type { SharedResources } from './shared-resources.ts';

/** HubSpot's webhook timeout is 5 s; the receiver only verifies, validates and enqueues. */
const RECEIVER_TIMEOUT = Duration.seconds(10);
const PROCESSOR_TIMEOUT = Duration.seconds(30);
const SYNC_TIMEOUT = Duration.seconds(60);
/** Lets the sync collect up to 100 requests, one HubSpot batch call, before it runs. */
const SYNC_BATCHING_WINDOW = Duration.seconds(10);
/** Copies of the sync that may run at once; 2 is the least an SQS event source allows. */
export const SYNC_CONCURRENCY = 2;

export interface ContactPipelineProps extends SharedResources {
  /**
   * The URL HubSpot calls, when a custom domain or proxy hides it from the receiver.
   * @default - the receiver checks signatures against the API's own URL
   */
  readonly webhookPublicUrl?: string;
}

/**
 * The webhook path: HTTP API -> receiver -> contact-events FIFO queue -> event processor
 * -> hubspot-sync queue -> sync consumer, which batches HubSpot reads and writes.
 */
export class ContactPipeline extends Construct {
  readonly webhookApi: WebhookApi;
  readonly clientSecret: EmptySecret;
  readonly contactEvents: WorkQueue;
  readonly hubspotSync: WorkQueue;
  readonly receiver: NurtureFunction;
  readonly processor: NurtureFunction;
  readonly sync: NurtureFunction;

  constructor(scope: Construct, id: string, props: ContactPipelineProps) {
    super(scope, id);
    const { config, table, hubspotToken, alarms } = props;
    const entry = (name: string) =>
      join(props.functionsDirectory, `${name}.ts`);

    this.clientSecret = new EmptySecret(this, 'ClientSecret', {
      description:
        "The HubSpot app's client secret (app settings, Auth tab), which signs webhooks. " +
        'Store it as the plain secret string; see the README, Deploy to AWS.',
    });
    this.contactEvents = new WorkQueue(this, 'ContactEventsQueue', {
      fifo: true,
      consumerTimeout: PROCESSOR_TIMEOUT,
      maxReceiveCount: 5,
    });
    // More deliveries than the FIFO queue: 429 answers from HubSpot also send messages back.
    this.hubspotSync = new WorkQueue(this, 'HubSpotSyncQueue', {
      consumerTimeout: SYNC_TIMEOUT,
      batchingWindow: SYNC_BATCHING_WINDOW,
      maxReceiveCount: 10,
    });

    this.receiver = new NurtureFunction(this, 'WebhookReceiver', {
      entry: entry('webhook-receiver'),
      config,
      description: 'Verifies HubSpot webhook batches and queues their events',
      // Lambda gives CPU in proportion to memory, and a cold start counts against HubSpot's
      // 5-second timeout.
      memorySize: 1024,
      timeout: RECEIVER_TIMEOUT,
    })
      .useTable(table, 'put')
      .sendTo(this.contactEvents.queue, 'CONTACT_EVENTS_QUEUE_URL')
      .readSecret(this.clientSecret, 'HUBSPOT_CLIENT_SECRET_ARN');
    if (props.webhookPublicUrl !== undefined) {
      this.receiver.addEnvironment(
        'WEBHOOK_PUBLIC_URL',
        props.webhookPublicUrl,
      );
    }
    this.webhookApi = new WebhookApi(this, 'WebhookApi', {
      receiver: this.receiver,
    });

    this.processor = new NurtureFunction(this, 'EventProcessor', {
      entry: entry('event-processor'),
      config,
      description: 'Updates contact state and scores from contact events',
      timeout: PROCESSOR_TIMEOUT,
    })
      .useTable(table, 'readWrite')
      .sendTo(this.hubspotSync.queue, 'HUBSPOT_SYNC_QUEUE_URL')
      .consumeQueue(this.contactEvents.queue, { batchSize: 10 });

    this.sync = new NurtureFunction(this, 'HubSpotSync', {
      entry: entry('hubspot-sync'),
      config: shareRequestBudget(config, SYNC_CONCURRENCY),
      description: 'Reads and writes HubSpot contacts in batches of 100',
      timeout: SYNC_TIMEOUT,
      reservedConcurrentExecutions: SYNC_CONCURRENCY,
    })
      .useTable(table, 'put')
      .sendTo(this.contactEvents.queue, 'CONTACT_EVENTS_QUEUE_URL')
      .readSecret(hubspotToken, 'HUBSPOT_TOKEN_ARN')
      // The event source's own cap keeps SQS from invoking into the reserved-concurrency
      // throttle, which would count as failed deliveries and push messages to the DLQ.
      .consumeQueue(this.hubspotSync.queue, {
        batchSize: 100,
        maxBatchingWindow: SYNC_BATCHING_WINDOW,
        maxConcurrency: SYNC_CONCURRENCY,
      });

    alarms.watchDeadLetterQueue(
      'ContactEventsDeadLetters',
      this.contactEvents.deadLetterQueue,
      'Contact events failed 5 times and wait in the dead-letter queue.',
    );
    alarms.watchDeadLetterQueue(
      'HubSpotSyncDeadLetters',
      this.hubspotSync.deadLetterQueue,
      'HubSpot requests failed 10 times and wait in the dead-letter queue.',
    );
    alarms.watchFunction('WebhookReceiver', this.receiver);
    alarms.watchFunction('EventProcessor', this.processor);
    alarms.watchFunction('HubSpotSync', this.sync);
  }
}

/**
 * The config bundled into each sync copy: every copy runs its own request limiter, so each
 * gets an equal share of `hubspot.requestsPer10Seconds` and together they keep the budget.
 */
export function shareRequestBudget(
  config: ClientConfig,
  copies: number,
): ClientConfig {
  const share = Math.max(
    1,
    Math.floor(config.hubspot.requestsPer10Seconds / copies),
  );
  return {
    ...config,
    hubspot: { ...config.hubspot, requestsPer10Seconds: share },
  };
}
