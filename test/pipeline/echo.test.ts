import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebhookEventSchema } from '#shared/core/webhooks/event.ts';
import { hubspotEventMessage } from '#shared/core/webhooks/messages.ts';
import {
  createLead,
  ENGAGED_VALUES,
  FIT_VALUES,
  settle,
  startTestStack,
  type TestStack,
} from '../helpers/local-stack.ts';
import { invokeWith, recordingProcessor } from '../helpers/processor.ts';
import { webhookEvent } from '../helpers/webhook-events.ts';

const BATCH_UPDATE = 'POST /crm/v3/objects/contacts/batch/update';

let stack: TestStack;

beforeAll(async () => {
  stack = await startTestStack();
});

afterAll(async () => {
  await stack?.close();
});

function batchUpdates(): number {
  return stack.sandbox.stats().requests[BATCH_UPDATE] ?? 0;
}

describe('webhook pipeline on echoes of its own writes', () => {
  it('ignores the webhooks its write to HubSpot causes', async () => {
    const id = createLead(stack, { ...FIT_VALUES, ...ENGAGED_VALUES });
    await stack.sandbox.deliverWebhooks();
    await stack.drain();
    const updates = batchUpdates();
    const echoesBefore = stack.stats.outcomes.echo ?? 0;
    const stored = await stack.store.get(stack.portalId, id);
    const echoes = stack.sandbox
      .pendingWebhookEvents()
      .filter((event) => event.objectId === Number(id));

    await settle(stack);

    expect(echoes.length).toBeGreaterThan(0);
    expect(
      echoes.every(
        (event) =>
          event.changeSource === 'INTEGRATION' &&
          event.sourceId === String(stack.config.hubspot.appId),
      ),
    ).toBe(true);
    expect((stack.stats.outcomes.echo ?? 0) - echoesBefore).toBe(echoes.length);
    expect(batchUpdates()).toBe(updates);
    expect(await stack.store.get(stack.portalId, id)).toEqual(stored);
  });

  it('leaves a contact untouched by the sample echo event', async () => {
    const id = createLead(stack, FIT_VALUES);
    await settle(stack);
    const stored = await stack.store.get(stack.portalId, id);
    const echo = WebhookEventSchema.parse(
      webhookEvent('contact-property-change-echo', {
        portalId: stack.portalId,
        objectId: Number(id),
        occurredAt: stack.clock.now() + 1_000,
      }),
    );
    const processor = recordingProcessor(stack);

    await invokeWith(processor.handler, [hubspotEventMessage(echo, 0)]);

    expect(processor.results.map((result) => result.outcomes)).toEqual([
      ['echo'],
    ]);
    expect(processor.requests).toEqual([]);
    expect(await stack.store.get(stack.portalId, id)).toEqual(stored);
  });

  it('applies the same change when a person makes it', async () => {
    const id = createLead(stack, FIT_VALUES);
    await settle(stack);
    const byPerson = WebhookEventSchema.parse(
      webhookEvent('contact-property-change-echo', {
        portalId: stack.portalId,
        objectId: Number(id),
        occurredAt: stack.clock.now() + 1_000,
        changeSource: 'CRM_UI',
        sourceId: 'userId:45678',
      }),
    );
    const processor = recordingProcessor(stack);

    await invokeWith(processor.handler, [hubspotEventMessage(byPerson, 0)]);

    expect(processor.results.map((result) => result.outcomes)).toEqual([
      ['applied'],
    ]);
  });
});
