import type { ContentItem } from '../config/content.ts';
import type { PropertyValues } from '../scoring/conditions.ts';
import { escapeHtml, fillTokens } from './tokens.ts';

/** An email ready for the mailer. */
export interface RenderedEmail {
  subject: string;
  html: string;
  text: string;
  /** Extra message headers, by name. */
  headers: Record<string, string>;
}

/** Unsubscribe targets for one recipient. */
export interface UnsubscribeLinks {
  /** The contact's one-click https URL, with its token filled in. */
  url: string;
  /** A mailbox for mail clients that unsubscribe by email. */
  mailto?: string;
}

/** Thrown when a content item cannot be rendered as an email. */
export class EmailRenderError extends Error {
  override name = 'EmailRenderError';
}

/**
 * Renders a content item's email for one contact: tokens such as
 * `{{firstname|there}}` filled in (HTML-escaped in the HTML part), the
 * `{{unsubscribe_url}}` token, and the `List-Unsubscribe` and
 * `List-Unsubscribe-Post` headers for one-click unsubscribe (RFC 8058).
 */
export function renderEmail(
  item: ContentItem,
  properties: PropertyValues,
  unsubscribe: UnsubscribeLinks,
): RenderedEmail {
  if (item.email === undefined) {
    throw new EmailRenderError(
      `Content item "${item.id}" has no email; add subject, html and text to it in the client config`,
    );
  }
  const values = { ...properties, unsubscribe_url: unsubscribe.url };
  const targets = [`<${unsubscribe.url}>`];
  if (unsubscribe.mailto !== undefined) {
    targets.push(`<mailto:${unsubscribe.mailto}?subject=unsubscribe>`);
  }
  return {
    subject: singleLine(fillTokens(item.email.subject, values)),
    html: fillTokens(item.email.html, values, escapeHtml),
    text: fillTokens(item.email.text, values),
    headers: {
      'List-Unsubscribe': targets.join(', '),
      'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click',
    },
  };
}

// A line break from a property value must not end the subject header early.
function singleLine(text: string): string {
  return text.replace(/[\r\n]+/g, ' ').trim();
}
