import { SendEmailCommand, type SESv2Client } from '@aws-sdk/client-sesv2';
import {
  RetryableMailError,
  type Mailer,
  type OutgoingEmail,
  type SendResult,
} from './mailer.ts';

export interface SesMailerOptions {
  /** The sender address, verified in SES. */
  from: string;
  replyTo?: string;
  /** Configuration set for emails that name none. */
  configurationSet?: string;
}

// Errors after which a later retry may succeed (SES v2 SendEmail error names).
const RETRYABLE_ERRORS = new Set([
  'TooManyRequestsException',
  'LimitExceededException',
  'SendingPausedException',
  'ThrottlingException',
  'InternalServiceErrorException',
  'ServiceUnavailableException',
  'TimeoutError',
]);
const NETWORK_ERROR_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  'ENOTFOUND',
  'EAI_AGAIN',
]);
// SES allows letters, digits, _ and - in tag names and values, up to 256 characters.
const TAG_UNSAFE = /[^A-Za-z0-9_-]/g;
const TAG_MAX_LENGTH = 256;

/** Sends email through SES v2 `SendEmail` with simple content and custom headers. */
export class SesMailer implements Mailer {
  constructor(
    private readonly client: SESv2Client,
    private readonly options: SesMailerOptions,
  ) {}

  async send(email: OutgoingEmail): Promise<SendResult> {
    const configurationSet =
      email.configurationSet ?? this.options.configurationSet;
    const command = new SendEmailCommand({
      FromEmailAddress: this.options.from,
      ...(this.options.replyTo === undefined
        ? {}
        : { ReplyToAddresses: [this.options.replyTo] }),
      Destination: { ToAddresses: [email.to] },
      ...(configurationSet === undefined
        ? {}
        : { ConfigurationSetName: configurationSet }),
      EmailTags: tagsOf(email),
      Content: {
        Simple: {
          Subject: { Data: email.subject, Charset: 'UTF-8' },
          Body: {
            Html: { Data: email.html, Charset: 'UTF-8' },
            Text: { Data: email.text, Charset: 'UTF-8' },
          },
          Headers: Object.entries(email.headers).map(([Name, Value]) => ({
            Name,
            Value,
          })),
        },
      },
    });
    try {
      const output = await this.client.send(command);
      return { status: 'sent', messageId: output.MessageId ?? '' };
    } catch (error) {
      return rejectionOf(error, email.actionKey);
    }
  }
}

function tagsOf(email: OutgoingEmail): { Name: string; Value: string }[] {
  const tags = { ...email.tags, action: email.actionKey };
  return Object.entries(tags).map(([name, value]) => ({
    Name: safeTag(name),
    Value: safeTag(value),
  }));
}

function safeTag(value: string): string {
  return value.replace(TAG_UNSAFE, '_').slice(0, TAG_MAX_LENGTH) || '_';
}

// Throws for errors a retry may get past and returns the rest as rejections.
// Errors that do not come from SES or the network, such as a TypeError, are re-thrown.
function rejectionOf(error: unknown, actionKey: string): SendResult {
  if (!(error instanceof Error)) throw error;
  const details = error as Error & {
    code?: string;
    $retryable?: unknown;
    $fault?: 'client' | 'server';
    $metadata?: { httpStatusCode?: number };
  };
  const status = details.$metadata?.httpStatusCode;
  const fromService =
    details.$metadata !== undefined || details.$fault !== undefined;
  const network =
    details.code !== undefined && NETWORK_ERROR_CODES.has(details.code);
  if (
    RETRYABLE_ERRORS.has(error.name) ||
    details.$retryable !== undefined ||
    details.$fault === 'server' ||
    (status !== undefined && status >= 500) ||
    network
  ) {
    // NOTE: after a timeout or reset SES may have accepted the email, so a
    // retry can send it twice; throttling and 5xx responses sent nothing.
    throw new RetryableMailError(
      `SES did not send action ${actionKey} (${error.name}: ${error.message}); retry later with the same action key`,
      details.code ?? error.name,
      { cause: error },
    );
  }
  if (!fromService) throw error;
  return { status: 'rejected', code: error.name, message: error.message };
}
