import { randomBytes } from 'node:crypto';
import {
  GetCommand,
  PutCommand,
  QueryCommand,
  type DynamoDBDocumentClient,
} from '@aws-sdk/lib-dynamodb';
import {
  RejectedInputSchema,
  type RejectedInput,
  type RejectedInputListOptions,
  type RejectedInputs,
} from '../rejected-inputs.ts';

/** Rejected inputs stay 90 days for inspection, then DynamoDB's TTL removes them. */
const RETENTION_SECONDS = 90 * 24 * 3600;
/** DynamoDB items stop at 400 KB; longer raw inputs are cut and marked. */
const MAX_RAW_CHARS = 300_000;
const PARTITION = 'REJECTED';
const ID_PATTERN = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z-[0-9a-f]{12}$/;

/**
 * Rejected inputs under one partition, sorted by their id, which starts with the receipt time.
 * So listing is one query and reading one input by id is one get.
 */
export class DynamoRejectedInputs implements RejectedInputs {
  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async add(input: Omit<RejectedInput, 'id'>): Promise<RejectedInput> {
    const id = `${new Date(input.receivedAt).toISOString()}-${randomBytes(6).toString('hex')}`;
    const raw =
      input.raw.length > MAX_RAW_CHARS
        ? `${input.raw.slice(0, MAX_RAW_CHARS)}[cut: ${input.raw.length} characters in all]`
        : input.raw;
    const stored: RejectedInput = { ...input, raw, id };
    await this.client.send(
      new PutCommand({
        TableName: this.tableName,
        Item: {
          pk: PARTITION,
          sk: id,
          // Wall-clock time, because DynamoDB's TTL compares with it even during a replay.
          expiresAt: Math.floor(Date.now() / 1000) + RETENTION_SECONDS,
          ...stored,
        },
      }),
    );
    return stored;
  }

  async list(options: RejectedInputListOptions): Promise<RejectedInput[]> {
    const inputs: RejectedInput[] = [];
    let start: Record<string, unknown> | undefined;
    // A page stops at 1 MB, which a few large raw inputs fill, so read on until the limit.
    do {
      const page = await this.client.send(
        new QueryCommand({
          TableName: this.tableName,
          KeyConditionExpression:
            options.since === undefined
              ? 'pk = :pk'
              : 'pk = :pk AND sk >= :since',
          ExpressionAttributeValues: {
            ':pk': PARTITION,
            ...(options.since === undefined
              ? {}
              : { ':since': new Date(options.since).toISOString() }),
          },
          ScanIndexForward: false,
          Limit: options.limit - inputs.length,
          ExclusiveStartKey: start,
        }),
      );
      inputs.push(...(page.Items ?? []).map(parseItem));
      start = page.LastEvaluatedKey;
    } while (start !== undefined && inputs.length < options.limit);
    return inputs;
  }

  async get(id: string): Promise<RejectedInput | undefined> {
    if (!ID_PATTERN.test(id)) return undefined;
    const { Item } = await this.client.send(
      new GetCommand({
        TableName: this.tableName,
        Key: { pk: PARTITION, sk: id },
      }),
    );
    return Item === undefined ? undefined : parseItem(Item);
  }
}

function parseItem(item: Record<string, unknown>): RejectedInput {
  const { pk: _pk, sk: _sk, expiresAt: _expiresAt, ...input } = item;
  return RejectedInputSchema.parse(input);
}
