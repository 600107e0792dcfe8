import { SQSClient } from '@aws-sdk/client-sqs';
import { readSecretString } from '#shared/aws/secrets.ts';
import { SqsQueue } from '#shared/queue/sqs-queue.ts';
import { requiredEnv } from '#shared/runtime-config.ts';
import { createDocumentClient } from '#shared/store/dynamodb/client.ts';
import { DynamoRejectedInputs } from '#shared/store/dynamodb/rejected-inputs.ts';
import { createWebhookReceiver } from '#shared/webhooks/receiver.ts';

/**
 * Returns where the HubSpot app's client secret comes from: Secrets Manager in AWS (cached by
 * Powertools for 5 minutes), or HUBSPOT_CLIENT_SECRET when the handler runs outside AWS.
 */
function clientSecretSource(): () => Promise<string> {
  const arn = process.env.HUBSPOT_CLIENT_SECRET_ARN;
  if (arn !== undefined && arn !== '') {
    return () => readSecretString(arn, "the HubSpot app's client secret");
  }
  const secret = process.env.HUBSPOT_CLIENT_SECRET;
  if (secret !== undefined && secret !== '') return async () => secret;
  throw new Error(
    'Missing environment variable HUBSPOT_CLIENT_SECRET_ARN, the Secrets Manager secret that ' +
      "contains the HubSpot app's client secret; outside AWS, set HUBSPOT_CLIENT_SECRET instead.",
  );
}

// Built once per Lambda environment.
export const handler = createWebhookReceiver({
  queue: new SqsQueue(
    new SQSClient({}),
    requiredEnv('CONTACT_EVENTS_QUEUE_URL'),
  ),
  rejected: new DynamoRejectedInputs(
    createDocumentClient(),
    requiredEnv('NURTURE_TABLE'),
  ),
  clientSecret: clientSecretSource(),
  clock: Date.now,
  publicUrl: process.env.WEBHOOK_PUBLIC_URL || undefined,
});
