import {
  SendMessageBatchCommand,
  SQSClient,
  type SendMessageBatchCommandInput,
} from '@aws-sdk/client-sqs';
import type { SQSBatchResponse, SQSEvent } from 'aws-lambda';
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
import { logger } from '#shared/logger.ts';
import { DynamoContactStore } from '#shared/store/dynamodb/contact-store.ts';
import { DynamoRejectedInputs } from '#shared/store/dynamodb/rejected-inputs.ts';
import { createTestTable, type TestTable } from '../helpers/dynamo.ts';
import { loadSqsEvent } from '../helpers/events.ts';

// A rejected queue message logs an error by design.
logger.setLogLevel('SILENT');

const SYNC_QUEUE_URL =
  'https://sqs.eu-west-1.amazonaws.com/123456789012/nurture-demo-hubspot-sync';

const sqs = mockClient(SQSClient);
let table: TestTable;
let handler: (event: SQSEvent) => Promise<SQSBatchResponse>;

beforeAll(async () => {
  table = await createTestTable('function-processor');
  vi.stubEnv('NURTURE_TABLE', table.tableName);
  vi.stubEnv('HUBSPOT_SYNC_QUEUE_URL', SYNC_QUEUE_URL);
  vi.stubEnv('NURTURE_CONFIG_FILE', 'clients/demo.json');
  vi.stubEnv('AWS_REGION', 'eu-west-1');
  vi.stubEnv('AWS_ACCESS_KEY_ID', 'local');
  vi.stubEnv('AWS_SECRET_ACCESS_KEY', 'local');
  vi.stubEnv('AWS_ENDPOINT_URL_DYNAMODB', table.endpoint);
  ({ handler } = await import('#functions/event-processor.ts'));
});

afterAll(() => {
  vi.unstubAllEnvs();
  table.documents.destroy();
});

beforeEach(() => {
  sqs.reset();
  sqs.on(SendMessageBatchCommand).resolves({ Successful: [], Failed: [] });
});

function sentBodies(): unknown[] {
  return sqs
    .commandCalls(SendMessageBatchCommand)
    .flatMap(
      (call) =>
        (call.args[0].input as SendMessageBatchCommandInput).Entries ?? [],
    )
    .map((entry) => JSON.parse(entry.MessageBody!));
}

describe('event-processor function', () => {
  it('stores the contact and queues its HubSpot update', async () => {
    const response = await handler(loadSqsEvent('contact-events'));

    expect(response).toEqual({ batchItemFailures: [] });
    const store = new DynamoContactStore(table.documents, table.tableName);
    const state = await store.get(9100001, '1001');
    expect(state?.version).toBe(1);
    expect(state?.score?.qualification).toBe('mql');
    expect(sentBodies()).toEqual([
      expect.objectContaining({
        kind: 'update',
        portalId: 9100001,
        contactId: '1001',
        properties: expect.objectContaining({
          nurture_qualification: 'mql',
          lifecyclestage: 'marketingqualifiedlead',
        }),
      }),
    ]);
  });

  it('keeps a malformed record without retrying', async () => {
    const event = loadSqsEvent('contact-events');
    const [record] = event.Records;
    const broken = { ...record!, messageId: 'broken-1', body: '{"type":"x"' };

    const response = await handler({ Records: [broken] });

    expect(response).toEqual({ batchItemFailures: [] });
    const rejected = new DynamoRejectedInputs(table.documents, table.tableName);
    const stored = await rejected.list({ limit: 10 });
    expect(stored.find((input) => input.requestId === 'broken-1')).toEqual(
      expect.objectContaining({
        source: 'contact-events-queue',
        raw: '{"type":"x"',
      }),
    );
  });

  it('stores nothing when the hubspot-sync queue cannot be reached', async () => {
    const event = loadSqsEvent('contact-events');
    const records = event.Records.map((record) => ({
      ...record,
      body: record.body.replaceAll('1001', '1002'),
      attributes: { ...record.attributes, MessageGroupId: '9100001:1002' },
    }));
    sqs.on(SendMessageBatchCommand).rejects(new Error('SQS is unavailable'));

    const attempt = handler({ Records: records });

    await expect(attempt).rejects.toThrow('SQS is unavailable');
    const store = new DynamoContactStore(table.documents, table.tableName);
    expect(await store.get(9100001, '1002')).toBeUndefined();
  });
});
