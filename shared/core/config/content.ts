import { z } from 'zod';

export const JOURNEY_STAGES = [
  'awareness',
  'consideration',
  'decision',
] as const;
export const JourneyStageSchema = z.enum(JOURNEY_STAGES);
export type JourneyStage = z.infer<typeof JourneyStageSchema>;

/** One item of the content map. */
export const ContentItemSchema = z.strictObject({
  id: z
    .string()
    .regex(/^[a-z0-9][a-z0-9_-]*$/, 'lower-case letters, digits, _ and -'),
  title: z.string().min(1),
  format: z.enum([
    'blog',
    'checklist',
    'guide',
    'whitepaper',
    'webinar',
    'casestudy',
    'demo',
    'pricing',
    'consultation',
    'video',
    'other',
  ]),
  stage: JourneyStageSchema,
  gated: z.boolean(),
  /** Where the item lives; a page view whose URL contains it counts as consuming the item. */
  url: z.string().min(1).optional(),
  /** The form whose submission (HubSpot `recent_conversion_event_name`) means a download. */
  formName: z.string().min(1).optional(),
  email: z
    .strictObject({
      subject: z.string().min(1),
      html: z.string().min(1),
      text: z.string().min(1),
    })
    .optional(),
});
export type ContentItem = z.infer<typeof ContentItemSchema>;
