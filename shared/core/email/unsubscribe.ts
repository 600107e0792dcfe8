import { createHmac, timingSafeEqual } from 'node:crypto';

/** Signs a contact id for its unsubscribe link, so a link cannot be guessed for another contact. */
export function signUnsubscribeToken(
  secret: string,
  contactId: string,
): string {
  return createHmac('sha256', secret)
    .update(`unsubscribe:${contactId}`)
    .digest('base64url');
}

/** Checks an unsubscribe token in constant time. */
export function verifyUnsubscribeToken(
  secret: string,
  contactId: string,
  token: string,
): boolean {
  const expected = Buffer.from(signUnsubscribeToken(secret, contactId));
  const received = Buffer.from(token);
  return (
    expected.length === received.length && timingSafeEqual(expected, received)
  );
}

/** Fills `{contactId}` and `{token}` in the configured unsubscribe URL, URL-encoded. */
export function unsubscribeUrlFor(
  template: string,
  contactId: string,
  token: string,
): string {
  return template
    .replaceAll('{contactId}', encodeURIComponent(contactId))
    .replaceAll('{token}', encodeURIComponent(token));
}
