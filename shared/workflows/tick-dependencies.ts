import type { SESv2Client } from '@aws-sdk/client-sesv2';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { ClientConfig } from '#shared/core/config/client.ts';
import { SesMailer } from '#shared/email/ses-mailer.ts';
import type { Clock, HubSpotRequestQueue } from '#shared/pipeline/ports.ts';
import { DynamoContactStore } from '#shared/store/dynamodb/contact-store.ts';
import { DynamoEnrollmentStore } from '#shared/store/dynamodb/enrollments.ts';
import { DynamoMailState } from '#shared/store/dynamodb/mail-state.ts';
import { DynamoSendLedger } from '#shared/store/dynamodb/send-ledger.ts';
import { DynamoWorkflowCounters } from '#shared/store/dynamodb/workflow-counters.ts';
import type { TickDependencies } from './tick.ts';

/** Wires the tick to one table, one SES client and the hubspot-sync queue. */
export function tickDependencies(options: {
  config: ClientConfig;
  documents: DynamoDBDocumentClient;
  tableName: string;
  ses: SESv2Client;
  hubspot: HubSpotRequestQueue;
  unsubscribeSecret: string;
  clock: Clock;
  configurationSet?: string;
}): TickDependencies {
  const { config, documents, tableName } = options;
  return {
    config,
    enrollments: new DynamoEnrollmentStore(documents, tableName),
    contacts: new DynamoContactStore(documents, tableName),
    mailState: new DynamoMailState(documents, tableName),
    counters: new DynamoWorkflowCounters(documents, tableName),
    ledger: new DynamoSendLedger(documents, tableName),
    mailer: new SesMailer(options.ses, {
      from: config.email.from,
      ...(config.email.replyTo === undefined
        ? {}
        : { replyTo: config.email.replyTo }),
      ...(options.configurationSet === undefined
        ? {}
        : { configurationSet: options.configurationSet }),
    }),
    hubspot: options.hubspot,
    unsubscribeSecret: options.unsubscribeSecret,
    clock: options.clock,
  };
}
