import { join } from 'node:path';
import {
  CfnOutput,
  Duration,
  Stack,
  Validations,
  type StackProps,
} from 'aws-cdk-lib';
import { Queue, QueueEncryption } from 'aws-cdk-lib/aws-sqs';
import type { Construct } from 'constructs';
import type { ClientConfig } from '#shared/core/config/client.ts';
import { ContactPipeline } from './contact-pipeline.ts';
import { EmptySecret } from './constructs/empty-secret.ts';
import { NurtureAlarms } from './constructs/nurture-alarms.ts';
import { NurtureFunction } from './constructs/nurture-function.ts';
import { NurtureTable } from './constructs/nurture-table.ts';
import { PROJECT_ROOT } from './function-bundle.ts';
import { WorkflowFunctions } from './workflow-functions.ts';

export interface NurtureStackProps extends StackProps {
  readonly config: ClientConfig;
  /**
   * Folder holding the handler files.
   * @default - `functions/` of the project
   */
  readonly functionsDirectory?: string;
  /**
   * The URL HubSpot calls, when a custom domain or proxy hides it from the receiver.
   * @default - the API's own URL
   */
  readonly webhookPublicUrl?: string;
  /**
   * Map the functions' stack traces to the TypeScript sources, at a cost in cold-start time.
   * @default false
   */
  readonly sourceMaps?: boolean;
}

/** Stack name of a client: one stack per client config, per account and region. */
export function stackName(clientId: string): string {
  return `Nurture-${clientId}`;
}

/**
 * Everything one client's Nurture runs on. No resource has a name set by hand, so stacks of
 * several clients live side by side in one account and region.
 */
export class NurtureStack extends Stack {
  constructor(scope: Construct, id: string, props: NurtureStackProps) {
    super(scope, id, {
      description: `Nurture lead scoring and nurturing for ${props.config.client.name}`,
      ...props,
    });
    const { config } = props;
    const functionsDirectory =
      props.functionsDirectory ?? join(PROJECT_ROOT, 'functions');

    const table = new NurtureTable(this, 'Table');
    const hubspotToken = new EmptySecret(this, 'HubSpotToken', {
      description:
        "Access token of the client's HubSpot app (private app or OAuth), used for every " +
        'HubSpot API call. Store it as the plain secret string; see the README, Deploy to AWS.',
    });
    const alarms = new NurtureAlarms(this, 'Alarms', { config });
    const failedInvocations = new Queue(this, 'FailedInvocations', {
      retentionPeriod: Duration.days(14),
      encryption: QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
    });
    for (const id of ['AwsSolutions-SQS3', 'Serverless-SQSRedrivePolicy']) {
      Validations.of(failedInvocations).acknowledge({
        id,
        reason:
          'This queue is itself the dead-letter queue of the asynchronous functions, ' +
          'the schedules and the SES event rule; its depth raises an alarm.',
      });
    }
    alarms.watchDeadLetterQueue(
      'FailedInvocations',
      failedInvocations,
      'A scheduled or asynchronous invocation failed for good.',
    );
    const shared = {
      config,
      functionsDirectory,
      table,
      hubspotToken,
      alarms,
      failedInvocations,
    };

    const pipeline = new ContactPipeline(this, 'Pipeline', {
      ...shared,
      webhookPublicUrl: props.webhookPublicUrl,
    });
    const workflows = new WorkflowFunctions(this, 'Workflows', {
      ...shared,
      hubspotSync: pipeline.hubspotSync.queue,
      contactEvents: pipeline.contactEvents.queue,
    });

    if (props.sourceMaps === true) {
      for (const construct of this.node.findAll()) {
        if (construct instanceof NurtureFunction) construct.enableSourceMaps();
      }
    }

    new CfnOutput(this, 'WebhookUrl', {
      description: "Target URL for the HubSpot app's webhook settings",
      value: pipeline.webhookApi.webhookUrl,
    });
    new CfnOutput(this, 'HubSpotTokenSecretArn', {
      description: 'Secret to store the HubSpot access token in',
      value: hubspotToken.secretArn,
    });
    new CfnOutput(this, 'HubSpotClientSecretArn', {
      description: "Secret to store the HubSpot app's client secret in",
      value: pipeline.clientSecret.secretArn,
    });
    new CfnOutput(this, 'SesConfigurationSet', {
      description: 'SES configuration set attached to every Nurture email',
      value: workflows.email.configurationSet.configurationSetName,
    });
    new CfnOutput(this, 'AlarmTopicArn', {
      description: 'SNS topic that receives the alarms',
      value: alarms.topic.topicArn,
    });
    new CfnOutput(this, 'TableName', { value: table.tableName });
  }
}
