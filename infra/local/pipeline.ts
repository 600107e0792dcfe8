import type { AddressInfo } from 'node:net';
import type { ClientConfig } from '#shared/core/config/client.ts';
import type { HubSpotGateway, UpdateOutcome } from '#shared/hubspot/gateway.ts';
import { createEventProcessor } from '#shared/pipeline/event-processor.ts';
import {
  createHubSpotSync,
  hubspotRequestQueue,
} from '#shared/pipeline/hubspot-sync.ts';
import type { ContactResult } from '#shared/pipeline/process-batch.ts';
import { VersionConflictError } from '#shared/store/contact-store.ts';
import { createDocumentClient } from '#shared/store/dynamodb/client.ts';
import { DynamoContactStore } from '#shared/store/dynamodb/contact-store.ts';
import { DynamoRejectedInputs } from '#shared/store/dynamodb/rejected-inputs.ts';
import { ensureTable } from '#shared/store/dynamodb/table.ts';
import { createWebhookReceiver } from '#shared/webhooks/receiver.ts';
import { DynamoEnrollmentStore } from '#shared/store/dynamodb/enrollments.ts';
import {
  DynamoWorkflowCounters,
  type WorkflowReportRow,
} from '#shared/store/dynamodb/workflow-counters.ts';
import { createWorkflowTriggers } from '#shared/workflows/contact-changes.ts';
import { runTick, type TickReport } from '#shared/workflows/tick.ts';
import { tickDependencies } from '#shared/workflows/tick-dependencies.ts';
import { triggeringStore } from '#shared/workflows/triggering-store.ts';
import { SESv2Client } from '@aws-sdk/client-sesv2';
import type { LocalClock } from './clock.ts';
import { createHttpGateway, type HttpApiHandler } from './http-gateway.ts';
import { InProcessQueue } from './in-process-queue.ts';
import { PipelineStats } from './pipeline-stats.ts';
import { listen, startDynalite, type LocalService } from './services.ts';

export const LOCAL_TABLE = 'nurture-local';
export const WEBHOOK_PATH = '/webhooks/hubspot';
/**
 * Records per hubspot-sync batch, as the stack's SQS event source delivers them (standard
 * queues allow up to 10,000 with a batching window). Requests for one contact within a batch
 * coalesce into one write; the gateway sends 100 contacts per HubSpot call.
 */
export const SYNC_BATCH_SIZE = 1_000;

export interface PipelineOptions {
  config: ClientConfig;
  clock: LocalClock;
  gateway: Pick<
    HubSpotGateway,
    'readContacts' | 'updateContacts' | 'callCount'
  >;
  clientSecret: string;
  /** Folder for dynalite's data; in memory when omitted. */
  dataDir?: string;
  /** Port for the receiver; a free one when omitted. */
  port?: number;
  /** The URL HubSpot calls, when a tunnel or proxy is in front of the receiver. */
  publicUrl?: string;
  /** Runs the client's workflows: triggers in the processor and a tick that sends through this SES. */
  workflows?: { sesEndpoint: string; unsubscribeSecret: string };
}

/** The receiver, queues, processor and sync on 127.0.0.1, wired as the AWS stack wires them. */
export interface LocalPipeline {
  dynamoEndpoint: string;
  /** Number of requests dynalite has served so far. */
  dynamoRequests(): number;
  /** The URL the receiver checks signatures against. */
  webhookUrl: string;
  contactEvents: InProcessQueue;
  hubspotSync: InProcessQueue;
  store: DynamoContactStore;
  rejected: DynamoRejectedInputs;
  stats: PipelineStats;
  /** Runs one workflow tick at the clock's time; undefined without the `workflows` option. */
  tick?: () => Promise<TickReport>;
  /** Counts per workflow version, from the stored counters. */
  workflowReport(): Promise<WorkflowReportRow[]>;
  /**
   * Runs the processor and the sync until both queues are empty, or with `syncBatchWindow`
   * until fewer than a full sync batch of HubSpot requests wait (as a batching window keeps them).
   */
  drain(options?: {
    syncBatchWindow?: boolean;
    processorConcurrency?: number;
  }): Promise<void>;
  close(): Promise<void>;
}

export async function startPipeline(
  options: PipelineOptions,
): Promise<LocalPipeline> {
  const { config, clock } = options;
  const dynamo = await startDynalite({ dataDir: options.dataDir });
  const documents = createDocumentClient(dynamo.endpoint);
  await ensureTable(documents, LOCAL_TABLE);
  const store = new DynamoContactStore(documents, LOCAL_TABLE);
  const rejected = new DynamoRejectedInputs(documents, LOCAL_TABLE);
  const contactEvents = new InProcessQueue('contact-events.fifo', {
    fifo: true,
  });
  const hubspotSync = new InProcessQueue('hubspot-sync', { fifo: false });
  const stats = new PipelineStats();

  // The receiver needs its own URL to check signatures, so the route is added after listening.
  const routes: Record<string, HttpApiHandler> = {};
  const receiverServer = createHttpGateway(routes);
  const receiverService: LocalService = await listen(
    receiverServer,
    options.port,
  );
  const port = (receiverServer.address() as AddressInfo).port;
  const webhookUrl =
    options.publicUrl ?? `http://127.0.0.1:${port}${WEBHOOK_PATH}`;
  routes[`POST ${WEBHOOK_PATH}`] = createWebhookReceiver({
    queue: stats.countingQueue(contactEvents),
    rejected,
    clientSecret: async () => options.clientSecret,
    clock: Date.now,
    publicUrl: webhookUrl,
  });

  const counters = new DynamoWorkflowCounters(documents, LOCAL_TABLE);
  const enrollments = new DynamoEnrollmentStore(documents, LOCAL_TABLE);
  const processorStore =
    options.workflows === undefined
      ? store
      : triggeringStore(
          store,
          createWorkflowTriggers({ config, enrollments, counters }),
          () => clock.now(),
        );
  const workflows = options.workflows;
  const tick =
    workflows === undefined
      ? undefined
      : () =>
          runTick(
            tickDependencies({
              config,
              documents,
              tableName: LOCAL_TABLE,
              ses: new SESv2Client({
                endpoint: workflows.sesEndpoint,
                region: 'eu-west-1',
                credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
              }),
              hubspot: stats.countingRequests(hubspotRequestQueue(hubspotSync)),
              unsubscribeSecret: workflows.unsubscribeSecret,
              clock: () => clock.now(),
              ...(config.email.configurationSet === undefined
                ? {}
                : { configurationSet: config.email.configurationSet }),
            }),
          );
  const processor = createEventProcessor({
    store: processorStore,
    hubspot: stats.countingRequests(hubspotRequestQueue(hubspotSync)),
    rejected,
    config,
    clock: () => clock.now(),
    isVersionConflict: (error) => error instanceof VersionConflictError,
    onResults: (results: ContactResult[]) => stats.recordResults(results),
  });
  const sync = createHubSpotSync({
    gateway: stats.countingGateway(options.gateway),
    contactEvents,
    rejected,
    config,
    clock: () => clock.now(),
    onOutcome: (outcome: UpdateOutcome) => stats.recordSync(outcome),
  });

  return {
    dynamoEndpoint: dynamo.endpoint,
    dynamoRequests: () => dynamo.requestCount(),
    webhookUrl,
    contactEvents,
    hubspotSync,
    store,
    rejected,
    stats,
    ...(tick === undefined ? {} : { tick }),
    workflowReport: () => counters.report(),
    drain: async (drainOptions = {}) => {
      for (;;) {
        await contactEvents.drain(processor, {
          batchSize: 10,
          concurrency: drainOptions.processorConcurrency ?? 8,
        });
        const waiting = hubspotSync.stats().waiting;
        if (
          waiting === 0 ||
          (drainOptions.syncBatchWindow === true && waiting < SYNC_BATCH_SIZE)
        ) {
          return;
        }
        await hubspotSync.drain(sync, {
          batchSize: SYNC_BATCH_SIZE,
          concurrency: 1,
        });
      }
    },
    close: async () => {
      await receiverService.close();
      documents.destroy();
      await dynamo.close();
    },
  };
}
