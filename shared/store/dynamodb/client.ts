import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';

/**
 * A document client for the table. `endpoint` points at dynalite locally; in AWS it is unset.
 * Locally any credentials do, so fixed ones keep the SDK from searching the machine for some.
 */
export function createDocumentClient(
  endpoint?: string,
): DynamoDBDocumentClient {
  const client = new DynamoDBClient(
    endpoint === undefined
      ? {}
      : {
          endpoint,
          region: 'local',
          credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
        },
  );
  return DynamoDBDocumentClient.from(client, {
    marshallOptions: { removeUndefinedValues: true },
  });
}
