import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  WebhookEventSchema,
  type WebhookEvent,
} from '#shared/core/webhooks/event.ts';
import { hubspotEventMessage } from '#shared/core/webhooks/messages.ts';
import {
  createLead,
  FIT_VALUES,
  HOUR_MS,
  settle,
  startTestStack,
  type TestStack,
} from '../helpers/local-stack.ts';
import { invokeWith, recordingProcessor } from '../helpers/processor.ts';
import { postSignedBatch } from '../helpers/signed-request.ts';
import { propertyChange } from '../helpers/webhook-events.ts';
import type { RawWebhookEvent } from '../helpers/events.ts';

let stack: TestStack;

beforeAll(async () => {
  stack = await startTestStack();
});

afterAll(async () => {
  await stack?.close();
});

async function post(events: RawWebhookEvent[]) {
  const response = await postSignedBatch({
    body: JSON.stringify(events),
    clientSecret: stack.sandbox.clientSecret,
    url: stack.webhookUrl,
  });
  expect(response.status).toBe(200);
}

/** Creates a fitting contact and scores it through the whole pipeline. */
async function scoredLead(): Promise<string> {
  const id = createLead(stack, FIT_VALUES);
  await settle(stack);
  return id;
}

describe('webhook pipeline with duplicate deliveries', () => {
  it('processes an event delivered again in a later batch once', async () => {
    const id = await scoredLead();
    const at = stack.clock.now() + HOUR_MS;
    stack.clock.advanceTo(at + HOUR_MS);
    const views = propertyChange(
      stack.portalId,
      id,
      'hs_analytics_num_page_views',
      '12',
      at,
    );
    const visits = propertyChange(
      stack.portalId,
      id,
      'hs_analytics_num_visits',
      '3',
      at,
    );
    await post([views]);
    await stack.drain();
    const once = await stack.store.get(stack.portalId, id);
    const duplicatesBefore = stack.contactEvents.stats().duplicates;

    await post([visits, { ...views, attemptNumber: 1 }]);
    await stack.drain();

    const after = await stack.store.get(stack.portalId, id);
    expect(stack.contactEvents.stats().duplicates).toBe(duplicatesBefore + 1);
    expect(after?.observations.hs_analytics_num_page_views).toEqual(
      once?.observations.hs_analytics_num_page_views,
    );
    expect(after?.observations.hs_analytics_num_visits).toHaveLength(1);
  });

  describe('when the queue no longer recognises the redelivery', () => {
    // SQS FIFO drops a repeated deduplication id only within 5 minutes, and HubSpot retries
    // for up to 24 hours, so the processor must recognise the event itself.
    it('applies the event once and queues no second write', async () => {
      const id = await scoredLead();
      const at = stack.clock.now() + HOUR_MS;
      stack.clock.advanceTo(at + HOUR_MS);
      const event: WebhookEvent = WebhookEventSchema.parse(
        propertyChange(
          stack.portalId,
          id,
          'hs_analytics_num_page_views',
          '9',
          at,
        ),
      );
      const processor = recordingProcessor(stack);

      await invokeWith(processor.handler, [hubspotEventMessage(event, at)]);
      const first = await stack.store.get(stack.portalId, id);
      const requestsAfterFirst = processor.requests.length;
      const response = await invokeWith(processor.handler, [
        hubspotEventMessage({ ...event, attemptNumber: 4 }, at + HOUR_MS),
      ]);

      expect(response.batchItemFailures).toEqual([]);
      expect(processor.results.map((result) => result.outcomes)).toEqual([
        ['applied'],
        ['duplicate'],
      ]);
      expect(await stack.store.get(stack.portalId, id)).toEqual(first);
      expect(processor.requests).toHaveLength(requestsAfterFirst);
    });

    it('counts a repeated counter change once in the score', async () => {
      const id = await scoredLead();
      const at = stack.clock.now() + HOUR_MS;
      stack.clock.advanceTo(at + HOUR_MS);
      const event = WebhookEventSchema.parse(
        propertyChange(stack.portalId, id, 'num_conversion_events', '2', at),
      );
      const processor = recordingProcessor(stack);
      await invokeWith(processor.handler, [hubspotEventMessage(event, at)]);
      const once = await stack.store.get(stack.portalId, id);

      await invokeWith(processor.handler, [
        hubspotEventMessage({ ...event, attemptNumber: 1 }, at),
        hubspotEventMessage({ ...event, attemptNumber: 2 }, at),
      ]);

      const after = await stack.store.get(stack.portalId, id);
      expect(once?.score?.engagement).toBeGreaterThan(0);
      expect(after?.score).toEqual(once?.score);
    });
  });
});
