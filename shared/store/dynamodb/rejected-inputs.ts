import { randomUUID } from 'node:crypto';
import {
  PutCommand,
  QueryCommand,
  type DynamoDBDocumentClient,
} from '@aws-sdk/lib-dynamodb';
import {
  RejectedInputSchema,
  type RejectedInput,
  type RejectedInputs,
} from '../rejected-inputs.ts';

/** Rejected inputs stay 90 days for inspection, then DynamoDB's TTL removes them. */
const RETENTION_SECONDS = 90 * 24 * 3600;
/** DynamoDB items stop at 400 KB; longer raw inputs are cut and marked. */
const MAX_RAW_CHARS = 300_000;

/** Rejected inputs under one partition, sorted by time, so listing is one query. */
export class DynamoRejectedInputs implements RejectedInputs {
  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async add(input: Omit<RejectedInput, 'id'>): Promise<RejectedInput> {
    const id = randomUUID();
    const raw =
      input.raw.length > MAX_RAW_CHARS
        ? `${input.raw.slice(0, MAX_RAW_CHARS)}[cut: ${input.raw.length} characters in all]`
        : input.raw;
    const stored: RejectedInput = { ...input, raw, id };
    await this.client.send(
      new PutCommand({
        TableName: this.tableName,
        Item: {
          pk: 'REJECTED',
          sk: `${new Date(input.receivedAt).toISOString()}#${id}`,
          expiresAt: Math.floor(Date.now() / 1000) + RETENTION_SECONDS,
          ...stored,
        },
      }),
    );
    return stored;
  }

  async list(options: { limit: number }): Promise<RejectedInput[]> {
    const { Items = [] } = await this.client.send(
      new QueryCommand({
        TableName: this.tableName,
        KeyConditionExpression: 'pk = :pk',
        ExpressionAttributeValues: { ':pk': 'REJECTED' },
        ScanIndexForward: false,
        Limit: options.limit,
      }),
    );
    return Items.map(({ pk: _pk, sk: _sk, expiresAt: _expiresAt, ...item }) =>
      RejectedInputSchema.parse(item),
    );
  }
}
