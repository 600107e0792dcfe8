import { Signature } from '@hubspot/api-client';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type {
  HubSpotSandbox,
  WebhookEvent,
} from '#infra/local/hubspot-sandbox/index.ts';
import { hubSpotClientFor } from '#shared/hubspot/client.ts';
import { signWebhookV1, signWebhookV3 } from '#shared/hubspot/signature.ts';
import {
  leads,
  startTestPortal,
  startWebhookTarget,
  type ReceivedRequest,
} from '../../../hubspot/fixture.ts';

type Target = Awaited<ReturnType<typeof startWebhookTarget>>;

function eventsOf(requests: readonly ReceivedRequest[]): WebhookEvent[] {
  return requests.flatMap(
    (request) => JSON.parse(request.body) as WebhookEvent[],
  );
}

describe('HubSpot sandbox webhooks', () => {
  let sandbox: HubSpotSandbox;
  let target: Target;

  beforeEach(async () => {
    target = await startWebhookTarget();
    sandbox = await startTestPortal({ webhookTargetUrl: target.url });
  });

  afterEach(async () => {
    await sandbox.close();
    await target.close();
  });

  describe('when the app writes through the API', () => {
    it('marks the change INTEGRATION with the app id', async () => {
      const [id] = sandbox.createContacts(leads(1));
      const client = hubSpotClientFor(sandbox.accessToken, sandbox.endpoint);

      await client.crm.contacts.batchApi.update({
        inputs: [{ id: id!, properties: { nurture_score: '12' } }],
      });
      await sandbox.deliverWebhooks();

      const echo = eventsOf(target.received).find(
        (event) => event.propertyName === 'nurture_score',
      );
      expect(echo).toMatchObject({
        subscriptionType: 'contact.propertyChange',
        objectId: Number(id),
        propertyValue: '12',
        changeSource: 'INTEGRATION',
        sourceId: String(sandbox.appId),
        portalId: sandbox.portalId,
        appId: sandbox.appId,
        attemptNumber: 0,
      });
    });
  });

  describe('when a change comes through the control API', () => {
    it('carries the given source and occurredAt', async () => {
      const [id] = sandbox.createContacts(leads(1));
      sandbox.updateContact(
        id!,
        { hs_analytics_num_page_views: 4 },
        { source: 'ANALYTICS', occurredAt: 1_700_000_000_000 },
      );

      await sandbox.deliverWebhooks();

      const change = eventsOf(target.received).find(
        (event) => event.propertyName === 'hs_analytics_num_page_views',
      );
      expect(change).toMatchObject({
        changeSource: 'ANALYTICS',
        occurredAt: 1_700_000_000_000,
        propertyValue: '4',
      });
      expect(change).not.toHaveProperty('sourceId');
    });
  });

  describe('when a contact is created', () => {
    it('sends a creation and one change per property with every field', async () => {
      const [id] = sandbox.createContacts([
        {
          properties: { email: 'lead-001@example.com', firstname: 'Lead' },
          source: 'IMPORT',
        },
      ]);

      await sandbox.deliverWebhooks();

      const events = eventsOf(target.received);
      expect(events.map((event) => event.subscriptionType)).toEqual([
        'contact.creation',
        'contact.propertyChange',
        'contact.propertyChange',
      ]);
      expect(events[0]).toMatchObject({
        objectId: Number(id),
        changeFlag: 'CREATED',
        changeSource: 'IMPORT',
      });
      for (const event of events) {
        expect(event.eventId).toEqual(expect.any(Number));
        expect(event.subscriptionId).toEqual(expect.any(Number));
        expect(event.occurredAt).toEqual(expect.any(Number));
      }
    });
  });

  describe('when a value is written again unchanged', () => {
    it('sends no property change', async () => {
      const [id] = sandbox.createContacts(leads(1, { firstname: 'Lead' }));
      await sandbox.deliverWebhooks();

      sandbox.updateContact(id!, { firstname: 'Lead' });

      expect(sandbox.pendingWebhookEvents()).toEqual([]);
    });
  });

  describe('when a contact is privacy deleted', () => {
    it('sends a privacy deletion and a deletion', async () => {
      const [id] = sandbox.createContacts(leads(1));
      await sandbox.deliverWebhooks();

      sandbox.privacyDelete(id!);

      expect(
        sandbox.pendingWebhookEvents().map((event) => event.subscriptionType),
      ).toEqual(['contact.privacyDeletion', 'contact.deletion']);
    });
  });

  describe('when contacts are merged', () => {
    it('sends a merge naming the winner and the merged id', async () => {
      const [primary, secondary] = sandbox.createContacts(leads(2));
      await sandbox.deliverWebhooks();

      sandbox.mergeContacts(primary!, secondary!, {
        occurredAt: 1_700_000_000_000,
      });

      const merge = sandbox
        .pendingWebhookEvents()
        .find((event) => event.subscriptionType === 'contact.merge');
      expect(merge).toMatchObject({
        objectId: Number(primary),
        primaryObjectId: Number(primary),
        mergedObjectIds: [Number(secondary)],
        newObjectId: Number(primary),
      });
    });
  });

  describe('when more than 100 events are queued', () => {
    it('sends batches of at most 100', async () => {
      sandbox.createContacts(leads(125));

      const delivered = await sandbox.deliverWebhooks();

      expect(delivered).toBe(250);
      expect(
        target.received
          .map((request) => eventsOf([request]).length)
          .sort((left, right) => right - left),
      ).toEqual([100, 100, 50]);
    });
  });

  describe('when a batch arrives', () => {
    it('verifies with the v3 signature, timestamp and v1 signature', async () => {
      sandbox.createContacts(leads(1));

      await sandbox.deliverWebhooks();

      const [request] = target.received;
      const timestamp = Number(request!.headers['x-hubspot-request-timestamp']);
      const expected = signWebhookV3({
        clientSecret: sandbox.clientSecret,
        method: 'POST',
        uri: target.url,
        body: request!.body,
        timestamp,
      });
      expect(request!.headers['x-hubspot-signature-v3']).toBe(expected);
      expect(request!.headers['x-hubspot-signature-version']).toBe('v3');
      expect(Math.abs(Date.now() - timestamp)).toBeLessThan(300_000);
      expect(
        Signature.isValid({
          signature: request!.headers['x-hubspot-signature-v3'] as string,
          clientSecret: sandbox.clientSecret,
          requestBody: request!.body,
          signatureVersion: 'v3',
          url: target.url,
          method: 'POST',
          timestamp,
        }),
      ).toBe(true);
      expect(request!.headers['x-hubspot-signature']).toBe(
        signWebhookV1({
          clientSecret: sandbox.clientSecret,
          body: request!.body,
        }),
      );
    });
  });

  describe('when the target answers 500', () => {
    it('sends the batch again with attemptNumber + 1', async () => {
      const failing = await startWebhookTarget([500]);
      sandbox.setWebhookTarget(failing.url);
      sandbox.createContacts([{ properties: {} }]);

      const first = await sandbox.deliverWebhooks();
      const second = await sandbox.deliverWebhooks();
      await failing.close();

      expect(first).toBe(0);
      expect(second).toBe(1);
      const attempts = eventsOf(failing.received).map((event) => [
        event.eventId,
        event.attemptNumber,
      ]);
      expect(attempts).toEqual([
        [attempts[0]![0], 0],
        [attempts[0]![0], 1],
      ]);
    });

    it('drops the events after the last attempt', async () => {
      const failing = await startWebhookTarget([500, 500, 500, 500, 500, 500]);
      sandbox.setWebhookTarget(failing.url);
      sandbox.createContacts([{ properties: {} }]);

      for (let attempt = 0; attempt < 6; attempt += 1)
        await sandbox.deliverWebhooks();
      await failing.close();

      expect(failing.received).toHaveLength(5);
      expect(sandbox.stats().webhooks.dropped).toBe(1);
      expect(sandbox.pendingWebhookEvents()).toEqual([]);
    });
  });
});

describe('HubSpot sandbox automatic delivery', () => {
  it('delivers changes without an explicit flush', async () => {
    const target = await startWebhookTarget();
    const sandbox = await startTestPortal({
      webhookTargetUrl: target.url,
      autoDeliver: true,
    });

    sandbox.createContacts(leads(3));

    await vi.waitFor(() => expect(eventsOf(target.received)).toHaveLength(6));
    await sandbox.close();
    await target.close();
  });
});

describe('HubSpot sandbox subscriptions', () => {
  it('sends property changes only for subscribed properties', async () => {
    const sandbox = await startTestPortal({
      subscribedProperties: ['lifecyclestage'],
    });

    sandbox.createContacts(leads(1, { lifecyclestage: 'lead' }));

    const names = sandbox
      .pendingWebhookEvents()
      .map((event) => event.propertyName ?? event.subscriptionType);
    expect(names).toEqual(['contact.creation', 'lifecyclestage']);
    await sandbox.close();
  });
});
