import { createHash } from 'node:crypto';
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import {
  DeleteCommand,
  GetCommand,
  PutCommand,
  QueryCommand,
  type DynamoDBDocumentClient,
} from '@aws-sdk/lib-dynamodb';
import {
  EnrollmentSchema,
  type Enrollment,
} from '#shared/core/workflows/enrollment.ts';
import { TABLE_KEYS } from './table.ts';

/** Due-index partitions; a tick queries each, so no single index key takes every write. */
export const DUE_SHARDS = 4;
// 15 digits hold any ms timestamp up to the year 33658, so the string order is the time order.
const DUE_DIGITS = 15;

/** An enrollment as stored, with its portal and its optimistic-locking version. */
export interface StoredEnrollment {
  portalId: number;
  enrollment: Enrollment;
  version: number;
}

/** Another writer changed the enrollment first; read it again before deciding anything. */
export class EnrollmentConflictError extends Error {
  override name = 'EnrollmentConflictError';

  constructor(readonly enrollmentId: string) {
    super(
      `Enrollment ${enrollmentId} changed since it was read; read it again and retry`,
    );
  }
}

/**
 * Enrollments in the single table, one item each under the contact's partition
 * (`pk` = contact, `sk` = `ENROLLMENT#<id>`), so one query lists a contact's
 * enrollments. Active enrollments carry `gsi1pk` = `DUE#<shard>` and `gsi1sk` =
 * zero-padded due time and id; ended ones drop out of the index. A marker item
 * `ACTIVE#<workflowId>` per contact guards against two active enrollments of
 * one workflow, with a conditional put because dynalite has no transactions.
 */
export class DynamoEnrollmentStore {
  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  /**
   * Stores a new active enrollment. Returns false when the contact already has
   * an active enrollment in that workflow, or this very enrollment exists.
   */
  async create(portalId: number, enrollment: Enrollment): Promise<boolean> {
    const pk = contactPk(portalId, enrollment.contactId);
    const markerKey = { pk, sk: `ACTIVE#${enrollment.workflowId}` };
    const claimed = await this.putIf(
      { ...markerKey, enrollmentId: enrollment.id },
      'attribute_not_exists(pk)',
    );
    if (!claimed) {
      // A marker left by a crash, or by an enrollment that ended, gives way.
      const marker = await this.getItem(markerKey);
      const holder =
        marker === undefined
          ? undefined
          : await this.get(
              portalId,
              enrollment.contactId,
              String(marker.enrollmentId),
            );
      if (holder?.enrollment.status === 'active') return false;
      if (marker !== undefined && marker.enrollmentId === enrollment.id) {
        // The marker is ours from an earlier attempt; fall through to the enrollment put.
      } else {
        const replaced = await this.putIf(
          { ...markerKey, enrollmentId: enrollment.id },
          marker === undefined
            ? 'attribute_not_exists(pk)'
            : 'enrollmentId = :previous',
          marker === undefined
            ? undefined
            : { ':previous': marker.enrollmentId },
        );
        if (!replaced) return false;
      }
    }
    return this.putIf(
      itemOf(portalId, enrollment, 1),
      'attribute_not_exists(pk)',
    );
  }

  async get(
    portalId: number,
    contactId: string,
    enrollmentId: string,
  ): Promise<StoredEnrollment | undefined> {
    const item = await this.getItem({
      pk: contactPk(portalId, contactId),
      sk: `ENROLLMENT#${enrollmentId}`,
    });
    return item === undefined ? undefined : storedOf(item);
  }

  /** Lists a contact's enrollments, active and ended, with one query. */
  async listForContact(
    portalId: number,
    contactId: string,
  ): Promise<StoredEnrollment[]> {
    const items: Record<string, unknown>[] = [];
    let start: Record<string, unknown> | undefined;
    do {
      const page = await this.client.send(
        new QueryCommand({
          TableName: this.tableName,
          KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
          ExpressionAttributeValues: {
            ':pk': contactPk(portalId, contactId),
            ':prefix': 'ENROLLMENT#',
          },
          ConsistentRead: true,
          ExclusiveStartKey: start,
        }),
      );
      items.push(...(page.Items ?? []));
      start = page.LastEvaluatedKey;
    } while (start !== undefined);
    return items.map(storedOf);
  }

  /**
   * Lists up to `limit` enrollments of one due shard due at or before `now`,
   * earliest first. `after` continues from the last one returned.
   */
  async listDue(
    shard: number,
    now: number,
    limit: number,
    after?: StoredEnrollment,
  ): Promise<StoredEnrollment[]> {
    const { Items = [] } = await this.client.send(
      new QueryCommand({
        TableName: this.tableName,
        IndexName: TABLE_KEYS.dueIndex,
        KeyConditionExpression: 'gsi1pk = :shard AND gsi1sk <= :until',
        ExpressionAttributeValues: {
          ':shard': `DUE#${shard}`,
          // '~' sorts after every id character, so enrollments due exactly at `now` count.
          ':until': `${padTime(now)}~`,
        },
        Limit: limit,
        ...(after === undefined ? {} : { ExclusiveStartKey: dueKeyOf(after) }),
      }),
    );
    return Items.map(storedOf);
  }

  /**
   * Replaces the enrollment if its stored version is still `stored.version`;
   * throws {@link EnrollmentConflictError} otherwise. An enrollment that ends
   * frees its workflow's marker so a later trigger may enroll the contact again.
   */
  async update(
    stored: StoredEnrollment,
    next: Enrollment,
  ): Promise<StoredEnrollment> {
    const version = stored.version + 1;
    const written = await this.putIf(
      itemOf(stored.portalId, next, version),
      'version = :expected',
      { ':expected': stored.version },
    );
    if (!written) throw new EnrollmentConflictError(next.id);
    if (next.status !== 'active') {
      try {
        await this.client.send(
          new DeleteCommand({
            TableName: this.tableName,
            Key: {
              pk: contactPk(stored.portalId, next.contactId),
              sk: `ACTIVE#${next.workflowId}`,
            },
            ConditionExpression: 'enrollmentId = :id',
            ExpressionAttributeValues: { ':id': next.id },
          }),
        );
      } catch (error) {
        if (!(error instanceof ConditionalCheckFailedException)) throw error;
      }
    }
    return { portalId: stored.portalId, enrollment: next, version };
  }

  private async getItem(key: {
    pk: string;
    sk: string;
  }): Promise<Record<string, unknown> | undefined> {
    const { Item } = await this.client.send(
      new GetCommand({
        TableName: this.tableName,
        Key: key,
        ConsistentRead: true,
      }),
    );
    return Item;
  }

  private async putIf(
    item: Record<string, unknown>,
    condition: string,
    values?: Record<string, unknown>,
  ): Promise<boolean> {
    try {
      await this.client.send(
        new PutCommand({
          TableName: this.tableName,
          Item: item,
          ConditionExpression: condition,
          ExpressionAttributeValues: values,
        }),
      );
      return true;
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException) return false;
      throw error;
    }
  }
}

/** Returns the due shard of an enrollment, which stays the same for its whole life. */
export function dueShardOf(enrollmentId: string): number {
  return createHash('sha1').update(enrollmentId).digest()[0]! % DUE_SHARDS;
}

export function contactPk(portalId: number, contactId: string): string {
  return `CONTACT#${portalId}#${contactId}`;
}

function padTime(at: number): string {
  return String(Math.max(0, Math.floor(at))).padStart(DUE_DIGITS, '0');
}

function itemOf(
  portalId: number,
  enrollment: Enrollment,
  version: number,
): Record<string, unknown> {
  const due =
    enrollment.status === 'active' && enrollment.dueAt !== undefined
      ? {
          gsi1pk: `DUE#${dueShardOf(enrollment.id)}`,
          gsi1sk: `${padTime(enrollment.dueAt)}#${enrollment.id}`,
        }
      : {};
  return {
    pk: contactPk(portalId, enrollment.contactId),
    sk: `ENROLLMENT#${enrollment.id}`,
    ...due,
    portalId,
    version,
    data: JSON.stringify(enrollment),
  };
}

function dueKeyOf(stored: StoredEnrollment): Record<string, unknown> {
  const { enrollment } = stored;
  return {
    pk: contactPk(stored.portalId, enrollment.contactId),
    sk: `ENROLLMENT#${enrollment.id}`,
    gsi1pk: `DUE#${dueShardOf(enrollment.id)}`,
    gsi1sk: `${padTime(enrollment.dueAt ?? 0)}#${enrollment.id}`,
  };
}

function storedOf(item: Record<string, unknown>): StoredEnrollment {
  return {
    portalId: Number(item.portalId),
    enrollment: EnrollmentSchema.parse(JSON.parse(String(item.data))),
    version: Number(item.version),
  };
}
