import { SESv2Client } from '@aws-sdk/client-sesv2';
import { SQSClient } from '@aws-sdk/client-sqs';
import { readSecretString } from '#shared/aws/secrets.ts';
import { hubspotRequestQueue } from '#shared/pipeline/hubspot-sync.ts';
import { SqsQueue } from '#shared/queue/sqs-queue.ts';
import { requiredEnv, runtimeClientConfig } from '#shared/runtime-config.ts';
import { createDocumentClient } from '#shared/store/dynamodb/client.ts';
import { runTick } from '#shared/workflows/tick.ts';
import { tickDependencies } from '#shared/workflows/tick-dependencies.ts';

// Built once per Lambda environment; EventBridge Scheduler invokes it every 5 minutes.
const config = runtimeClientConfig();
const documents = createDocumentClient();
const ses = new SESv2Client({});
const hubspot = hubspotRequestQueue(
  new SqsQueue(new SQSClient({}), requiredEnv('HUBSPOT_SYNC_QUEUE_URL')),
);

export const handler = async () => {
  const report = await runTick(
    tickDependencies({
      config,
      documents,
      tableName: requiredEnv('NURTURE_TABLE'),
      ses,
      hubspot,
      unsubscribeSecret: await unsubscribeSecret(),
      clock: Date.now,
      ...(process.env.SES_CONFIGURATION_SET === undefined
        ? {}
        : { configurationSet: process.env.SES_CONFIGURATION_SET }),
    }),
  );
  return {
    advanced: report.advanced,
    retryLater: report.retryLater,
    conflicts: report.conflicts,
    failed: report.failed,
    stopped: report.stopped,
  };
};

/** Reads the key that signs unsubscribe links; the stack generates it and passes its ARN. */
async function unsubscribeSecret(): Promise<string> {
  return readSecretString(
    requiredEnv('UNSUBSCRIBE_SECRET_ARN'),
    'the unsubscribe link key',
  );
}
