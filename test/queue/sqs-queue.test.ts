import {
  SendMessageBatchCommand,
  SQSClient,
  type SendMessageBatchCommandInput,
} from '@aws-sdk/client-sqs';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import { QueueSendError, SqsQueue } from '#shared/queue/sqs-queue.ts';

const QUEUE_URL =
  'https://sqs.eu-west-1.amazonaws.com/123456789012/nurture-contact-events.fifo';
const sqs = mockClient(SQSClient);

function messages(count: number) {
  return Array.from({ length: count }, (_, index) => ({
    body: `{"n":${index}}`,
    groupId: `9100001:${1000 + (index % 3)}`,
    deduplicationId: `9100001:101:${index}`,
  }));
}

function sentInputs(): SendMessageBatchCommandInput[] {
  return sqs
    .commandCalls(SendMessageBatchCommand)
    .map((call) => call.args[0].input);
}

function queue() {
  return new SqsQueue(new SQSClient({ region: 'eu-west-1' }), QUEUE_URL, {
    retryDelayMs: 0,
  });
}

beforeEach(() => {
  sqs.reset();
});

describe('SqsQueue', () => {
  it('sends in batches of at most 10 entries', async () => {
    sqs.on(SendMessageBatchCommand).resolves({ Successful: [], Failed: [] });

    await queue().send(messages(25));

    expect(sentInputs().map((input) => input.Entries?.length)).toEqual([
      10, 10, 5,
    ]);
  });

  it('passes body, group and deduplication id of each message', async () => {
    sqs.on(SendMessageBatchCommand).resolves({ Successful: [], Failed: [] });

    await queue().send(messages(2));

    expect(sentInputs()[0]).toEqual({
      QueueUrl: QUEUE_URL,
      Entries: [
        {
          Id: '0',
          MessageBody: '{"n":0}',
          MessageGroupId: '9100001:1000',
          MessageDeduplicationId: '9100001:101:0',
        },
        {
          Id: '1',
          MessageBody: '{"n":1}',
          MessageGroupId: '9100001:1001',
          MessageDeduplicationId: '9100001:101:1',
        },
      ],
    });
  });

  it('sends nothing for an empty list', async () => {
    await queue().send([]);

    expect(sentInputs()).toEqual([]);
  });

  describe('when the bodies are large', () => {
    it('keeps each batch within 256 KiB', async () => {
      sqs.on(SendMessageBatchCommand).resolves({ Successful: [], Failed: [] });
      const large = messages(5).map((message) => ({
        ...message,
        body: 'x'.repeat(100 * 1024),
      }));

      await queue().send(large);

      expect(sentInputs().map((input) => input.Entries?.length)).toEqual([
        2, 2, 1,
      ]);
    });

    it('sends a body over 256 KiB in a batch of its own', async () => {
      sqs.on(SendMessageBatchCommand).resolves({ Successful: [], Failed: [] });
      const [first, second, third] = messages(3);

      await queue().send([
        first!,
        { ...second!, body: 'x'.repeat(300 * 1024) },
        third!,
      ]);

      expect(
        sentInputs().map((input) =>
          input.Entries?.map((entry) => entry.MessageDeduplicationId),
        ),
      ).toEqual([['9100001:101:0'], ['9100001:101:1'], ['9100001:101:2']]);
    });
  });

  describe('when some entries fail', () => {
    it('sends only the failed entries again', async () => {
      sqs
        .on(SendMessageBatchCommand)
        .resolvesOnce({
          Failed: [
            { Id: '1', Code: 'InternalError', SenderFault: false },
            { Id: '3', Code: 'ServiceUnavailable', SenderFault: false },
          ],
        })
        .resolves({ Failed: [] });

      await queue().send(messages(4));

      const [first, retry] = sentInputs();
      expect(first?.Entries?.map((entry) => entry.Id)).toEqual([
        '0',
        '1',
        '2',
        '3',
      ]);
      expect(retry?.Entries?.map((entry) => entry.MessageBody)).toEqual([
        '{"n":1}',
        '{"n":3}',
      ]);
      expect(sentInputs()).toHaveLength(2);
    });

    it('throws at once on a failure the sender caused', async () => {
      sqs.on(SendMessageBatchCommand).resolves({
        Failed: [
          {
            Id: '0',
            Code: 'InvalidParameterValue',
            Message: 'MessageGroupId is required',
            SenderFault: true,
          },
        ],
      });

      const attempt = queue().send(messages(1));

      await expect(attempt).rejects.toBeInstanceOf(QueueSendError);
      await expect(attempt).rejects.toThrow(
        `Failed to send 1 message(s) to ${QUEUE_URL}: InvalidParameterValue MessageGroupId is required`,
      );
      await expect(attempt).rejects.toMatchObject({ retryable: false });
      expect(sentInputs()).toHaveLength(1);
    });

    it('gives up after 3 attempts and names the failures', async () => {
      sqs.on(SendMessageBatchCommand).resolves({
        Failed: [{ Id: '0', Code: 'InternalError', SenderFault: false }],
      });

      const attempt = queue().send(messages(1));

      await expect(attempt).rejects.toThrow(
        `Failed to send 1 message(s) to ${QUEUE_URL}: InternalError`,
      );
      await expect(attempt).rejects.toMatchObject({ retryable: true });
      expect(sentInputs()).toHaveLength(3);
    });

    it('does not send the next batch after a permanent failure', async () => {
      sqs.on(SendMessageBatchCommand).resolves({
        Failed: [
          { Id: '4', Code: 'InvalidMessageContents', SenderFault: true },
        ],
      });

      await expect(queue().send(messages(15))).rejects.toBeInstanceOf(
        QueueSendError,
      );

      expect(sentInputs()).toHaveLength(1);
    });
  });

  it('lets an error of the call itself through', async () => {
    sqs
      .on(SendMessageBatchCommand)
      .rejects(new Error('connect ECONNREFUSED 127.0.0.1:443'));

    await expect(queue().send(messages(1))).rejects.toThrow('ECONNREFUSED');
  });
});
