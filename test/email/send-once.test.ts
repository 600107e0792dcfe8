import { randomUUID } from 'node:crypto';
import { inject, describe, expect, it } from 'vitest';
import { SesMailer } from '#shared/email/ses-mailer.ts';
import type { OutgoingEmail, SendResult } from '#shared/email/mailer.ts';
import { MemorySendLedger, sendOnce } from '#shared/email/send-once.ts';
import { localSesClient, storedEmailsTo } from './ses-local.ts';

const endpoint = inject('sesEndpoint');
const NOW = Date.parse('2026-12-02T09:00:00Z');

function emailTo(to: string, actionKey: string): OutgoingEmail {
  return {
    actionKey,
    to,
    subject: 'Five reporting pitfalls',
    html: '<p>Hello</p>',
    text: 'Hello',
    headers: {},
  };
}

/** A ledger whose `record` fails, like a tick that crashes after sending. */
class CrashingLedger extends MemorySendLedger {
  crash = true;

  override async record(actionKey: string, result: SendResult): Promise<void> {
    if (this.crash) throw new Error('tick crashed before recording');
    await super.record(actionKey, result);
  }
}

describe('sendOnce', () => {
  const mailer = new SesMailer(localSesClient(endpoint), {
    from: 'nurture@demo.example',
  });

  describe('when an action key is sent twice', () => {
    it('sends one email', async () => {
      const to = `lead-${randomUUID()}@example.com`;
      const ledger = new MemorySendLedger();

      const first = await sendOnce(mailer, ledger, emailTo(to, 'k/0/0'), NOW);
      const retry = await sendOnce(
        mailer,
        ledger,
        emailTo(to, 'k/0/0'),
        NOW + 1,
      );

      expect(first.status).toBe('sent');
      expect(retry.status).toBe('duplicate');
      expect(await storedEmailsTo(endpoint, to)).toHaveLength(1);
    });
  });

  describe('when the tick crashes after sending and before recording', () => {
    it('does not send again on the retry', async () => {
      const to = `lead-${randomUUID()}@example.com`;
      const ledger = new CrashingLedger();

      await expect(
        sendOnce(mailer, ledger, emailTo(to, 'k/1/0'), NOW),
      ).rejects.toThrow('tick crashed');
      ledger.crash = false;
      const retry = await sendOnce(
        mailer,
        ledger,
        emailTo(to, 'k/1/0'),
        NOW + 1,
      );

      expect(retry.status).toBe('duplicate');
      expect(await storedEmailsTo(endpoint, to)).toHaveLength(1);
    });
  });

  describe('when the next step has its own key', () => {
    it('sends it', async () => {
      const to = `lead-${randomUUID()}@example.com`;
      const ledger = new MemorySendLedger();

      await sendOnce(mailer, ledger, emailTo(to, 'k/2/0'), NOW);
      await sendOnce(mailer, ledger, emailTo(to, 'k/3/0'), NOW);

      expect(await storedEmailsTo(endpoint, to)).toHaveLength(2);
    });
  });
});
