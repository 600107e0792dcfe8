import { join, resolve } from 'node:path';
import { Duration, RemovalPolicy, Stack, Validations } from 'aws-cdk-lib';
import type { ITable } from 'aws-cdk-lib/aws-dynamodb';
import { PolicyStatement, Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { Architecture, Runtime, Tracing } from 'aws-cdk-lib/aws-lambda';
import { NodejsFunction, OutputFormat } from 'aws-cdk-lib/aws-lambda-nodejs';
import {
  SqsEventSource,
  type SqsEventSourceProps,
} from 'aws-cdk-lib/aws-lambda-event-sources';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import type { IQueue } from 'aws-cdk-lib/aws-sqs';
import type { Construct } from 'constructs';
import type { ClientConfig } from '#shared/core/config/client.ts';
import { TABLE_KEYS } from '#shared/store/dynamodb/table.ts';
import {
  FUNCTION_BUNDLE,
  SOURCE_MAPS_NODE_OPTION,
  PROJECT_ROOT,
  clientConfigDefine,
} from '../function-bundle.ts';
import type { IGrantable } from 'aws-cdk-lib/aws-iam';

/**
 * Table access a function gets: `put` to record rejected inputs only, `read` for item reads
 * and queries, `readWrite` for both and updates.
 */
export type TableAccess = 'put' | 'read' | 'readWrite';

// Item-level actions only: no Scan (nothing reads the whole table) and no table management.
const TABLE_ACTIONS: Record<TableAccess, string[]> = {
  put: ['dynamodb:PutItem'],
  read: ['dynamodb:GetItem', 'dynamodb:BatchGetItem', 'dynamodb:Query'],
  readWrite: [
    'dynamodb:GetItem',
    'dynamodb:BatchGetItem',
    'dynamodb:Query',
    'dynamodb:PutItem',
    'dynamodb:UpdateItem',
    'dynamodb:DeleteItem',
    'dynamodb:BatchWriteItem',
    'dynamodb:ConditionCheckItem',
  ],
};

/** A secret the function may read: an `EmptySecret` or a Secrets Manager `ISecret`. */
export interface ReadableSecret {
  readonly secretArn: string;
  grantRead(grantee: IGrantable): unknown;
}

export type QueueConsumerOptions = Pick<
  SqsEventSourceProps,
  'batchSize' | 'maxBatchingWindow' | 'maxConcurrency'
>;

export interface NurtureFunctionProps {
  /** Handler file that exports `handler`: absolute, or relative to the project root. */
  readonly entry: string;
  /** The client configuration, bundled into the code. */
  readonly config: ClientConfig;
  readonly description: string;
  /**
   * Memory in MB; Lambda gives CPU in proportion to it.
   * @default 512
   */
  readonly memorySize?: number;
  /** @default Duration.seconds(30) */
  readonly timeout?: Duration;
  /** @default RetentionDays.ONE_MONTH */
  readonly logRetention?: RetentionDays;
  /**
   * Copies of the function that may run at once.
   * @default - no cap: the account's unreserved concurrency
   */
  readonly reservedConcurrentExecutions?: number;
  /**
   * Queue for events that still fail after the asynchronous invocation retries.
   * @default - none, for functions invoked synchronously or by an SQS event source
   */
  readonly deadLetterQueue?: IQueue;
  /**
   * Retries of a failed asynchronous invocation.
   * @default 2
   */
  readonly retryAttempts?: number;
}

/**
 * A Nurture handler as a Lambda function: Node 22 on arm64, bundled by esbuild into minified
 * ESM with a source map and the client configuration, traced by X-Ray, logging to its own log
 * group. It starts with rights to its log group and X-Ray only; the `use` and `send` methods
 * add each resource it needs with its environment variable.
 */
export class NurtureFunction extends NodejsFunction {
  constructor(scope: Construct, id: string, props: NurtureFunctionProps) {
    // Siblings, because nothing may be attached to `this` before super().
    const logGroup = new LogGroup(scope, `${id}Logs`, {
      retention: props.logRetention ?? RetentionDays.ONE_MONTH,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    // An own role instead of AWSLambdaBasicExecutionRole, which may write to every log group.
    const role = new Role(scope, `${id}Role`, {
      assumedBy: new ServicePrincipal('lambda.amazonaws.com'),
      description: `Runs ${props.entry}`,
    });
    logGroup.grantWrite(role);

    super(scope, id, {
      entry: resolve(PROJECT_ROOT, props.entry),
      projectRoot: PROJECT_ROOT,
      depsLockFilePath: join(PROJECT_ROOT, 'package-lock.json'),
      handler: 'handler',
      description: props.description,
      runtime: Runtime.NODEJS_22_X,
      architecture: Architecture.ARM_64,
      memorySize: props.memorySize ?? 512,
      timeout: props.timeout ?? Duration.seconds(30),
      tracing: Tracing.ACTIVE,
      role,
      logGroup,
      reservedConcurrentExecutions: props.reservedConcurrentExecutions,
      deadLetterQueue: props.deadLetterQueue,
      retryAttempts: props.retryAttempts,
      environment: {
        POWERTOOLS_SERVICE_NAME: 'nurture',
        POWERTOOLS_METRICS_NAMESPACE: 'Nurture',
      },
      bundling: {
        ...FUNCTION_BUNDLE,
        mainFields: [...FUNCTION_BUNDLE.mainFields],
        format: OutputFormat.ESM,
        define: clientConfigDefine(props.config),
      },
    });
    if (props.deadLetterQueue !== undefined) {
      Validations.of(this).acknowledge({
        id: 'Serverless-LambdaAsyncFailureDestination',
        reason:
          'Failed asynchronous invocations go to the dead-letter queue ' +
          '(DeadLetterConfig); a second, on-failure target would split them.',
      });
    } else {
      Validations.of(this).acknowledge({
        id: 'Serverless-LambdaDLQ',
        reason:
          'Invoked synchronously (API Gateway) or by an SQS event source, never ' +
          "asynchronously; failed SQS records go to the queue's own dead-letter queue.",
      });
    }
    for (const id of ['AwsSolutions-L1', 'Serverless-LambdaLatestVersion']) {
      Validations.of(this).acknowledge({
        id,
        reason:
          'Nurture runs on Node 22, as its tests and local stack do (the node dev ' +
          'dependency); the runtime moves together with them.',
      });
    }
    Validations.of(role).acknowledge({
      id: 'AwsSolutions-IAM5[Resource::*]',
      reason:
        'X-Ray PutTraceSegments and PutTelemetryRecords support no resource-level ' +
        'permissions, so active tracing needs Resource "*".',
    });
  }

  /**
   * Maps stack traces to the TypeScript sources. The bundle always carries its source map;
   * with this, Node reads it at every cold start.
   */
  enableSourceMaps(): this {
    this.addEnvironment('NODE_OPTIONS', SOURCE_MAPS_NODE_OPTION);
    return this;
  }

  /** Lets the function use the table as `NURTURE_TABLE`; reads reach the due-steps index too. */
  useTable(table: ITable, access: TableAccess): this {
    this.addEnvironment('NURTURE_TABLE', table.tableName);
    const resources = [table.tableArn];
    if (access !== 'put') {
      resources.push(`${table.tableArn}/index/${TABLE_KEYS.dueIndex}`);
    }
    this.addToRolePolicy(
      new PolicyStatement({ actions: TABLE_ACTIONS[access], resources }),
    );
    return this;
  }

  /**
   * Makes the function the consumer of the queue, in batches, with partial batch responses:
   * only the failed records return to the queue, and its redrive policy moves them to the
   * dead-letter queue in the end.
   */
  consumeQueue(queue: IQueue, options: QueueConsumerOptions): this {
    this.addEventSource(
      new SqsEventSource(queue, { ...options, reportBatchItemFailures: true }),
    );
    Validations.of(this).acknowledge({
      id: 'Serverless-LambdaEventSourceMappingDestination',
      reason:
        'SQS event sources take no on-failure destination; the queue hands ' +
        'records that keep failing to its dead-letter queue.',
    });
    return this;
  }

  /** Lets the function send messages to the queue whose URL it reads from `variable`. */
  sendTo(queue: IQueue, variable: string): this {
    this.addEnvironment(variable, queue.queueUrl);
    queue.grant(this, 'sqs:SendMessage');
    return this;
  }

  /** Lets the function read the secret whose ARN it reads from `variable`; never its value. */
  readSecret(secret: ReadableSecret, variable: string): this {
    this.addEnvironment(variable, secret.secretArn);
    secret.grantRead(this);
    return this;
  }

  /**
   * Lets the function send email through SES v2 from the configured sender only, with the
   * configuration set named in `SES_CONFIGURATION_SET`.
   */
  sendEmail(config: ClientConfig, configurationSetName: string): this {
    this.addEnvironment('SES_CONFIGURATION_SET', configurationSetName);
    const identityArn = (identity: string) =>
      Stack.of(this).formatArn({
        service: 'ses',
        resource: 'identity',
        resourceName: identity,
      });
    const from = config.email.from;
    this.addToRolePolicy(
      new PolicyStatement({
        actions: ['ses:SendEmail', 'ses:SendRawEmail'],
        resources: [
          identityArn(from),
          identityArn(from.slice(from.indexOf('@') + 1)),
          Stack.of(this).formatArn({
            service: 'ses',
            resource: 'configuration-set',
            resourceName: configurationSetName,
          }),
        ],
        conditions: { StringEquals: { 'ses:FromAddress': from } },
      }),
    );
    return this;
  }
}
