import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  createLead,
  DAY_MS,
  ENGAGED_VALUES,
  FIT_VALUES,
  HOUR_MS,
  settle,
  startTestStack,
  type TestStack,
} from '../helpers/local-stack.ts';
import {
  recordBatchUpdates,
  type RecordedUpdate,
} from '../helpers/hubspot-writes.ts';

let recorder: ReturnType<typeof recordBatchUpdates> | undefined;

afterEach(() => {
  recorder?.restore();
  recorder = undefined;
});

/** Starts recording the contact's batch updates from now on. */
function recordUpdatesOf(stack: TestStack, contactId: string) {
  recorder = recordBatchUpdates(stack.sandbox.endpoint);
  const updates = recorder.updates;
  return (): RecordedUpdate[] =>
    updates.filter((update) => update.contactId === contactId);
}

function stageOf(stack: TestStack, contactId: string): string | undefined {
  return stack.sandbox.getContact(contactId)?.properties.lifecyclestage;
}

describe('lifecycle stage written by the pipeline', () => {
  let stack: TestStack;

  beforeAll(async () => {
    stack = await startTestStack();
  });

  afterAll(async () => {
    await stack?.close();
  });

  it('moves a contact forward as it qualifies', async () => {
    const id = createLead(stack, FIT_VALUES);
    await settle(stack);
    const mql = stageOf(stack, id);
    stack.clock.advanceTo(stack.clock.now() + HOUR_MS);
    stack.sandbox.updateContact(id, ENGAGED_VALUES, {
      source: 'ANALYTICS',
      occurredAt: stack.clock.now(),
    });
    const updatesOf = recordUpdatesOf(stack, id);

    await settle(stack);

    expect(mql).toBe('marketingqualifiedlead');
    expect(stageOf(stack, id)).toBe('salesqualifiedlead');
    expect(
      updatesOf().map((update) => update.properties.lifecyclestage),
    ).toEqual(['salesqualifiedlead']);
  });

  it('never writes over customer set by a person', async () => {
    const id = createLead(stack, FIT_VALUES);
    await settle(stack);
    stack.clock.advanceTo(stack.clock.now() + HOUR_MS);
    stack.sandbox.updateContact(
      id,
      { lifecyclestage: 'customer' },
      { source: 'CRM_UI', occurredAt: stack.clock.now() },
    );
    stack.clock.advanceTo(stack.clock.now() + HOUR_MS);
    stack.sandbox.updateContact(id, ENGAGED_VALUES, {
      source: 'ANALYTICS',
      occurredAt: stack.clock.now(),
    });
    const updatesOf = recordUpdatesOf(stack, id);

    await settle(stack);

    expect(updatesOf().length).toBeGreaterThan(0);
    expect(updatesOf()[0]?.properties.nurture_qualification).toBe('sql');
    expect(
      updatesOf().filter((update) => 'lifecyclestage' in update.properties),
    ).toEqual([]);
    expect(stageOf(stack, id)).toBe('customer');
  });

  it('never moves a stage back when engagement fades', async () => {
    const id = createLead(stack, { ...FIT_VALUES, ...ENGAGED_VALUES });
    await settle(stack);
    expect(stageOf(stack, id)).toBe('salesqualifiedlead');
    stack.clock.advanceTo(stack.clock.now() + 120 * DAY_MS);
    stack.sandbox.updateContact(
      id,
      { jobtitle: 'Marketing Manager, EMEA' },
      { source: 'CRM_UI', occurredAt: stack.clock.now() },
    );
    const updatesOf = recordUpdatesOf(stack, id);

    await settle(stack);

    const state = await stack.store.get(stack.portalId, id);
    expect(state?.score?.qualification).toBe('mql');
    expect(updatesOf()[0]?.properties.nurture_qualification).toBe('mql');
    expect(
      updatesOf().filter((update) => 'lifecyclestage' in update.properties),
    ).toEqual([]);
    expect(stageOf(stack, id)).toBe('salesqualifiedlead');
  });
});

describe('lifecycle stage when a person changed it unseen', () => {
  let stack: TestStack;

  // Without a subscription to lifecyclestage Nurture learns of the person's change only from
  // the read the sync makes before it writes a stage, as when that webhook is still on its way.
  beforeAll(async () => {
    stack = await startTestStack({
      subscribedProperties: [
        'email',
        ...Object.keys(FIT_VALUES),
        ...Object.keys(ENGAGED_VALUES),
      ],
    });
  });

  afterAll(async () => {
    await stack?.close();
  });

  it('keeps customer set by a person after the last read', async () => {
    const id = createLead(stack, FIT_VALUES);
    await settle(stack);
    stack.clock.advanceTo(stack.clock.now() + HOUR_MS);
    stack.sandbox.updateContact(
      id,
      { lifecyclestage: 'customer' },
      { source: 'CRM_UI', occurredAt: stack.clock.now() },
    );
    stack.sandbox.updateContact(id, ENGAGED_VALUES, {
      source: 'ANALYTICS',
      occurredAt: stack.clock.now(),
    });
    const keptBefore = stack.stats.lifecycleKept;
    const updatesOf = recordUpdatesOf(stack, id);

    await settle(stack);

    expect(updatesOf()[0]?.properties.nurture_qualification).toBe('sql');
    expect(
      updatesOf().filter((update) => 'lifecyclestage' in update.properties),
    ).toEqual([]);
    expect(stack.stats.lifecycleKept).toBe(keptBefore + 1);
    expect(stageOf(stack, id)).toBe('customer');
  });
});
