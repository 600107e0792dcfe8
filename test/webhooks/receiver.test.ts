import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { InProcessQueue } from '#infra/local/in-process-queue.ts';
import { ContactEventMessageSchema } from '#shared/core/webhooks/messages.ts';
import { logger } from '#shared/logger.ts';
import type { QueueMessage } from '#shared/queue/queue.ts';
import { DynamoRejectedInputs } from '#shared/store/dynamodb/rejected-inputs.ts';
import {
  createWebhookReceiver,
  type WebhookReceiver,
} from '#shared/webhooks/receiver.ts';
import { createTestTable, type TestTable } from '../helpers/dynamo.ts';
import { loadWebhookBatch } from '../helpers/events.ts';
import { signedApiEvent } from '../helpers/signed-request.ts';

const SECRET = 'receiver-test-secret';
const URL = 'https://hooks.example.com/webhooks/hubspot';

// Every rejection below logs a warning by design.
logger.setLogLevel('SILENT');

let table: TestTable;
let rejected: DynamoRejectedInputs;
let queue: InProcessQueue;
let receiver: WebhookReceiver;

beforeAll(async () => {
  table = await createTestTable('receiver');
  rejected = new DynamoRejectedInputs(table.documents, table.tableName);
});

afterAll(() => table.documents.destroy());

beforeEach(() => {
  queue = new InProcessQueue('contact-events.fifo', { fifo: true });
  receiver = createWebhookReceiver({
    queue,
    rejected,
    clientSecret: async () => SECRET,
    clock: Date.now,
  });
});

function validBody(): string {
  return JSON.stringify([
    ...loadWebhookBatch('contact-creation'),
    ...loadWebhookBatch('contact-property-change-fit'),
  ]);
}

async function rejectedFor(requestId: string) {
  const all = await rejected.list({ limit: 1000 });
  return all.filter((input) => input.requestId === requestId);
}

/** Checks the stored raw input: the store keeps 300,000 characters and marks the cut. */
function expectKeptRaw(stored: string, body: string): void {
  if (body.length <= 300_000) {
    expect(stored).toBe(body);
    return;
  }
  expect(stored.slice(0, 300_000) === body.slice(0, 300_000)).toBe(true);
  expect(stored.slice(300_000)).toBe(`[cut: ${body.length} characters in all]`);
}

/** Takes every message off the queue, in order. */
async function queuedBodies(): Promise<unknown[]> {
  const bodies: unknown[] = [];
  await queue.drain(
    async (event) => {
      bodies.push(...event.Records.map((record) => JSON.parse(record.body)));
    },
    { batchSize: 10, concurrency: 1 },
  );
  return bodies;
}

describe('createWebhookReceiver', () => {
  it('queues every event of a signed batch and answers 200', async () => {
    const event = signedApiEvent({
      body: validBody(),
      clientSecret: SECRET,
      url: URL,
    });

    const response = await receiver(event);

    expect(response.statusCode).toBe(200);
    expect(JSON.parse(response.body!)).toEqual({ accepted: 2, rejected: 0 });
    const bodies = await queuedBodies();
    expect(
      bodies.map((body) => ContactEventMessageSchema.parse(body).type),
    ).toEqual(['hubspot', 'hubspot']);
  });

  it('reads a body that API Gateway did not base64-encode', async () => {
    const body = validBody();
    const event = signedApiEvent({ body, clientSecret: SECRET, url: URL });

    const response = await receiver({
      ...event,
      isBase64Encoded: false,
      body,
    });

    expect(response.statusCode).toBe(200);
  });

  it('checks the signature against the public URL when one is set', async () => {
    const publicUrl = 'https://nurture.example.com/hubspot';
    const withPublicUrl = createWebhookReceiver({
      queue,
      rejected,
      clientSecret: async () => SECRET,
      clock: Date.now,
      publicUrl,
    });
    const event = signedApiEvent({
      body: validBody(),
      clientSecret: SECRET,
      url: publicUrl,
    });

    const response = await withPublicUrl({
      ...event,
      requestContext: { ...event.requestContext, domainName: 'internal' },
    });

    expect(response.statusCode).toBe(200);
  });

  it('signs over the raw query string', async () => {
    const event = signedApiEvent({
      body: validBody(),
      clientSecret: SECRET,
      url: `${URL}?client=demo&stage=a:b`,
    });

    const response = await receiver({
      ...event,
      rawQueryString: 'client=demo&stage=a%3Ab',
    });

    expect(response.statusCode).toBe(200);
  });

  describe('when the signature check fails', () => {
    it.each([
      ['bad signature', { clientSecret: 'another-secret' }],
      [
        'missing signature',
        { headers: { 'x-hubspot-signature-v3': undefined } },
      ],
      [
        'missing timestamp',
        { headers: { 'x-hubspot-request-timestamp': undefined } },
      ],
      ['stale timestamp', { timestamp: Date.now() - 5 * 60_000 - 5_000 }],
      ['future timestamp', { timestamp: Date.now() + 2 * 60_000 }],
    ])(
      'answers 401 naming the %s and stores nothing',
      async (reason, options) => {
        const event = signedApiEvent({
          body: validBody(),
          clientSecret: SECRET,
          url: URL,
          ...options,
        });

        const response = await receiver(event);

        expect(response.statusCode).toBe(401);
        expect(JSON.parse(response.body!)).toEqual({
          message: `Signature check failed: ${reason}`,
        });
        expect(queue.stats().sent).toBe(0);
        expect(await rejectedFor(event.requestContext.requestId)).toEqual([]);
      },
    );

    it('rejects a body changed after signing', async () => {
      const event = signedApiEvent({
        body: validBody(),
        clientSecret: SECRET,
        url: URL,
      });
      const changed = validBody().replace('Software', 'Hardware');

      const response = await receiver({
        ...event,
        body: Buffer.from(changed).toString('base64'),
      });

      expect(response.statusCode).toBe(401);
      expect(queue.stats().sent).toBe(0);
    });

    it('does not parse a body that fails the check', async () => {
      const event = signedApiEvent({
        body: 'not json',
        clientSecret: 'another-secret',
        url: URL,
      });

      const response = await receiver(event);

      expect(response.statusCode).toBe(401);
      expect(await rejectedFor(event.requestContext.requestId)).toEqual([]);
    });
  });

  describe('when the body is unusable', () => {
    const hundredAndOne = () =>
      JSON.stringify(
        Array.from({ length: 101 }, (_, index) => ({
          ...loadWebhookBatch('contact-property-change-fit')[0],
          eventId: 8_100_000 + index,
        })),
      );
    const tooLarge = () =>
      JSON.stringify(
        Array.from({ length: 100 }, (_, index) => ({
          ...loadWebhookBatch('contact-property-change-fit')[0],
          eventId: 8_200_000 + index,
          propertyValue: 'x'.repeat(11_000),
        })),
      );

    it.each([
      ['malformed JSON', () => '[{"eventId":', /^body is not valid JSON: /],
      [
        'a body that is not an array',
        () => '{"events":[]}',
        /^body must be a JSON array of events, got an object$/,
      ],
      [
        '101 events',
        hundredAndOne,
        /^batch has 101 events; HubSpot sends at most 100$/,
      ],
      [
        'a body over 1 MiB',
        tooLarge,
        /^body is \d+ bytes; the limit is 1048576$/,
      ],
    ])(
      'answers 400 for %s and keeps the raw body',
      async (_case, makeBody, reason) => {
        const body = makeBody();
        const event = signedApiEvent({ body, clientSecret: SECRET, url: URL });

        const response = await receiver(event);

        expect(response.statusCode).toBe(400);
        const message = JSON.parse(response.body!).message as string;
        expect(message.replace('Invalid webhook batch: ', '')).toMatch(reason);
        const stored = await rejectedFor(event.requestContext.requestId);
        expect(stored).toHaveLength(1);
        expect(stored[0]!.source).toBe('webhook');
        expectKeptRaw(stored[0]!.raw, body);
        expect(stored[0]!.reason).toMatch(reason);
        expect(queue.stats().sent).toBe(0);
      },
    );
  });

  describe('when HubSpot delivers an event again', () => {
    it('queues both deliveries under one deduplication id', async () => {
      const sent: QueueMessage[] = [];
      const collecting = createWebhookReceiver({
        queue: { send: async (messages) => void sent.push(...messages) },
        rejected,
        clientSecret: async () => SECRET,
        clock: Date.now,
      });
      const [change] = loadWebhookBatch('contact-property-change-fit');
      const deliveries = [0, 1].map((attemptNumber) =>
        signedApiEvent({
          body: JSON.stringify([{ ...change, attemptNumber }]),
          clientSecret: SECRET,
          url: URL,
        }),
      );

      for (const delivery of deliveries) {
        expect((await collecting(delivery)).statusCode).toBe(200);
      }

      expect(sent).toHaveLength(2);
      expect(sent[1]!.deduplicationId).toBe(sent[0]!.deduplicationId);
      expect(sent[1]!.groupId).toBe(sent[0]!.groupId);
      expect(sent[0]!.deduplicationId).toBe(
        `${change!.portalId}:${change!.subscriptionId}:${change!.eventId}`,
      );
    });
  });

  describe('when the queue fails', () => {
    it('throws and stores no rejected event', async () => {
      const failing = createWebhookReceiver({
        queue: {
          send: async () => {
            throw new Error('queue unavailable');
          },
        },
        rejected,
        clientSecret: async () => SECRET,
        clock: Date.now,
      });
      const [change] = loadWebhookBatch('contact-property-change-fit');
      const invalid = { ...change, eventId: 7_000_098, objectId: 'abc' };
      const event = signedApiEvent({
        body: JSON.stringify([change, invalid]),
        clientSecret: SECRET,
        url: URL,
      });

      const attempt = failing(event);

      await expect(attempt).rejects.toThrow('queue unavailable');
      expect(await rejectedFor(event.requestContext.requestId)).toEqual([]);
    });
  });

  describe('when one event of the batch is invalid', () => {
    it('queues the valid events and stores the invalid one with its reason', async () => {
      const [creation] = loadWebhookBatch('contact-creation');
      const [change] = loadWebhookBatch('contact-property-change-fit');
      const invalid = { ...change, eventId: 7_000_099, objectId: 'abc' };
      const event = signedApiEvent({
        body: JSON.stringify([creation, invalid, change]),
        clientSecret: SECRET,
        url: URL,
      });

      const response = await receiver(event);

      expect(response.statusCode).toBe(200);
      expect(JSON.parse(response.body!)).toEqual({ accepted: 2, rejected: 1 });
      expect(queue.stats().sent).toBe(2);
      const stored = await rejectedFor(event.requestContext.requestId);
      expect(stored).toEqual([
        expect.objectContaining({
          source: 'webhook-event',
          reason: expect.stringMatching(/^event 1: objectId: /),
          raw: JSON.stringify(invalid),
        }),
      ]);
    });
  });
});
