import { z } from 'zod';
import { PropertyConditionSchema } from './conditions.ts';

export const PersonaSchema = z.strictObject({
  id: z
    .string()
    .regex(/^[a-z0-9][a-z0-9_-]*$/, 'lower-case letters, digits, _ and -'),
  label: z.string().min(1),
  /** Answers to the persona question that select this persona (matched ignoring case and spacing). */
  answers: z.array(z.string()).default([]),
  traits: z
    .strictObject({
      /** Days to wait before Sales follows up (a persona that studies alone wants more). */
      followUpDelayDays: z.number().int().min(0).default(0),
      /** Per-persona threshold overrides. */
      mqlFit: z.number().optional(),
      sqlEngagement: z.number().optional(),
      sqlTotal: z.number().optional(),
    })
    .prefault({}),
});
export type Persona = z.infer<typeof PersonaSchema>;

export const PersonasSchema = z.strictObject({
  /** The form field (contact property) that asks which persona the lead is. */
  questionProperty: z.string().min(1),
  items: z.array(PersonaSchema).min(1),
  /** Rules tried in order when the question is unanswered or its answer is not mapped. */
  fallbacks: z
    .array(
      z.strictObject({
        when: PropertyConditionSchema,
        persona: z.string().min(1),
      }),
    )
    .default([]),
});
export type Personas = z.infer<typeof PersonasSchema>;

/** The persona id given to a contact that no answer or fallback matches. */
export const UNKNOWN_PERSONA = 'unknown';
