import { randomUUID } from 'node:crypto';
import { inject, describe, expect, it } from 'vitest';
import { SesMailer } from '#shared/email/ses-mailer.ts';
import type { OutgoingEmail } from '#shared/email/mailer.ts';
import { localSesClient, storedEmailsTo } from './ses-local.ts';

const endpoint = inject('sesEndpoint');

function emailTo(to: string): OutgoingEmail {
  return {
    actionKey: 'welcome:1:501:1796115600000/0/0',
    to,
    subject: 'A guide for your team',
    html: '<p>Hi there,</p>',
    text: 'Hi there,',
    headers: {
      'List-Unsubscribe': '<https://demo.example/u?token=abc>',
      'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click',
    },
    tags: { contact: '501', workflow: 'welcome', version: '1' },
  };
}

describe('SesMailer', () => {
  describe('when SES accepts the email', () => {
    it('sends subject, both bodies and the headers', async () => {
      const to = `lead-${randomUUID()}@example.com`;
      const mailer = new SesMailer(localSesClient(endpoint), {
        from: 'nurture@demo.example',
        configurationSet: 'nurture-demo',
      });

      const result = await mailer.send(emailTo(to));
      const stored = await storedEmailsTo(endpoint, to);

      expect(result.status).toBe('sent');
      expect(stored).toHaveLength(1);
      expect(stored[0]?.from).toBe('nurture@demo.example');
      expect(stored[0]?.subject).toBe('A guide for your team');
      expect(stored[0]?.body.html).toBe('<p>Hi there,</p>');
      expect(stored[0]?.body.text).toBe('Hi there,');
      expect(stored[0]?.headers).toContainEqual({
        name: 'List-Unsubscribe-Post',
        value: 'List-Unsubscribe=One-Click',
      });
      if (result.status === 'sent') {
        expect(result.messageId).toBe(stored[0]?.messageId);
      }
    });
  });
});
