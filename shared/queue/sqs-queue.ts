import { SendMessageBatchCommand, type SQSClient } from '@aws-sdk/client-sqs';
import type { MessageQueue, QueueMessage } from './queue.ts';

/** SQS takes at most 10 entries per SendMessageBatch. */
const ENTRIES_PER_CALL = 10;
/** Sum of the message sizes one SendMessageBatch may carry, 256 KiB (SQS API reference). */
const BYTES_PER_CALL = 256 * 1024;
const MAX_ATTEMPTS = 3;

export interface SqsQueueOptions {
  /** Wait before the second attempt at failed entries, doubled for each later one; 50 ms by default. */
  retryDelayMs?: number;
}

/** Messages SQS did not accept. `retryable` is false when SQS blames the request itself. */
export class QueueSendError extends Error {
  readonly retryable: boolean;

  constructor(
    readonly queueUrl: string,
    readonly failures: {
      id: string;
      code?: string;
      message?: string;
      senderFault?: boolean;
    }[],
  ) {
    super(
      `Failed to send ${failures.length} message(s) to ${queueUrl}: ` +
        failures
          .map((failure) =>
            `${failure.code ?? 'error'} ${failure.message ?? ''}`.trim(),
          )
          .join('; '),
    );
    this.name = 'QueueSendError';
    this.retryable = failures.every((failure) => failure.senderFault !== true);
  }
}

/**
 * Sends to an SQS queue in batches of up to 10 messages and 256 KiB, one batch after another
 * so a FIFO queue receives each message group in order. Entries that fail for a reason on
 * SQS's side are sent again, up to 3 attempts in all.
 */
export class SqsQueue implements MessageQueue {
  private readonly retryDelayMs: number;

  constructor(
    private readonly client: SQSClient,
    private readonly queueUrl: string,
    options: SqsQueueOptions = {},
  ) {
    this.retryDelayMs = options.retryDelayMs ?? 50;
  }

  async send(messages: QueueMessage[]): Promise<void> {
    for (const chunk of chunksOf(messages)) {
      await this.sendChunk(chunk);
    }
  }

  private async sendChunk(messages: QueueMessage[]): Promise<void> {
    let pending = messages.map((message, index) => ({
      id: String(index),
      message,
    }));
    for (let attempt = 1; pending.length > 0; attempt += 1) {
      if (attempt > 1) {
        await sleep(this.retryDelayMs * 2 ** (attempt - 2));
      }
      const output = await this.client.send(
        new SendMessageBatchCommand({
          QueueUrl: this.queueUrl,
          Entries: pending.map(({ id, message }) => ({
            Id: id,
            MessageBody: message.body,
            MessageGroupId: message.groupId,
            MessageDeduplicationId: message.deduplicationId,
          })),
        }),
      );
      const failed = output.Failed ?? [];
      const permanent = failed.some((failure) => failure.SenderFault === true);
      if (permanent || (failed.length > 0 && attempt >= MAX_ATTEMPTS)) {
        throw new QueueSendError(
          this.queueUrl,
          failed.map((failure) => ({
            id: failure.Id ?? '?',
            code: failure.Code,
            message: failure.Message,
            senderFault: failure.SenderFault,
          })),
        );
      }
      const failedIds = new Set(failed.map((failure) => failure.Id));
      pending = pending.filter(({ id }) => failedIds.has(id));
    }
  }
}

/** Splits messages, in order, into batches SQS accepts; a message over 256 KiB goes alone. */
function chunksOf(messages: QueueMessage[]): QueueMessage[][] {
  const chunks: QueueMessage[][] = [];
  let current: QueueMessage[] = [];
  let currentBytes = 0;
  for (const message of messages) {
    const bytes = Buffer.byteLength(message.body, 'utf8');
    const full =
      current.length === ENTRIES_PER_CALL ||
      (current.length > 0 && currentBytes + bytes > BYTES_PER_CALL);
    if (full) {
      chunks.push(current);
      current = [];
      currentBytes = 0;
    }
    current.push(message);
    currentBytes += bytes;
  }
  if (current.length > 0) chunks.push(current);
  return chunks;
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
