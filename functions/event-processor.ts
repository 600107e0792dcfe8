import type { SQSEvent } from 'aws-lambda';
import { SQSClient } from '@aws-sdk/client-sqs';
import { deployedGateway } from '#shared/aws/deployed-gateway.ts';
import { createEventProcessor } from '#shared/pipeline/event-processor.ts';
import { syncQueueOf } from '#shared/pipeline/hubspot-sync.ts';
import { SqsQueue } from '#shared/queue/sqs-queue.ts';
import { requiredEnv, runtimeClientConfig } from '#shared/runtime-config.ts';
import { createDocumentClient } from '#shared/store/dynamodb/client.ts';
import { DynamoContactStore } from '#shared/store/dynamodb/contact-store.ts';
import { DynamoRejectedInputs } from '#shared/store/dynamodb/rejected-inputs.ts';
import { VersionConflictError } from '#shared/store/contact-store.ts';

const config = runtimeClientConfig();
const table = requiredEnv('NURTURE_TABLE');
const documents = createDocumentClient();
const syncQueue = syncQueueOf(
  new SqsQueue(new SQSClient({}), requiredEnv('HUBSPOT_SYNC_QUEUE_URL')),
);

export const handler = async (event: SQSEvent) => {
  const process = createEventProcessor({
    store: new DynamoContactStore(documents, table),
    hubspot: await deployedGateway(config),
    sync: syncQueue,
    rejected: new DynamoRejectedInputs(documents, table),
    config,
    clock: Date.now,
    isVersionConflict: (error) => error instanceof VersionConflictError,
  });
  return process(event);
};
