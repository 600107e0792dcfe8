import { describe, expect, it } from 'vitest';
import type { ContentItem } from '#shared/core/config/content.ts';
import { EmailRenderError, renderEmail } from '#shared/core/email/render.ts';
import { fillTokens, tokenNames } from '#shared/core/email/tokens.ts';

const ITEM: ContentItem = {
  id: 'guide-dashboards',
  title: "Dashboard buyer's guide",
  format: 'guide',
  stage: 'consideration',
  gated: false,
  email: {
    subject: '{{firstname|Hello}}, a guide for {{company|your team}}',
    html: '<p>Hi {{ firstname | there }},</p><a href="{{unsubscribe_url}}">Unsubscribe</a>',
    text: 'Hi {{firstname|there}},\nUnsubscribe: {{unsubscribe_url}}',
  },
};
const LINKS = {
  url: 'https://demo.example/unsubscribe?contact=501&token=abc',
  mailto: 'unsubscribe@demo.example',
};

describe('renderEmail', () => {
  describe('when the contact has the properties', () => {
    it('fills the tokens in subject, HTML and text', () => {
      const email = renderEmail(
        ITEM,
        { firstname: 'Sam', company: 'Acme' },
        LINKS,
      );

      expect(email.subject).toBe('Sam, a guide for Acme');
      expect(email.html).toContain('<p>Hi Sam,</p>');
      expect(email.text).toContain('Hi Sam,');
    });
  });

  describe('when a property is blank or missing', () => {
    it('uses the fallback', () => {
      const email = renderEmail(ITEM, { firstname: '  ' }, LINKS);

      expect(email.subject).toBe('Hello, a guide for your team');
      expect(email.html).toContain('<p>Hi there,</p>');
    });
  });

  describe('when a value contains HTML', () => {
    it('escapes it in the HTML part only', () => {
      const name = '<script>alert("x")</script> & Co';

      const email = renderEmail(ITEM, { firstname: name }, LINKS);

      expect(email.html).toContain(
        'Hi &lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; Co,',
      );
      expect(email.html).not.toContain('<script>');
      expect(email.text).toContain(`Hi ${name},`);
    });
  });

  describe('when a value contains a line break', () => {
    it('keeps the subject on one line', () => {
      const email = renderEmail(
        ITEM,
        { firstname: 'Sam\r\nBcc: x@example.com' },
        LINKS,
      );

      expect(email.subject).not.toMatch(/[\r\n]/);
    });
  });

  it('links the unsubscribe URL, escaped in HTML', () => {
    const email = renderEmail(ITEM, {}, LINKS);

    expect(email.html).toContain(
      'href="https://demo.example/unsubscribe?contact=501&amp;token=abc"',
    );
    expect(email.text).toContain(`Unsubscribe: ${LINKS.url}`);
  });

  it('sets the one-click unsubscribe headers', () => {
    const email = renderEmail(ITEM, {}, LINKS);

    expect(email.headers['List-Unsubscribe']).toBe(
      `<${LINKS.url}>, <mailto:unsubscribe@demo.example?subject=unsubscribe>`,
    );
    expect(email.headers['List-Unsubscribe-Post']).toBe(
      'List-Unsubscribe=One-Click',
    );
  });

  it('throws EmailRenderError for an item without an email', () => {
    const { email: _email, ...withoutEmail } = ITEM;

    expect(() => renderEmail(withoutEmail, {}, LINKS)).toThrow(
      EmailRenderError,
    );
  });
});

describe('fillTokens', () => {
  it('leaves a token without value or fallback empty', () => {
    expect(fillTokens('Dear {{lastname}}.', {})).toBe('Dear .');
  });

  it('leaves text that is not a token alone', () => {
    expect(fillTokens('{ {firstname} } {{}}', { firstname: 'Sam' })).toBe(
      '{ {firstname} } {{}}',
    );
  });
});

describe('tokenNames', () => {
  it('lists each token once', () => {
    expect(tokenNames(ITEM.email!.text)).toEqual([
      'firstname',
      'unsubscribe_url',
    ]);
  });
});
