/** One email for one recipient, rendered and ready to send. */
export interface OutgoingEmail {
  /** Key of the workflow action that sends it; `sendOnce` sends each key at most once. */
  actionKey: string;
  to: string;
  subject: string;
  html: string;
  text: string;
  headers: Record<string, string>;
  /** SES configuration set for delivery, bounce and complaint events; the mailer's default when omitted. */
  configurationSet?: string;
  /** Ids to find in SES events, such as contact, workflow and version; never personal data. */
  tags?: Record<string, string>;
}

export type SendResult =
  | { status: 'sent'; messageId: string }
  /** A rejection that a retry would not change, such as invalid content or an unverified sender. */
  | { status: 'rejected'; code: string; message: string };

/** Sends email; throws {@link RetryableMailError} when a later retry may succeed. */
export interface Mailer {
  send(email: OutgoingEmail): Promise<SendResult>;
}

/** Base class of mail errors. */
export class MailError extends Error {
  override name = 'MailError';
}

/** A failure that a later retry with the same action key may get past: throttling or a transient fault. */
export class RetryableMailError extends MailError {
  override name = 'RetryableMailError';

  constructor(
    message: string,
    readonly code: string,
    options?: ErrorOptions,
  ) {
    super(message, options);
  }
}
