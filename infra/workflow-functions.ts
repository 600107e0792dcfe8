import { Duration, Validations } from 'aws-cdk-lib';
import { Secret } from 'aws-cdk-lib/aws-secretsmanager';
import type { IQueue } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { EmailSending } from './constructs/email-sending.ts';
import { FunctionSchedule } from './constructs/function-schedule.ts';
import { NurtureFunction } from './constructs/nurture-function.ts';
import { handlerFile, type SharedResources } from './shared-resources.ts';

/** Below the 5-minute tick interval, so one tick ends before the next starts. */
const TICK_TIMEOUT = Duration.minutes(4);
const TICK_EXPRESSION = 'rate(5 minutes)';

export interface WorkflowFunctionsProps extends SharedResources {
  /** The hubspot-sync queue, where owner assignments and property changes go. */
  readonly hubspotSync: IQueue;
  /** The contact-events queue, where email opens and clicks become interactions. */
  readonly contactEvents: IQueue;
  /**
   * When the report goes out, as an EventBridge Scheduler cron in `email.timeZone`.
   * @default 'cron(0 8 ? * MON *)' (Mondays at 08:00)
   */
  readonly reportExpression?: string;
}

/**
 * Workflows, SES events and the report. Each function is added only when its handler file
 * exists, so the stack deploys before the workflow handlers are written.
 */
export class WorkflowFunctions extends Construct {
  readonly email: EmailSending;
  /** Signs unsubscribe links, so a link works only for the contact it was sent to. */
  readonly unsubscribeKey: Secret;
  readonly tick?: NurtureFunction;
  readonly emailEvents?: NurtureFunction;
  readonly report?: NurtureFunction;

  constructor(scope: Construct, id: string, props: WorkflowFunctionsProps) {
    super(scope, id);
    const { config, table, alarms, failedInvocations } = props;
    const timeZone = config.email.timeZone;
    this.email = new EmailSending(this, 'Email');
    this.unsubscribeKey = new Secret(this, 'UnsubscribeKey', {
      description:
        'Key that signs the unsubscribe links in Nurture emails; generated at deploy.',
      generateSecretString: { passwordLength: 64, excludePunctuation: true },
    });
    Validations.of(this.unsubscribeKey).acknowledge({
      id: 'AwsSolutions-SMG4',
      reason:
        'A new key would break the unsubscribe links in every email already sent, ' +
        'so the key is not rotated on a schedule.',
    });
    const configurationSetName =
      this.email.configurationSet.configurationSetName;

    const tickFile = handlerFile(props, 'workflow-tick');
    if (tickFile !== undefined) {
      this.tick = new NurtureFunction(this, 'WorkflowTick', {
        entry: tickFile,
        config,
        description: 'Advances due workflow enrollments and runs their actions',
        timeout: TICK_TIMEOUT,
        // A failed tick is not retried: the next one, 5 minutes later, catches up.
        deadLetterQueue: failedInvocations,
        retryAttempts: 0,
      })
        .useTable(table, 'readWrite')
        .sendTo(props.hubspotSync, 'HUBSPOT_SYNC_QUEUE_URL')
        .readSecret(this.unsubscribeKey, 'UNSUBSCRIBE_SECRET_ARN')
        .sendEmail(config, configurationSetName);
      new FunctionSchedule(this, 'TickSchedule', {
        handler: this.tick,
        expression: TICK_EXPRESSION,
        timeZone,
        description: 'Workflow tick',
        deadLetterQueue: failedInvocations,
        maxEventAge: Duration.minutes(5),
      });
      alarms.watchFunction('WorkflowTick', this.tick);
    }

    const emailEventsFile = handlerFile(props, 'email-events');
    if (emailEventsFile !== undefined) {
      this.emailEvents = new NurtureFunction(this, 'EmailEvents', {
        entry: emailEventsFile,
        config,
        description:
          'Records SES deliveries, bounces, complaints, opens and clicks',
        deadLetterQueue: failedInvocations,
      })
        .useTable(table, 'readWrite')
        .sendTo(props.contactEvents, 'CONTACT_EVENTS_QUEUE_URL');
      this.email.deliverEventsTo(this.emailEvents, failedInvocations);
      alarms.watchFunction('EmailEvents', this.emailEvents);
    }

    // NOTE: the report's rights follow the design (read counters, send email), not its code,
    // because `functions/report.ts` does not exist yet; check them when it lands.
    const reportFile = handlerFile(props, 'report');
    if (reportFile !== undefined) {
      this.report = new NurtureFunction(this, 'Report', {
        entry: reportFile,
        config,
        description: 'Emails the KPI report of the last period',
        timeout: Duration.minutes(2),
        deadLetterQueue: failedInvocations,
      })
        .useTable(table, 'read')
        .sendEmail(config, configurationSetName);
      new FunctionSchedule(this, 'ReportSchedule', {
        handler: this.report,
        expression: props.reportExpression ?? 'cron(0 8 ? * MON *)',
        timeZone,
        description: 'KPI report',
        deadLetterQueue: failedInvocations,
        maxEventAge: Duration.hours(6),
      });
      alarms.watchFunction('Report', this.report);
    }
  }
}
