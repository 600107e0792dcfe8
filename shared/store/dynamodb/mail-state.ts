import {
  GetCommand,
  UpdateCommand,
  type DynamoDBDocumentClient,
} from '@aws-sdk/lib-dynamodb';
import type { Suppression } from '#shared/core/email/send-allowed.ts';
import { contactPk } from './enrollments.ts';

/** What the send check needs besides HubSpot's properties: SES suppressions and recent sends. */
export interface MailState {
  suppressions: Suppression[];
  /** When Nurture emails went to the contact (ms since the epoch), for the frequency cap. */
  emailsSentAt: number[];
}

// Sends older than this no longer count for any frequency cap the config allows.
const SENT_KEEP_MS = 31 * 86_400_000;

/**
 * A contact's mail state as its own item beside the contact state (`sk` =
 * `MAIL`), so SES events and the tick update it with single `UpdateItem`
 * calls without racing the event processor's optimistic contact writes.
 */
export class DynamoMailState {
  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async get(portalId: number, contactId: string): Promise<MailState> {
    const { Item } = await this.client.send(
      new GetCommand({
        TableName: this.tableName,
        Key: keyOf(portalId, contactId),
        ConsistentRead: true,
      }),
    );
    return {
      suppressions: (Item?.suppressions as Suppression[] | undefined) ?? [],
      emailsSentAt: (Item?.emailsSentAt as number[] | undefined) ?? [],
    };
  }

  /** Appends a send; sends older than a month are dropped on the next read-modify. */
  async recordSent(
    portalId: number,
    contactId: string,
    at: number,
  ): Promise<void> {
    await this.append(portalId, contactId, 'emailsSentAt', at);
    const state = await this.get(portalId, contactId);
    const kept = state.emailsSentAt.filter(
      (sentAt) => sentAt > at - SENT_KEEP_MS,
    );
    if (kept.length === state.emailsSentAt.length) return;
    await this.client.send(
      new UpdateCommand({
        TableName: this.tableName,
        Key: keyOf(portalId, contactId),
        UpdateExpression: 'SET emailsSentAt = :kept',
        ExpressionAttributeValues: { ':kept': kept },
      }),
    );
  }

  /** Records a hard bounce or complaint from an SES event. */
  async recordSuppression(
    portalId: number,
    contactId: string,
    suppression: Suppression,
  ): Promise<void> {
    await this.append(portalId, contactId, 'suppressions', suppression);
  }

  private async append(
    portalId: number,
    contactId: string,
    field: 'emailsSentAt' | 'suppressions',
    value: unknown,
  ): Promise<void> {
    await this.client.send(
      new UpdateCommand({
        TableName: this.tableName,
        Key: keyOf(portalId, contactId),
        UpdateExpression: `SET #field = list_append(if_not_exists(#field, :empty), :value)`,
        ExpressionAttributeNames: { '#field': field },
        ExpressionAttributeValues: { ':empty': [], ':value': [value] },
      }),
    );
  }
}

function keyOf(
  portalId: number,
  contactId: string,
): { pk: string; sk: string } {
  return { pk: contactPk(portalId, contactId), sk: 'MAIL' };
}
