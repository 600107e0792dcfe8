import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import {
  GetCommand,
  PutCommand,
  type DynamoDBDocumentClient,
} from '@aws-sdk/lib-dynamodb';
import {
  ContactStateSchema,
  type ContactState,
} from '#shared/core/pipeline/contact-state.ts';
import { VersionConflictError, type ContactStore } from '../contact-store.ts';

/**
 * Contact state in DynamoDB: one item per contact, the state as a JSON string beside a numeric
 * `version` that every write checks (optimistic locking with a single conditional put).
 */
export class DynamoContactStore implements ContactStore {
  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async get(
    portalId: number,
    contactId: string,
  ): Promise<ContactState | undefined> {
    const { Item } = await this.client.send(
      new GetCommand({
        TableName: this.tableName,
        Key: keyOf(portalId, contactId),
        ConsistentRead: true,
      }),
    );
    if (Item === undefined) return undefined;
    const state = ContactStateSchema.parse(JSON.parse(String(Item.data)));
    return { ...state, version: Number(Item.version) };
  }

  async put(state: ContactState, expectedVersion: number): Promise<void> {
    try {
      await this.client.send(
        new PutCommand({
          TableName: this.tableName,
          Item: {
            ...keyOf(state.portalId, state.contactId),
            version: state.version,
            data: JSON.stringify(state),
          },
          ConditionExpression:
            expectedVersion === 0
              ? 'attribute_not_exists(pk)'
              : 'version = :expected',
          ExpressionAttributeValues:
            expectedVersion === 0
              ? undefined
              : { ':expected': expectedVersion },
        }),
      );
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException) {
        throw new VersionConflictError(
          state.portalId,
          state.contactId,
          expectedVersion,
        );
      }
      throw error;
    }
  }
}

function keyOf(
  portalId: number,
  contactId: string,
): { pk: string; sk: string } {
  return { pk: `CONTACT#${portalId}#${contactId}`, sk: 'STATE' };
}
