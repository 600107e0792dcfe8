import { SendMessageBatchCommand, type SQSClient } from '@aws-sdk/client-sqs';
import type { MessageQueue, QueueMessage } from './queue.ts';

/** SQS takes at most 10 entries per SendMessageBatch. */
const ENTRIES_PER_CALL = 10;
const MAX_ATTEMPTS = 3;

export class QueueSendError extends Error {
  constructor(
    readonly queueUrl: string,
    readonly failures: { id: string; code?: string; message?: string }[],
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
  }
}

/** Sends to an SQS queue in batches of 10, sending failed entries again a few times. */
export class SqsQueue implements MessageQueue {
  constructor(
    private readonly client: SQSClient,
    private readonly queueUrl: string,
  ) {}

  async send(messages: QueueMessage[]): Promise<void> {
    for (let start = 0; start < messages.length; start += ENTRIES_PER_CALL) {
      await this.sendChunk(messages.slice(start, start + ENTRIES_PER_CALL));
    }
  }

  private async sendChunk(messages: QueueMessage[]): Promise<void> {
    let pending = messages.map((message, index) => ({
      id: String(index),
      message,
    }));
    for (let attempt = 1; pending.length > 0; attempt += 1) {
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
      const permanent = failed.filter(
        (failure) => failure.SenderFault === true,
      );
      if (
        permanent.length > 0 ||
        (failed.length > 0 && attempt >= MAX_ATTEMPTS)
      ) {
        throw new QueueSendError(
          this.queueUrl,
          failed.map((failure) => ({
            id: failure.Id ?? '?',
            code: failure.Code,
            message: failure.Message,
          })),
        );
      }
      const failedIds = new Set(failed.map((failure) => failure.Id));
      pending = pending.filter(({ id }) => failedIds.has(id));
    }
  }
}
