import { describe, expect, it } from 'vitest';
import {
  checkSendAllowed,
  type SendCheckContact,
} from '#shared/core/email/send-allowed.ts';

const NOW = Date.parse('2026-12-02T09:00:00Z');
const DAY_MS = 86_400_000;
const SETTINGS = {
  optOutProperties: ['hs_email_optout'],
  frequencyCap: { emails: 2, days: 7 },
};

function contact(overrides: Partial<SendCheckContact> = {}): SendCheckContact {
  return {
    properties: { email: 'lead-002@example.com' },
    interactions: [],
    ...overrides,
  };
}

describe('checkSendAllowed', () => {
  it('allows a contact with an address and no suppression', () => {
    expect(checkSendAllowed(contact(), SETTINGS, NOW)).toEqual({
      allowed: true,
    });
  });

  describe('when the contact may receive no email', () => {
    const cases: [string, SendCheckContact, string][] = [
      ['no address', contact({ properties: {} }), 'noEmailAddress'],
      [
        'an opt-out',
        contact({
          properties: {
            email: 'lead-002@example.com',
            hs_email_optout: 'true',
          },
        }),
        'optedOut',
      ],
      [
        'an unsubscribe',
        contact({
          interactions: [
            {
              id: 'u-1',
              kind: 'unsubscribe',
              occurredAt: NOW - 60_000,
              quantity: 1,
            },
          ],
        }),
        'unsubscribed',
      ],
      [
        'a hard bounce',
        contact({ suppressions: [{ reason: 'hardBounce', at: NOW - DAY_MS }] }),
        'hardBounce',
      ],
      [
        'a complaint',
        contact({ suppressions: [{ reason: 'complaint', at: NOW - DAY_MS }] }),
        'complaint',
      ],
    ];

    it.each(cases)('rejects %s', (_name, input, reason) => {
      expect(checkSendAllowed(input, SETTINGS, NOW)).toEqual({
        allowed: false,
        reason,
      });
    });
  });

  describe('when the frequency cap is reached', () => {
    it('rejects until the oldest counted email leaves the period', () => {
      const sent = contact({
        emailsSentAt: [NOW - 8 * DAY_MS, NOW - 5 * DAY_MS, NOW - DAY_MS],
      });

      const decision = checkSendAllowed(sent, SETTINGS, NOW);

      expect(decision).toEqual({
        allowed: false,
        reason: 'frequencyCap',
        retryAt: NOW + 2 * DAY_MS,
      });
    });

    it('allows the send once that time has come', () => {
      const sent = contact({ emailsSentAt: [NOW - 5 * DAY_MS, NOW - DAY_MS] });

      expect(checkSendAllowed(sent, SETTINGS, NOW + 2 * DAY_MS)).toEqual({
        allowed: true,
      });
    });
  });
});
