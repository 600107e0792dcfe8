import { Duration, RemovalPolicy, Validations } from 'aws-cdk-lib';
import {
  DeduplicationScope,
  FifoThroughputLimit,
  Queue,
  QueueEncryption,
} from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';

/** AWS's rule for SQS event sources: visibility timeout >= 6 x the consumer's timeout. */
export const VISIBILITY_TIMEOUT_FACTOR = 6;

export interface WorkQueueProps {
  /**
   * Ordered per message group, with deduplication ids set by the sender.
   * @default false
   */
  readonly fifo?: boolean;
  /** Timeout of the function that consumes the queue. */
  readonly consumerTimeout: Duration;
  /**
   * Batching window of the consumer's event source, which adds to the time a message is hidden.
   * @default Duration.seconds(0)
   */
  readonly batchingWindow?: Duration;
  /** Deliveries of a message before it moves to the dead-letter queue. */
  readonly maxReceiveCount: number;
}

/**
 * An SQS queue with its dead-letter queue, both encrypted with SQS-managed keys and reachable
 * over TLS only. The visibility timeout follows from the consumer's timeout, so a message is
 * never handed to a second copy while the first still works on it.
 */
export class WorkQueue extends Construct {
  readonly queue: Queue;
  readonly deadLetterQueue: Queue;

  constructor(scope: Construct, id: string, props: WorkQueueProps) {
    super(scope, id);
    const fifo = props.fifo ?? false;
    const visibilitySeconds =
      props.consumerTimeout.toSeconds() * VISIBILITY_TIMEOUT_FACTOR +
      (props.batchingWindow ?? Duration.seconds(0)).toSeconds();

    this.deadLetterQueue = new Queue(this, 'DeadLetters', {
      fifo: fifo || undefined,
      retentionPeriod: Duration.days(14),
      encryption: QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
      removalPolicy: RemovalPolicy.DESTROY,
    });
    Validations.of(this.deadLetterQueue).acknowledge({
      id: 'Serverless-SQSRedrivePolicy',
      reason:
        'This is the dead-letter queue, the last stop: messages wait here 14 days ' +
        'and raise an alarm.',
    });
    this.queue = new Queue(this, 'Queue', {
      fifo: fifo || undefined,
      // Per-group deduplication and throughput: groups are contacts, so many run in parallel.
      ...(fifo && {
        contentBasedDeduplication: false,
        deduplicationScope: DeduplicationScope.MESSAGE_GROUP,
        fifoThroughputLimit: FifoThroughputLimit.PER_MESSAGE_GROUP_ID,
      }),
      visibilityTimeout: Duration.seconds(visibilitySeconds),
      retentionPeriod: Duration.days(4),
      encryption: QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
      removalPolicy: RemovalPolicy.DESTROY,
      deadLetterQueue: {
        queue: this.deadLetterQueue,
        maxReceiveCount: props.maxReceiveCount,
      },
    });
  }
}
