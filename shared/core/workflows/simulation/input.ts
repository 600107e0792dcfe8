import { z } from 'zod';
import { JourneyStageSchema } from '../../config/content.ts';
import { InteractionKindSchema } from '../../config/scoring.ts';
import { QualificationSchema } from '../../contact.ts';

/** Days after the start of the dry run; fractions are parts of a day. */
const DaySchema = z.number().min(0);

/** One made-up contact for `nurture simulate`. */
export const SimulatedContactSchema = z.strictObject({
  /** Contact id; use made-up ids, never real ones. */
  id: z.string().min(1),
  /** HubSpot property values at the start, such as `email`, `buyer_role`, `lifecyclestage`. */
  properties: z.record(z.string(), z.string().nullable()).default({}),
  /** Interactions the contact will have, by day. */
  interactions: z
    .array(
      z.strictObject({
        day: DaySchema,
        kind: InteractionKindSchema,
        contentId: z.string().min(1).optional(),
        page: z.string().min(1).optional(),
        quantity: z.number().positive().default(1),
      }),
    )
    .default([]),
  /** Property changes by day, for example `hs_email_optout` becoming `true`. */
  changes: z
    .array(
      z.strictObject({
        day: DaySchema,
        property: z.string().min(1),
        value: z.string().nullable(),
      }),
    )
    .default([]),
  /** Score fields to use instead of the computed ones for the whole run. */
  score: z
    .strictObject({
      persona: z.string().min(1).optional(),
      qualification: QualificationSchema.optional(),
      journeyStage: JourneyStageSchema.optional(),
    })
    .optional(),
});
export type SimulatedContact = z.infer<typeof SimulatedContactSchema>;

/** The contacts file of `nurture simulate`: a JSON list of contacts. */
export const SimulatedContactsSchema = z.array(SimulatedContactSchema).min(1);
