import { RemovalPolicy, Validations } from 'aws-cdk-lib';
import { AccessLogFormat } from 'aws-cdk-lib/aws-apigateway';
import {
  HttpApi,
  HttpMethod,
  HttpStage,
  LogGroupLogDestination,
} from 'aws-cdk-lib/aws-apigatewayv2';
import { HttpLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';

/** Path HubSpot posts webhook batches to; the local stack serves the same path. */
export const WEBHOOK_PATH = '/webhooks/hubspot';

export interface WebhookApiProps {
  readonly receiver: IFunction;
  /**
   * Steady request rate per second over all callers.
   * @default 50
   */
  readonly rateLimit?: number;
  /**
   * Requests above the steady rate that may arrive at once.
   * @default 100
   */
  readonly burstLimit?: number;
  /** @default RetentionDays.ONE_MONTH */
  readonly logRetention?: RetentionDays;
}

/**
 * The HTTP API HubSpot calls: one route, `POST /webhooks/hubspot`, to the receiver, on a
 * throttled `$default` stage with JSON access logs.
 */
export class WebhookApi extends Construct {
  readonly api: HttpApi;
  /** The URL to enter as the target URL in the HubSpot app's webhook settings. */
  readonly webhookUrl: string;

  constructor(scope: Construct, id: string, props: WebhookApiProps) {
    super(scope, id);
    this.api = new HttpApi(this, 'Api', {
      description: 'Receives HubSpot webhook batches',
      createDefaultStage: false,
    });
    const accessLogs = new LogGroup(this, 'AccessLogs', {
      retention: props.logRetention ?? RetentionDays.ONE_MONTH,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    new HttpStage(this, 'Stage', {
      httpApi: this.api,
      stageName: '$default',
      autoDeploy: true,
      throttle: {
        rateLimit: props.rateLimit ?? 50,
        burstLimit: props.burstLimit ?? 100,
      },
      accessLogSettings: {
        destination: new LogGroupLogDestination(accessLogs),
        format: AccessLogFormat.custom(
          JSON.stringify({
            requestId: '$context.requestId',
            requestTime: '$context.requestTimeEpoch',
            sourceIp: '$context.identity.sourceIp',
            routeKey: '$context.routeKey',
            status: '$context.status',
            responseLength: '$context.responseLength',
            latency: '$context.responseLatency',
            integrationError: '$context.integrationErrorMessage',
          }),
        ),
      },
    });
    this.api.addRoutes({
      path: WEBHOOK_PATH,
      methods: [HttpMethod.POST],
      integration: new HttpLambdaIntegration('Receiver', props.receiver),
    });
    this.webhookUrl = `${this.api.apiEndpoint}${WEBHOOK_PATH}`;

    for (const id of ['AwsSolutions-APIG4', 'AwsSolutions-COG4']) {
      Validations.of(this.api).acknowledge({
        id,
        reason:
          'HubSpot cannot send IAM, JWT or Cognito credentials; the receiver ' +
          'authenticates every request by its v3 signature before it reads the body.',
      });
    }
  }
}
