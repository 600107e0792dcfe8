import {
  MessageRejected,
  SendEmailCommand,
  SESv2Client,
  TooManyRequestsException,
} from '@aws-sdk/client-sesv2';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, describe, expect, it } from 'vitest';
import {
  RetryableMailError,
  type OutgoingEmail,
} from '#shared/email/mailer.ts';
import { MemorySendLedger, sendOnce } from '#shared/email/send-once.ts';
import { SesMailer } from '#shared/email/ses-mailer.ts';

const ses = mockClient(SESv2Client);
const NOW = Date.parse('2026-12-02T09:00:00Z');
const EMAIL: OutgoingEmail = {
  actionKey: 'welcome:1:501:1796115600000/0/0',
  to: 'lead-003@example.com',
  subject: 'Subject',
  html: '<p>Body</p>',
  text: 'Body',
  headers: {},
  tags: { contact: '501', workflow: 'welcome' },
};

function mailer(): SesMailer {
  return new SesMailer(new SESv2Client({ region: 'eu-west-1' }), {
    from: 'nurture@demo.example',
    configurationSet: 'nurture-demo',
  });
}

function serviceError(name: string, httpStatusCode: number): Error {
  return Object.assign(new Error(`${name} from SES`), {
    name,
    $fault: httpStatusCode >= 500 ? 'server' : 'client',
    $metadata: { httpStatusCode },
  });
}

afterEach(() => {
  ses.reset();
});

describe('SesMailer', () => {
  it('attaches the configuration set and safe tags', async () => {
    ses.on(SendEmailCommand).resolves({ MessageId: 'message-1' });

    await mailer().send(EMAIL);
    const input = ses.commandCalls(SendEmailCommand)[0]?.args[0].input;

    expect(input?.ConfigurationSetName).toBe('nurture-demo');
    expect(input?.EmailTags).toContainEqual({
      Name: 'action',
      Value: 'welcome_1_501_1796115600000_0_0',
    });
  });

  describe('when SES throttles', () => {
    it('throws a retryable error', async () => {
      ses.on(SendEmailCommand).rejects(
        new TooManyRequestsException({
          message: 'Maximum sending rate exceeded',
          $metadata: {},
        }),
      );

      await expect(mailer().send(EMAIL)).rejects.toThrow(RetryableMailError);
    });
  });

  describe('when SES fails with a server error', () => {
    it('throws a retryable error', async () => {
      ses.on(SendEmailCommand).rejects(serviceError('InternalFailure', 500));

      await expect(mailer().send(EMAIL)).rejects.toThrow(RetryableMailError);
    });
  });

  describe('when the connection is reset', () => {
    it('throws a retryable error', async () => {
      ses
        .on(SendEmailCommand)
        .rejects(
          Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' }),
        );

      await expect(mailer().send(EMAIL)).rejects.toThrow(RetryableMailError);
    });
  });

  describe('when SES rejects the message', () => {
    it('returns a permanent rejection', async () => {
      ses.on(SendEmailCommand).rejects(
        new MessageRejected({
          message: 'Email address is not verified',
          $metadata: {},
        }),
      );

      const result = await mailer().send(EMAIL);

      expect(result).toEqual({
        status: 'rejected',
        code: 'MessageRejected',
        message: 'Email address is not verified',
      });
    });
  });

  describe('when the error does not come from SES', () => {
    it('re-throws it unchanged', async () => {
      const bug = new TypeError('cannot read properties of undefined');
      ses.on(SendEmailCommand).rejects(bug);

      await expect(mailer().send(EMAIL)).rejects.toBe(bug);
    });
  });
});

describe('sendOnce', () => {
  describe('when SES throttles and then accepts', () => {
    it('sends on the retry with the same action key', async () => {
      ses
        .on(SendEmailCommand)
        .rejectsOnce(
          new TooManyRequestsException({
            message: 'Maximum sending rate exceeded',
            $metadata: {},
          }),
        )
        .resolves({ MessageId: 'message-2' });
      const ledger = new MemorySendLedger();

      await expect(sendOnce(mailer(), ledger, EMAIL, NOW)).rejects.toThrow(
        RetryableMailError,
      );
      const retry = await sendOnce(mailer(), ledger, EMAIL, NOW + 1000);

      expect(retry).toEqual({ status: 'sent', messageId: 'message-2' });
      expect(ses.commandCalls(SendEmailCommand)).toHaveLength(2);
    });
  });

  describe('when SES rejects the message permanently', () => {
    it('records the rejection and does not send on a retry', async () => {
      ses
        .on(SendEmailCommand)
        .rejects(
          new MessageRejected({ message: 'Invalid content', $metadata: {} }),
        );
      const ledger = new MemorySendLedger();

      const first = await sendOnce(mailer(), ledger, EMAIL, NOW);
      const retry = await sendOnce(mailer(), ledger, EMAIL, NOW + 1000);

      expect(first.status).toBe('rejected');
      expect(ledger.entries.get(EMAIL.actionKey)?.result).toEqual(first);
      expect(retry.status).toBe('duplicate');
      expect(ses.commandCalls(SendEmailCommand)).toHaveLength(1);
    });
  });
});
