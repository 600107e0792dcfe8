import { Duration } from 'aws-cdk-lib';
import { EventBus, Rule } from 'aws-cdk-lib/aws-events';
import { LambdaFunction } from 'aws-cdk-lib/aws-events-targets';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import {
  ConfigurationSet,
  ConfigurationSetTlsPolicy,
  EmailSendingEvent,
  EventDestination,
  SuppressionReasons,
} from 'aws-cdk-lib/aws-ses';
import type { IQueue } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';

/** SES events that matter to Nurture: suppression, interaction, and delivery problems. */
const PUBLISHED_EVENTS = [
  EmailSendingEvent.SEND,
  EmailSendingEvent.REJECT,
  EmailSendingEvent.DELIVERY,
  EmailSendingEvent.DELIVERY_DELAY,
  EmailSendingEvent.BOUNCE,
  EmailSendingEvent.COMPLAINT,
  EmailSendingEvent.OPEN,
  EmailSendingEvent.CLICK,
  EmailSendingEvent.RENDERING_FAILURE,
  EmailSendingEvent.SUBSCRIPTION,
];

/**
 * The client's SES configuration set, attached to every Nurture email: TLS required, the
 * account's suppression list for bounces and complaints, reputation metrics on.
 */
export class EmailSending extends Construct {
  readonly configurationSet: ConfigurationSet;

  constructor(scope: Construct, id: string) {
    super(scope, id);
    this.configurationSet = new ConfigurationSet(this, 'ConfigurationSet', {
      tlsPolicy: ConfigurationSetTlsPolicy.REQUIRE,
      suppressionReasons: SuppressionReasons.BOUNCES_AND_COMPLAINTS,
      reputationMetrics: true,
    });
  }

  /**
   * Publishes the configuration set's events to the account's default event bus and sends
   * them on to `handler`. SES can publish to no other bus, so the rule matches this set's
   * name and another client's emails never reach this handler.
   */
  deliverEventsTo(handler: IFunction, deadLetterQueue: IQueue): void {
    const defaultBus = EventBus.fromEventBusName(this, 'DefaultBus', 'default');
    this.configurationSet.addEventDestination('ToEventBridge', {
      destination: EventDestination.eventBus(defaultBus),
      events: PUBLISHED_EVENTS,
    });
    new Rule(this, 'Events', {
      description: 'SES events of this client configuration set',
      eventPattern: {
        source: ['aws.ses'],
        detail: {
          mail: {
            tags: {
              'ses:configuration-set': [
                this.configurationSet.configurationSetName,
              ],
            },
          },
        },
      },
      targets: [
        new LambdaFunction(handler, {
          deadLetterQueue,
          retryAttempts: 8,
          maxEventAge: Duration.hours(24),
        }),
      ],
    });
  }
}
