import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PropertyInput } from '#infra/local/hubspot-sandbox/index.ts';
import type { ContactState } from '#shared/core/pipeline/contact-state.ts';
import type { RawWebhookEvent } from '../helpers/events.ts';
import {
  FIT_VALUES,
  freshPortalId,
  HOUR_MS,
  START_AT,
  startTestStack,
  type TestStack,
} from '../helpers/local-stack.ts';
import { postSignedBatch } from '../helpers/signed-request.ts';

/** A contact's life in HubSpot: the values a form set, then changes over two days. */
const CREATED: Record<string, PropertyInput> = {
  ...FIT_VALUES,
  buyer_role: 'I lead a team that needs reports',
  hs_analytics_source: 'ORGANIC_SEARCH',
};
const CHANGES: {
  afterHours: number;
  source: string;
  properties: Record<string, PropertyInput>;
}[] = [
  {
    afterHours: 1,
    source: 'ANALYTICS',
    properties: {
      hs_analytics_num_visits: 1,
      hs_analytics_num_page_views: 3,
      hs_analytics_last_url: 'https://demo.example/blog/reporting-pitfalls',
    },
  },
  { afterHours: 2, source: 'CRM_UI', properties: { industry: 'Retail' } },
  {
    afterHours: 6,
    source: 'ANALYTICS',
    properties: {
      hs_analytics_num_visits: 2,
      hs_analytics_num_page_views: 7,
      hs_analytics_last_url: 'https://demo.example/pricing',
    },
  },
  {
    afterHours: 26,
    source: 'FORM',
    properties: {
      num_conversion_events: 1,
      recent_conversion_event_name: 'Demo request',
      jobtitle: 'Head of Marketing',
    },
  },
  {
    afterHours: 30,
    source: 'ANALYTICS',
    properties: {
      hs_analytics_num_page_views: 12,
      hs_analytics_last_url: 'https://demo.example/demo',
    },
  },
  {
    afterHours: 50,
    source: 'CRM_UI',
    properties: { industry: 'Logistics', country: 'Germany' },
  },
  { afterHours: 51, source: 'CRM_UI', properties: { country: 'Belgium' } },
];

let stack: TestStack;
/** The webhook events of the history, in the order HubSpot made them. */
let history: RawWebhookEvent[];
/** The state after the events arrived in order, one per batch. */
let sorted: ReturnType<typeof comparable>;

beforeAll(async () => {
  stack = await startTestStack();
  stack.clock.advanceTo(START_AT + 60 * HOUR_MS);
  const id = createContactWithHistory();
  history = stack.sandbox
    .pendingWebhookEvents()
    .filter((event) => event.objectId === Number(id))
    .map((event) => ({ ...event }) as RawWebhookEvent)
    .sort((a, b) => a.occurredAt - b.occurredAt);
  sorted = comparable(
    await runStream(
      history.map((event) => [event]),
      (index) => index === 0,
      id,
    ),
  );
});

afterAll(async () => {
  await stack?.close();
});

/**
 * Plays the history into the sandbox as a new contact. Every copy has the same values, so a
 * read of any copy from HubSpot returns the same properties. Returns the contact id.
 */
function createContactWithHistory(): string {
  const [id] = stack.sandbox.createContacts([
    { properties: CREATED, source: 'FORM', occurredAt: START_AT },
  ]);
  for (const change of CHANGES) {
    stack.sandbox.updateContact(id!, change.properties, {
      source: change.source,
      occurredAt: START_AT + change.afterHours * HOUR_MS,
    });
  }
  return id!;
}

/**
 * Posts the batches in order to the receiver for a contact of a fresh portal, drains the
 * processor after each, and returns the stored state. `contactId` is a sandbox contact with
 * the same history, so the read of a new contact finds the same values. The sync to HubSpot
 * runs after the batches `syncAfter` marks and at the end: that decides when the read of the
 * new contact arrives, and it keeps the run within the portal's rate limit.
 */
async function runStream(
  batches: RawWebhookEvent[][],
  syncAfter: (index: number) => boolean,
  contactId = createContactWithHistory(),
): Promise<ContactState | undefined> {
  const portalId = freshPortalId();
  for (const [index, batch] of batches.entries()) {
    const events = batch.map((event) => ({
      ...event,
      portalId,
      objectId: Number(contactId),
    }));
    const response = await postSignedBatch({
      body: JSON.stringify(events),
      clientSecret: stack.sandbox.clientSecret,
      url: stack.webhookUrl,
    });
    expect(response.status).toBe(200);
    await stack.drain({ syncBatchWindow: !syncAfter(index) });
  }
  await stack.drain();
  return stack.store.get(portalId, contactId);
}

/** The parts of a state that must not depend on arrival order, with the portal id left out of keys. */
function comparable(state: ContactState | undefined) {
  expect(state).toBeDefined();
  const withoutPortal = (key: string | undefined) => key?.replace(/^\d+:/, '');
  return {
    // Each run reads its own copy of the contact from HubSpot, so only the id differs.
    properties: Object.fromEntries(
      Object.entries(state!.properties)
        .filter(([name]) => name !== 'hs_object_id')
        .map(([name, property]) => [
          name,
          { ...property, eventKey: withoutPortal(property.eventKey) },
        ]),
    ),
    observations: Object.fromEntries(
      Object.entries(state!.observations).map(([name, list]) => [
        name,
        list
          .map((observation) => ({
            ...observation,
            eventId: withoutPortal(observation.eventId)!,
          }))
          .sort((a, b) => a.eventId.localeCompare(b.eventId)),
      ]),
    ),
    interactions: state!.interactions,
    score: state!.score,
    deleted: state!.deleted,
    channel: state!.channel,
    createdAt: state!.createdAt,
  };
}

/** Splits events into consecutive batches of the given sizes (the last size repeats). */
function splitIntoBatches(
  events: RawWebhookEvent[],
  sizes: number[],
): RawWebhookEvent[][] {
  const batches: RawWebhookEvent[][] = [];
  for (let start = 0, index = 0; start < events.length; index += 1) {
    const size = sizes[Math.min(index, sizes.length - 1)]!;
    batches.push(events.slice(start, start + size));
    start += size;
  }
  return batches;
}

describe('webhook pipeline with events out of order', () => {
  it('scores the sorted stream as a sales-qualified lead', () => {
    expect(history.length).toBeGreaterThan(15);
    expect(sorted.score?.qualification).toBe('sql');
    expect(sorted.properties.industry?.value).toBe('Logistics');
    expect(sorted.properties.country?.value).toBe('Belgium');
  });

  it('ends in the same state when every event arrives in reverse', async () => {
    const reversed = [...history].reverse().map((event) => [event]);

    const state = comparable(
      await runStream(reversed, (index) => index % 5 === 0),
    );

    expect(state).toEqual(sorted);
  });

  it('ends in the same state for any order, batching and redelivery', async () => {
    const indices = history.map((_, index) => index);
    await fc.assert(
      fc.asyncProperty(
        fc.shuffledSubarray(indices, {
          minLength: indices.length,
          maxLength: indices.length,
        }),
        fc.array(fc.integer({ min: 1, max: 6 }), { minLength: 1 }),
        fc.subarray(indices, { maxLength: 5 }),
        fc.array(fc.boolean(), { maxLength: 3 }),
        async (order, sizes, redelivered, syncs) => {
          const shuffled = order.map((index) => history[index]!);
          const retries = redelivered.map((index) => ({
            ...history[index]!,
            attemptNumber: 1,
          }));
          const batches = splitIntoBatches([...shuffled, ...retries], sizes);

          const state = comparable(
            await runStream(batches, (index) => syncs[index] ?? false),
          );

          expect(state).toEqual(sorted);
        },
      ),
      { numRuns: 10 },
    );
  });
});
