import { loadWebhookBatch, type RawWebhookEvent } from './events.ts';

// Above the sandbox's own event ids (from 5,000,001), so hand-made events never collide with them.
let nextEventId = 60_000_000;

/** Copies the first event of an `events/hubspot/` sample with a fresh event id and the given fields. */
export function webhookEvent(
  sample: string,
  fields: Partial<RawWebhookEvent> = {},
): RawWebhookEvent {
  const [event] = loadWebhookBatch(sample);
  return { ...event!, eventId: nextEventId++, ...fields };
}

/** Builds a property change of one contact, made by a person in HubSpot. */
export function propertyChange(
  portalId: number,
  objectId: string | number,
  propertyName: string,
  propertyValue: string,
  occurredAt: number,
): RawWebhookEvent {
  return webhookEvent('contact-property-change-fit', {
    portalId,
    objectId: Number(objectId),
    propertyName,
    propertyValue,
    occurredAt,
  });
}
