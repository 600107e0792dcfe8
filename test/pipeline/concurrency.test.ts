import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ContactState } from '#shared/core/pipeline/contact-state.ts';
import { WebhookEventSchema } from '#shared/core/webhooks/event.ts';
import { hubspotEventMessage } from '#shared/core/webhooks/messages.ts';
import type { ContactStatePort } from '#shared/pipeline/ports.ts';
import { VersionConflictError } from '#shared/store/contact-store.ts';
import {
  createLead,
  FIT_VALUES,
  HOUR_MS,
  settle,
  startTestStack,
  type TestStack,
} from '../helpers/local-stack.ts';
import { invokeWith, recordingProcessor } from '../helpers/processor.ts';
import { propertyChange } from '../helpers/webhook-events.ts';

let stack: TestStack;

beforeAll(async () => {
  stack = await startTestStack();
});

afterAll(async () => {
  await stack?.close();
});

/**
 * The stack's store for one processor instance. Its first read waits until every instance has
 * made its first read, so all of them start from the same version, as two Lambda instances
 * do when events for one contact reach them at the same moment.
 */
class SimultaneousStore implements ContactStatePort {
  conflicts = 0;
  private reads = 0;

  constructor(
    private readonly inner: ContactStatePort,
    private readonly allHaveRead: () => Promise<void>,
  ) {}

  async get(portalId: number, contactId: string) {
    const state = await this.inner.get(portalId, contactId);
    this.reads += 1;
    if (this.reads === 1) await this.allHaveRead();
    return state;
  }

  async put(state: ContactState, expectedVersion: number) {
    try {
      await this.inner.put(state, expectedVersion);
    } catch (error) {
      if (error instanceof VersionConflictError) this.conflicts += 1;
      throw error;
    }
  }
}

/** Returns a function whose promise resolves once `parties` callers have called it. */
function barrier(parties: number): () => Promise<void> {
  let arrived = 0;
  let open = () => {};
  const opened = new Promise<void>((resolve) => {
    open = resolve;
  });
  return () => {
    arrived += 1;
    if (arrived >= parties) open();
    return opened;
  };
}

/** Runs two processor instances at once, each with one event for the same contact. */
async function processAtTheSameMoment(contactId: string, at: number) {
  const industry = WebhookEventSchema.parse(
    propertyChange(stack.portalId, contactId, 'industry', 'Retail', at),
  );
  const views = WebhookEventSchema.parse(
    propertyChange(
      stack.portalId,
      contactId,
      'hs_analytics_num_page_views',
      '20',
      at,
    ),
  );
  const allHaveRead = barrier(2);
  const stores = [
    new SimultaneousStore(stack.store, allHaveRead),
    new SimultaneousStore(stack.store, allHaveRead),
  ];
  const first = recordingProcessor(stack, { store: stores[0] });
  const second = recordingProcessor(stack, { store: stores[1] });

  const responses = await Promise.all([
    invokeWith(first.handler, [hubspotEventMessage(industry, at)]),
    invokeWith(second.handler, [hubspotEventMessage(views, at)]),
  ]);

  return {
    responses,
    conflicts: stores[0]!.conflicts + stores[1]!.conflicts,
    results: [...first.results, ...second.results],
  };
}

describe('event processor with two instances at once', () => {
  it('keeps both updates of a stored contact', async () => {
    const id = createLead(stack, FIT_VALUES);
    await settle(stack);
    const before = await stack.store.get(stack.portalId, id);
    const at = stack.clock.now() + HOUR_MS;
    stack.clock.advanceTo(at);

    const run = await processAtTheSameMoment(id, at);

    expect(run.conflicts).toBe(1);
    expect(run.responses).toEqual([
      { batchItemFailures: [] },
      { batchItemFailures: [] },
    ]);
    const after = await stack.store.get(stack.portalId, id);
    expect(after?.version).toBe(before!.version + 2);
    expect(after?.properties.industry?.value).toBe('Retail');
    expect(after?.observations.hs_analytics_num_page_views).toHaveLength(1);
  });

  it('keeps both updates of a contact not stored yet', async () => {
    const id = '880001';
    const at = stack.clock.now();

    const run = await processAtTheSameMoment(id, at);

    expect(run.conflicts).toBe(1);
    expect(run.results.every((result) => result.error === undefined)).toBe(
      true,
    );
    const after = await stack.store.get(stack.portalId, id);
    expect(after?.version).toBe(2);
    expect(after?.properties.industry?.value).toBe('Retail');
    expect(after?.observations.hs_analytics_num_page_views).toHaveLength(1);
  });
});
