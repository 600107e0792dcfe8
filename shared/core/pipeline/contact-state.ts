import { z } from 'zod';
import { PropertyObservationSchema } from '../signals/observations.ts';
import {
  InteractionEventSchema,
  PropertyValueSchema,
  ScoreSchema,
} from '../contact.ts';

export const LedgerEntrySchema = z.strictObject({
  at: z.number().int(),
  eventId: z.string(),
  configVersion: z.string(),
  total: z.number(),
  qualification: z.string(),
  summary: z.string(),
});
export type LedgerEntry = z.infer<typeof LedgerEntrySchema>;

/**
 * Nurture's record of one contact. Every field is built so that applying the same event
 * twice, or events in another order, ends in the same state: property values keep the newest
 * `occurredAt`, observations and interactions are keyed by event id.
 */
export const ContactStateSchema = z.strictObject({
  portalId: z.number().int(),
  contactId: z.string(),
  /** Optimistic-locking version; 0 for a contact not stored yet. */
  version: z.number().int().min(0),
  properties: z.record(z.string(), PropertyValueSchema),
  /** Engagement counter and marker histories, by property name. */
  observations: z.record(z.string(), z.array(PropertyObservationSchema)),
  /** Interactions that reach Nurture directly: SES opens and clicks, replays. */
  interactions: z.array(InteractionEventSchema),
  /** Keys of the last events applied, so a redelivery is recognised without another request. */
  recentEventKeys: z.array(z.string()),
  score: ScoreSchema.optional(),
  /** Values Nurture last sent to HubSpot, to write only changes and to recognise echoes. */
  written: z.record(z.string(), z.string()),
  ledger: z.array(LedgerEntrySchema),
  /** When the contact's properties were last read from HubSpot; unset until the first read. */
  readAt: z.number().int().optional(),
  /** When a HubSpot read was last requested, so events before it arrives do not request again. */
  readRequestedAt: z.number().int().optional(),
  deleted: z.boolean().optional(),
  privacyDeleted: z.boolean().optional(),
  mergedInto: z.string().optional(),
  channel: z.string().optional(),
  createdAt: z.number().int().optional(),
  updatedAt: z.number().int(),
});
export type ContactState = z.infer<typeof ContactStateSchema>;

/** Limits that keep one contact item far below DynamoDB's 400 KB item size. */
export const STATE_LIMITS = {
  recentEventKeys: 400,
  ledger: 20,
  observationsPerProperty: 200,
  interactions: 500,
} as const;

export function emptyContactState(
  portalId: number,
  contactId: string,
  now: number,
): ContactState {
  return {
    portalId,
    contactId,
    version: 0,
    properties: {},
    observations: {},
    interactions: [],
    recentEventKeys: [],
    written: {},
    ledger: [],
    updatedAt: now,
  };
}
