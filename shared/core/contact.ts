import { z } from 'zod';
import { JourneyStageSchema } from './config/content.ts';
import { InteractionKindSchema } from './config/scoring.ts';

/** One interaction (engagement signal) of a contact, as the scoring core counts it. */
export const InteractionEventSchema = z.strictObject({
  /** Id of the outside event this interaction came from; the same id never counts twice. */
  id: z.string().min(1),
  kind: InteractionKindSchema,
  /** Milliseconds since the epoch. */
  occurredAt: z.number().int(),
  /** How many of this kind the event stands for; minutes for `timeOnSite`. */
  quantity: z.number().positive().default(1),
  /** Key page id for `keyPageView`, content item id for views and downloads of content. */
  page: z.string().optional(),
  contentId: z.string().optional(),
  /** Disqualifier id for `disqualifier`. */
  disqualifier: z.string().optional(),
  /**
   * True when a HubSpot counter already scored this interaction: it marks the
   * content as consumed (journey stage, workflow checks) and adds no points.
   */
  countedByCounter: z.boolean().optional(),
});
export type InteractionEvent = z.infer<typeof InteractionEventSchema>;

/** A contact property value with the time of the change that set it. */
export const PropertyValueSchema = z.strictObject({
  value: z.string().nullable(),
  /** `occurredAt` of the change; an older change never overwrites a newer one. */
  updatedAt: z.number().int(),
  /** Key of the event that set the value; breaks ties between changes at the same instant. */
  eventKey: z.string().optional(),
});
export type PropertyValue = z.infer<typeof PropertyValueSchema>;

export const QUALIFICATIONS = ['lead', 'mql', 'sql'] as const;
export const QualificationSchema = z.enum(QUALIFICATIONS);
export type Qualification = z.infer<typeof QualificationSchema>;

/** One line of a score explanation. */
export const ScoreReasonSchema = z.strictObject({
  part: z.enum(['fit', 'engagement']),
  /** Fit criterion id or interaction kind (with key page or content id where it has one). */
  rule: z.string(),
  points: z.number(),
  detail: z.string().optional(),
  /** Number of interactions behind an engagement reason. */
  events: z.number().int().optional(),
  /** Engagement points before the cap and decay. */
  basePoints: z.number().optional(),
});
export type ScoreReason = z.infer<typeof ScoreReasonSchema>;

/** What the scoring core computes for one contact at one instant. */
export const ScoreSchema = z.strictObject({
  fit: z.number(),
  engagement: z.number(),
  total: z.number(),
  qualification: QualificationSchema,
  persona: z.string(),
  journeyStage: JourneyStageSchema,
  /** Fit properties with no value, so marketers know which form questions to ask next. */
  unknownFitFields: z.array(z.string()),
  /** Required fit criteria that are not met (false or unknown), in config order. */
  failedRequired: z.array(z.string()).optional(),
  /** How the persona was found: the question's answer, a fallback rule, or neither. */
  personaMatchedBy: z.enum(['answer', 'fallback', 'none']).optional(),
  reasons: z.array(ScoreReasonSchema),
  /** One line for the record's "last score reason" property. */
  summary: z.string(),
  scoredAt: z.number().int(),
});
export type Score = z.infer<typeof ScoreSchema>;

/** The input the scoring core needs: current property values and the interaction history. */
export interface ContactSnapshot {
  properties: Readonly<Record<string, string | null | undefined>>;
  interactions: readonly InteractionEvent[];
}
