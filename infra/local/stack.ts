import type { ClientConfig } from '#shared/core/config/client.ts';
import type { SetupReport } from '#shared/hubspot/gateway.ts';
import { createHubSpotGateway } from '#shared/hubspot/hubspot-gateway.ts';
import type { LocalClock } from './clock.ts';
import {
  startHubSpotSandbox,
  type HubSpotSandbox,
} from './hubspot-sandbox/index.ts';
import { startPipeline, type LocalPipeline } from './pipeline.ts';
import { startSesLocal } from './services.ts';

export { LOCAL_TABLE, SYNC_BATCH_SIZE, WEBHOOK_PATH } from './pipeline.ts';

export interface LocalStackOptions {
  config: ClientConfig;
  clock: LocalClock;
  portalId: number;
  /** Folder for dynalite's data; in memory when omitted. */
  dataDir?: string;
  /** Properties with a webhook subscription in the sandbox; every property by default. */
  subscribedProperties?: readonly string[];
  /** Webhook requests the sandbox sends at once; 1 makes a replay deliver in one order every run. */
  webhookConcurrency?: number;
  /** Runs the client's workflows, sending their emails to aws-ses-v2-local. */
  runWorkflows?: boolean;
}

/** The local pipeline with a HubSpot sandbox portal and aws-ses-v2-local beside it. */
export interface LocalStack extends LocalPipeline {
  config: ClientConfig;
  sandbox: HubSpotSandbox;
  sesEndpoint: string;
  hubspotCalls(): number;
  /** Creates Nurture's property group and properties in the sandbox portal. */
  setupHubSpot(): Promise<SetupReport>;
}

const LOCAL_ACCESS_TOKEN = 'local-access-token';
const LOCAL_CLIENT_SECRET = 'local-client-secret';
const LOCAL_UNSUBSCRIBE_KEY = 'local-unsubscribe-key';

export async function startLocalStack(
  options: LocalStackOptions,
): Promise<LocalStack> {
  const { config, clock } = options;
  const ses = await startSesLocal();
  const sandbox = await startHubSpotSandbox({
    portalId: options.portalId,
    appId: config.hubspot.appId,
    accessToken: LOCAL_ACCESS_TOKEN,
    clientSecret: LOCAL_CLIENT_SECRET,
    clock: () => clock.now(),
    subscribedProperties: options.subscribedProperties ?? 'all',
    webhookConcurrency: options.webhookConcurrency,
  });
  const gateway = createHubSpotGateway({
    accessToken: LOCAL_ACCESS_TOKEN,
    basePath: sandbox.endpoint,
    portalId: options.portalId,
    requestsPer10Seconds: config.hubspot.requestsPer10Seconds,
  });
  const pipeline = await startPipeline({
    config,
    clock,
    gateway,
    clientSecret: LOCAL_CLIENT_SECRET,
    dataDir: options.dataDir,
    ...(options.runWorkflows === true
      ? {
          workflows: {
            sesEndpoint: ses.endpoint,
            unsubscribeSecret: LOCAL_UNSUBSCRIBE_KEY,
          },
        }
      : {}),
  });
  sandbox.setWebhookTarget(pipeline.webhookUrl);

  return {
    ...pipeline,
    config,
    sandbox,
    sesEndpoint: ses.endpoint,
    hubspotCalls: () => gateway.callCount(),
    setupHubSpot: () => gateway.ensureProperties(),
    close: async () => {
      await sandbox.close();
      await pipeline.close();
      await ses.close();
    },
  };
}
