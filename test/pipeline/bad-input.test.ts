import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { LOCAL_TABLE } from '#infra/local/stack.ts';
import { logger } from '#shared/logger.ts';
import { rejectedCommand } from '../../cli/rejected.ts';
import { runCaptured } from '../cli/command-output.ts';
import {
  createLead,
  FIT_VALUES,
  HOUR_MS,
  settle,
  startTestStack,
  type TestStack,
} from '../helpers/local-stack.ts';
import { postSignedBatch } from '../helpers/signed-request.ts';
import { propertyChange } from '../helpers/webhook-events.ts';

// Rejections log warnings by design.
logger.setLogLevel('SILENT');

let stack: TestStack;

beforeAll(async () => {
  stack = await startTestStack();
});

afterAll(async () => {
  await stack?.close();
});

function post(body: string, secret = stack.sandbox.clientSecret) {
  return postSignedBatch({ body, clientSecret: secret, url: stack.webhookUrl });
}

async function listRejected(...args: string[]) {
  vi.stubEnv('NURTURE_TABLE', LOCAL_TABLE);
  vi.stubEnv('DYNAMODB_ENDPOINT', stack.dynamoEndpoint);
  try {
    return await runCaptured(rejectedCommand, ['list', ...args]);
  } finally {
    vi.unstubAllEnvs();
  }
}

describe('webhook pipeline with bad input', () => {
  it('stores and queues nothing for a wrong signature', async () => {
    const id = createLead(stack, FIT_VALUES);
    const before = stack.contactEvents.stats().sent;
    const rejectedBefore = (await stack.rejected.list({ limit: 1000 })).length;
    const body = JSON.stringify([
      propertyChange(stack.portalId, id, 'industry', 'Retail', Date.now()),
    ]);

    const response = await post(body, 'not-the-app-secret');
    await stack.drain();

    expect(response).toEqual({
      status: 401,
      body: { message: 'Signature check failed: bad signature' },
    });
    expect(stack.contactEvents.stats().sent).toBe(before);
    expect(await stack.rejected.list({ limit: 1000 })).toHaveLength(
      rejectedBefore,
    );
    expect(await stack.store.get(stack.portalId, id)).toBeUndefined();
  });

  it('answers 400 for malformed JSON and lists the raw body', async () => {
    const response = await post('[{"eventId": 7, "portalId":');

    const listed = await listRejected('--raw', '--limit', '1');

    expect(response.status).toBe(400);
    expect(listed.stdout).toContain('webhook  body is not valid JSON: ');
    expect(listed.stdout).toContain('    raw [{"eventId": 7, "portalId":');
  });

  describe('when one event of a batch is invalid', () => {
    it('processes the valid events and lists the invalid one', async () => {
      const id = createLead(stack, FIT_VALUES);
      await settle(stack);
      const at = stack.clock.now() + HOUR_MS;
      const valid = [
        propertyChange(stack.portalId, id, 'country', 'Belgium', at),
        propertyChange(stack.portalId, id, 'hs_analytics_num_visits', '4', at),
      ];
      const invalid = { ...valid[0], eventId: 'not-a-number' };

      const response = await post(
        JSON.stringify([valid[0], invalid, valid[1]]),
      );
      await stack.drain();

      expect(response).toEqual({
        status: 200,
        body: { accepted: 2, rejected: 1 },
      });
      const state = await stack.store.get(stack.portalId, id);
      expect(state?.properties.country?.value).toBe('Belgium');
      expect(state?.observations.hs_analytics_num_visits).toHaveLength(1);
      const listed = await listRejected('--limit', '5');
      expect(listed.stdout).toMatch(
        /webhook-event {2}event 1: eventId: Invalid input: expected number, received string/,
      );
    });
  });
});
