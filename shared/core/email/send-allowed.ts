import type { ClientConfig } from '../config/client.ts';
import type { InteractionEvent } from '../contact.ts';
import type { PropertyValues } from '../scoring/conditions.ts';
import { normalizePropertyValue } from '../scoring/text.ts';

const DAY_MS = 86_400_000;

/** Reason an email must not go to a contact at all. */
export type SuppressionReason =
  'noEmailAddress' | 'optedOut' | 'unsubscribed' | 'hardBounce' | 'complaint';

/** A bounce or complaint recorded from an SES event. */
export interface Suppression {
  reason: 'hardBounce' | 'complaint';
  /** Milliseconds since the epoch. */
  at: number;
}

/** The contact fields the send check reads, as they are at the moment of sending. */
export interface SendCheckContact {
  properties: PropertyValues;
  interactions: readonly InteractionEvent[];
  suppressions?: readonly Suppression[];
  /** When Nurture emails went to this contact (ms since the epoch), for the frequency cap. */
  emailsSentAt?: readonly number[];
}

export type SendDecision =
  | { allowed: true }
  | { allowed: false; reason: SuppressionReason }
  /** Over the frequency cap until `retryAt`, when the oldest counted email leaves the period. */
  | { allowed: false; reason: 'frequencyCap'; retryAt: number };

export type SendSettings = Pick<
  ClientConfig['email'],
  'optOutProperties' | 'frequencyCap'
>;

/**
 * Decides whether a Nurture email may go to the contact now. Call it right
 * before each send, not when the step was planned, so an opt-out that arrived
 * in between stops the email.
 */
export function checkSendAllowed(
  contact: SendCheckContact,
  settings: SendSettings,
  now: number,
): SendDecision {
  const reason = suppressionOf(contact, settings);
  if (reason !== undefined) return { allowed: false, reason };

  const periodMs = settings.frequencyCap.days * DAY_MS;
  const counted = (contact.emailsSentAt ?? [])
    .filter((sentAt) => sentAt <= now && sentAt > now - periodMs)
    .sort((a, b) => a - b);
  if (counted.length < settings.frequencyCap.emails) return { allowed: true };
  // The cap frees one place when the oldest email that keeps it full leaves the period.
  const oldestBlocking =
    counted[counted.length - settings.frequencyCap.emails] ?? now;
  return {
    allowed: false,
    reason: 'frequencyCap',
    retryAt: oldestBlocking + periodMs,
  };
}

/** Returns why the contact may receive no email at all, or undefined when it may. */
export function suppressionOf(
  contact: SendCheckContact,
  settings: Pick<SendSettings, 'optOutProperties'>,
): SuppressionReason | undefined {
  if (normalizePropertyValue(contact.properties.email) === undefined) {
    return 'noEmailAddress';
  }
  const optedOut = settings.optOutProperties.some(
    (property) =>
      normalizePropertyValue(contact.properties[property]) === 'true',
  );
  if (optedOut) return 'optedOut';
  if (contact.interactions.some((event) => event.kind === 'unsubscribe')) {
    return 'unsubscribed';
  }
  const bounced =
    contact.interactions.some((event) => event.kind === 'hardBounce') ||
    contact.suppressions?.some((entry) => entry.reason === 'hardBounce');
  if (bounced) return 'hardBounce';
  if (contact.suppressions?.some((entry) => entry.reason === 'complaint')) {
    return 'complaint';
  }
  return undefined;
}
