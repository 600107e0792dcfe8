import { createHash, randomUUID } from 'node:crypto';
import type { SQSBatchResponse, SQSEvent, SQSRecord } from 'aws-lambda';

/** A message as producers hand it to a queue (the same fields SQS takes). */
export interface LocalQueueMessage {
  body: string;
  groupId?: string;
  deduplicationId?: string;
}

/** A Lambda-style consumer: gets an SQS event, returns the records that failed. */
export type QueueConsumer = (
  event: SQSEvent,
) => Promise<SQSBatchResponse | void>;

export interface InProcessQueueOptions {
  /** FIFO queues keep order within a message group and drop repeated deduplication ids. */
  fifo: boolean;
  /** Receives after which a failing message moves to the dead-letter list, as an SQS redrive policy. */
  maxReceiveCount?: number;
}

/** How far past a group's first waiting message a FIFO batch looks for more of the group. */
const GROUP_LOOKAHEAD = 1_000;

interface Entry {
  record: SQSRecord;
  receiveCount: number;
}

/**
 * An in-memory stand-in for one SQS queue with its dead-letter queue, for the local stack.
 * It hands consumers the same `SQSEvent` shape Lambda does and honours partial batch
 * responses: failed records go back on the queue, and after `maxReceiveCount` receives they
 * move to `deadLetters`. It never has two batches of one message group in flight at once.
 */
export class InProcessQueue {
  readonly deadLetters: SQSRecord[] = [];
  private readonly waiting: Entry[] = [];
  private readonly seenDeduplicationIds = new Set<string>();
  private readonly busyGroups = new Set<string>();
  private readonly arn: string;
  private sentCount = 0;
  private duplicateCount = 0;

  constructor(
    readonly name: string,
    private readonly options: InProcessQueueOptions,
  ) {
    this.arn = `arn:aws:sqs:local:000000000000:${name}`;
  }

  /** Messages sent, and messages a FIFO queue dropped as repeats of a deduplication id. */
  stats(): {
    sent: number;
    duplicates: number;
    waiting: number;
    deadLetters: number;
  } {
    return {
      sent: this.sentCount,
      duplicates: this.duplicateCount,
      waiting: this.waiting.length,
      deadLetters: this.deadLetters.length,
    };
  }

  async send(messages: LocalQueueMessage[]): Promise<void> {
    for (const message of messages) {
      if (this.options.fifo) {
        const deduplicationId = message.deduplicationId ?? sha256(message.body);
        if (this.seenDeduplicationIds.has(deduplicationId)) {
          this.duplicateCount += 1;
          continue;
        }
        this.seenDeduplicationIds.add(deduplicationId);
      }
      this.sentCount += 1;
      this.waiting.push({ record: this.toRecord(message), receiveCount: 0 });
    }
  }

  /**
   * Delivers batches to the consumer until the queue is empty, with up to `concurrency`
   * batches in flight. A consumer that throws fails its whole batch, as in Lambda.
   */
  async drain(
    consumer: QueueConsumer,
    options: { batchSize: number; concurrency: number },
  ): Promise<void> {
    const inFlight = new Set<Promise<void>>();
    for (;;) {
      while (inFlight.size < options.concurrency) {
        const batch = this.takeBatch(options.batchSize);
        if (batch.length === 0) break;
        const delivery = this.deliver(consumer, batch).finally(() =>
          inFlight.delete(delivery),
        );
        inFlight.add(delivery);
      }
      if (inFlight.size === 0) return;
      await Promise.race(inFlight);
    }
  }

  /**
   * Takes the next batch. Like SQS FIFO, which returns as many messages of one message group
   * together as it can, a FIFO batch takes the later messages of each group it starts.
   */
  private takeBatch(size: number): Entry[] {
    const batch: Entry[] = [];
    const groupsInBatch = new Set<string>();
    const taken = new Set<Entry>();
    for (let index = 0; index < this.waiting.length; index += 1) {
      if (batch.length >= size) break;
      const entry = this.waiting[index]!;
      if (taken.has(entry)) continue;
      const group = entry.record.attributes.MessageGroupId;
      if (group !== undefined && this.busyGroups.has(group)) continue;
      if (group === undefined || !this.options.fifo) {
        batch.push(entry);
        taken.add(entry);
        continue;
      }
      groupsInBatch.add(group);
      // Later messages of the group are looked for in a bounded window, to keep this linear.
      const end = Math.min(this.waiting.length, index + GROUP_LOOKAHEAD);
      for (let ahead = index; ahead < end && batch.length < size; ahead += 1) {
        const member = this.waiting[ahead]!;
        if (
          !taken.has(member) &&
          member.record.attributes.MessageGroupId === group
        ) {
          batch.push(member);
          taken.add(member);
        }
      }
    }
    const remaining = this.waiting.filter((entry) => !taken.has(entry));
    this.waiting.splice(0, this.waiting.length, ...remaining);
    for (const group of groupsInBatch) this.busyGroups.add(group);
    return batch;
  }

  private async deliver(
    consumer: QueueConsumer,
    batch: Entry[],
  ): Promise<void> {
    for (const entry of batch) {
      entry.receiveCount += 1;
      entry.record.attributes.ApproximateReceiveCount = String(
        entry.receiveCount,
      );
    }
    let failedIds: Set<string>;
    try {
      const response = await consumer({
        Records: batch.map((entry) => entry.record),
      });
      failedIds = new Set(
        (response?.batchItemFailures ?? []).map(
          (failure) => failure.itemIdentifier,
        ),
      );
    } catch {
      failedIds = new Set(batch.map((entry) => entry.record.messageId));
    }
    const retries: Entry[] = [];
    for (const entry of batch) {
      if (!failedIds.has(entry.record.messageId)) continue;
      const maxReceiveCount = this.options.maxReceiveCount ?? 5;
      if (entry.receiveCount >= maxReceiveCount)
        this.deadLetters.push(entry.record);
      else retries.push(entry);
    }
    // Failed records go back to the front, so a FIFO group keeps its order.
    this.waiting.unshift(...retries);
    for (const entry of batch) {
      const group = entry.record.attributes.MessageGroupId;
      if (group !== undefined) this.busyGroups.delete(group);
    }
  }

  private toRecord(message: LocalQueueMessage): SQSRecord {
    const now = String(Date.now());
    return {
      messageId: randomUUID(),
      receiptHandle: randomUUID(),
      body: message.body,
      attributes: {
        ApproximateReceiveCount: '0',
        SentTimestamp: now,
        SenderId: 'local',
        ApproximateFirstReceiveTimestamp: now,
        ...(message.groupId === undefined
          ? {}
          : { MessageGroupId: message.groupId }),
        ...(message.deduplicationId === undefined
          ? {}
          : { MessageDeduplicationId: message.deduplicationId }),
      },
      messageAttributes: {},
      md5OfBody: createHash('md5').update(message.body).digest('hex'),
      eventSource: 'aws:sqs',
      eventSourceARN: this.arn,
      awsRegion: 'local',
    };
  }
}

function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}
