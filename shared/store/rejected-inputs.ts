import { z } from 'zod';

export const RejectedInputSchema = z.strictObject({
  id: z.string(),
  /** Where the input came from: `webhook`, `webhook-event`, `queue`, `hubspot-sync`, ... */
  source: z.string(),
  reason: z.string(),
  /** The input exactly as received, so it can be inspected and replayed. */
  raw: z.string(),
  receivedAt: z.number().int(),
  requestId: z.string().optional(),
});
export type RejectedInput = z.infer<typeof RejectedInputSchema>;

/** Inputs Nurture could not use, kept with the reason. */
export interface RejectedInputs {
  add(input: Omit<RejectedInput, 'id'>): Promise<RejectedInput>;
  /** Newest first. */
  list(options: { limit: number }): Promise<RejectedInput[]>;
}
