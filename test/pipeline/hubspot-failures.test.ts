import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FailureInjection } from '#infra/local/hubspot-sandbox/index.ts';
import { logger } from '#shared/logger.ts';
import {
  createLead,
  FIT_VALUES,
  startTestStack,
  type TestStack,
} from '../helpers/local-stack.ts';

// Retries log warnings by design.
logger.setLogLevel('SILENT');

const BATCH_UPDATE = 'POST /crm/v3/objects/contacts/batch/update';
/** The gateway tries a request 5 times before it hands the update back to the queue. */
const ATTEMPTS_PER_CALL = 5;

let stack: TestStack;

beforeAll(async () => {
  stack = await startTestStack();
});

afterAll(async () => {
  await stack?.close();
});

/** Creates a contact and drains the pipeline while its first HubSpot write meets `failure`. */
async function leadWithFailingWrite(failure: FailureInjection) {
  const id = createLead(stack, FIT_VALUES);
  await stack.sandbox.deliverWebhooks();
  const before = {
    retried: stack.stats.hubspotRetried,
    injected: stack.sandbox.stats().injectedFailures,
    updates: stack.sandbox.stats().requests[BATCH_UPDATE] ?? 0,
  };
  stack.sandbox.injectFailures({ route: BATCH_UPDATE, ...failure });

  await stack.drain();

  return { id, before };
}

describe('webhook pipeline when HubSpot fails a batch update', () => {
  // Retry-After: 0 keeps the gateway's waits out of the test run.
  it.each([
    ['429', { status: 429, retryAfterSeconds: 0 }],
    ['500', { status: 500, retryAfterSeconds: 0 }],
    ['503', { status: 503, retryAfterSeconds: 0 }],
  ] as const)(
    'writes the update on a later delivery after %s answers',
    async (_status, failure) => {
      const { id, before } = await leadWithFailingWrite({
        ...failure,
        count: ATTEMPTS_PER_CALL,
      });

      const contact = stack.sandbox.getContact(id);
      expect(contact?.properties.nurture_qualification).toBe('mql');
      expect(contact?.properties.lifecyclestage).toBe('marketingqualifiedlead');
      expect(stack.sandbox.stats().injectedFailures - before.injected).toBe(
        ATTEMPTS_PER_CALL,
      );
      expect(stack.stats.hubspotRetried).toBeGreaterThan(before.retried);
      expect(stack.hubspotSync.stats().deadLetters).toBe(0);
    },
  );

  it('retries a single 429 within the call', async () => {
    const { id, before } = await leadWithFailingWrite({
      status: 429,
      retryAfterSeconds: 0,
      count: 1,
    });

    expect(stack.sandbox.getContact(id)?.properties.nurture_score).toBe('65');
    expect(stack.stats.hubspotRetried).toBe(before.retried);
    expect(
      (stack.sandbox.stats().requests[BATCH_UPDATE] ?? 0) - before.updates,
    ).toBe(2);
  });

  it('holds updates back after the daily limit and writes them later', async () => {
    const { id, before } = await leadWithFailingWrite({
      status: 429,
      policyName: 'DAILY',
      count: 1,
    });

    expect(stack.sandbox.getContact(id)?.properties.nurture_score).toBe('65');
    expect(stack.stats.hubspotRetried).toBeGreaterThan(before.retried);
  });
});
