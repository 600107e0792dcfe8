import {
  GetSecretValueCommand,
  SecretsManagerClient,
} from '@aws-sdk/client-secrets-manager';
import {
  SendMessageBatchCommand,
  SQSClient,
  type SendMessageBatchCommandInput,
} from '@aws-sdk/client-sqs';
import type { APIGatewayProxyEventV2 } from 'aws-lambda';
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
import { DynamoRejectedInputs } from '#shared/store/dynamodb/rejected-inputs.ts';
import { requestUri } from '#shared/webhooks/receiver.ts';
import { createTestTable, type TestTable } from '../helpers/dynamo.ts';
import { loadApiGatewayEvent } from '../helpers/events.ts';
import { signedHeaders } from '../helpers/signed-request.ts';

// Rejections log warnings by design.
logger.setLogLevel('SILENT');

const SECRET_ARN =
  'arn:aws:secretsmanager:eu-west-1:123456789012:secret:nurture-demo-client-secret';
const QUEUE_URL =
  'https://sqs.eu-west-1.amazonaws.com/123456789012/nurture-demo-contact-events.fifo';
const CLIENT_SECRET = 'deployed-client-secret';

const secrets = mockClient(SecretsManagerClient);
const sqs = mockClient(SQSClient);
let table: TestTable;
let handler: (
  event: APIGatewayProxyEventV2,
) => Promise<{ statusCode?: number; body?: string }>;

beforeAll(async () => {
  table = await createTestTable('function-receiver');
  // The deployed function reads these; DynamoDB goes to dynalite, SQS and Secrets Manager to mocks.
  vi.stubEnv('NURTURE_TABLE', table.tableName);
  vi.stubEnv('CONTACT_EVENTS_QUEUE_URL', QUEUE_URL);
  vi.stubEnv('HUBSPOT_CLIENT_SECRET_ARN', SECRET_ARN);
  vi.stubEnv('AWS_REGION', 'eu-west-1');
  vi.stubEnv('AWS_ACCESS_KEY_ID', 'local');
  vi.stubEnv('AWS_SECRET_ACCESS_KEY', 'local');
  vi.stubEnv('AWS_ENDPOINT_URL_DYNAMODB', table.endpoint);
  ({ handler } = await import('#functions/webhook-receiver.ts'));
});

afterAll(() => {
  vi.unstubAllEnvs();
  table.documents.destroy();
});

beforeEach(() => {
  secrets.reset();
  sqs.reset();
  secrets
    .on(GetSecretValueCommand, { SecretId: SECRET_ARN })
    .resolves({ SecretString: CLIENT_SECRET });
  sqs.on(SendMessageBatchCommand).resolves({ Successful: [], Failed: [] });
});

/** Signs the sample request now with the deployed secret, for the URL it names. */
function freshSample(
  body?: string,
  clientSecret = CLIENT_SECRET,
): APIGatewayProxyEventV2 {
  const event = loadApiGatewayEvent('webhook');
  const rawBody = body ?? event.body!;
  return {
    ...event,
    body: rawBody,
    headers: {
      ...event.headers,
      ...signedHeaders({ body: rawBody, clientSecret, url: requestUri(event) }),
    },
  };
}

/** Imports the handler module afresh, so it reads the environment variables set now. */
async function importFreshHandler() {
  vi.resetModules();
  return (await import('#functions/webhook-receiver.ts')).handler;
}

function sentEntries(): NonNullable<SendMessageBatchCommandInput['Entries']> {
  return sqs
    .commandCalls(SendMessageBatchCommand)
    .flatMap((call) => call.args[0].input.Entries ?? []);
}

describe('webhook-receiver function', () => {
  it('sends the events of a signed batch to the contact-events queue', async () => {
    const response = await handler(freshSample());

    expect(response.statusCode).toBe(200);
    expect(
      sqs.commandCalls(SendMessageBatchCommand)[0]?.args[0].input.QueueUrl,
    ).toBe(QUEUE_URL);
    expect(
      sentEntries().map((entry) => [
        entry.MessageGroupId,
        entry.MessageDeduplicationId,
      ]),
    ).toEqual([
      ['9100001:1001', '9100001:101:7000001'],
      ['9100001:1001', '9100001:201:7000002'],
      ['9100001:1001', '9100001:202:7000003'],
    ]);
  });

  it('rejects the stored sample because its timestamp is stale', async () => {
    const response = await handler(loadApiGatewayEvent('webhook'));

    expect(response.statusCode).toBe(401);
    expect(JSON.parse(response.body!)).toEqual({
      message: 'Signature check failed: stale timestamp',
    });
    expect(sentEntries()).toEqual([]);
  });

  it('keeps an unusable body in the table', async () => {
    const event = freshSample('{"not":"a batch"}');

    const response = await handler(event);

    expect(response.statusCode).toBe(400);
    const rejected = new DynamoRejectedInputs(table.documents, table.tableName);
    const stored = await rejected.list({ limit: 10 });
    expect(
      stored.find((input) => input.requestId === event.requestContext.requestId)
        ?.raw,
    ).toBe('{"not":"a batch"}');
    expect(sentEntries()).toEqual([]);
  });

  describe('when it runs outside AWS', () => {
    afterAll(() => {
      vi.stubEnv('HUBSPOT_CLIENT_SECRET_ARN', SECRET_ARN);
      vi.stubEnv('HUBSPOT_CLIENT_SECRET', '');
    });

    it('takes the client secret from HUBSPOT_CLIENT_SECRET', async () => {
      vi.stubEnv('HUBSPOT_CLIENT_SECRET_ARN', '');
      vi.stubEnv('HUBSPOT_CLIENT_SECRET', 'local-client-secret');
      const local = await importFreshHandler();

      const response = await local(
        freshSample(undefined, 'local-client-secret'),
      );

      expect(response.statusCode).toBe(200);
      expect(secrets.commandCalls(GetSecretValueCommand)).toEqual([]);
    });

    it('names both variables when neither is set', async () => {
      vi.stubEnv('HUBSPOT_CLIENT_SECRET_ARN', '');
      vi.stubEnv('HUBSPOT_CLIENT_SECRET', '');

      const loading = importFreshHandler();

      await expect(loading).rejects.toThrow(
        /HUBSPOT_CLIENT_SECRET_ARN.*set HUBSPOT_CLIENT_SECRET instead/,
      );
    });
  });
});
