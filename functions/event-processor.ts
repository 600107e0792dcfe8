import { SQSClient } from '@aws-sdk/client-sqs';
import { createEventProcessor } from '#shared/pipeline/event-processor.ts';
import { hubspotRequestQueue } from '#shared/pipeline/hubspot-sync.ts';
import { SqsQueue } from '#shared/queue/sqs-queue.ts';
import { requiredEnv, runtimeClientConfig } from '#shared/runtime-config.ts';
import { VersionConflictError } from '#shared/store/contact-store.ts';
import { createDocumentClient } from '#shared/store/dynamodb/client.ts';
import { DynamoContactStore } from '#shared/store/dynamodb/contact-store.ts';
import { DynamoEnrollmentStore } from '#shared/store/dynamodb/enrollments.ts';
import { DynamoRejectedInputs } from '#shared/store/dynamodb/rejected-inputs.ts';
import { DynamoWorkflowCounters } from '#shared/store/dynamodb/workflow-counters.ts';
import { createWorkflowTriggers } from '#shared/workflows/contact-changes.ts';
import { triggeringStore } from '#shared/workflows/triggering-store.ts';

// Built once per Lambda environment. The processor never calls HubSpot itself: reads and
// writes go to the hubspot-sync queue, whose consumer batches them 100 contacts per call.
// Every stored contact change also runs the workflow triggers and exit goals.
const table = requiredEnv('NURTURE_TABLE');
const documents = createDocumentClient();
const config = runtimeClientConfig();

export const handler = createEventProcessor({
  store: triggeringStore(
    new DynamoContactStore(documents, table),
    createWorkflowTriggers({
      config,
      enrollments: new DynamoEnrollmentStore(documents, table),
      counters: new DynamoWorkflowCounters(documents, table),
    }),
    Date.now,
  ),
  hubspot: hubspotRequestQueue(
    new SqsQueue(new SQSClient({}), requiredEnv('HUBSPOT_SYNC_QUEUE_URL')),
  ),
  rejected: new DynamoRejectedInputs(documents, table),
  config,
  clock: Date.now,
  isVersionConflict: (error) => error instanceof VersionConflictError,
});
