import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  emptyContactState,
  type ContactState,
} from '#shared/core/pipeline/contact-state.ts';
import { DynamoEnrollmentStore } from '#shared/store/dynamodb/enrollments.ts';
import { DynamoWorkflowCounters } from '#shared/store/dynamodb/workflow-counters.ts';
import { createWorkflowTriggers } from '#shared/workflows/contact-changes.ts';
import { configWith, DAY_MS, NOW } from '../core/workflows/fixtures.ts';
import { createTestTable, type TestTable } from '../helpers/dynamo.ts';

const PORTAL_ID = 4300;
const config = configWith({
  id: 'onboarding',
  version: 1,
  name: 'Onboarding',
  stage: 'decision',
  trigger: { criteria: [{ type: 'lifecycleStage', is: ['customer'] }] },
  exitGoals: [
    {
      id: 'churned',
      criteria: [
        {
          type: 'property',
          when: { op: 'equals', property: 'churned', value: 'true' },
        },
      ],
    },
  ],
  steps: [
    { type: 'wait', for: { days: 3 } },
    { type: 'sendEmail', contentId: 'blog-reporting-pitfalls' },
  ],
});

function stateWith(
  contactId: string,
  properties: Record<string, string>,
  version: number,
): ContactState {
  const state = emptyContactState(PORTAL_ID, contactId, NOW);
  state.properties = Object.fromEntries(
    Object.entries({
      email: `lead-${contactId}@example.com`,
      ...properties,
    }).map(([name, value]) => [name, { value, updatedAt: NOW }]),
  );
  state.version = version;
  return state;
}

describe('createWorkflowTriggers', () => {
  let table: TestTable;
  let enrollments: DynamoEnrollmentStore;
  let runTriggers: ReturnType<typeof createWorkflowTriggers>;

  beforeAll(async () => {
    table = await createTestTable('triggers');
    enrollments = new DynamoEnrollmentStore(table.documents, table.tableName);
    runTriggers = createWorkflowTriggers({
      config,
      enrollments,
      counters: new DynamoWorkflowCounters(table.documents, table.tableName),
    });
  });

  afterAll(() => table.documents.destroy());

  describe('when a contact becomes a customer', () => {
    it('enrolls it once, even when the change is seen twice', async () => {
      const before = stateWith('c-1', { lifecyclestage: 'lead' }, 1);
      const after = stateWith('c-1', { lifecyclestage: 'customer' }, 2);

      const first = await runTriggers({
        portalId: PORTAL_ID,
        before,
        after,
        now: NOW,
      });
      const again = await runTriggers({
        portalId: PORTAL_ID,
        before,
        after,
        now: NOW + 1,
      });

      expect(first.enrolled).toBe(1);
      expect(again.enrolled).toBe(0);
      const stored = await enrollments.listForContact(PORTAL_ID, 'c-1');
      expect(stored.map((item) => item.enrollment.status)).toEqual(['active']);
    });
  });

  describe('when an enrolled contact meets an exit goal', () => {
    it('ends the enrollment at once, before its wait is over', async () => {
      const customer = stateWith('c-2', { lifecyclestage: 'customer' }, 2);
      await runTriggers({
        portalId: PORTAL_ID,
        before: stateWith('c-2', { lifecyclestage: 'lead' }, 1),
        after: customer,
        now: NOW,
      });
      const churned = stateWith(
        'c-2',
        { lifecyclestage: 'customer', churned: 'true' },
        3,
      );

      const outcome = await runTriggers({
        portalId: PORTAL_ID,
        before: customer,
        after: churned,
        now: NOW + DAY_MS,
      });

      expect(outcome.exited).toBe(1);
      const [stored] = await enrollments.listForContact(PORTAL_ID, 'c-2');
      expect(stored?.enrollment.status).toBe('exited');
      expect(stored?.enrollment.end?.goalId).toBe('churned');
      expect(await enrollments.listDue(0, NOW + 10 * DAY_MS, 100)).toEqual(
        expect.not.arrayContaining([stored]),
      );
    });
  });
});
