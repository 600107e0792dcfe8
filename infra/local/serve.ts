import type { ClientConfig } from '#shared/core/config/client.ts';
import { createHubSpotGateway } from '#shared/hubspot/hubspot-gateway.ts';
import { logger } from '#shared/logger.ts';
import { requiredEnv } from '#shared/runtime-config.ts';
import { wallClock } from './clock.ts';
import { startPipeline, WEBHOOK_PATH } from './pipeline.ts';

export interface ServeOptions {
  config: ClientConfig;
  dataDir?: string;
  port: number;
}

/** How often the queues are drained; HubSpot requests wait for a full batch up to this long. */
const DRAIN_INTERVAL_MS = 1_000;
const SYNC_WINDOW_MS = 10_000;

/**
 * Runs the receiver, processor and sync against a real HubSpot portal until interrupted.
 * Needs HUBSPOT_ACCESS_TOKEN and HUBSPOT_CLIENT_SECRET; WEBHOOK_PUBLIC_URL when a tunnel or
 * proxy is in front of this machine. HUBSPOT_BASE_PATH points at another HubSpot API host.
 */
export async function serve(options: ServeOptions): Promise<void> {
  const gateway = createHubSpotGateway({
    accessToken: requiredEnv('HUBSPOT_ACCESS_TOKEN'),
    basePath: process.env.HUBSPOT_BASE_PATH || undefined,
    requestsPer10Seconds: options.config.hubspot.requestsPer10Seconds,
  });
  const setup = await gateway.ensureProperties();
  console.log(
    `HubSpot properties: ${setup.created.length} created, ${setup.existing.length} already there.`,
  );
  const pipeline = await startPipeline({
    config: options.config,
    clock: wallClock,
    gateway,
    clientSecret: requiredEnv('HUBSPOT_CLIENT_SECRET'),
    dataDir: options.dataDir,
    port: options.port,
    publicUrl: process.env.WEBHOOK_PUBLIC_URL || undefined,
  });
  console.log(
    `Receiving HubSpot webhooks on http://127.0.0.1:${options.port}${WEBHOOK_PATH}`,
  );
  console.log(
    `Signatures are checked against ${pipeline.webhookUrl}; enter that URL in the app's webhook settings.`,
  );
  console.log('Press Ctrl+C to stop.');

  let lastSync = Date.now();
  let stopping = false;
  const stop = new Promise<void>((resolve) => {
    const onSignal = () => {
      stopping = true;
      resolve();
    };
    process.once('SIGINT', onSignal);
    process.once('SIGTERM', onSignal);
  });
  while (!stopping) {
    const windowOver = Date.now() - lastSync >= SYNC_WINDOW_MS;
    try {
      await pipeline.drain({ syncBatchWindow: !windowOver });
    } catch (error) {
      logger.error('Draining the local queues failed; trying again', { error });
    }
    if (windowOver) lastSync = Date.now();
    await Promise.race([
      stop,
      new Promise((resolve) => setTimeout(resolve, DRAIN_INTERVAL_MS)),
    ]);
  }
  console.log('Stopping: writing what is still queued to HubSpot.');
  await pipeline.drain();
  await pipeline.close();
}
