/** A message as a producer hands it to a queue. */
export interface QueueMessage {
  body: string;
  /** FIFO queues: messages of one group are delivered in order. */
  groupId?: string;
  /** FIFO queues: a repeated id within five minutes is dropped. */
  deduplicationId?: string;
}

/** A queue Nurture sends to: SQS in AWS, an in-process queue locally. */
export interface MessageQueue {
  send(messages: QueueMessage[]): Promise<void>;
}
