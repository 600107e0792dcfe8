import { createServer } from 'node:http';
import { PutCommand } from '@aws-sdk/lib-dynamodb';
import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import type { ClientConfig } from '#shared/core/config/client.ts';
import { signWebhookV3 } from '#shared/hubspot/signature.ts';
import { createDocumentClient } from '#shared/store/dynamodb/client.ts';
import { createWebhookReceiver } from '#shared/webhooks/receiver.ts';
import { SimulatedClock } from '#infra/local/clock.ts';
import { InProcessQueue } from '#infra/local/in-process-queue.ts';
import { listen } from '#infra/local/services.ts';
import { LOCAL_TABLE, startLocalStack } from '#infra/local/stack.ts';

/** Figures `npm run bench -- --json` prints for the webhook pipeline. */
export interface PipelineFigures {
  receiverAckP50Ms: number;
  receiverAckP99Ms: number;
  pipelineEventsPerSecond: number;
  storeRawWritesPerSecond: number;
  pipelineToStoreRatio: number;
  /** HubSpot write calls (batch updates and the lifecycle re-reads before them) per 1,000 applied events. */
  hubspotCallsPer1000Changes: number;
  /** The same write calls per 1,000 contact updates the processor queued. */
  hubspotCallsPer1000ContactUpdates: number;
  hubspotCallsPer1000EventsWithReads: number;
  dynamoRequestsPerEvent: number;
  events: number;
  contacts: number;
}

const PORTAL_ID = 7_000_001;
const CONTACTS = 2_000;
const EVENTS_PER_CONTACT = 10;
const WEBHOOK_CONCURRENCY = 10;
const SECRET = 'bench-secret';
const START = Date.UTC(2026, 10, 1);

/**
 * Measures the pipeline on the local stack: the receiver's acknowledgement time for a signed
 * 100-event batch (in process), events per second from signed HTTP batches to HubSpot writes,
 * DynamoDB requests and HubSpot calls per event, and dynalite's raw single-item write rate.
 */
export async function runPipelineBenchmark(
  config: ClientConfig,
  log: (line: string) => void,
): Promise<PipelineFigures> {
  log('receiver: 1,000 signed 100-event batches in process');
  const ack = await measureReceiver();

  const clock = new SimulatedClock(START);
  const stack = await startLocalStack({ config, clock, portalId: PORTAL_ID });
  const sink = await listen(
    createServer((_request, response) => response.writeHead(200).end()),
  );
  try {
    log('store: raw single-item puts, 32 callers');
    const raw = await measureRawWrites(stack.dynamoEndpoint);

    await stack.setupHubSpot();
    stack.sandbox.setWebhookTarget(sink.endpoint);
    const ids = stack.sandbox.createContacts(
      Array.from({ length: CONTACTS }, (_, index) => ({
        properties: fitProperties(index),
        occurredAt: START,
      })),
    );
    await stack.sandbox.deliverWebhooks();
    const batches = eventBatches(ids);
    const events = batches.reduce((sum, batch) => sum + batch.length, 0);

    log(`pipeline: ${events} events for ${CONTACTS} new contacts`);
    clock.advanceTo(START + 3_600_000);
    const dynamoBefore = stack.dynamoRequests();
    const appliedBefore = stack.stats.outcomes.applied ?? 0;
    const started = performance.now();
    await postBatches(stack.webhookUrl, batches);
    await stack.drain();
    const seconds = (performance.now() - started) / 1000;
    const dynamoRequests = stack.dynamoRequests() - dynamoBefore;

    const calls = stack.hubspotCalls() - 11; // setup made 11 property and group calls
    const writeCalls = calls - stack.stats.hydrationCalls;
    // Events that changed a contact's state; duplicates, echoes and stale values are not counted.
    const applied = (stack.stats.outcomes.applied ?? 0) - appliedBefore;
    const eventsPerSecond = events / seconds;
    const requestsPerEvent = dynamoRequests / events;
    return {
      ...ack,
      pipelineEventsPerSecond: round(eventsPerSecond),
      storeRawWritesPerSecond: round(raw),
      pipelineToStoreRatio: round(
        (eventsPerSecond * requestsPerEvent) / raw,
        2,
      ),
      hubspotCallsPer1000Changes: round((writeCalls / applied) * 1000, 1),
      hubspotCallsPer1000ContactUpdates: round(
        (writeCalls / stack.stats.updateRequests) * 1000,
        1,
      ),
      hubspotCallsPer1000EventsWithReads: round((calls / events) * 1000, 1),
      dynamoRequestsPerEvent: round(requestsPerEvent, 2),
      events,
      contacts: CONTACTS,
    };
  } finally {
    await sink.close();
    await stack.close();
  }
}

/** Properties a form would fill; a third of the contacts fit the demo client well. */
function fitProperties(index: number): Record<string, string> {
  return {
    email: `bench-${index}@example.com`,
    industry: ['Software', 'Retail', 'Education'][index % 3]!,
    company_size: String(20 + (index % 7) * 300),
    country: ['Netherlands', 'Germany', 'India'][index % 3]!,
    jobtitle: index % 4 === 0 ? 'Operations Manager' : 'Analyst',
    buyer_role: ['analyst', 'manager', 'executive'][index % 3]!,
    hs_analytics_source: 'ORGANIC_SEARCH',
  };
}

/** Per contact: a creation, then counter and page changes; batches mix contacts as HubSpot does. */
function eventBatches(ids: string[]): object[][] {
  const events: object[] = [];
  let eventId = 1;
  for (let step = 0; step < EVENTS_PER_CONTACT; step += 1) {
    for (const id of ids) {
      const occurredAt = START + step * 60_000;
      const base = {
        eventId: eventId++,
        subscriptionId: 100 + step,
        portalId: PORTAL_ID,
        appId: 4242001,
        occurredAt,
        attemptNumber: 0,
        objectId: Number(id),
        changeSource: 'ANALYTICS',
      };
      if (step === 0) {
        events.push({
          ...base,
          subscriptionType: 'contact.creation',
          changeFlag: 'CREATED',
        });
      } else if (step % 3 === 0) {
        events.push({
          ...base,
          subscriptionType: 'contact.propertyChange',
          propertyName: 'hs_analytics_last_url',
          propertyValue:
            step === 9
              ? 'https://www.demo.example/pricing'
              : 'https://www.demo.example/blog',
        });
      } else {
        events.push({
          ...base,
          subscriptionType: 'contact.propertyChange',
          propertyName: 'hs_analytics_num_visits',
          propertyValue: String(step),
        });
      }
    }
  }
  const batches: object[][] = [];
  for (let start = 0; start < events.length; start += 100)
    batches.push(events.slice(start, start + 100));
  return batches;
}

async function postBatches(url: string, batches: object[][]): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < batches.length) {
      const body = JSON.stringify(batches[next++]);
      const timestamp = Date.now();
      const response = await fetch(url, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'x-hubspot-request-timestamp': String(timestamp),
          'x-hubspot-signature-v3': signWebhookV3({
            clientSecret: 'local-client-secret',
            method: 'POST',
            uri: url,
            body,
            timestamp,
          }),
        },
        body,
      });
      if (response.status !== 200)
        throw new Error(
          `receiver answered ${response.status}: ${await response.text()}`,
        );
    }
  };
  await Promise.all(Array.from({ length: WEBHOOK_CONCURRENCY }, worker));
}

async function measureReceiver(): Promise<{
  receiverAckP50Ms: number;
  receiverAckP99Ms: number;
}> {
  const queue = new InProcessQueue('bench.fifo', { fifo: true });
  const receiver = createWebhookReceiver({
    queue,
    rejected: {
      add: async () => Promise.reject(new Error('no input is rejected here')),
    },
    clientSecret: async () => SECRET,
    clock: Date.now,
  });
  const uri = 'https://hooks.example.com/webhooks/hubspot';
  const timings: number[] = [];
  for (let round = 0; round < 1_100; round += 1) {
    const events = Array.from({ length: 100 }, (_, index) => ({
      eventId: round * 100 + index + 1,
      subscriptionId: 7,
      portalId: PORTAL_ID,
      appId: 4242001,
      occurredAt: START,
      subscriptionType: 'contact.propertyChange',
      attemptNumber: 0,
      objectId: 1000 + index,
      propertyName: 'hs_analytics_num_visits',
      propertyValue: String(round),
      changeSource: 'ANALYTICS',
    }));
    const body = JSON.stringify(events);
    const timestamp = Date.now();
    const signature = signWebhookV3({
      clientSecret: SECRET,
      method: 'POST',
      uri,
      body,
      timestamp,
    });
    const event = {
      version: '2.0',
      routeKey: 'POST /webhooks/hubspot',
      rawPath: '/webhooks/hubspot',
      rawQueryString: '',
      headers: {
        'x-hubspot-signature-v3': signature,
        'x-hubspot-request-timestamp': String(timestamp),
      },
      isBase64Encoded: false,
      body,
      requestContext: {
        domainName: 'hooks.example.com',
        requestId: `r${round}`,
        http: { method: 'POST' },
      },
    } as unknown as APIGatewayProxyEventV2;
    const started = performance.now();
    const response = await receiver(event);
    const took = performance.now() - started;
    if (response.statusCode !== 200)
      throw new Error(
        `receiver answered ${response.statusCode}: ${response.body}`,
      );
    if (round >= 100) timings.push(took); // the first 100 warm up the JIT
  }
  timings.sort((a, b) => a - b);
  return {
    receiverAckP50Ms: round(timings[Math.floor(timings.length * 0.5)]!, 2),
    receiverAckP99Ms: round(timings[Math.floor(timings.length * 0.99)]!, 2),
  };
}

/** Single-item puts from 32 concurrent callers for 3 seconds: dynalite's ceiling for this machine. */
async function measureRawWrites(endpoint: string): Promise<number> {
  const documents = createDocumentClient(endpoint);
  const deadline = performance.now() + 3_000;
  let writes = 0;
  const started = performance.now();
  const caller = async (callerId: number) => {
    for (let index = 0; performance.now() < deadline; index += 1) {
      await documents.send(
        new PutCommand({
          TableName: LOCAL_TABLE,
          Item: {
            pk: `BENCH#${callerId}`,
            sk: String(index),
            data: 'x'.repeat(2000),
          },
        }),
      );
      writes += 1;
    }
  };
  await Promise.all(Array.from({ length: 32 }, (_, id) => caller(id)));
  const rate = writes / ((performance.now() - started) / 1000);
  documents.destroy();
  return rate;
}

function round(value: number, digits = 0): number {
  const factor = 10 ** digits;
  return Math.round(value * factor) / factor;
}
