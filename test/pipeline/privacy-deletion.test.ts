import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LOCAL_TABLE } from '#infra/local/stack.ts';
import { propertiesMessage } from '#shared/core/webhooks/messages.ts';
import { createDocumentClient } from '#shared/store/dynamodb/client.ts';
import {
  createLead,
  ENGAGED_VALUES,
  FIT_VALUES,
  HOUR_MS,
  settle,
  startTestStack,
  type TestStack,
} from '../helpers/local-stack.ts';
import { postSignedBatch } from '../helpers/signed-request.ts';
import { propertyChange } from '../helpers/webhook-events.ts';

let stack: TestStack;

beforeAll(async () => {
  stack = await startTestStack();
});

afterAll(async () => {
  await stack?.close();
});

/** Reads the stored DynamoDB item as text, to search it for any trace of personal data. */
async function storedItemText(contactId: string): Promise<string> {
  const documents = createDocumentClient(stack.dynamoEndpoint);
  try {
    const { Item } = await documents.send(
      new GetCommand({
        TableName: LOCAL_TABLE,
        Key: { pk: `CONTACT#${stack.portalId}#${contactId}`, sk: 'STATE' },
      }),
    );
    expect(Item).toBeDefined();
    return JSON.stringify(Item);
  } finally {
    documents.destroy();
  }
}

/** A scored, engaged contact, then deleted for a privacy request; returns its id and email. */
async function erasedLead(): Promise<{ id: string; email: string }> {
  const id = createLead(stack, { ...FIT_VALUES, ...ENGAGED_VALUES });
  await settle(stack);
  const email = stack.sandbox.getContact(id)!.properties.email!;
  stack.clock.advanceTo(stack.clock.now() + HOUR_MS);
  stack.sandbox.privacyDelete(id, { occurredAt: stack.clock.now() });
  await settle(stack);
  return { id, email };
}

describe('webhook pipeline on a privacy deletion', () => {
  it('removes personal data and engagement history from the store', async () => {
    const id = createLead(stack, { ...FIT_VALUES, ...ENGAGED_VALUES });
    await settle(stack);
    const email = stack.sandbox.getContact(id)!.properties.email!;
    const before = await stack.store.get(stack.portalId, id);
    expect(before?.properties.email?.value).toBe(email);
    stack.sandbox.privacyDelete(id);

    await settle(stack);

    const state = await stack.store.get(stack.portalId, id);
    expect(state?.privacyDeleted).toBe(true);
    expect(state?.properties).toEqual({});
    expect(state?.observations).toEqual({});
    expect(state?.interactions).toEqual([]);
    expect(state?.ledger).toEqual([]);
    expect(state?.score?.reasons).toEqual([]);
    const item = await storedItemText(id);
    expect(item).not.toContain(email);
    expect(item).not.toContain('Marketing Manager');
  });

  it('keeps the qualification for aggregate counts', async () => {
    const { id } = await erasedLead();

    const state = await stack.store.get(stack.portalId, id);

    expect(state?.score?.qualification).toBe('sql');
  });

  describe('when events arrive after the deletion', () => {
    it('does not store personal data from a late property change', async () => {
      const { id, email } = await erasedLead();
      const earlier = stack.clock.now() - 2 * HOUR_MS;
      const late = [
        propertyChange(stack.portalId, id, 'email', email, earlier),
        propertyChange(
          stack.portalId,
          id,
          'jobtitle',
          'Head of Sales',
          earlier,
        ),
        propertyChange(
          stack.portalId,
          id,
          'hs_analytics_num_visits',
          '40',
          earlier,
        ),
      ];

      const response = await postSignedBatch({
        body: JSON.stringify(late),
        clientSecret: stack.sandbox.clientSecret,
        url: stack.webhookUrl,
      });
      await stack.drain();

      expect(response.status).toBe(200);
      const state = await stack.store.get(stack.portalId, id);
      expect(state?.properties).toEqual({});
      expect(state?.observations).toEqual({});
      const item = await storedItemText(id);
      expect(item).not.toContain(email);
      expect(item).not.toContain('Head of Sales');
    });

    it('does not store personal data from a late HubSpot read', async () => {
      const { id, email } = await erasedLead();

      await stack.contactEvents.send([
        propertiesMessage(
          stack.portalId,
          id,
          { email, jobtitle: 'Marketing Manager' },
          stack.clock.now(),
        ),
      ]);
      await stack.drain();

      const state = await stack.store.get(stack.portalId, id);
      expect(state?.properties).toEqual({});
      const item = await storedItemText(id);
      expect(item).not.toContain(email);
    });
  });
});
