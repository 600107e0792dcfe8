import { createHmac } from 'node:crypto';
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

// NOTE: the stack has no unsubscribe secret yet; until it does, the key is
// derived from the HubSpot token secret, which only the deployment knows.
async function unsubscribeSecret(): Promise<string> {
  const own = process.env.UNSUBSCRIBE_SECRET_ARN;
  if (own !== undefined && own !== '') {
    return readSecretString(own, 'the unsubscribe link key');
  }
  const token = await readSecretString(
    requiredEnv('HUBSPOT_TOKEN_ARN'),
    'the HubSpot token',
  );
  return createHmac('sha256', token)
    .update('nurture-unsubscribe')
    .digest('hex');
}
