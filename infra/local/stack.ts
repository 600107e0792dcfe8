import type { AddressInfo } from 'node:net';
import type { ClientConfig } from '#shared/core/config/client.ts';
import type { SetupReport, UpdateOutcome } from '#shared/hubspot/gateway.ts';
import { createHubSpotGateway } from '#shared/hubspot/hubspot-gateway.ts';
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
import type { LocalClock } from './clock.ts';
import {
  startHubSpotSandbox,
  type HubSpotSandbox,
} from './hubspot-sandbox/index.ts';
import { createHttpGateway, type HttpApiHandler } from './http-gateway.ts';
import { InProcessQueue } from './in-process-queue.ts';
import {
  listen,
  startDynalite,
  startSesLocal,
  type LocalService,
} from './services.ts';
import { PipelineStats } from './pipeline-stats.ts';

export const LOCAL_TABLE = 'nurture-local';
export const WEBHOOK_PATH = '/webhooks/hubspot';
/**
 * Records per hubspot-sync batch, as the stack's SQS event source delivers them (standard
 * queues allow up to 10,000 with a batching window). Requests for one contact within a batch
 * coalesce into one write; the gateway sends 100 contacts per HubSpot call.
 */
export const SYNC_BATCH_SIZE = 1_000;

export interface LocalStackOptions {
  config: ClientConfig;
  clock: LocalClock;
  portalId: number;
  /** Folder for dynalite's data; in memory when omitted. */
  dataDir?: string;
  /** Properties with a webhook subscription in the sandbox; every property by default. */
  subscribedProperties?: readonly string[];
}

/** Every part of the pipeline on 127.0.0.1, wired as the AWS stack wires it. */
export interface LocalStack {
  config: ClientConfig;
  sandbox: HubSpotSandbox;
  dynamoEndpoint: string;
  /** Requests dynalite has answered so far. */
  dynamoRequests(): number;
  sesEndpoint: string;
  /** The URL HubSpot (here the sandbox) posts webhook batches to. */
  webhookUrl: string;
  contactEvents: InProcessQueue;
  hubspotSync: InProcessQueue;
  store: DynamoContactStore;
  rejected: DynamoRejectedInputs;
  stats: PipelineStats;
  hubspotCalls(): number;
  /** Creates Nurture's property group and properties in the sandbox portal. */
  setupHubSpot(): Promise<SetupReport>;
  /**
   * Runs the processor and the sync until both queues are empty, or with `syncBatchWindow`
   * until fewer than 100 HubSpot requests wait (as a Lambda batching window would hold them).
   */
  drain(options?: {
    syncBatchWindow?: boolean;
    processorConcurrency?: number;
  }): Promise<void>;
  close(): Promise<void>;
}

const LOCAL_ACCESS_TOKEN = 'local-access-token';
const LOCAL_CLIENT_SECRET = 'local-client-secret';

export async function startLocalStack(
  options: LocalStackOptions,
): Promise<LocalStack> {
  const services: LocalService[] = [];
  const dynamo = await startDynalite({ dataDir: options.dataDir });
  services.push(dynamo);
  const ses = await startSesLocal();
  services.push(ses);
  const { config, clock } = options;

  const documents = createDocumentClient(dynamo.endpoint);
  await ensureTable(documents, LOCAL_TABLE);
  const store = new DynamoContactStore(documents, LOCAL_TABLE);
  const rejected = new DynamoRejectedInputs(documents, LOCAL_TABLE);
  const contactEvents = new InProcessQueue('contact-events.fifo', {
    fifo: true,
  });
  const hubspotSync = new InProcessQueue('hubspot-sync', { fifo: false });
  const stats = new PipelineStats();

  const sandbox = await startHubSpotSandbox({
    portalId: options.portalId,
    appId: config.hubspot.appId,
    accessToken: LOCAL_ACCESS_TOKEN,
    clientSecret: LOCAL_CLIENT_SECRET,
    clock: () => clock.now(),
    subscribedProperties: options.subscribedProperties ?? 'all',
  });
  const gateway = createHubSpotGateway({
    accessToken: LOCAL_ACCESS_TOKEN,
    basePath: sandbox.endpoint,
    portalId: options.portalId,
    requestsPer10Seconds: config.hubspot.requestsPer10Seconds,
  });
  const countingGateway = stats.countingGateway(gateway);

  // The receiver needs its own URL to check signatures, so the route is added after listening.
  const routes: Record<string, HttpApiHandler> = {};
  const receiverServer = createHttpGateway(routes);
  const receiverService = await listen(receiverServer);
  const port = (receiverServer.address() as AddressInfo).port;
  const webhookUrl = `http://127.0.0.1:${port}${WEBHOOK_PATH}`;
  routes[`POST ${WEBHOOK_PATH}`] = createWebhookReceiver({
    queue: stats.countingQueue(contactEvents),
    rejected,
    clientSecret: async () => LOCAL_CLIENT_SECRET,
    clock: Date.now,
    publicUrl: webhookUrl,
  });
  sandbox.setWebhookTarget(webhookUrl);

  const processor = createEventProcessor({
    store,
    hubspot: stats.countingRequests(hubspotRequestQueue(hubspotSync)),
    rejected,
    config,
    clock: () => clock.now(),
    isVersionConflict: (error) => error instanceof VersionConflictError,
    onResults: (results: ContactResult[]) => stats.recordResults(results),
  });
  const sync = createHubSpotSync({
    gateway: countingGateway,
    contactEvents,
    rejected,
    config,
    clock: () => clock.now(),
    onOutcome: (outcome: UpdateOutcome) => stats.recordSync(outcome),
  });

  return {
    config,
    sandbox,
    dynamoEndpoint: dynamo.endpoint,
    dynamoRequests: () => dynamo.requestCount(),
    sesEndpoint: ses.endpoint,
    webhookUrl,
    contactEvents,
    hubspotSync,
    store,
    rejected,
    stats,
    hubspotCalls: () => gateway.callCount(),
    setupHubSpot: () => gateway.ensureProperties(),
    drain: async (options = {}) => {
      const syncWindow = options.syncBatchWindow ?? false;
      for (;;) {
        await contactEvents.drain(processor, {
          batchSize: 10,
          concurrency: options.processorConcurrency ?? 8,
        });
        const waiting = hubspotSync.stats().waiting;
        // Like a Lambda batching window: with `syncBatchWindow` the sync waits for a full batch.
        if (waiting === 0 || (syncWindow && waiting < SYNC_BATCH_SIZE)) return;
        await hubspotSync.drain(sync, {
          batchSize: SYNC_BATCH_SIZE,
          concurrency: 1,
        });
      }
    },
    close: async () => {
      await sandbox.close();
      await receiverService.close();
      documents.destroy();
      await Promise.all(services.map((service) => service.close()));
    },
  };
}
