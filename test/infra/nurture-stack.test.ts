import { Match, type Template } from 'aws-cdk-lib/assertions';
import { AwsSolutionsChecks, ServerlessChecks } from 'cdk-nag';
import { beforeAll, describe, expect, it } from 'vitest';
import type { NurtureStack } from '#infra/nurture-stack.ts';
import {
  PIPELINE_HANDLERS,
  logicalId,
  synthesizeDemo,
} from './stack-fixture.ts';

type Resource = { Properties: Record<string, unknown> };

function resources(template: Template, type: string): [string, Resource][] {
  return Object.entries(template.findResources(type)) as [string, Resource][];
}

/** Returns the logical id inside `{ "Fn::GetAtt": [id, ...] }` or `{ Ref: id }`. */
function referencedId(value: unknown): string | undefined {
  const record = value as Record<string, unknown> | undefined;
  const getAtt = record?.['Fn::GetAtt'];
  if (Array.isArray(getAtt)) return String(getAtt[0]);
  const ref = record?.Ref;
  return typeof ref === 'string' ? ref : undefined;
}

function policyStatements(
  template: Template,
  rolePrefix: string,
): Record<string, unknown>[] {
  const role = logicalId(template, 'AWS::IAM::Role', rolePrefix);
  return resources(template, 'AWS::IAM::Policy')
    .filter(([, policy]) =>
      (policy.Properties.Roles as unknown[]).some(
        (entry) => referencedId(entry) === role,
      ),
    )
    .flatMap(
      ([, policy]) =>
        (
          policy.Properties.PolicyDocument as {
            Statement: Record<string, unknown>[];
          }
        ).Statement,
    );
}

function actionsOf(statement: Record<string, unknown>): string[] {
  return ([] as string[]).concat(statement.Action as string | string[]);
}

describe('NurtureStack', () => {
  describe('when synthesised for the demo client with every handler', () => {
    let stack: NurtureStack;
    let template: Template;

    beforeAll(async () => {
      ({ stack, template } = await synthesizeDemo());
    });

    it('lets the receiver send only to its queue', () => {
      const queue = logicalId(
        template,
        'AWS::SQS::Queue',
        'PipelineContactEventsQueue',
      );

      const sqsStatements = policyStatements(
        template,
        'PipelineWebhookReceiverRole',
      ).filter((statement) =>
        actionsOf(statement).some((action) => action.startsWith('sqs:')),
      );

      expect(sqsStatements).toHaveLength(1);
      expect(actionsOf(sqsStatements[0]!)).toEqual(['sqs:SendMessage']);
      expect(referencedId(sqsStatements[0]!.Resource)).toBe(queue);
    });

    it('lets the receiver only put items into the table', () => {
      const table = logicalId(template, 'AWS::DynamoDB::Table', 'Table');

      const tableStatements = policyStatements(
        template,
        'PipelineWebhookReceiverRole',
      ).filter((statement) =>
        actionsOf(statement).some((action) => action.startsWith('dynamodb:')),
      );

      expect(tableStatements).toHaveLength(1);
      expect(actionsOf(tableStatements[0]!)).toEqual(['dynamodb:PutItem']);
      expect(referencedId(tableStatements[0]!.Resource)).toBe(table);
    });

    it('grants no function a table scan', () => {
      const actions = resources(template, 'AWS::IAM::Policy').flatMap(
        ([, policy]) =>
          (
            policy.Properties.PolicyDocument as {
              Statement: Record<string, unknown>[];
            }
          ).Statement.flatMap(actionsOf),
      );

      expect(actions).not.toContain('dynamodb:Scan');
      expect(actions).not.toContain('dynamodb:*');
    });

    it('protects and recovers the table', () => {
      template.hasResourceProperties('AWS::DynamoDB::Table', {
        BillingMode: 'PAY_PER_REQUEST',
        PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true },
        SSESpecification: { SSEEnabled: true },
        DeletionProtectionEnabled: true,
        TimeToLiveSpecification: { AttributeName: 'expiresAt', Enabled: true },
        GlobalSecondaryIndexes: [
          Match.objectLike({
            IndexName: 'gsi1',
            KeySchema: [
              { AttributeName: 'gsi1pk', KeyType: 'HASH' },
              { AttributeName: 'gsi1sk', KeyType: 'RANGE' },
            ],
          }),
        ],
      });
      template.hasResource('AWS::DynamoDB::Table', {
        DeletionPolicy: 'Retain',
      });
    });

    it('gives every queue a dead-letter queue', () => {
      const deadLetterTargets = new Set<string>();
      for (const [, queue] of resources(template, 'AWS::SQS::Queue')) {
        const redrive = queue.Properties.RedrivePolicy as
          { deadLetterTargetArn: unknown } | undefined;
        const target = referencedId(redrive?.deadLetterTargetArn);
        if (target !== undefined) deadLetterTargets.add(target);
      }
      const failedInvocations = logicalId(
        template,
        'AWS::SQS::Queue',
        'FailedInvocations',
      );

      const queuesWithout = resources(template, 'AWS::SQS::Queue')
        .filter(([, queue]) => queue.Properties.RedrivePolicy === undefined)
        .map(([id]) => id)
        .filter((id) => !deadLetterTargets.has(id) && id !== failedInvocations);

      expect(deadLetterTargets.size).toBe(2);
      expect(queuesWithout).toEqual([]);
    });

    it('dead-letters failed asynchronous invocations', () => {
      const failedInvocations = logicalId(
        template,
        'AWS::SQS::Queue',
        'FailedInvocations',
      );
      const asynchronous = [
        'WorkflowsWorkflowTick',
        'WorkflowsEmailEvents',
        'WorkflowsReport',
      ];

      for (const prefix of asynchronous) {
        const id = logicalId(template, 'AWS::Lambda::Function', prefix);
        const handler = template.findResources('AWS::Lambda::Function')[
          id
        ] as Resource;
        const target = (
          handler.Properties.DeadLetterConfig as { TargetArn: unknown }
        ).TargetArn;
        expect(referencedId(target), prefix).toBe(failedInvocations);
      }
    });

    it('sizes visibility timeouts from consumer timeouts', () => {
      const queues = Object.fromEntries(resources(template, 'AWS::SQS::Queue'));
      const functions = Object.fromEntries(
        resources(template, 'AWS::Lambda::Function'),
      );
      const mappings = resources(template, 'AWS::Lambda::EventSourceMapping');

      expect(mappings).toHaveLength(2);
      for (const [id, mapping] of mappings) {
        const queue = queues[referencedId(mapping.Properties.EventSourceArn)!]!;
        const consumer =
          functions[referencedId(mapping.Properties.FunctionName)!]!;
        const window = Number(
          mapping.Properties.MaximumBatchingWindowInSeconds ?? 0,
        );
        const minimum = 6 * Number(consumer.Properties.Timeout) + window;

        expect(
          Number(queue.Properties.VisibilityTimeout),
          id,
        ).toBeGreaterThanOrEqual(minimum);
      }
    });

    it('consumes contact events in FIFO batches of 10', () => {
      const queue = logicalId(
        template,
        'AWS::SQS::Queue',
        'PipelineContactEventsQueue',
      );

      template.hasResourceProperties('AWS::SQS::Queue', {
        FifoQueue: true,
        ContentBasedDeduplication: false,
        RedrivePolicy: Match.objectLike({ maxReceiveCount: 5 }),
      });
      template.hasResourceProperties('AWS::Lambda::EventSourceMapping', {
        EventSourceArn: { 'Fn::GetAtt': [queue, 'Arn'] },
        BatchSize: 10,
        FunctionResponseTypes: ['ReportBatchItemFailures'],
      });
    });

    it('caps the concurrency of the HubSpot sync', () => {
      const queue = logicalId(
        template,
        'AWS::SQS::Queue',
        'PipelineHubSpotSyncQueue',
      );
      const sync = logicalId(
        template,
        'AWS::Lambda::Function',
        'PipelineHubSpotSync',
      );

      template.hasResourceProperties('AWS::Lambda::Function', {
        Description: Match.stringLikeRegexp('HubSpot contacts'),
        ReservedConcurrentExecutions: 2,
      });
      template.hasResourceProperties('AWS::Lambda::EventSourceMapping', {
        EventSourceArn: { 'Fn::GetAtt': [queue, 'Arn'] },
        FunctionName: { Ref: sync },
        BatchSize: 100,
        MaximumBatchingWindowInSeconds: Match.anyValue(),
        ScalingConfig: { MaximumConcurrency: 2 },
        FunctionResponseTypes: ['ReportBatchItemFailures'],
      });
    });

    it('runs functions on Node 22 arm64, traced and logged', () => {
      const functions = resources(template, 'AWS::Lambda::Function');

      expect(functions).toHaveLength(6);
      for (const [id, handler] of functions) {
        expect(handler.Properties, id).toMatchObject({
          Runtime: 'nodejs22.x',
          Architectures: ['arm64'],
          TracingConfig: { Mode: 'Active' },
          LoggingConfig: { LogGroup: { Ref: expect.any(String) } },
        });
      }
      template.allResourcesProperties('AWS::Logs::LogGroup', {
        RetentionInDays: Match.anyValue(),
      });
    });

    it('keeps secret values out of the template', () => {
      for (const [, handler] of resources(template, 'AWS::Lambda::Function')) {
        const variables = (
          handler.Properties.Environment as {
            Variables: Record<string, unknown>;
          }
        ).Variables;

        for (const [name, value] of Object.entries(variables)) {
          if (!name.endsWith('_ARN')) continue;
          const secret = referencedId(value)!;
          expect(template.toJSON().Resources[secret].Type, name).toBe(
            'AWS::SecretsManager::Secret',
          );
        }
      }
      template.allResourcesProperties('AWS::SecretsManager::Secret', {
        SecretString: Match.absent(),
      });
    });

    it('creates the HubSpot secrets empty, with instructions', () => {
      const empty = template.findResources('AWS::SecretsManager::Secret', {
        Properties: { GenerateSecretString: Match.absent() },
      });

      expect(Object.keys(empty)).toHaveLength(2);
      for (const secret of Object.values(empty)) {
        expect(secret.Properties.Description).toMatch(/HubSpot.*README/s);
      }
    });

    it('gives the tick only the unsubscribe key', () => {
      const tick = template.findResources('AWS::Lambda::Function', {
        Properties: { Description: Match.stringLikeRegexp('due workflow') },
      });
      const variables = (
        Object.values(tick)[0]!.Properties.Environment as {
          Variables: Record<string, unknown>;
        }
      ).Variables;
      const key = referencedId(variables.UNSUBSCRIBE_SECRET_ARN)!;

      expect(Object.keys(tick)).toHaveLength(1);
      expect(variables.HUBSPOT_TOKEN_ARN).toBeUndefined();
      expect(
        template.toJSON().Resources[key].Properties.GenerateSecretString,
      ).toMatchObject({ PasswordLength: 64 });
    });

    it('throttles the webhook route and logs its requests', () => {
      template.hasResourceProperties('AWS::ApiGatewayV2::Route', {
        RouteKey: 'POST /webhooks/hubspot',
      });
      template.hasResourceProperties('AWS::ApiGatewayV2::Integration', {
        IntegrationType: 'AWS_PROXY',
        PayloadFormatVersion: '2.0',
      });
      template.hasResourceProperties('AWS::ApiGatewayV2::Stage', {
        StageName: '$default',
        DefaultRouteSettings: {
          ThrottlingRateLimit: Match.anyValue(),
          ThrottlingBurstLimit: Match.anyValue(),
        },
        AccessLogSettings: Match.objectLike({ Format: Match.anyValue() }),
      });
    });

    it('outputs the webhook URL', () => {
      const api = logicalId(
        template,
        'AWS::ApiGatewayV2::Api',
        'PipelineWebhookApi',
      );

      template.hasOutput('WebhookUrl', {
        Value: {
          'Fn::Join': [
            '',
            [{ 'Fn::GetAtt': [api, 'ApiEndpoint'] }, '/webhooks/hubspot'],
          ],
        },
      });
    });

    it('schedules tick and report in client time zone', () => {
      const schedules = resources(template, 'AWS::Scheduler::Schedule').map(
        ([, schedule]) => schedule.Properties,
      );

      expect(schedules).toHaveLength(2);
      expect(
        schedules.map((schedule) => schedule.ScheduleExpression).sort(),
      ).toEqual(['cron(0 8 ? * MON *)', 'rate(5 minutes)']);
      for (const schedule of schedules) {
        expect(schedule.ScheduleExpressionTimezone).toBe('Europe/Amsterdam');
        expect(schedule.Target).toMatchObject({
          DeadLetterConfig: { Arn: expect.anything() },
        });
      }
    });

    it('routes SES events to email-events', () => {
      const configurationSet = logicalId(
        template,
        'AWS::SES::ConfigurationSet',
        'WorkflowsEmailConfigurationSet',
      );
      const emailEvents = logicalId(
        template,
        'AWS::Lambda::Function',
        'WorkflowsEmailEvents',
      );

      template.hasResourceProperties(
        'AWS::SES::ConfigurationSetEventDestination',
        {
          ConfigurationSetName: { Ref: configurationSet },
          EventDestination: Match.objectLike({
            Enabled: true,
            EventBridgeDestination: Match.anyValue(),
            MatchingEventTypes: Match.arrayWith([
              'bounce',
              'complaint',
              'open',
              'click',
            ]),
          }),
        },
      );
      template.hasResourceProperties('AWS::Events::Rule', {
        EventPattern: {
          source: ['aws.ses'],
          detail: {
            mail: {
              tags: { 'ses:configuration-set': [{ Ref: configurationSet }] },
            },
          },
        },
        Targets: [
          Match.objectLike({
            Arn: { 'Fn::GetAtt': [emailEvents, 'Arn'] },
            DeadLetterConfig: Match.anyValue(),
          }),
        ],
      });
    });

    it('lets only the configured sender email', () => {
      const statements = policyStatements(
        template,
        'WorkflowsReportRole',
      ).filter((statement) => actionsOf(statement).includes('ses:SendEmail'));

      expect(statements).toHaveLength(1);
      expect(statements[0]!.Condition).toEqual({
        StringEquals: { 'ses:FromAddress': expect.stringContaining('@') },
      });
    });

    it('alarms on HubSpot 429s of the client', () => {
      template.hasResourceProperties('AWS::CloudWatch::Alarm', {
        Namespace: 'Nurture',
        MetricName: 'HubSpotRateLimited',
        Dimensions: Match.arrayWith([{ Name: 'client', Value: 'demo' }]),
        AlarmActions: [Match.anyValue()],
      });
    });

    it('alarms on every dead-letter queue', () => {
      const deadLetterQueues = resources(template, 'AWS::SQS::Queue')
        .filter(([, queue]) => queue.Properties.RedrivePolicy === undefined)
        .map(([id]) => id);
      const watched = resources(template, 'AWS::CloudWatch::Alarm')
        .filter(
          ([, alarm]) =>
            alarm.Properties.MetricName ===
            'ApproximateNumberOfMessagesVisible',
        )
        .map(([, alarm]) =>
          referencedId(
            (alarm.Properties.Dimensions as { Value: unknown }[])[0]!.Value,
          ),
        );

      expect(deadLetterQueues).toHaveLength(3);
      expect(watched.sort()).toEqual(deadLetterQueues.sort());
    });

    it('alarms on errors and throttles of every function', () => {
      const alarms = resources(template, 'AWS::CloudWatch::Alarm').map(
        ([, alarm]) => alarm.Properties,
      );

      for (const [id] of resources(template, 'AWS::Lambda::Function')) {
        for (const metric of ['Errors', 'Throttles']) {
          const found = alarms.some(
            (alarm) =>
              alarm.MetricName === metric &&
              referencedId(
                (alarm.Dimensions as { Value: unknown }[])[0]!.Value,
              ) === id,
          );
          expect(found, `${metric} of ${id}`).toBe(true);
        }
      }
    });

    it('passes the AwsSolutions and Serverless checks', () => {
      const packs = [new AwsSolutionsChecks(), new ServerlessChecks()];

      const violations = packs.flatMap(
        (pack) => pack.validateScope(stack).violations,
      );

      expect(violations).toEqual([]);
    });
  });

  describe('when the workflow handlers do not exist yet', () => {
    let stack: NurtureStack;
    let template: Template;

    beforeAll(async () => {
      ({ stack, template } = await synthesizeDemo(PIPELINE_HANDLERS));
    });

    it('builds the pipeline functions only', () => {
      template.resourceCountIs('AWS::Lambda::Function', 3);
      template.resourceCountIs('AWS::Scheduler::Schedule', 0);
      template.resourceCountIs('AWS::Events::Rule', 0);
    });

    it('still creates the SES configuration set', () => {
      template.resourceCountIs('AWS::SES::ConfigurationSet', 1);
    });

    it('passes the AwsSolutions and Serverless checks', () => {
      const packs = [new AwsSolutionsChecks(), new ServerlessChecks()];

      const violations = packs.flatMap(
        (pack) => pack.validateScope(stack).violations,
      );

      expect(violations).toEqual([]);
    });
  });

  describe('when source maps are asked for', () => {
    it('makes every function read its source map', async () => {
      const { template } = await synthesizeDemo(PIPELINE_HANDLERS, {
        sourceMaps: true,
      });

      for (const [id, handler] of resources(
        template,
        'AWS::Lambda::Function',
      )) {
        expect(handler.Properties.Environment, id).toMatchObject({
          Variables: { NODE_OPTIONS: '--enable-source-maps' },
        });
      }
    });
  });

  describe('when source maps are not asked for', () => {
    it('leaves NODE_OPTIONS unset', async () => {
      const { template } = await synthesizeDemo(PIPELINE_HANDLERS);

      for (const [id, handler] of resources(
        template,
        'AWS::Lambda::Function',
      )) {
        const variables = (
          handler.Properties.Environment as {
            Variables: Record<string, unknown>;
          }
        ).Variables;
        expect(variables.NODE_OPTIONS, id).toBeUndefined();
      }
    });
  });
});
