import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  RetryableMailError,
  type Mailer,
  type OutgoingEmail,
} from '#shared/email/mailer.ts';
import { DynamoSendLedger } from '#shared/store/dynamodb/send-ledger.ts';
import { DynamoWorkflowCounters } from '#shared/store/dynamodb/workflow-counters.ts';
import { runTick } from '#shared/workflows/tick.ts';
import {
  configWith,
  DAY_MS,
  MINUTE_MS,
  NOW,
  simpleWorkflow,
} from '../core/workflows/fixtures.ts';
import { storedEmailsTo } from '../email/ses-local.ts';
import {
  createTickFixture,
  PORTAL_ID,
  type TickFixture,
} from './tick-fixture.ts';

const config = configWith(simpleWorkflow());
const WELCOME = { id: 'welcome', version: 1 };

/** Fails the first `failures` sends as SES throttling, then sends through the real mailer. */
function throttledFirst(failures: number) {
  const keys: string[] = [];
  return {
    keys,
    wrap: (real: Mailer): Mailer => ({
      send: async (email: OutgoingEmail) => {
        keys.push(email.actionKey);
        if (keys.length <= failures) {
          throw new RetryableMailError(
            'Maximum sending rate exceeded',
            'TooManyRequestsException',
          );
        }
        return real.send(email);
      },
    }),
  };
}

describe('runTick', () => {
  let fixture: TickFixture;

  beforeAll(async () => {
    fixture = await createTickFixture();
  });

  afterAll(() => fixture.table.documents.destroy());

  describe('when an enrollment is due', () => {
    it('sends its email with the unsubscribe headers and moves it to the wait', async () => {
      const { contactId, email } = await fixture.addContact();
      const id = await fixture.enroll(WELCOME, contactId, NOW);

      const report = await runTick(fixture.dependencies(config, NOW));

      const emails = await storedEmailsTo(fixture.sesEndpoint, email);
      expect(report.advanced).toBeGreaterThanOrEqual(1);
      expect(emails).toHaveLength(1);
      expect(emails[0]!.headers?.map((header) => header.name)).toEqual(
        expect.arrayContaining(['List-Unsubscribe', 'List-Unsubscribe-Post']),
      );
      const stored = await fixture.enrollments.get(PORTAL_ID, contactId, id);
      expect(stored?.enrollment.dueAt).toBe(NOW + 2 * DAY_MS);
    });
  });

  describe('when the contact unsubscribes one minute before a due send', () => {
    it('sends no further email and reports the send as suppressed', async () => {
      const { contactId, email } = await fixture.addContact();
      const start = NOW - 2 * DAY_MS;
      await fixture.enroll(WELCOME, contactId, start);
      await runTick(fixture.dependencies(config, start));
      const state = (await fixture.contacts.get(PORTAL_ID, contactId))!;
      const unsubscribed = {
        ...state,
        interactions: [
          {
            id: `unsub-${contactId}`,
            kind: 'unsubscribe' as const,
            occurredAt: NOW - MINUTE_MS,
            quantity: 1,
          },
        ],
        version: state.version + 1,
      };
      await fixture.contacts.put(unsubscribed, state.version);

      const report = await runTick(fixture.dependencies(config, NOW));

      expect(await storedEmailsTo(fixture.sesEndpoint, email)).toHaveLength(1);
      expect(report.counts.total('emailsSuppressed:unsubscribed')).toBe(1);
    });
  });

  describe('when SES throttles the send', () => {
    it('retries on the next tick with the same action key and sends once', async () => {
      const { contactId, email } = await fixture.addContact();
      await fixture.enroll(WELCOME, contactId, NOW);
      const mailer = throttledFirst(1);
      const mine = (key: string) => key.includes(contactId);

      const first = await runTick(
        fixture.dependencies(config, NOW, mailer.wrap),
      );
      const second = await runTick(
        fixture.dependencies(config, NOW + 5 * MINUTE_MS, mailer.wrap),
      );

      const tried = mailer.keys.filter(mine);
      expect(first.retryLater).toBe(1);
      expect(second.retryLater).toBe(0);
      expect(tried).toHaveLength(2);
      expect(tried[1]).toBe(tried[0]);
      expect(await storedEmailsTo(fixture.sesEndpoint, email)).toHaveLength(1);
    });
  });

  describe('when SES rejects the send permanently', () => {
    it('records the rejection and does not retry', async () => {
      const { contactId } = await fixture.addContact();
      const id = await fixture.enroll(WELCOME, contactId, NOW);
      const sent: string[] = [];
      const rejecting = (): Mailer => ({
        send: async (email) => {
          sent.push(email.actionKey);
          return {
            status: 'rejected',
            code: 'MessageRejected',
            message: 'Email address is not verified',
          };
        },
      });

      const first = await runTick(fixture.dependencies(config, NOW, rejecting));
      await runTick(
        fixture.dependencies(config, NOW + 5 * MINUTE_MS, rejecting),
      );

      expect(first.counts.total('emailsRejected')).toBe(1);
      expect(sent).toHaveLength(1);
      const stored = await fixture.enrollments.get(PORTAL_ID, contactId, id);
      expect(stored?.enrollment.cursor).not.toBe('0');
    });
  });

  describe('when the tick crashes after sending and before recording', () => {
    it('does not send again on the retry', async () => {
      const { contactId, email } = await fixture.addContact();
      await fixture.enroll(WELCOME, contactId, NOW);
      const crashing = (real: Mailer): Mailer => ({
        send: async (outgoing) => {
          await real.send(outgoing);
          throw new Error('tick crashed after sending');
        },
      });

      const crashed = await runTick(
        fixture.dependencies(config, NOW, crashing),
      );
      const retried = await runTick(
        fixture.dependencies(config, NOW + MINUTE_MS),
      );

      expect(crashed.failed).toBe(1);
      expect(retried.counts.total('sendsRepeated')).toBe(1);
      expect(await storedEmailsTo(fixture.sesEndpoint, email)).toHaveLength(1);
    });
  });

  describe('when the enrollment version left the configuration', () => {
    it('stops the enrollment and reports it', async () => {
      const { contactId, email } = await fixture.addContact();
      const id = await fixture.enroll(
        { id: 'welcome', version: 7 },
        contactId,
        NOW,
      );

      const report = await runTick(fixture.dependencies(config, NOW));

      expect(report.stopped).toContainEqual({
        enrollmentId: id,
        workflowId: 'welcome',
        version: 7,
      });
      const stored = await fixture.enrollments.get(PORTAL_ID, contactId, id);
      expect(stored?.enrollment.status).toBe('stopped');
      expect(stored?.enrollment.end?.reason).toBe('versionRemoved');
      expect(await storedEmailsTo(fixture.sesEndpoint, email)).toHaveLength(0);
    });
  });
});

describe('runTick on many due enrollments', () => {
  let fixture: TickFixture;

  beforeAll(async () => {
    fixture = await createTickFixture();
  });

  afterAll(() => fixture.table.documents.destroy());

  describe('when the tick fell behind by several days', () => {
    it('advances each due enrollment once and assigns owners in rotation', async () => {
      const owners = configWith({
        id: 'handover',
        version: 1,
        name: 'Hand over',
        stage: 'decision',
        steps: [
          { type: 'assignOwner', owners: ['71000001', '71000002'] },
          { type: 'setProperty', property: 'nurture_stage', value: 'sales' },
        ],
      });
      const contactIds: string[] = [];
      for (let index = 0; index < 150; index += 1) {
        const { contactId } = await fixture.addContact();
        contactIds.push(contactId);
        await fixture.enroll(
          { id: 'handover', version: 1 },
          contactId,
          NOW - (index % 5) * DAY_MS,
        );
      }

      const first = await runTick(fixture.dependencies(owners, NOW));
      const second = await runTick(
        fixture.dependencies(owners, NOW + MINUTE_MS),
      );

      const assigned = fixture.hubspotRequests.flatMap((request) =>
        request.kind === 'update' &&
        request.properties.hubspot_owner_id !== undefined
          ? [request.properties.hubspot_owner_id]
          : [],
      );
      expect(first.advanced).toBe(150);
      expect(second.advanced).toBe(0);
      expect(assigned).toHaveLength(150);
      expect(assigned.filter((owner) => owner === '71000001')).toHaveLength(75);
      const report = await new DynamoWorkflowCounters(
        fixture.table.documents,
        fixture.table.tableName,
      ).report();
      expect(report).toContainEqual(
        expect.objectContaining({
          workflowId: 'handover',
          version: 1,
          counts: expect.objectContaining({
            completed: 150,
            ownersAssigned: 150,
          }),
        }),
      );
    });
  });
});

describe('DynamoSendLedger', () => {
  let fixture: TickFixture;

  beforeAll(async () => {
    fixture = await createTickFixture();
  });

  afterAll(() => fixture.table.documents.destroy());

  describe('when a key is claimed twice', () => {
    it('grants only the first claim until it is released', async () => {
      const ledger = new DynamoSendLedger(
        fixture.table.documents,
        fixture.table.tableName,
      );

      const first = await ledger.claim('e/0/0', NOW);
      const second = await ledger.claim('e/0/0', NOW);
      await ledger.release('e/0/0');
      const afterRelease = await ledger.claim('e/0/0', NOW);

      expect([first, second, afterRelease]).toEqual([true, false, true]);
    });
  });
});
