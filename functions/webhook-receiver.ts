import { SQSClient } from '@aws-sdk/client-sqs';
import { getSecret } from '@aws-lambda-powertools/parameters/secrets';
import { SqsQueue } from '#shared/queue/sqs-queue.ts';
import { requiredEnv } from '#shared/runtime-config.ts';
import { createDocumentClient } from '#shared/store/dynamodb/client.ts';
import { DynamoRejectedInputs } from '#shared/store/dynamodb/rejected-inputs.ts';
import { createWebhookReceiver } from '#shared/webhooks/receiver.ts';

// Built once per Lambda environment. The client secret is cached by Powertools for 5 minutes.
const secretArn = requiredEnv('HUBSPOT_CLIENT_SECRET_ARN');

export const handler = createWebhookReceiver({
  queue: new SqsQueue(
    new SQSClient({}),
    requiredEnv('CONTACT_EVENTS_QUEUE_URL'),
  ),
  rejected: new DynamoRejectedInputs(
    createDocumentClient(),
    requiredEnv('NURTURE_TABLE'),
  ),
  clientSecret: async () => {
    const secret = await getSecret(secretArn, { maxAge: 300 });
    if (typeof secret !== 'string' || secret === '') {
      throw new Error(
        `Secret ${secretArn} is empty; store the HubSpot app's client secret in it`,
      );
    }
    return secret;
  },
  clock: Date.now,
  publicUrl: process.env.WEBHOOK_PUBLIC_URL || undefined,
});
