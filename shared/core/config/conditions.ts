import { z } from 'zod';

/**
 * A test on one contact property, shared by fit criteria, persona fallbacks
 * and workflow checks. Values compare as trimmed, case-insensitive strings,
 * except `range`, which compares numbers.
 */
export const PropertyConditionSchema = z.discriminatedUnion('op', [
  z.strictObject({
    op: z.literal('equals'),
    property: z.string().min(1),
    value: z.string(),
  }),
  z.strictObject({
    op: z.literal('oneOf'),
    property: z.string().min(1),
    values: z.array(z.string()).min(1),
  }),
  z
    .strictObject({
      op: z.literal('range'),
      property: z.string().min(1),
      min: z.number().optional(),
      max: z.number().optional(),
    })
    .refine((c) => c.min !== undefined || c.max !== undefined, {
      message: 'a range needs min, max or both',
    }),
  z.strictObject({
    op: z.literal('contains'),
    property: z.string().min(1),
    value: z.string(),
  }),
  z.strictObject({ op: z.literal('known'), property: z.string().min(1) }),
  z.strictObject({ op: z.literal('unknown'), property: z.string().min(1) }),
]);
export type PropertyCondition = z.infer<typeof PropertyConditionSchema>;
