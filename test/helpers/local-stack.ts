import { SimulatedClock } from '#infra/local/clock.ts';
import { DEMO_PROPERTIES } from '#infra/local/demo/replay-scenario.ts';
import type { PropertyInput } from '#infra/local/hubspot-sandbox/index.ts';
import { startLocalStack, type LocalStack } from '#infra/local/stack.ts';
import { readClientConfig } from '#shared/config-file.ts';

/** Simulated time the test stacks start at: 2026-12-01T00:00:00Z. */
export const START_AT = Date.UTC(2026, 11, 1);
export const HOUR_MS = 3_600_000;
export const DAY_MS = 24 * HOUR_MS;

/** Values that meet every fit criterion of the demo client: an MQL with no engagement. */
export const FIT_VALUES: Record<string, PropertyInput> = {
  industry: 'Software',
  company_size: 250,
  country: 'Netherlands',
  jobtitle: 'Marketing Manager',
};

/** HubSpot counters high enough to make a fitting demo contact an SQL. */
export const ENGAGED_VALUES: Record<string, PropertyInput> = {
  hs_analytics_num_page_views: 30,
  hs_analytics_num_visits: 10,
  num_conversion_events: 3,
};

export interface TestStack extends LocalStack {
  clock: SimulatedClock;
  portalId: number;
}

let nextPortalId = 9_300_000 + Math.floor(Math.random() * 100_000) * 10;
let nextLead = 1;

/** Returns a fresh portal id, so tests that share a stack or a table never share contacts. */
export function freshPortalId(): number {
  return nextPortalId++;
}

/**
 * Starts the whole local pipeline with the demo client on a simulated clock, with the demo's
 * custom properties and Nurture's properties defined in the sandbox portal.
 */
export async function startTestStack(
  options: { subscribedProperties?: readonly string[] } = {},
): Promise<TestStack> {
  const config = await readClientConfig('clients/demo.json');
  const clock = new SimulatedClock(START_AT);
  const portalId = freshPortalId();
  const stack = await startLocalStack({
    config,
    clock,
    portalId,
    subscribedProperties: options.subscribedProperties,
  });
  stack.sandbox.defineProperties(DEMO_PROPERTIES);
  await stack.setupHubSpot();
  return Object.assign(stack, { clock, portalId });
}

/**
 * Delivers the sandbox's pending webhooks and drains the pipeline, round after round, until
 * no webhook is left. The echoes of Nurture's own writes need a round of their own.
 */
export async function settle(stack: LocalStack, maxRounds = 5): Promise<void> {
  for (let round = 0; round < maxRounds; round += 1) {
    await stack.sandbox.deliverWebhooks();
    await stack.drain();
    if (stack.sandbox.pendingWebhookEvents().length === 0) return;
  }
  throw new Error(`The local pipeline did not settle in ${maxRounds} rounds`);
}

/** Creates a contact through a form at the clock's time, with a made-up email; returns its id. */
export function createLead(
  stack: TestStack,
  properties: Record<string, PropertyInput> = {},
): string {
  const email = `lead-${String(nextLead++).padStart(3, '0')}@example.com`;
  const [id] = stack.sandbox.createContacts([
    {
      properties: { email, ...properties },
      source: 'FORM',
      occurredAt: stack.clock.now(),
    },
  ]);
  return id!;
}
