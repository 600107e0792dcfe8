import {
  type CfnElement,
  Duration,
  Stack,
  TimeZone,
  Validations,
} from 'aws-cdk-lib';
import { Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import { Schedule, ScheduleExpression } from 'aws-cdk-lib/aws-scheduler';
import { LambdaInvoke } from 'aws-cdk-lib/aws-scheduler-targets';
import type { IQueue } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';

export interface FunctionScheduleProps {
  readonly handler: IFunction;
  /** An EventBridge Scheduler `rate(...)` or `cron(...)` expression. */
  readonly expression: string;
  /** IANA time zone the cron fields are read in, for example `Europe/Amsterdam`. */
  readonly timeZone: string;
  readonly description: string;
  /** Where an invocation goes when Scheduler cannot deliver it. */
  readonly deadLetterQueue: IQueue;
  /** How long Scheduler keeps trying to deliver one invocation. */
  readonly maxEventAge: Duration;
}

/** An EventBridge Scheduler schedule that invokes a function, in the client's time zone. */
export class FunctionSchedule extends Construct {
  readonly schedule: Schedule;

  constructor(scope: Construct, id: string, props: FunctionScheduleProps) {
    super(scope, id);
    const role = new Role(this, 'InvokeRole', {
      assumedBy: new ServicePrincipal('scheduler.amazonaws.com'),
      description: `Lets the schedule invoke ${props.handler.node.path}`,
    });
    this.schedule = new Schedule(this, 'Schedule', {
      description: props.description,
      schedule: ScheduleExpression.expression(
        props.expression,
        TimeZone.of(props.timeZone),
      ),
      target: new LambdaInvoke(props.handler, {
        role,
        deadLetterQueue: props.deadLetterQueue,
        maxEventAge: props.maxEventAge,
        retryAttempts: 3,
      }),
    });
    const functionId = Stack.of(this).getLogicalId(
      props.handler.node.defaultChild as CfnElement,
    );
    Validations.of(role).acknowledge({
      id: `AwsSolutions-IAM5[Resource::<${functionId}.Arn>:*]`,
      reason:
        'The invoke grant also covers versions and aliases (ARN:*) of this one ' +
        'function; the role can invoke nothing else.',
    });
  }
}
