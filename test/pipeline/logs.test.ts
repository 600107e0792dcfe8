import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { logger } from '#shared/logger.ts';
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
  logger.setLogLevel('SILENT');
  await stack?.close();
});

/** Captures everything written to stdout and stderr while `run` runs. */
async function capturedOutput(run: () => Promise<void>): Promise<string> {
  const written: string[] = [];
  const capture = (chunk: unknown) => {
    written.push(String(chunk));
    return true;
  };
  const stdout = vi.spyOn(process.stdout, 'write').mockImplementation(capture);
  const stderr = vi.spyOn(process.stderr, 'write').mockImplementation(capture);
  try {
    await run();
  } finally {
    stdout.mockRestore();
    stderr.mockRestore();
  }
  return written.join('');
}

describe('webhook pipeline logs', () => {
  it('carry no email or name, even for rejected input', async () => {
    logger.setLogLevel('DEBUG');

    const output = await capturedOutput(async () => {
      const id = createLead(stack, {
        ...FIT_VALUES,
        ...ENGAGED_VALUES,
        firstname: 'Testname',
        lastname: 'Madeup',
      });
      await settle(stack);
      const at = stack.clock.now() + HOUR_MS;
      const valid = propertyChange(
        stack.portalId,
        id,
        'email',
        'lead-changed@example.com',
        at,
      );
      const invalid = { ...valid, eventId: 'x', lastname: 'Madeup' };
      stack.sandbox.injectFailures({
        route: 'POST /crm/v3/objects/contacts/batch/update',
        status: 503,
        retryAfterSeconds: 0,
      });
      await postSignedBatch({
        body: JSON.stringify([valid, invalid]),
        clientSecret: stack.sandbox.clientSecret,
        url: stack.webhookUrl,
      });
      await postSignedBatch({
        body: '[{"email":"lead-broken@example.com"',
        clientSecret: stack.sandbox.clientSecret,
        url: stack.webhookUrl,
      });
      stack.sandbox.privacyDelete(id);
      await settle(stack);
    });

    expect(output).toContain('"level"');
    expect(output).not.toMatch(/[\w.+-]+@example\.com/);
    expect(output).not.toContain('Testname');
    expect(output).not.toContain('Madeup');
  });
});
