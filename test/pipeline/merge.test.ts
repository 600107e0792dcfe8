import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { interactionMessage } from '#shared/core/webhooks/messages.ts';
import {
  createLead,
  FIT_VALUES,
  HOUR_MS,
  settle,
  startTestStack,
  type TestStack,
} from '../helpers/local-stack.ts';

let stack: TestStack;

beforeAll(async () => {
  stack = await startTestStack();
});

afterAll(async () => {
  await stack?.close();
});

/** Two scored contacts; the second has opened and clicked an email Nurture sent. */
async function duplicateContacts() {
  const survivorId = createLead(stack, FIT_VALUES);
  const mergedId = createLead(stack, FIT_VALUES);
  await settle(stack);
  const at = stack.clock.now() + HOUR_MS;
  stack.clock.advanceTo(at);
  await stack.contactEvents.send([
    interactionMessage(stack.portalId, mergedId, {
      id: `ses-open-${mergedId}`,
      kind: 'emailOpen',
      occurredAt: at,
    }),
    interactionMessage(stack.portalId, mergedId, {
      id: `ses-click-${mergedId}`,
      kind: 'emailClick',
      occurredAt: at,
    }),
  ]);
  await stack.drain();
  return { survivorId, mergedId };
}

describe('webhook pipeline on a merge', () => {
  it('moves the interactions to the surviving contact', async () => {
    const { survivorId, mergedId } = await duplicateContacts();
    const before = await stack.store.get(stack.portalId, survivorId);

    stack.sandbox.mergeContacts(survivorId, mergedId);
    await settle(stack);

    const survivor = await stack.store.get(stack.portalId, survivorId);
    expect(survivor?.interactions.map((interaction) => interaction.id)).toEqual(
      [`ses-open-${mergedId}`, `ses-click-${mergedId}`],
    );
    expect(survivor?.score?.engagement).toBeGreaterThan(
      before?.score?.engagement ?? 0,
    );
  });

  it('marks the merged contact as merged into the survivor', async () => {
    const { survivorId, mergedId } = await duplicateContacts();

    stack.sandbox.mergeContacts(survivorId, mergedId);
    await settle(stack);

    const merged = await stack.store.get(stack.portalId, mergedId);
    expect(merged?.mergedInto).toBe(survivorId);
    expect(merged?.deleted).toBe(true);
  });

  it('moves the interactions once when the merge arrives again', async () => {
    const { survivorId, mergedId } = await duplicateContacts();
    stack.sandbox.mergeContacts(survivorId, mergedId);
    const [merge] = stack.sandbox
      .pendingWebhookEvents()
      .filter((event) => event.subscriptionType === 'contact.merge');
    await settle(stack);
    const once = await stack.store.get(stack.portalId, survivorId);

    await stack.contactEvents.send([
      {
        body: JSON.stringify({
          type: 'hubspot',
          event: { ...merge, attemptNumber: 1 },
          receivedAt: Date.now(),
        }),
        groupId: `${stack.portalId}:${survivorId}`,
        deduplicationId: `redelivery-${merge!.eventId}`,
      },
    ]);
    await stack.drain();

    const after = await stack.store.get(stack.portalId, survivorId);
    expect(after?.interactions).toEqual(once?.interactions);
    expect(after?.version).toBe(once?.version);
  });
});
