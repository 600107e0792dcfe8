import { describe, expect, it } from 'vitest';
import {
  signUnsubscribeToken,
  unsubscribeUrlFor,
  verifyUnsubscribeToken,
} from '#shared/core/email/unsubscribe.ts';

const SECRET = 'test-unsubscribe-secret';

describe('unsubscribe tokens', () => {
  it('verifies a token for its own contact only', () => {
    const token = signUnsubscribeToken(SECRET, '501');

    expect(verifyUnsubscribeToken(SECRET, '501', token)).toBe(true);
    expect(verifyUnsubscribeToken(SECRET, '502', token)).toBe(false);
    expect(verifyUnsubscribeToken('other-secret', '501', token)).toBe(false);
  });

  it('fills the URL template, encoded', () => {
    const url = unsubscribeUrlFor(
      'https://demo.example/u?contact={contactId}&token={token}',
      '501',
      'a+b/c',
    );

    expect(url).toBe('https://demo.example/u?contact=501&token=a%2Bb%2Fc');
  });
});
