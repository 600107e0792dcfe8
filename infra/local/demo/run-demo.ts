import { readFile } from 'node:fs/promises';
import type { ClientConfig } from '#shared/core/config/client.ts';
import { SimulatedClock } from '../clock.ts';
import { startLocalStack } from '../stack.ts';
import { startFaultyDelivery } from './faulty-delivery.ts';
import { DEMO_PROPERTIES, replayScenario } from './replay-scenario.ts';
import { DemoScenarioSchema } from './scenario.ts';
import { summarize, type DemoSummary } from './summary.ts';
import { createDocumentClient } from '#shared/store/dynamodb/client.ts';
import { DynamoMailState } from '#shared/store/dynamodb/mail-state.ts';
import { LOCAL_TABLE } from '../pipeline.ts';
import {
  simulateEmailEvents,
  type SimulatedEmailEvents,
} from './simulated-email-events.ts';

export interface DemoOptions {
  config: ClientConfig;
  scenarioFile: string;
  dataDir?: string;
  onProgress?: (done: number, total: number) => void;
}

/**
 * Runs the demo scenario through the whole local pipeline: the sandbox sends signed webhook
 * batches (with HubSpot's delivery faults mixed in) to the receiver, the processor scores,
 * and the sync writes back to the sandbox, all on a simulated clock.
 */
export async function runDemo(options: DemoOptions): Promise<DemoSummary> {
  const startedAt = Date.now();
  const scenario = DemoScenarioSchema.parse(
    JSON.parse(await readFile(options.scenarioFile, 'utf8')),
  );
  const clock = new SimulatedClock(scenario.startAt);
  const stack = await startLocalStack({
    config: options.config,
    clock,
    portalId: scenario.portalId,
    dataDir: options.dataDir,
    subscribedProperties: scenario.subscribedProperties,
    webhookConcurrency: 1,
    runWorkflows: true,
  });
  try {
    const faults = await startFaultyDelivery({
      targetUrl: stack.webhookUrl,
      clientSecret: stack.sandbox.clientSecret,
      seed: scenario.seed,
      ...scenario.faults,
    });
    try {
      stack.sandbox.setWebhookTarget(faults.endpoint);
      stack.sandbox.defineProperties(DEMO_PROPERTIES);
      await stack.setupHubSpot();
      const documents = createDocumentClient(stack.dynamoEndpoint);
      const mailState = new DynamoMailState(documents, LOCAL_TABLE);
      const simulated: SimulatedEmailEvents = { opens: 0, clicks: 0 };

      // HubSpot requests wait for a full batch of 100, as a Lambda batching window keeps
      // them, and at the latest until the end of each simulated day.
      const deliverAndDrain = async (roundEnd?: number) => {
        await stack.sandbox.deliverWebhooks();
        const endOfDay =
          roundEnd === undefined ||
          (roundEnd - scenario.startAt) % 86_400_000 === 0;
        await stack.drain({ syncBatchWindow: !endOfDay });
        // One workflow tick per round; its owner and property writes go out with the next drain.
        const tick = await stack.tick?.();
        if (tick !== undefined) {
          await simulateEmailEvents(
            tick.sent,
            scenario.seed,
            { mailState, contactEvents: stack.contactEvents },
            simulated,
          );
        }
      };
      await replayScenario(
        scenario,
        stack.sandbox,
        clock,
        deliverAndDrain,
        options.onProgress,
      );
      await faults.flush();
      // Our own writes come back as webhooks; two more rounds let those echoes arrive and settle.
      await deliverAndDrain();
      await deliverAndDrain();
      // The last tick's owner and property writes reach the sandbox too.
      await stack.drain();
      const summary = await summarize(stack, {
        faults: faults.stats(),
        simulatedDays: scenario.days,
        startedAt,
      });
      documents.destroy();
      return { ...summary, simulatedEmailEvents: simulated };
    } finally {
      await faults.close();
    }
  } finally {
    await stack.close();
  }
}
