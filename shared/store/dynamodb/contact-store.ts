import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import {
  DeleteCommand,
  GetCommand,
  PutCommand,
  type DynamoDBDocumentClient,
} from '@aws-sdk/lib-dynamodb';
import type { ContactState } from '#shared/core/pipeline/contact-state.ts';
import { VersionConflictError, type ContactStore } from '../contact-store.ts';
import { decodeState, encodeState } from './contact-item.ts';

/**
 * Contact state in DynamoDB: one item per contact, the state as JSON (gzipped when large) beside
 * a numeric `version` that every write checks (optimistic locking with a single conditional put).
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
    return Item === undefined ? undefined : decodeState(Item);
  }

  async put(state: ContactState, expectedVersion: number): Promise<void> {
    try {
      await this.client.send(
        new PutCommand({
          TableName: this.tableName,
          Item: {
            ...keyOf(state.portalId, state.contactId),
            version: state.version,
            ...encodeState(state),
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

  async delete(portalId: number, contactId: string): Promise<void> {
    await this.client.send(
      new DeleteCommand({
        TableName: this.tableName,
        Key: keyOf(portalId, contactId),
      }),
    );
  }
}

function keyOf(
  portalId: number,
  contactId: string,
): { pk: string; sk: string } {
  return { pk: `CONTACT#${portalId}#${contactId}`, sk: 'STATE' };
}
