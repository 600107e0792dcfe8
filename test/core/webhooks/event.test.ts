import { describe, expect, it } from 'vitest';
import {
  contactIdOf,
  eventKey,
  WebhookEventSchema,
} from '#shared/core/webhooks/event.ts';
import {
  contactChangeOf,
  ContactEventMessageSchema,
  hubspotEventMessage,
} from '#shared/core/webhooks/messages.ts';
import { loadWebhookBatch } from '../../helpers/events.ts';

function sample(name: string) {
  const [event] = loadWebhookBatch(name);
  return WebhookEventSchema.parse(event);
}

describe('eventKey', () => {
  it('joins portal, subscription and event id', () => {
    expect(eventKey(sample('contact-creation'))).toBe('9100001:101:7000001');
  });

  it('differs for the same event id under another subscription', () => {
    const event = sample('contact-creation');

    expect(eventKey({ ...event, subscriptionId: 102 })).not.toBe(
      eventKey(event),
    );
  });
});

describe('contactIdOf', () => {
  it('returns the object id of a property change', () => {
    expect(contactIdOf(sample('contact-property-change-fit'))).toBe('1001');
  });

  it('returns the surviving contact of a merge', () => {
    const merge = sample('contact-merge');

    expect(contactIdOf({ ...merge, objectId: 1002 })).toBe('1001');
  });
});

describe('hubspotEventMessage', () => {
  it('groups messages per contact and deduplicates by event key', () => {
    const event = sample('contact-property-change-counter');

    const message = hubspotEventMessage(event, 1_796_119_300_000);

    expect(message.groupId).toBe('9100001:1001');
    expect(message.deduplicationId).toBe('9100001:202:7000003');
  });

  it('gives a redelivery with a higher attempt number the same deduplication id', () => {
    const event = sample('contact-property-change-counter');

    const first = hubspotEventMessage(event, 1);
    const retry = hubspotEventMessage({ ...event, attemptNumber: 3 }, 2);

    expect(retry.deduplicationId).toBe(first.deduplicationId);
  });

  it('puts a merge in the message group of the surviving contact', () => {
    const merge = sample('contact-merge');

    const message = hubspotEventMessage({ ...merge, objectId: 1002 }, 1);

    expect(message.groupId).toBe('9100001:1001');
  });

  it('writes a body the contact-events schema reads back', () => {
    const event = sample('contact-property-change-fit');

    const message = hubspotEventMessage(event, 1_796_119_300_000);

    expect(ContactEventMessageSchema.parse(JSON.parse(message.body))).toEqual({
      type: 'hubspot',
      event,
      receivedAt: 1_796_119_300_000,
    });
  });
});

describe('contactChangeOf', () => {
  it('keeps the fields the contact state uses', () => {
    const event = sample('contact-property-change-echo');

    expect(contactChangeOf(event)).toEqual({
      key: '9100001:203:7000004',
      subscriptionType: 'contact.propertyChange',
      occurredAt: event.occurredAt,
      propertyName: 'nurture_score',
      propertyValue: '42',
      changeSource: 'INTEGRATION',
      sourceId: '4242001',
    });
  });
});
