import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ContactEventMessageSchema } from '#shared/core/webhooks/messages.ts';
import type { QueueMessage } from '#shared/queue/queue.ts';
import { DynamoMailState } from '#shared/store/dynamodb/mail-state.ts';
import {
  recordSesEvent,
  SesEventSchema,
  type SesEvent,
} from '#shared/workflows/ses-events.ts';
import { createTestTable, type TestTable } from '../helpers/dynamo.ts';

const PORTAL_ID = 4400;
const AT = '2026-12-02T09:05:00.000Z';

function sesEvent(
  contactId: string,
  eventType: SesEvent['eventType'],
  extra: Record<string, unknown> = {},
): SesEvent {
  return SesEventSchema.parse({
    eventType,
    mail: {
      messageId: `msg-${contactId}-${eventType}`,
      timestamp: AT,
      tags: {
        contact: [contactId],
        portal: [String(PORTAL_ID)],
        content: ['blog-reporting-pitfalls'],
      },
    },
    ...extra,
  });
}

describe('recordSesEvent', () => {
  let table: TestTable;
  let mailState: DynamoMailState;
  const sent: QueueMessage[] = [];
  const contactEvents = {
    send: async (messages: QueueMessage[]) => {
      sent.push(...messages);
    },
  };

  beforeAll(async () => {
    table = await createTestTable('ses-events');
    mailState = new DynamoMailState(table.documents, table.tableName);
  });

  afterAll(() => table.documents.destroy());

  describe('when a permanent bounce arrives', () => {
    it('suppresses the contact as hard-bounced', async () => {
      const event = sesEvent('b-1', 'Bounce', {
        bounce: { bounceType: 'Permanent', timestamp: AT },
      });

      const outcome = await recordSesEvent(event, { mailState, contactEvents });

      expect(outcome).toBe('suppressedHardBounce');
      const state = await mailState.get(PORTAL_ID, 'b-1');
      expect(state.suppressions).toEqual([
        { reason: 'hardBounce', at: Date.parse(AT) },
      ]);
    });
  });

  describe('when a transient bounce arrives', () => {
    it('leaves the contact unsuppressed', async () => {
      const event = sesEvent('b-2', 'Bounce', {
        bounce: { bounceType: 'Transient', timestamp: AT },
      });

      await recordSesEvent(event, { mailState, contactEvents });

      expect((await mailState.get(PORTAL_ID, 'b-2')).suppressions).toEqual([]);
    });
  });

  describe('when a complaint arrives', () => {
    it('suppresses the contact for the complaint', async () => {
      const event = sesEvent('c-1', 'Complaint', {
        complaint: { timestamp: AT },
      });

      await recordSesEvent(event, { mailState, contactEvents });

      const state = await mailState.get(PORTAL_ID, 'c-1');
      expect(state.suppressions.map((entry) => entry.reason)).toEqual([
        'complaint',
      ]);
    });
  });

  describe('when a click arrives', () => {
    it('queues an emailClick interaction keyed by the SES message', async () => {
      const event = sesEvent('k-1', 'Click', { click: { timestamp: AT } });

      await recordSesEvent(event, { mailState, contactEvents });

      const message = ContactEventMessageSchema.parse(
        JSON.parse(sent.at(-1)!.body),
      );
      expect(message).toMatchObject({
        type: 'interaction',
        portalId: PORTAL_ID,
        contactId: 'k-1',
        interaction: {
          id: 'ses:emailClick:msg-k-1-Click',
          kind: 'emailClick',
          contentId: 'blog-reporting-pitfalls',
        },
      });
    });
  });
});
