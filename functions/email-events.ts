import type { EventBridgeEvent } from 'aws-lambda';
import { SQSClient } from '@aws-sdk/client-sqs';
import { SqsQueue } from '#shared/queue/sqs-queue.ts';
import { requiredEnv } from '#shared/runtime-config.ts';
import { createDocumentClient } from '#shared/store/dynamodb/client.ts';
import { DynamoMailState } from '#shared/store/dynamodb/mail-state.ts';
import {
  recordSesEvent,
  SesEventSchema,
} from '#shared/workflows/ses-events.ts';

// Built once per Lambda environment; EventBridge delivers one SES event per call.
const mailState = new DynamoMailState(
  createDocumentClient(),
  requiredEnv('NURTURE_TABLE'),
);
const contactEvents = new SqsQueue(
  new SQSClient({}),
  requiredEnv('CONTACT_EVENTS_QUEUE_URL'),
);

export const handler = async (event: EventBridgeEvent<string, unknown>) => {
  const outcome = await recordSesEvent(SesEventSchema.parse(event.detail), {
    mailState,
    contactEvents,
  });
  return { outcome };
};
