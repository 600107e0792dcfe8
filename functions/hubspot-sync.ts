import type { SQSEvent } from 'aws-lambda';
import { SQSClient } from '@aws-sdk/client-sqs';
import { deployedGateway } from '#shared/aws/deployed-gateway.ts';
import { createHubSpotSync } from '#shared/pipeline/hubspot-sync.ts';
import { SqsQueue } from '#shared/queue/sqs-queue.ts';
import { requiredEnv, runtimeClientConfig } from '#shared/runtime-config.ts';
import { createDocumentClient } from '#shared/store/dynamodb/client.ts';
import { DynamoRejectedInputs } from '#shared/store/dynamodb/rejected-inputs.ts';

const config = runtimeClientConfig();
const rejected = new DynamoRejectedInputs(
  createDocumentClient(),
  requiredEnv('NURTURE_TABLE'),
);
const contactEvents = new SqsQueue(
  new SQSClient({}),
  requiredEnv('CONTACT_EVENTS_QUEUE_URL'),
);

export const handler = async (event: SQSEvent) => {
  const sync = createHubSpotSync({
    gateway: await deployedGateway(config),
    contactEvents,
    rejected,
    config,
    clock: Date.now,
  });
  return sync(event);
};
