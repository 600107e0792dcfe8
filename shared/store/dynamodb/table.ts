import {
  CreateTableCommand,
  DescribeTableCommand,
  ResourceInUseException,
  type DynamoDBClient,
} from '@aws-sdk/client-dynamodb';

/** Key and index names of Nurture's single table; the CDK stack creates the same. */
export const TABLE_KEYS = {
  partitionKey: 'pk',
  sortKey: 'sk',
  timeToLive: 'expiresAt',
  dueIndex: 'gsi1',
  dueIndexPartitionKey: 'gsi1pk',
  dueIndexSortKey: 'gsi1sk',
} as const;

/** Creates the table if it does not exist (local stack and tests; in AWS the stack creates it). */
export async function ensureTable(
  client: DynamoDBClient,
  tableName: string,
): Promise<void> {
  try {
    await client.send(
      new CreateTableCommand({
        TableName: tableName,
        BillingMode: 'PAY_PER_REQUEST',
        AttributeDefinitions: [
          { AttributeName: TABLE_KEYS.partitionKey, AttributeType: 'S' },
          { AttributeName: TABLE_KEYS.sortKey, AttributeType: 'S' },
          {
            AttributeName: TABLE_KEYS.dueIndexPartitionKey,
            AttributeType: 'S',
          },
          { AttributeName: TABLE_KEYS.dueIndexSortKey, AttributeType: 'S' },
        ],
        KeySchema: [
          { AttributeName: TABLE_KEYS.partitionKey, KeyType: 'HASH' },
          { AttributeName: TABLE_KEYS.sortKey, KeyType: 'RANGE' },
        ],
        GlobalSecondaryIndexes: [
          {
            IndexName: TABLE_KEYS.dueIndex,
            KeySchema: [
              {
                AttributeName: TABLE_KEYS.dueIndexPartitionKey,
                KeyType: 'HASH',
              },
              { AttributeName: TABLE_KEYS.dueIndexSortKey, KeyType: 'RANGE' },
            ],
            Projection: { ProjectionType: 'ALL' },
          },
        ],
      }),
    );
  } catch (error) {
    if (!(error instanceof ResourceInUseException)) throw error;
  }
  for (let attempt = 0; attempt < 50; attempt += 1) {
    const { Table } = await client.send(
      new DescribeTableCommand({ TableName: tableName }),
    );
    if (Table?.TableStatus === 'ACTIVE') return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`Table ${tableName} did not become ACTIVE within 5 seconds`);
}
