import { z } from 'zod';
import { PropertyConditionSchema } from './conditions.ts';

/** A validation (fit) criterion: a property condition worth some points. */
export const FitCriterionSchema = z.strictObject({
  id: z
    .string()
    .regex(/^[a-z0-9][a-z0-9_-]*$/, 'lower-case letters, digits, _ and -'),
  label: z.string().optional(),
  when: PropertyConditionSchema,
  /** Points added when the condition holds; negative points subtract. */
  points: z.number().int(),
  /** A contact must meet every required criterion to become an MQL. */
  requiredForMql: z.boolean().default(false),
});
export type FitCriterion = z.infer<typeof FitCriterionSchema>;

/** Kinds of interaction (engagement) the scoring core counts. */
export const INTERACTION_KINDS = [
  'visit',
  'pageView',
  'keyPageView',
  'formSubmission',
  'download',
  'contactRequest',
  'emailOpen',
  'emailClick',
  'timeOnSite',
  'unsubscribe',
  'hardBounce',
  'disqualifier',
] as const;
export const InteractionKindSchema = z.enum(INTERACTION_KINDS);
export type InteractionKind = z.infer<typeof InteractionKindSchema>;

export const InteractionWeightSchema = z.strictObject({
  /** Points per event; for `timeOnSite`, points per minute. */
  points: z.number(),
  /**
   * Maximum points this kind contributes, counted before decay: the most recent
   * events fill the cap and only then decay. Negative kinds cap the penalty.
   */
  cap: z.number().positive().optional(),
});
export type InteractionWeight = z.infer<typeof InteractionWeightSchema>;

/** A page whose visit counts as `keyPageView` (pricing, demo, ...). */
export const KeyPageSchema = z.strictObject({
  id: z.string().min(1),
  urlContains: z.string().min(1),
  points: z.number(),
  /** Visiting this page signals the decision stage. */
  decisionSignal: z.boolean().default(false),
});
export type KeyPage = z.infer<typeof KeyPageSchema>;

export const EngagementSchema = z.strictObject({
  /** Days after which an interaction counts half; omit for no decay. */
  halfLifeDays: z.number().positive().optional(),
  weights: z.partialRecord(InteractionKindSchema, InteractionWeightSchema),
  keyPages: z.array(KeyPageSchema).default([]),
  /** Property conditions that add the `disqualifier` interaction, for example a competitor domain. */
  disqualifiers: z
    .array(
      z.strictObject({ id: z.string().min(1), when: PropertyConditionSchema }),
    )
    .default([]),
  /**
   * Form names (HubSpot `recent_conversion_event_name`) whose submission is a
   * contact request, for example "Contact us" or a demo request form.
   */
  contactRequestForms: z.array(z.string().min(1)).default([]),
});
export type Engagement = z.infer<typeof EngagementSchema>;

export const ThresholdsSchema = z.strictObject({
  /** Fit score at or above which a contact that meets every required criterion is an MQL. */
  mqlFit: z.number(),
  /** Engagement score at or above which an MQL is an SQL. */
  sqlEngagement: z.number(),
  /**
   * Total score (fit + engagement) an MQL also needs to be an SQL, when set,
   * so a strong fit can make up for less engagement and the reverse.
   */
  sqlTotal: z.number().optional(),
});
export type Thresholds = z.infer<typeof ThresholdsSchema>;
