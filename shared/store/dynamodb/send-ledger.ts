import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import {
  DeleteCommand,
  PutCommand,
  UpdateCommand,
  type DynamoDBDocumentClient,
} from '@aws-sdk/lib-dynamodb';
import type { SendResult } from '#shared/email/mailer.ts';
import type { SendLedger } from '#shared/email/send-once.ts';

/** Claims outlive any tick retry by far; after a year DynamoDB's TTL removes them. */
const RETENTION_SECONDS = 365 * 24 * 3600;

/**
 * Action keys in the single table (`pk` = `ACTION#<key>`, `sk` = `LEDGER`).
 * A conditional put claims a key, so two ticks cannot both run it. The claim
 * stays after a crash, so a retried tick does not send twice.
 */
export class DynamoSendLedger implements SendLedger {
  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async claim(actionKey: string, at: number): Promise<boolean> {
    try {
      await this.client.send(
        new PutCommand({
          TableName: this.tableName,
          Item: {
            ...keyOf(actionKey),
            claimedAt: at,
            expiresAt: Math.floor(at / 1000) + RETENTION_SECONDS,
          },
          ConditionExpression: 'attribute_not_exists(pk)',
        }),
      );
      return true;
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException) return false;
      throw error;
    }
  }

  async record(actionKey: string, result: SendResult): Promise<void> {
    await this.client.send(
      new UpdateCommand({
        TableName: this.tableName,
        Key: keyOf(actionKey),
        UpdateExpression: 'SET #result = :result',
        ExpressionAttributeNames: { '#result': 'result' },
        ExpressionAttributeValues: { ':result': result },
      }),
    );
  }

  async release(actionKey: string): Promise<void> {
    await this.client.send(
      new DeleteCommand({ TableName: this.tableName, Key: keyOf(actionKey) }),
    );
  }
}

function keyOf(actionKey: string): { pk: string; sk: string } {
  return { pk: `ACTION#${actionKey}`, sk: 'LEDGER' };
}
