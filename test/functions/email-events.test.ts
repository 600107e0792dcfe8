import {
  SendMessageBatchCommand,
  SQSClient,
  type SendMessageBatchCommandInput,
} from '@aws-sdk/client-sqs';
import type { EventBridgeEvent } from 'aws-lambda';
import { mockClient } from 'aws-sdk-client-mock';
import {
  afterAll,
  beforeAll,
  beforeEach,
  describe,
  expect,
  it,
  vi,
} from 'vitest';
import { DynamoMailState } from '#shared/store/dynamodb/mail-state.ts';
import { createTestTable, type TestTable } from '../helpers/dynamo.ts';
import { loadEvent } from '../helpers/events.ts';

const QUEUE_URL =
  'https://sqs.eu-west-1.amazonaws.com/123456789012/nurture-demo-contact-events.fifo';

const sqs = mockClient(SQSClient);
let table: TestTable;
let handler: (
  event: EventBridgeEvent<string, unknown>,
) => Promise<{ outcome: string }>;

beforeAll(async () => {
  table = await createTestTable('function-email-events');
  vi.stubEnv('NURTURE_TABLE', table.tableName);
  vi.stubEnv('CONTACT_EVENTS_QUEUE_URL', QUEUE_URL);
  vi.stubEnv('AWS_REGION', 'eu-west-1');
  vi.stubEnv('AWS_ACCESS_KEY_ID', 'local');
  vi.stubEnv('AWS_SECRET_ACCESS_KEY', 'local');
  vi.stubEnv('AWS_ENDPOINT_URL_DYNAMODB', table.endpoint);
  ({ handler } = await import('#functions/email-events.ts'));
});

afterAll(() => {
  vi.unstubAllEnvs();
  table.documents.destroy();
});

beforeEach(() => {
  sqs.reset();
  sqs.on(SendMessageBatchCommand).resolves({ Successful: [], Failed: [] });
});

function sample(name: string) {
  return loadEvent(`eventbridge/${name}.json`) as EventBridgeEvent<
    string,
    unknown
  >;
}

function sentEntries(): NonNullable<SendMessageBatchCommandInput['Entries']> {
  return sqs
    .commandCalls(SendMessageBatchCommand)
    .flatMap((call) => call.args[0].input.Entries ?? []);
}

describe('email-events function', () => {
  it('sends an open to the contact-events queue of the contact', async () => {
    const result = await handler(sample('ses-open'));

    expect(result).toEqual({ outcome: 'interaction' });
    expect(sentEntries()).toHaveLength(1);
    expect(sentEntries()[0]?.MessageGroupId).toBe('9100001:1001');
    expect(JSON.parse(sentEntries()[0]!.MessageBody!)).toMatchObject({
      type: 'interaction',
      interaction: { kind: 'emailOpen', contentId: 'guide-dashboards' },
    });
  });

  it('stores a suppression for a complaint', async () => {
    const result = await handler(sample('ses-complaint'));

    expect(result).toEqual({ outcome: 'suppressedComplaint' });
    const state = await new DynamoMailState(
      table.documents,
      table.tableName,
    ).get(9100001, '1001');
    expect(state.suppressions).toEqual([
      { reason: 'complaint', at: Date.parse('2026-12-02T11:30:00.000Z') },
    ]);
    expect(sentEntries()).toEqual([]);
  });

  it('rejects a detail that is not an SES event', async () => {
    const event = sample('ses-delivery');

    await expect(
      handler({ ...event, detail: { eventType: 'Opened' } }),
    ).rejects.toThrow();
  });
});
