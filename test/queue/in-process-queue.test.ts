import { createHash } from 'node:crypto';
import type { SQSBatchResponse, SQSEvent } from 'aws-lambda';
import { describe, expect, it } from 'vitest';
import { InProcessQueue } from '#infra/local/in-process-queue.ts';

/** A consumer that records every body it gets and fails the bodies `fail` returns true for. */
function recordingConsumer(fail: (body: string, receive: number) => boolean) {
  const received: string[] = [];
  const batches: string[][] = [];
  const consumer = async (event: SQSEvent): Promise<SQSBatchResponse> => {
    batches.push(event.Records.map((record) => record.body));
    received.push(...event.Records.map((record) => record.body));
    return {
      batchItemFailures: event.Records.filter((record) =>
        fail(record.body, Number(record.attributes.ApproximateReceiveCount)),
      ).map((record) => ({ itemIdentifier: record.messageId })),
    };
  };
  return { consumer, received, batches };
}

const message = (body: string, groupId?: string, deduplicationId?: string) => ({
  body,
  groupId,
  deduplicationId,
});

describe('InProcessQueue', () => {
  describe('when it is a FIFO queue', () => {
    it('delivers the messages of a group in the order sent', async () => {
      const queue = new InProcessQueue('events.fifo', { fifo: true });
      await queue.send([
        message('a1', 'a'),
        message('b1', 'b'),
        message('a2', 'a'),
        message('a3', 'a'),
        message('b2', 'b'),
      ]);
      const { consumer, received } = recordingConsumer(() => false);

      await queue.drain(consumer, { batchSize: 2, concurrency: 4 });

      expect(received.filter((body) => body.startsWith('a'))).toEqual([
        'a1',
        'a2',
        'a3',
      ]);
      expect(received.filter((body) => body.startsWith('b'))).toEqual([
        'b1',
        'b2',
      ]);
    });

    it('never has two batches of one group in flight', async () => {
      const queue = new InProcessQueue('events.fifo', { fifo: true });
      await queue.send(
        Array.from({ length: 12 }, (_, index) =>
          message(`g${index % 2}-${index}`, `g${index % 2}`),
        ),
      );
      const inFlight = new Set<string>();
      let overlaps = 0;

      await queue.drain(
        async (event) => {
          const groups = new Set(
            event.Records.map((record) => record.attributes.MessageGroupId!),
          );
          for (const group of groups) {
            if (inFlight.has(group)) overlaps += 1;
            inFlight.add(group);
          }
          await new Promise((resolve) => setImmediate(resolve));
          for (const group of groups) inFlight.delete(group);
        },
        { batchSize: 2, concurrency: 4 },
      );

      expect(overlaps).toBe(0);
    });

    it('drops a message whose deduplication id it has seen', async () => {
      const queue = new InProcessQueue('events.fifo', { fifo: true });

      await queue.send([
        message('first', 'a', 'key-1'),
        message('first again, attempt 2', 'a', 'key-1'),
        message('second', 'a', 'key-2'),
      ]);

      const { consumer, received } = recordingConsumer(() => false);
      await queue.drain(consumer, { batchSize: 10, concurrency: 1 });
      expect(received).toEqual(['first', 'second']);
      expect(queue.stats()).toMatchObject({ sent: 2, duplicates: 1 });
    });

    it('deduplicates by body when no id is given', async () => {
      const queue = new InProcessQueue('events.fifo', { fifo: true });

      await queue.send([message('same', 'a'), message('same', 'a')]);

      expect(queue.stats()).toMatchObject({ sent: 1, duplicates: 1 });
    });

    it('delivers a failed message again before the rest of its group', async () => {
      const queue = new InProcessQueue('events.fifo', { fifo: true });
      await queue.send([message('a1', 'a'), message('a2', 'a')]);
      const { consumer, batches } = recordingConsumer(
        (body, receive) => body === 'a1' && receive === 1,
      );

      await queue.drain(consumer, { batchSize: 1, concurrency: 1 });

      expect(batches).toEqual([['a1'], ['a1'], ['a2']]);
    });
  });

  describe('when it is a standard queue', () => {
    it('keeps messages with the same body', async () => {
      const queue = new InProcessQueue('sync', { fifo: false });

      await queue.send([message('same'), message('same')]);

      expect(queue.stats()).toMatchObject({ sent: 2, duplicates: 0 });
    });
  });

  describe('when a consumer reports failures', () => {
    it('puts back only the failed records', async () => {
      const queue = new InProcessQueue('sync', { fifo: false });
      await queue.send([message('ok'), message('flaky'), message('fine')]);
      const { consumer, batches } = recordingConsumer(
        (body, receive) => body === 'flaky' && receive < 3,
      );

      await queue.drain(consumer, { batchSize: 10, concurrency: 1 });

      expect(batches).toEqual([['ok', 'flaky', 'fine'], ['flaky'], ['flaky']]);
      expect(queue.stats()).toMatchObject({ waiting: 0, deadLetters: 0 });
    });

    it('counts receives on each record', async () => {
      const queue = new InProcessQueue('sync', { fifo: false });
      await queue.send([message('flaky')]);
      const counts: string[] = [];

      await queue.drain(
        async (event) => {
          const [record] = event.Records;
          counts.push(record!.attributes.ApproximateReceiveCount);
          return {
            batchItemFailures:
              counts.length < 3 ? [{ itemIdentifier: record!.messageId }] : [],
          };
        },
        { batchSize: 10, concurrency: 1 },
      );

      expect(counts).toEqual(['1', '2', '3']);
    });

    it('moves a record to the dead letters after the maximum receives', async () => {
      const queue = new InProcessQueue('sync', {
        fifo: false,
        maxReceiveCount: 3,
      });
      await queue.send([message('poison'), message('ok')]);
      const { consumer, received } = recordingConsumer(
        (body) => body === 'poison',
      );

      await queue.drain(consumer, { batchSize: 10, concurrency: 1 });

      expect(received.filter((body) => body === 'poison')).toHaveLength(3);
      expect(queue.deadLetters.map((record) => record.body)).toEqual([
        'poison',
      ]);
      expect(queue.stats()).toMatchObject({ waiting: 0, deadLetters: 1 });
    });

    it('fails the whole batch when the consumer throws', async () => {
      const queue = new InProcessQueue('sync', {
        fifo: false,
        maxReceiveCount: 2,
      });
      await queue.send([message('a'), message('b')]);
      let calls = 0;

      await queue.drain(
        async () => {
          calls += 1;
          throw new Error('handler crashed');
        },
        { batchSize: 10, concurrency: 1 },
      );

      expect(calls).toBe(2);
      expect(queue.deadLetters.map((record) => record.body)).toEqual([
        'a',
        'b',
      ]);
    });
  });

  it('hands the consumer records in the SQS event shape', async () => {
    const queue = new InProcessQueue('events.fifo', { fifo: true });
    await queue.send([message('{"x":1}', 'group-1', 'dedup-1')]);
    let event: SQSEvent | undefined;

    await queue.drain(
      async (received) => {
        event = received;
      },
      { batchSize: 10, concurrency: 1 },
    );

    expect(event?.Records[0]).toMatchObject({
      body: '{"x":1}',
      eventSource: 'aws:sqs',
      eventSourceARN: 'arn:aws:sqs:local:000000000000:events.fifo',
      md5OfBody: createHash('md5').update('{"x":1}').digest('hex'),
      attributes: {
        ApproximateReceiveCount: '1',
        MessageGroupId: 'group-1',
        MessageDeduplicationId: 'dedup-1',
      },
    });
  });
});
