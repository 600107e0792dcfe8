import { z } from 'zod';
import { InteractionEventSchema } from '../contact.ts';
import type { ContactChange } from '../pipeline/apply-event.ts';
import {
  contactIdOf,
  eventKey,
  WebhookEventSchema,
  type WebhookEvent,
} from './event.ts';

/** Keeps one message well under SQS's 256 KB limit (an interaction is about 150 bytes). */
export const MAX_INTERACTIONS_PER_MESSAGE = 500;

/** A message on the contact-events queue: a HubSpot webhook event, or an interaction from elsewhere. */
export const ContactEventMessageSchema = z.discriminatedUnion('type', [
  z.strictObject({
    type: z.literal('hubspot'),
    event: WebhookEventSchema,
    receivedAt: z.number().int(),
  }),
  z.strictObject({
    type: z.literal('properties'),
    portalId: z.number().int().positive(),
    contactId: z.string().min(1),
    /** Property values read from HubSpot; absent when HubSpot no longer has the contact. */
    values: z.record(z.string(), z.string().nullable()).optional(),
    readAt: z.number().int(),
  }),
  z.strictObject({
    type: z.literal('interaction'),
    portalId: z.number().int().positive(),
    contactId: z.string().min(1),
    interaction: InteractionEventSchema,
  }),
  z.strictObject({
    type: z.literal('interactions'),
    portalId: z.number().int().positive(),
    contactId: z.string().min(1),
    /** A contact's interaction history in one message (a replay of a CSV export). */
    interactions: z
      .array(InteractionEventSchema)
      .min(1)
      .max(MAX_INTERACTIONS_PER_MESSAGE),
  }),
]);
export type ContactEventMessage = z.output<typeof ContactEventMessageSchema>;

/** A queue message with the fields SQS FIFO needs. */
export interface OutgoingMessage {
  body: string;
  /** One message group per contact keeps a contact's events in order. */
  groupId: string;
  deduplicationId: string;
}

export function hubspotEventMessage(
  event: WebhookEvent,
  receivedAt: number,
): OutgoingMessage {
  const message: ContactEventMessage = { type: 'hubspot', event, receivedAt };
  return {
    body: JSON.stringify(message),
    groupId: `${event.portalId}:${contactIdOf(event)}`,
    deduplicationId: eventKey(event),
  };
}

export function interactionMessage(
  portalId: number,
  contactId: string,
  interaction: z.input<typeof InteractionEventSchema>,
): OutgoingMessage {
  const message = {
    type: 'interaction' as const,
    portalId,
    contactId,
    interaction,
  };
  return {
    body: JSON.stringify(message),
    groupId: `${portalId}:${contactId}`,
    deduplicationId: `${portalId}:interaction:${interaction.id}`,
  };
}

/** Several interactions of one contact in one message; the caller keeps to the size limit. */
export function interactionsMessage(
  portalId: number,
  contactId: string,
  interactions: z.input<typeof InteractionEventSchema>[],
): OutgoingMessage {
  const message = {
    type: 'interactions' as const,
    portalId,
    contactId,
    interactions,
  };
  return {
    body: JSON.stringify(message),
    groupId: `${portalId}:${contactId}`,
    deduplicationId: `${portalId}:interactions:${contactId}:${interactions[0]?.id ?? ''}:${interactions.length}`,
  };
}

/** Property values of one contact read from HubSpot, handed back to the contact's message group. */
export function propertiesMessage(
  portalId: number,
  contactId: string,
  values: Record<string, string | null> | undefined,
  readAt: number,
): OutgoingMessage {
  const message: ContactEventMessage = {
    type: 'properties',
    portalId,
    contactId,
    values,
    readAt,
  };
  return {
    body: JSON.stringify(message),
    groupId: `${portalId}:${contactId}`,
    deduplicationId: `${portalId}:read:${contactId}:${readAt}`,
  };
}

/** Converts a webhook event into the contact change the contact state applies. */
export function contactChangeOf(event: WebhookEvent): ContactChange {
  return {
    key: eventKey(event),
    subscriptionType: event.subscriptionType,
    occurredAt: event.occurredAt,
    propertyName: event.propertyName,
    propertyValue: event.propertyValue,
    changeSource: event.changeSource,
    sourceId: event.sourceId,
  };
}
