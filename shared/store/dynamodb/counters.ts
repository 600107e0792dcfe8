import {
  GetCommand,
  QueryCommand,
  UpdateCommand,
  type DynamoDBDocumentClient,
} from '@aws-sdk/lib-dynamodb';
import { z } from 'zod';
import {
  CounterInputError,
  type Counters,
  type PeriodCounts,
} from '../counters.ts';

const PARTITION = 'COUNTERS';
/** Counter attributes carry this prefix, so no name can clash with the key attributes. */
const NAME_PREFIX = 'count:';
/** Names per UpdateItem call, which keeps the update expression far below DynamoDB's 4 KB. */
const NAMES_PER_UPDATE = 100;

/**
 * Counters in DynamoDB: one item per period (`pk` = `COUNTERS`, `sk` = the period), each count
 * a number attribute raised with an atomic `ADD`, so concurrent writers never lose a count.
 */
export class DynamoCounters implements Counters {
  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  /**
   * Adds the counts with one `ADD` per 100 names. Each call is atomic, but a call with more
   * than 100 names is split, so a failure part-way can leave some of its counts added.
   */
  async increment(
    period: string,
    counts: Readonly<PeriodCounts>,
  ): Promise<void> {
    checkPeriod(period);
    for (const [name, value] of Object.entries(counts)) {
      checkCount(period, name, value);
    }
    const entries = Object.entries(counts).filter(([, value]) => value !== 0);
    for (let start = 0; start < entries.length; start += NAMES_PER_UPDATE) {
      const chunk = entries.slice(start, start + NAMES_PER_UPDATE);
      await this.client.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: { pk: PARTITION, sk: period },
          UpdateExpression: `ADD ${chunk.map((_, index) => `#n${index} :v${index}`).join(', ')}`,
          ExpressionAttributeNames: Object.fromEntries(
            chunk.map(([name], index) => [`#n${index}`, NAME_PREFIX + name]),
          ),
          ExpressionAttributeValues: Object.fromEntries(
            chunk.map(([, value], index) => [`:v${index}`, value]),
          ),
        }),
      );
    }
  }

  async get(period: string): Promise<PeriodCounts> {
    checkPeriod(period);
    const { Item } = await this.client.send(
      new GetCommand({
        TableName: this.tableName,
        Key: { pk: PARTITION, sk: period },
        ConsistentRead: true,
      }),
    );
    return Item === undefined ? {} : countsOf(Item);
  }

  async range(
    first: string,
    last: string,
  ): Promise<{ period: string; counts: PeriodCounts }[]> {
    checkPeriod(first);
    checkPeriod(last);
    // DynamoDB rejects a BETWEEN whose bounds are reversed.
    if (first > last) return [];
    const periods: { period: string; counts: PeriodCounts }[] = [];
    let start: Record<string, unknown> | undefined;
    do {
      const page = await this.client.send(
        new QueryCommand({
          TableName: this.tableName,
          KeyConditionExpression: 'pk = :pk AND sk BETWEEN :first AND :last',
          ExpressionAttributeValues: {
            ':pk': PARTITION,
            ':first': first,
            ':last': last,
          },
          ExclusiveStartKey: start,
        }),
      );
      for (const item of page.Items ?? []) {
        periods.push({
          period: z.string().parse(item.sk),
          counts: countsOf(item),
        });
      }
      start = page.LastEvaluatedKey;
    } while (start !== undefined);
    return periods;
  }
}

function checkPeriod(period: string): void {
  if (period === '') {
    throw new CounterInputError(
      'Counter period is empty; name it, for example 2026-12 or 2026-12-04.',
    );
  }
}

function checkCount(period: string, name: string, value: number): void {
  if (name === '') {
    throw new CounterInputError(
      `Counter name is empty in period ${period}; give every count a name.`,
    );
  }
  if (!Number.isFinite(value)) {
    throw new CounterInputError(
      `Count ${name} in period ${period} is ${value}; counts must be finite numbers.`,
    );
  }
}

function countsOf(item: Record<string, unknown>): PeriodCounts {
  const counts: PeriodCounts = {};
  for (const [attribute, value] of Object.entries(item)) {
    if (!attribute.startsWith(NAME_PREFIX)) continue;
    counts[attribute.slice(NAME_PREFIX.length)] = z.number().parse(value);
  }
  return counts;
}
