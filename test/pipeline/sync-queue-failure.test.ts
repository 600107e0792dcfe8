import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebhookEventSchema } from '#shared/core/webhooks/event.ts';
import { hubspotEventMessage } from '#shared/core/webhooks/messages.ts';
import { logger } from '#shared/logger.ts';
import {
  createLead,
  FIT_VALUES,
  HOUR_MS,
  settle,
  startTestStack,
  type TestStack,
} from '../helpers/local-stack.ts';
import { invokeWith, recordingProcessor } from '../helpers/processor.ts';
import { propertyChange } from '../helpers/webhook-events.ts';

// The failed send logs a warning by design.
logger.setLogLevel('SILENT');

let stack: TestStack;

beforeAll(async () => {
  stack = await startTestStack();
});

afterAll(async () => {
  await stack?.close();
});

describe('event processor when the hubspot-sync queue fails', () => {
  it('writes the change to HubSpot once the batch is retried', async () => {
    const id = createLead(stack, FIT_VALUES);
    await settle(stack);
    expect(stack.sandbox.getContact(id)?.properties.nurture_fit_score).toBe(
      '65',
    );
    const at = stack.clock.now() + HOUR_MS;
    stack.clock.advanceTo(at);
    const change = WebhookEventSchema.parse(
      propertyChange(stack.portalId, id, 'industry', 'Manufacturing', at),
    );
    const processor = recordingProcessor(stack, { failedSends: 1 });

    await expect(
      invokeWith(processor.handler, [hubspotEventMessage(change, at)]),
    ).rejects.toThrow('hubspot-sync queue unavailable');
    await invokeWith(processor.handler, [
      hubspotEventMessage({ ...change, attemptNumber: 1 }, at),
    ]);
    await stack.drain();

    expect(stack.sandbox.getContact(id)?.properties.nurture_fit_score).toBe(
      '45',
    );
  });
});
