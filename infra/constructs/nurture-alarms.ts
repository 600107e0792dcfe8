import { Duration, Validations } from 'aws-cdk-lib';
import {
  Alarm,
  ComparisonOperator,
  Metric,
  TreatMissingData,
  type IMetric,
} from 'aws-cdk-lib/aws-cloudwatch';
import { SnsAction } from 'aws-cdk-lib/aws-cloudwatch-actions';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import { Topic, type ITopic } from 'aws-cdk-lib/aws-sns';
import { EmailSubscription } from 'aws-cdk-lib/aws-sns-subscriptions';
import type { IQueue } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import type { ClientConfig } from '#shared/core/config/client.ts';

/**
 * The metric the functions emit (Powertools, EMF) for each HubSpot 429 response. Powertools
 * always adds the `service` dimension, and an alarm matches only the exact dimension set.
 */
export const HUBSPOT_RATE_LIMITED_METRIC = {
  namespace: 'Nurture',
  metricName: 'HubSpotRateLimited',
  service: 'nurture',
} as const;

const PERIOD = Duration.minutes(5);

export interface NurtureAlarmsProps {
  readonly config: ClientConfig;
  /**
   * HubSpot 429 responses in five minutes that raise the alarm.
   * @default 5
   */
  readonly rateLimitedThreshold?: number;
}

/**
 * CloudWatch alarms of one client's stack, sent to the SNS topic the config names or to a
 * topic of the stack's own, with the config's mailbox subscribed when it gives one.
 */
export class NurtureAlarms extends Construct {
  readonly topic: ITopic;
  private readonly action: SnsAction;

  constructor(scope: Construct, id: string, props: NurtureAlarmsProps) {
    super(scope, id);
    const settings = props.config.alarms;
    this.topic =
      settings?.topicArn === undefined
        ? this.createTopic(props.config)
        : Topic.fromTopicArn(this, 'Topic', settings.topicArn);
    if (settings?.email !== undefined) {
      this.topic.addSubscription(new EmailSubscription(settings.email));
    }
    this.action = new SnsAction(this.topic);

    this.raiseWhenAtLeast(
      'HubSpotRateLimited',
      new Metric({
        namespace: HUBSPOT_RATE_LIMITED_METRIC.namespace,
        metricName: HUBSPOT_RATE_LIMITED_METRIC.metricName,
        dimensionsMap: {
          service: HUBSPOT_RATE_LIMITED_METRIC.service,
          client: props.config.client.id,
        },
        statistic: 'Sum',
        period: PERIOD,
      }),
      props.rateLimitedThreshold ?? 5,
      'HubSpot answered 429 (rate limited) repeatedly; lower hubspot.requestsPer10Seconds ' +
        'in the client config or look for another app using the same portal.',
    );
  }

  /** Alarms when any message reaches the dead-letter queue. */
  watchDeadLetterQueue(id: string, queue: IQueue, description: string): void {
    this.raiseWhenAtLeast(
      id,
      queue.metricApproximateNumberOfMessagesVisible({
        statistic: 'Maximum',
        period: PERIOD,
      }),
      1,
      `${description} Inspect the messages, fix the cause, then redrive them.`,
    );
  }

  /** Alarms on any error or throttle of the function. */
  watchFunction(id: string, handler: IFunction): void {
    this.raiseWhenAtLeast(
      `${id}Errors`,
      handler.metricErrors({ statistic: 'Sum', period: PERIOD }),
      1,
      `${id} failed; its log group has the error.`,
    );
    this.raiseWhenAtLeast(
      `${id}Throttles`,
      handler.metricThrottles({ statistic: 'Sum', period: PERIOD }),
      1,
      `${id} was throttled: Lambda concurrency ran out.`,
    );
  }

  private raiseWhenAtLeast(
    id: string,
    metric: IMetric,
    threshold: number,
    description: string,
  ): void {
    const alarm = new Alarm(this, id, {
      metric,
      threshold,
      comparisonOperator: ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
      evaluationPeriods: 1,
      treatMissingData: TreatMissingData.NOT_BREACHING,
      alarmDescription: description,
    });
    alarm.addAlarmAction(this.action);
    alarm.addOkAction(this.action);
  }

  private createTopic(config: ClientConfig): Topic {
    const topic = new Topic(this, 'Topic', {
      displayName: `Nurture alarms: ${config.client.name}`.slice(0, 100),
      enforceSSL: true,
    });
    Validations.of(topic).acknowledge({
      id: 'AwsSolutions-SNS2',
      reason:
        'Alarm notifications carry alarm names and metric values, no personal data. ' +
        'CloudWatch cannot publish to a topic encrypted with the AWS-managed SNS key.',
    });
    return topic;
  }
}
