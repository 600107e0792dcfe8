import {
  GetSecretValueCommand,
  SecretsManagerClient,
} from '@aws-sdk/client-secrets-manager';
import { SendMessageBatchCommand, SQSClient } from '@aws-sdk/client-sqs';
import type { SQSBatchResponse, SQSEvent } from 'aws-lambda';
import { mockClient } from 'aws-sdk-client-mock';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { logger } from '#shared/logger.ts';
import { DynamoRejectedInputs } from '#shared/store/dynamodb/rejected-inputs.ts';
import { createTestTable, type TestTable } from '../helpers/dynamo.ts';
import { loadSqsEvent } from '../helpers/events.ts';

// A rejected queue message logs an error by design.
logger.setLogLevel('SILENT');

const TOKEN_ARN =
  'arn:aws:secretsmanager:eu-west-1:123456789012:secret:nurture-demo-hubspot-token';

const secrets = mockClient(SecretsManagerClient);
const sqs = mockClient(SQSClient);
let table: TestTable;
let handler: (event: SQSEvent) => Promise<SQSBatchResponse>;
const fetchCalls: string[] = [];

beforeAll(async () => {
  table = await createTestTable('function-sync');
  vi.stubEnv('NURTURE_TABLE', table.tableName);
  vi.stubEnv('HUBSPOT_TOKEN_ARN', TOKEN_ARN);
  vi.stubEnv(
    'CONTACT_EVENTS_QUEUE_URL',
    'https://sqs.eu-west-1.amazonaws.com/123456789012/nurture-demo-contact-events.fifo',
  );
  vi.stubEnv('NURTURE_CONFIG_FILE', 'clients/demo.json');
  vi.stubEnv('AWS_REGION', 'eu-west-1');
  vi.stubEnv('AWS_ACCESS_KEY_ID', 'local');
  vi.stubEnv('AWS_SECRET_ACCESS_KEY', 'local');
  vi.stubEnv('AWS_ENDPOINT_URL_DYNAMODB', table.endpoint);
  secrets
    .on(GetSecretValueCommand, { SecretId: TOKEN_ARN })
    .resolves({ SecretString: 'deployed-access-token' });
  sqs.on(SendMessageBatchCommand).resolves({ Successful: [], Failed: [] });
  // The deployed gateway calls api.hubapi.com; this test must never reach it.
  vi.spyOn(globalThis, 'fetch').mockImplementation(async (input) => {
    fetchCalls.push(String(input instanceof Request ? input.url : input));
    throw new Error('no network in tests');
  });
  ({ handler } = await import('#functions/hubspot-sync.ts'));
});

afterAll(() => {
  vi.restoreAllMocks();
  vi.unstubAllEnvs();
  table.documents.destroy();
});

describe('hubspot-sync function', () => {
  it('keeps a malformed record without calling HubSpot', async () => {
    const [record] = loadSqsEvent('hubspot-sync').Records;
    const broken = {
      ...record!,
      messageId: 'broken-sync-1',
      body: '{"kind":"delete","contactId":"1001"}',
    };

    const response = await handler({ Records: [broken] });

    expect(response).toEqual({ batchItemFailures: [] });
    const stored = await new DynamoRejectedInputs(
      table.documents,
      table.tableName,
    ).list({ limit: 10 });
    expect(stored).toEqual([
      expect.objectContaining({
        source: 'hubspot-sync-queue',
        requestId: 'broken-sync-1',
        raw: broken.body,
      }),
    ]);
    expect(
      secrets.commandCalls(GetSecretValueCommand)[0]?.args[0].input.SecretId,
    ).toBe(TOKEN_ARN);
    expect(fetchCalls).toEqual([]);
  });
});
