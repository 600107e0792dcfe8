import { describe, expect, it } from 'vitest';
import {
  MAX_BATCH_BYTES,
  MAX_EVENTS_PER_BATCH,
  validateBatch,
} from '#shared/core/webhooks/batch.ts';
import { loadWebhookBatch } from '../../helpers/events.ts';

function propertyChanges(
  count: number,
  value = 'Software',
): Record<string, unknown>[] {
  const [template] = loadWebhookBatch('contact-property-change-fit');
  return Array.from({ length: count }, (_, index) => ({
    ...template,
    eventId: 8_000_000 + index,
    propertyValue: value,
  }));
}

/** Validates a body that must be usable, and returns the split into accepted and rejected. */
function usableBatch(body: string) {
  const result = validateBatch(body);
  if (!result.ok)
    throw new Error(`expected a usable batch, got: ${result.reason}`);
  return result;
}

/** Validates a body that must be refused, and returns the reason. */
function refusalReason(body: string): string {
  const result = validateBatch(body);
  if (result.ok) throw new Error('expected the body to be refused');
  return result.reason;
}

describe('validateBatch', () => {
  it('accepts every event of a valid batch', () => {
    const body = JSON.stringify([
      ...loadWebhookBatch('contact-creation'),
      ...loadWebhookBatch('contact-property-change-fit'),
    ]);

    const result = usableBatch(body);

    expect(result.rejected).toEqual([]);
    expect(result.accepted.map((event) => event.eventId)).toEqual([
      7000001, 7000002,
    ]);
  });

  it('accepts a batch of exactly 100 events', () => {
    const result = usableBatch(
      JSON.stringify(propertyChanges(MAX_EVENTS_PER_BATCH)),
    );

    expect(result.accepted).toHaveLength(MAX_EVENTS_PER_BATCH);
  });

  it('accepts an empty batch', () => {
    expect(validateBatch('[]')).toEqual({
      ok: true,
      accepted: [],
      rejected: [],
    });
  });

  describe('when the body is unusable', () => {
    it('rejects malformed JSON with the parser message', () => {
      const reason = refusalReason('[{"eventId": 1,');

      expect(reason).toMatch(/^body is not valid JSON: /);
    });

    it.each([
      ['an object', '{"eventId":1}'],
      ['null', 'null'],
      ['a string', '"[]"'],
      ['a number', '42'],
    ])('rejects a body that is %s', (kind, body) => {
      expect(validateBatch(body)).toEqual({
        ok: false,
        status: 400,
        reason: `body must be a JSON array of events, got ${kind}`,
      });
    });

    it('rejects 101 events', () => {
      const result = validateBatch(JSON.stringify(propertyChanges(101)));

      expect(result).toEqual({
        ok: false,
        status: 400,
        reason: 'batch has 101 events; HubSpot sends at most 100',
      });
    });

    it('rejects a body over the size limit before parsing it', () => {
      const body = JSON.stringify(propertyChanges(100, 'x'.repeat(11_000)));
      expect(Buffer.byteLength(body)).toBeGreaterThan(MAX_BATCH_BYTES);

      const result = validateBatch(body);

      expect(result).toEqual({
        ok: false,
        status: 400,
        reason: `body is ${Buffer.byteLength(body)} bytes; the limit is ${MAX_BATCH_BYTES}`,
      });
    });

    it('counts the size in UTF-8 bytes, not characters', () => {
      const character = '\u00e9';
      const body = `"${character.repeat(MAX_BATCH_BYTES / 2)}"`;
      expect(body.length).toBeLessThan(MAX_BATCH_BYTES);

      const reason = refusalReason(body);

      expect(reason).toMatch(/^body is \d+ bytes/);
    });
  });

  describe('when some events are invalid', () => {
    it('keeps the valid events and names the invalid one by index', () => {
      const [first, second] = propertyChanges(2);
      const invalid = { ...first, eventId: 'seven', objectId: -3 };

      const result = usableBatch(JSON.stringify([first, invalid, second]));

      expect(result.accepted.map((event) => event.eventId)).toEqual([
        8_000_000, 8_000_001,
      ]);
      expect(result.rejected).toEqual([
        {
          index: 1,
          reason: expect.stringMatching(/^eventId: .*; objectId: /),
          raw: invalid,
        },
      ]);
    });

    it('rejects a property change without a property name', () => {
      const [event] = propertyChanges(1);
      delete event!.propertyName;

      const result = usableBatch(JSON.stringify([event]));

      expect(result.rejected[0]?.reason).toBe(
        'propertyName: missing on a contact.propertyChange event',
      );
    });

    it('rejects an event without a subscription type', () => {
      const [event] = propertyChanges(1);
      delete event!.subscriptionType;

      const result = usableBatch(JSON.stringify([event]));

      expect(result.rejected[0]?.reason).toMatch(
        /^subscriptionType: missing; expected one of contact\.creation, /,
      );
    });

    it('rejects a subscription type for another object', () => {
      const [event] = propertyChanges(1);

      const result = usableBatch(
        JSON.stringify([{ ...event, subscriptionType: 'deal.creation' }]),
      );

      expect(result.rejected[0]?.reason).toMatch(/^subscriptionType: /);
    });

    it.each([null, 7, 'event', []])('rejects %j as an event', (raw) => {
      const result = usableBatch(JSON.stringify([raw]));

      expect(result.rejected).toEqual([
        { index: 0, reason: expect.any(String), raw },
      ]);
    });
  });

  describe('when HubSpot uses other field spellings', () => {
    it('reads the older eventType key as the subscription type', () => {
      const [event] = propertyChanges(1);
      const { subscriptionType, ...rest } = event!;

      const result = usableBatch(
        JSON.stringify([{ ...rest, eventType: subscriptionType }]),
      );

      expect(result.accepted[0]?.subscriptionType).toBe(
        'contact.propertyChange',
      );
      expect(result.accepted[0]).not.toHaveProperty('eventType');
    });

    it('reads the fields of an association change', () => {
      const [event] = loadWebhookBatch('contact-association-change');

      const result = usableBatch(JSON.stringify([event]));

      expect(result.accepted[0]).toMatchObject({
        associationType: 'CONTACT_TO_COMPANY',
        toObjectId: 5001,
      });
    });

    it('rejects an association flag that is not a boolean', () => {
      const [event] = loadWebhookBatch('contact-association-change');

      const result = usableBatch(
        JSON.stringify([{ ...event, associationRemoved: 'false' }]),
      );

      expect(result.rejected.map((rejected) => rejected.reason)).toEqual([
        'associationRemoved: Invalid input: expected boolean, received string',
      ]);
    });

    it('keeps fields it does not know', () => {
      const [event] = propertyChanges(1);

      const result = usableBatch(
        JSON.stringify([{ ...event, objectTypeId: '0-1' }]),
      );

      expect(result.accepted[0]).toMatchObject({ objectTypeId: '0-1' });
    });
  });
});
