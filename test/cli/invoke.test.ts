import { describe, expect, it } from 'vitest';
import { invokeCommand } from '../../cli/invoke.ts';
import { runCaptured } from './command-output.ts';

describe('invoke', () => {
  describe('when the function is webhook-receiver', () => {
    it('signs the stale sample again and queues its events', async () => {
      const run = await runCaptured(invokeCommand, [
        'webhook-receiver',
        'events/api-gateway/webhook.json',
      ]);

      expect(run.code).toBe(0);
      expect(run.stdout).toContain('Response: 200');
      expect(run.stdout).toContain('"accepted": 3');
      expect(run.stdout).toContain('Queued on contact-events: 3');
      expect(run.stdout).toContain('group 9100001:1001  9100001:101:7000001');
      expect(run.stdout).toContain('Rejected inputs stored: 0');
    });
  });

  describe('when the function is event-processor', () => {
    it('prints the batch response and the stored contact', async () => {
      const run = await runCaptured(invokeCommand, [
        'event-processor',
        'events/sqs/contact-events.json',
      ]);

      expect(run.code).toBe(0);
      expect(run.stdout).toContain('Response: {"batchItemFailures":[]}');
      expect(run.stdout).toContain('Contact 9100001:1001: applied, applied');
      expect(run.stdout).toContain('  stored version 1');
      expect(run.stdout).toMatch(/ {2}score [\d.]+ \(mql\): MQL: fit 65/);
      expect(run.stdout).toContain('Queued on hubspot-sync: 1');
    });
  });

  describe('when the function is hubspot-sync', () => {
    it('reads and writes the contact in the sandbox', async () => {
      const run = await runCaptured(invokeCommand, [
        'hubspot-sync',
        'events/sqs/hubspot-sync.json',
      ]);

      expect(run.code).toBe(0);
      expect(run.stdout).toContain(
        'POST /crm/v3/objects/contacts/batch/update: 1',
      );
      expect(run.stdout).toContain('Sent to contact-events: 1');
      expect(run.stdout).toContain(
        'Contact 1001 in HubSpot: nurture_score=57, nurture_fit_score=55',
      );
      expect(run.stdout).toContain('lifecyclestage=marketingqualifiedlead');
    });
  });

  describe('when the function is email-events', () => {
    it('queues an open as an interaction', async () => {
      const run = await runCaptured(invokeCommand, [
        'email-events',
        'events/eventbridge/ses-open.json',
      ]);

      expect(run.code).toBe(0);
      expect(run.stdout).toContain('Outcome: interaction');
      expect(run.stdout).toContain('Queued on contact-events: 1');
      expect(run.stdout).toContain('"kind":"emailOpen"');
    });

    it('suppresses the contact on a permanent bounce', async () => {
      const run = await runCaptured(invokeCommand, [
        'email-events',
        'events/eventbridge/ses-bounce.json',
      ]);

      expect(run.code).toBe(0);
      expect(run.stdout).toContain('Outcome: suppressedHardBounce');
      expect(run.stdout).toContain('"reason":"hardBounce"');
    });
  });

  describe('when the function is workflow-tick', () => {
    it('runs one tick and prints its report', async () => {
      const run = await runCaptured(invokeCommand, [
        'workflow-tick',
        'events/scheduler/workflow-tick.json',
      ]);

      expect(run.code).toBe(0);
      expect(run.stdout).toContain(
        'Advanced 0, retry later 0, conflicts 0, failed 0, stopped 0',
      );
    });
  });

  describe('when the input is wrong', () => {
    it('lists the known functions for an unknown name', async () => {
      const run = await runCaptured(invokeCommand, [
        'webhook-reciever',
        'events/api-gateway/webhook.json',
      ]);

      expect(run.code).toBe(2);
      expect(run.stderr).toBe(
        'Unknown function "webhook-reciever". Known functions: webhook-receiver, event-processor, hubspot-sync, email-events, workflow-tick.',
      );
    });

    it('names the event shape the function expects', async () => {
      const run = await runCaptured(invokeCommand, [
        'webhook-receiver',
        'events/sqs/contact-events.json',
      ]);

      expect(run.code).toBe(1);
      expect(run.stderr).toMatch(
        /^Invoking webhook-receiver failed: the file is not an API Gateway HTTP API \(payload v2\) event:/,
      );
    });

    it('names a file it cannot read', async () => {
      const run = await runCaptured(invokeCommand, [
        'event-processor',
        'events/sqs/missing.json',
      ]);

      expect(run.code).toBe(1);
      expect(run.stderr).toMatch(
        /^Cannot invoke event-processor: ENOENT: no such file or directory/,
      );
    });

    it('prints the usage without an event file', async () => {
      const run = await runCaptured(invokeCommand, ['event-processor']);

      expect(run.code).toBe(2);
      expect(run.stderr).toMatch(/^Usage: nurture invoke FUNCTION EVENT_FILE/);
    });
  });
});
