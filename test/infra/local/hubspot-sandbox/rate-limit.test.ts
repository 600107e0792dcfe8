import { afterEach, describe, expect, it } from 'vitest';
import type { HubSpotSandbox } from '#infra/local/hubspot-sandbox/index.ts';
import { startTestPortal } from '../../../hubspot/fixture.ts';

describe('HubSpot sandbox rate limit', () => {
  let sandbox: HubSpotSandbox;

  function getOwners() {
    return fetch(`${sandbox.endpoint}/crm/v3/owners`, {
      headers: { Authorization: `Bearer ${sandbox.accessToken}` },
    });
  }

  afterEach(async () => {
    await sandbox.close();
  });

  describe('when the burst limit is used up', () => {
    it('answers 429 TEN_SECONDLY_ROLLING with HubSpot body', async () => {
      sandbox = await startTestPortal({ requestsPer10Seconds: 3 });
      for (let index = 0; index < 3; index += 1)
        await (await getOwners()).arrayBuffer();

      const response = await getOwners();
      const body = (await response.json()) as { correlationId?: string };

      expect(response.status).toBe(429);
      expect(body).toMatchObject({
        status: 'error',
        errorType: 'RATE_LIMIT',
        policyName: 'TEN_SECONDLY_ROLLING',
      });
      expect(body.correlationId).toEqual(expect.any(String));
      expect(response.headers.get('x-hubspot-ratelimit-remaining')).toBe('0');
      expect(sandbox.stats().rateLimited).toBe(1);
    });
  });

  describe('on every answer', () => {
    it('sends the rate-limit headers with the remaining count', async () => {
      sandbox = await startTestPortal({
        requestsPer10Seconds: 5,
        requestsPerDay: 1_000,
      });

      const first = await getOwners();
      const second = await getOwners();

      expect(first.headers.get('x-hubspot-ratelimit-max')).toBe('5');
      expect(
        first.headers.get('x-hubspot-ratelimit-interval-milliseconds'),
      ).toBe('10000');
      expect(first.headers.get('x-hubspot-ratelimit-remaining')).toBe('4');
      expect(second.headers.get('x-hubspot-ratelimit-remaining')).toBe('3');
      expect(second.headers.get('x-hubspot-ratelimit-daily-remaining')).toBe(
        '998',
      );
    });
  });

  describe('when the daily limit is used up', () => {
    it('answers 429 DAILY', async () => {
      sandbox = await startTestPortal({ requestsPerDay: 1 });
      await (await getOwners()).arrayBuffer();

      const response = await getOwners();

      expect(response.status).toBe(429);
      expect(await response.json()).toMatchObject({ policyName: 'DAILY' });
    });
  });

  describe('when failures are injected', () => {
    it('fails the next requests and then answers normally', async () => {
      sandbox = await startTestPortal();
      sandbox.injectFailures({ status: 500, count: 2 });

      const statuses = [];
      for (let index = 0; index < 3; index += 1)
        statuses.push((await getOwners()).status);

      expect(statuses).toEqual([500, 500, 200]);
      expect(sandbox.stats().injectedFailures).toBe(2);
    });
  });
});
