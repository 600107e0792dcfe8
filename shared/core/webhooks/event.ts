import { z } from 'zod';

/** Contact subscription types Nurture accepts from HubSpot's webhooks API (v3). */
export const CONTACT_SUBSCRIPTION_TYPES = [
  'contact.creation',
  'contact.propertyChange',
  'contact.deletion',
  'contact.merge',
  'contact.restore',
  'contact.privacyDeletion',
  'contact.associationChange',
] as const;

const IdSchema = z.number().int().positive();

/**
 * One event of a HubSpot webhook batch. Older documentation names the type `eventType`; both
 * spellings are accepted and the result always has `subscriptionType`. Unknown extra fields
 * are kept, because HubSpot adds fields without notice.
 */
export const WebhookEventSchema = z
  .looseObject({
    eventId: IdSchema,
    subscriptionId: IdSchema,
    portalId: IdSchema,
    appId: IdSchema,
    occurredAt: z.number().int().positive(),
    subscriptionType: z.enum(CONTACT_SUBSCRIPTION_TYPES).optional(),
    eventType: z.enum(CONTACT_SUBSCRIPTION_TYPES).optional(),
    attemptNumber: z.number().int().min(0),
    objectId: IdSchema,
    propertyName: z.string().min(1).optional(),
    propertyValue: z.string().optional(),
    changeSource: z.string().optional(),
    sourceId: z.string().optional(),
    changeFlag: z.string().optional(),
    primaryObjectId: IdSchema.optional(),
    mergedObjectIds: z.array(IdSchema).optional(),
    newObjectId: IdSchema.optional(),
    numberOfPropertiesMoved: z.number().int().optional(),
    associationType: z.string().optional(),
    fromObjectId: IdSchema.optional(),
    toObjectId: IdSchema.optional(),
    associationRemoved: z.boolean().optional(),
    isPrimaryAssociation: z.boolean().optional(),
  })
  .superRefine((event, context) => {
    if (event.subscriptionType === undefined && event.eventType === undefined) {
      context.addIssue({
        code: 'custom',
        path: ['subscriptionType'],
        message: `missing; expected one of ${CONTACT_SUBSCRIPTION_TYPES.join(', ')}`,
      });
    }
    const type = event.subscriptionType ?? event.eventType;
    if (type === 'contact.propertyChange' && event.propertyName === undefined) {
      context.addIssue({
        code: 'custom',
        path: ['propertyName'],
        message: 'missing on a contact.propertyChange event',
      });
    }
  })
  .transform(({ eventType, ...event }) => ({
    ...event,
    subscriptionType: (event.subscriptionType ?? eventType)!,
  }));
export type WebhookEvent = z.output<typeof WebhookEventSchema>;

/** The deduplication key: HubSpot documents the event id alone as not unique. */
export function eventKey(
  event: Pick<WebhookEvent, 'portalId' | 'subscriptionId' | 'eventId'>,
): string {
  return `${event.portalId}:${event.subscriptionId}:${event.eventId}`;
}

/** The contact whose state the event changes; for a merge, the contact that survives. */
export function contactIdOf(event: WebhookEvent): string {
  if (event.subscriptionType === 'contact.merge') {
    return String(event.primaryObjectId ?? event.newObjectId ?? event.objectId);
  }
  return String(event.objectId);
}
