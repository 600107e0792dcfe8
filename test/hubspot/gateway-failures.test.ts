import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { HubSpotSandbox } from '#infra/local/hubspot-sandbox/index.ts';
import {
  HubSpotAuthError,
  HubSpotDailyLimitError,
  HubSpotRetryableError,
} from '#shared/hubspot/errors.ts';
import type { ContactUpdate } from '#shared/hubspot/gateway.ts';
import { createHubSpotGateway } from '#shared/hubspot/hubspot-gateway.ts';
import { gatewayFor, leads, startTestPortal } from './fixture.ts';

const BATCH_UPDATE = 'POST /crm/v3/objects/contacts/batch/update';
const BATCH_READ = 'POST /crm/v3/objects/contacts/batch/read';

function scoreUpdates(ids: string[]) {
  return ids.map((contactId) => ({
    contactId,
    properties: { nurture_score: '50' },
  }));
}

describe('HubSpot gateway failures', () => {
  let sandbox: HubSpotSandbox;

  beforeEach(async () => {
    sandbox = await startTestPortal();
  });

  afterEach(async () => {
    await sandbox.close();
  });

  describe('when HubSpot answers 429 TEN_SECONDLY_ROLLING once', () => {
    it('waits for the window and writes the update', async () => {
      const ids = sandbox.createContacts(leads(2));
      const { gateway, waits } = gatewayFor(sandbox);
      sandbox.injectFailures({ status: 429, route: BATCH_UPDATE });

      const outcome = await gateway.updateContacts(scoreUpdates(ids));

      expect(outcome.updated).toEqual(ids);
      expect(outcome.retry).toEqual([]);
      expect(waits).toEqual([10_000]);
      expect(sandbox.stats().requests[BATCH_UPDATE]).toBe(2);
      expect(gateway.metrics()).toMatchObject({
        rateLimited: 1,
        retries: 1,
        calls: 2,
      });
      expect(sandbox.getContact(ids[0]!)?.properties.nurture_score).toBe('50');
    });
  });

  describe('when a 429 carries Retry-After', () => {
    it('waits as long as the header says', async () => {
      const ids = sandbox.createContacts(leads(1));
      const { gateway, waits } = gatewayFor(sandbox);
      sandbox.injectFailures({ status: 429, retryAfterSeconds: 3 });

      await gateway.updateContacts(scoreUpdates(ids));

      expect(waits).toEqual([3_000]);
    });
  });

  describe('when HubSpot answers 500 twice', () => {
    it('retries and writes the update', async () => {
      const ids = sandbox.createContacts(leads(1));
      const { gateway, waits } = gatewayFor(sandbox);
      sandbox.injectFailures({ status: 500, count: 2 });

      const outcome = await gateway.updateContacts(scoreUpdates(ids));

      expect(outcome.updated).toEqual(ids);
      expect(waits).toHaveLength(2);
      expect(sandbox.stats().requests[BATCH_UPDATE]).toBe(3);
    });
  });

  describe('when HubSpot answers 423 Locked', () => {
    it('waits at least the 2 s a lock lasts', async () => {
      const ids = sandbox.createContacts(leads(1));
      const { gateway, waits } = gatewayFor(sandbox);
      sandbox.injectFailures({ status: 423 });

      await gateway.updateContacts(scoreUpdates(ids));

      expect(waits[0]).toBeGreaterThanOrEqual(2_000);
    });
  });

  describe('when every attempt fails with 503', () => {
    it('hands the contacts back for a later retry', async () => {
      const ids = sandbox.createContacts(leads(2));
      const { gateway } = gatewayFor(sandbox, { maxAttempts: 3 });
      sandbox.injectFailures({ status: 503, count: 10 });

      const outcome = await gateway.updateContacts(scoreUpdates(ids));

      expect(outcome.retry.map((entry) => entry.contactId)).toEqual(ids);
      expect(outcome.retry[0]?.reason).toContain('gave up after 3 attempts');
      expect(outcome.retry[0]?.update).toEqual(scoreUpdates(ids)[0]);
      expect(outcome.updated).toEqual([]);
      expect(sandbox.stats().requests[BATCH_UPDATE]).toBe(3);
    });
  });

  describe('when the connection drops', () => {
    it('retries and writes the update', async () => {
      const ids = sandbox.createContacts(leads(1));
      const { gateway } = gatewayFor(sandbox);
      sandbox.injectFailures({ reset: true });

      const outcome = await gateway.updateContacts(scoreUpdates(ids));

      expect(outcome.updated).toEqual(ids);
      expect(gateway.metrics().retries).toBe(1);
    });
  });

  describe('when HubSpot does not answer in time', () => {
    it('times out, retries and writes the update', async () => {
      const ids = sandbox.createContacts(leads(1));
      const { gateway } = gatewayFor(sandbox, { requestTimeoutMs: 100 });
      sandbox.injectFailures({ delayMs: 1_000 });

      const outcome = await gateway.updateContacts(scoreUpdates(ids));

      expect(outcome.updated).toEqual(ids);
      expect(gateway.metrics().timeouts).toBe(1);
    });
  });

  describe('when the daily limit is reached', () => {
    it('does not retry and hands every contact back', async () => {
      const ids = sandbox.createContacts(leads(150));
      const { gateway, waits } = gatewayFor(sandbox);
      sandbox.injectFailures({ status: 429, policyName: 'DAILY' });

      const outcome = await gateway.updateContacts(scoreUpdates(ids));

      expect(outcome.dailyLimitReached).toBe(true);
      expect(outcome.retry).toHaveLength(150);
      expect(waits).toEqual([]);
      expect(sandbox.stats().requests[BATCH_UPDATE]).toBe(1);
    });

    it('makes a read throw HubSpotDailyLimitError', async () => {
      const ids = sandbox.createContacts(leads(1));
      const { gateway } = gatewayFor(sandbox);
      sandbox.injectFailures({ status: 429, policyName: 'DAILY' });

      const read = gateway.readContacts(ids, ['email']);

      await expect(read).rejects.toBeInstanceOf(HubSpotDailyLimitError);
      expect(sandbox.stats().requests[BATCH_READ]).toBe(1);
    });
  });

  describe('when reads keep failing', () => {
    it('throws HubSpotRetryableError', async () => {
      const ids = sandbox.createContacts(leads(1));
      const { gateway } = gatewayFor(sandbox, { maxAttempts: 2 });
      sandbox.injectFailures({ status: 502, count: 2 });

      const read = gateway.readContacts(ids, ['email']);

      await expect(read).rejects.toBeInstanceOf(HubSpotRetryableError);
    });
  });

  describe('when the token is wrong', () => {
    it('throws HubSpotAuthError without retrying', async () => {
      const ids = sandbox.createContacts(leads(1));
      const gateway = createHubSpotGateway({
        accessToken: 'wrong-token',
        basePath: sandbox.endpoint,
        requestsPer10Seconds: 100,
      });

      const update = gateway.updateContacts(scoreUpdates(ids));

      await expect(update).rejects.toBeInstanceOf(HubSpotAuthError);
      expect(sandbox.stats().unauthorized).toBe(1);
    });
  });
});

describe('HubSpot gateway without Nurture properties', () => {
  let sandbox: HubSpotSandbox;

  beforeEach(async () => {
    sandbox = await startTestPortal({ withNurtureProperties: false });
  });

  afterEach(async () => {
    await sandbox.close();
  });

  it('fails the contacts writing a missing property in one call', async () => {
    const ids = sandbox.createContacts(leads(100));
    const { gateway } = gatewayFor(sandbox);
    const updates = ids.map((contactId, index): ContactUpdate => ({
      contactId,
      properties:
        index % 2 === 0 ? { nurture_score: '1' } : { firstname: 'Lead' },
    }));

    const outcome = await gateway.updateContacts(updates);

    expect(outcome.failed).toHaveLength(50);
    expect(outcome.failed[0]?.reason).toContain('nurture_score');
    expect(outcome.updated).toHaveLength(50);
    expect(sandbox.stats().requests[BATCH_UPDATE]).toBe(2);
  });
});
