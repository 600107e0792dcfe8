import { z } from 'zod';

export const RejectedInputSchema = z.strictObject({
  /** Receipt time and a random part, such as `2026-12-01T09:00:00.000Z-3f2a9c1b7d4e`; sorts by time. */
  id: z.string(),
  /** Origin of the input: `webhook`, `webhook-event`, `queue`, `hubspot-sync`, ... */
  source: z.string(),
  reason: z.string(),
  /** The input exactly as received, so it can be inspected and replayed. */
  raw: z.string(),
  /** Milliseconds since the epoch. */
  receivedAt: z.number().int(),
  requestId: z.string().optional(),
});
export type RejectedInput = z.infer<typeof RejectedInputSchema>;

export interface RejectedInputListOptions {
  limit: number;
  /** Only inputs received at or after this time, in milliseconds since the epoch. */
  since?: number;
}

/** Inputs Nurture could not use, kept with the reason. */
export interface RejectedInputs {
  add(input: Omit<RejectedInput, 'id'>): Promise<RejectedInput>;
  /** Lists the newest inputs first. */
  list(options: RejectedInputListOptions): Promise<RejectedInput[]>;
  /** Reads one input by its id; undefined when no input has it. */
  get(id: string): Promise<RejectedInput | undefined>;
}
