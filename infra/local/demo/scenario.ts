import { z } from 'zod';

const PropertiesSchema = z.record(z.string(), z.string());

/** One change the demo makes in the HubSpot sandbox at a simulated time. */
export const DemoStepSchema = z.discriminatedUnion('action', [
  z.strictObject({
    at: z.number().int(),
    action: z.literal('create'),
    ref: z.string(),
    properties: PropertiesSchema,
  }),
  z.strictObject({
    at: z.number().int(),
    action: z.literal('update'),
    ref: z.string(),
    properties: PropertiesSchema,
    /** HubSpot's `changeSource` for the change, such as ANALYTICS, FORM or CRM_UI. */
    source: z.string(),
  }),
  z.strictObject({
    at: z.number().int(),
    action: z.literal('delete'),
    ref: z.string(),
  }),
  z.strictObject({
    at: z.number().int(),
    action: z.literal('privacyDelete'),
    ref: z.string(),
  }),
  z.strictObject({
    at: z.number().int(),
    action: z.literal('merge'),
    ref: z.string(),
    merged: z.string(),
  }),
]);
export type DemoStep = z.infer<typeof DemoStepSchema>;

/** The demo scenario in `events/demo/scenario.json`, made by `generate.ts` from a seed. */
export const DemoScenarioSchema = z.strictObject({
  seed: z.number().int(),
  portalId: z.number().int(),
  startAt: z.number().int(),
  days: z.number().int(),
  /** Properties whose changes the demo app subscribes to, as a HubSpot app's webhook settings list them. */
  subscribedProperties: z.array(z.string()),
  steps: z.array(DemoStepSchema),
  /** Delivery faults the driver mixes in, as HubSpot produces them. */
  faults: z.strictObject({
    /** Share of webhook batches delivered a second time with a higher attemptNumber. */
    duplicateBatchRate: z.number().min(0).max(1),
    /** Share of batches held back and delivered after the next one. */
    reorderBatchRate: z.number().min(0).max(1),
    /** Malformed events, each sent inside an otherwise valid batch. */
    invalidEvents: z.array(z.unknown()),
  }),
});
export type DemoScenario = z.infer<typeof DemoScenarioSchema>;
