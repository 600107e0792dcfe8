import { randomBytes, randomInt, randomUUID } from 'node:crypto';
import { GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  emptyContactState,
  STATE_LIMITS,
  type ContactState,
} from '#shared/core/pipeline/contact-state.ts';
import { SIGNAL_PROPERTIES } from '#shared/core/signals/properties.ts';
import { VersionConflictError } from '#shared/store/contact-store.ts';
import {
  ContactItemTooLargeError,
  PLAIN_STATE_MAX_BYTES,
} from '#shared/store/dynamodb/contact-item.ts';
import { DynamoContactStore } from '#shared/store/dynamodb/contact-store.ts';
import { createTestTable, type TestTable } from '../helpers/dynamo.ts';

const PORTAL_ID = 9100001;
const NOW = Date.UTC(2026, 11, 1);

let table: TestTable;
let store: DynamoContactStore;
let nextContactId = 1;

beforeAll(async () => {
  table = await createTestTable('contact-store');
  store = new DynamoContactStore(table.documents, table.tableName);
});

afterAll(() => table.documents.destroy());

/** Reads the raw DynamoDB item of a contact, as the store wrote it. */
async function storedItem(contactId: string) {
  const { Item } = await table.documents.send(
    new GetCommand({
      TableName: table.tableName,
      Key: { pk: `CONTACT#${PORTAL_ID}#${contactId}`, sk: 'STATE' },
    }),
  );
  return Item;
}

/** Adds page-view observations until the state's JSON passes `bytes`. */
function withObservations(state: ContactState, bytes: number): ContactState {
  const observations = [];
  for (let index = 0; JSON.stringify(observations).length < bytes; index += 1) {
    observations.push({
      eventId: `${PORTAL_ID}:301:${8_000_000 + index}`,
      occurredAt: NOW + index * 60_000,
      value: String(index),
    });
  }
  return {
    ...state,
    observations: { hs_analytics_num_page_views: observations },
  };
}

function newContact(version = 1) {
  const state = emptyContactState(PORTAL_ID, String(nextContactId++), NOW);
  state.version = version;
  state.properties.industry = { value: 'Software', updatedAt: NOW };
  return state;
}

describe('DynamoContactStore', () => {
  it('returns undefined for a contact never stored', async () => {
    expect(await store.get(PORTAL_ID, 'never-stored')).toBeUndefined();
  });

  it('reads back the state it stored, with its version', async () => {
    const state = newContact();

    await store.put(state, 0);

    expect(await store.get(PORTAL_ID, state.contactId)).toEqual(state);
  });

  it('keeps contacts of different portals apart', async () => {
    const state = newContact();
    await store.put(state, 0);

    expect(await store.get(PORTAL_ID + 1, state.contactId)).toBeUndefined();
  });

  it('stores the version as a number the condition can compare', async () => {
    const state = newContact();
    await store.put(state, 0);

    const { Item } = await table.documents.send(
      new GetCommand({
        TableName: table.tableName,
        Key: { pk: `CONTACT#${PORTAL_ID}#${state.contactId}`, sk: 'STATE' },
      }),
    );

    expect(Item?.version).toBe(1);
  });

  describe('when another writer came first', () => {
    it('rejects a second first write of the same contact', async () => {
      const first = newContact();
      await store.put(first, 0);
      const second = { ...first, properties: {} };

      const attempt = store.put(second, 0);

      await expect(attempt).rejects.toBeInstanceOf(VersionConflictError);
      expect(await store.get(PORTAL_ID, first.contactId)).toEqual(first);
    });

    it('rejects a write based on an old version', async () => {
      const state = newContact();
      await store.put(state, 0);
      await store.put({ ...state, version: 2 }, 1);

      const attempt = store.put({ ...state, version: 2 }, 1);

      await expect(attempt).rejects.toThrow(
        `Contact ${PORTAL_ID}:${state.contactId} changed since version 1 was read; read it again and retry`,
      );
    });

    it('accepts the write based on the current version', async () => {
      const state = newContact();
      await store.put(state, 0);
      const next = {
        ...state,
        version: 2,
        properties: {
          ...state.properties,
          country: { value: 'Belgium', updatedAt: NOW + 1 },
        },
      };

      await store.put(next, 1);

      expect(await store.get(PORTAL_ID, state.contactId)).toEqual(next);
    });

    it('lets exactly one of two concurrent writers win', async () => {
      const state = newContact();
      await store.put(state, 0);

      const results = await Promise.allSettled([
        store.put({ ...state, version: 2, channel: 'first' }, 1),
        store.put({ ...state, version: 2, channel: 'second' }, 1),
      ]);

      const winners = results.filter((result) => result.status === 'fulfilled');
      const losers = results.filter((result) => result.status === 'rejected');
      expect(winners).toHaveLength(1);
      expect(losers).toHaveLength(1);
      expect((losers[0] as PromiseRejectedResult).reason).toBeInstanceOf(
        VersionConflictError,
      );
    });
  });

  describe('when the state is large', () => {
    it('stores a small state as readable JSON', async () => {
      const state = newContact();

      await store.put(state, 0);

      const item = await storedItem(state.contactId);
      expect(JSON.parse(item?.data)).toEqual(state);
      expect(item).not.toHaveProperty('dataGzip');
    });

    it('compresses a state over the plain limit and reads it back', async () => {
      const state = withObservations(newContact(), 200_000);

      await store.put(state, 0);

      const item = await storedItem(state.contactId);
      expect(item).not.toHaveProperty('data');
      expect(item?.dataGzip).toBeInstanceOf(Uint8Array);
      expect(item?.dataGzip.length).toBeLessThan(200_000 / 2);
      expect(await store.get(PORTAL_ID, state.contactId)).toEqual(state);
    });

    it('stores a state at every state limit in under 100 KB', async () => {
      const state = newContact();
      for (const property of SIGNAL_PROPERTIES) {
        state.observations[property] = Array.from(
          { length: STATE_LIMITS.observationsPerProperty },
          (_, index) => ({
            eventId: `${PORTAL_ID}:${randomInt(1e6)}:${randomInt(1e10)}`,
            occurredAt: NOW - randomInt(1e10),
            value: `https://www.example.com/${randomUUID()}?index=${index}`,
          }),
        );
      }
      state.interactions = Array.from(
        { length: STATE_LIMITS.interactions },
        () => ({
          id: `ses:${randomUUID()}`,
          kind: 'emailOpen' as const,
          occurredAt: NOW - randomInt(1e10),
          quantity: 1,
        }),
      );
      state.recentEventKeys = Array.from(
        { length: STATE_LIMITS.recentEventKeys },
        () => `${PORTAL_ID}:${randomInt(1e6)}:${randomInt(1e10)}`,
      );

      await store.put(state, 0);

      const item = await storedItem(state.contactId);
      expect(item?.dataGzip.length).toBeLessThan(100 * 1024);
      expect(await store.get(PORTAL_ID, state.contactId)).toEqual(state);
    });

    it('keeps a state under the plain limit as JSON', async () => {
      const state = withObservations(newContact(), PLAIN_STATE_MAX_BYTES - 400);
      const bytes = Buffer.byteLength(JSON.stringify(state));
      expect(bytes).toBeLessThanOrEqual(PLAIN_STATE_MAX_BYTES);

      await store.put(state, 0);

      expect(await storedItem(state.contactId)).toHaveProperty('data');
    });

    it('rejects a state too large even when compressed', async () => {
      const state = newContact();
      state.properties.notes = {
        value: randomBytes(400_000).toString('base64'),
        updatedAt: NOW,
      };

      const attempt = store.put(state, 0);

      await expect(attempt).rejects.toBeInstanceOf(ContactItemTooLargeError);
      await expect(attempt).rejects.toThrow(
        /^Contact 9100001:\d+ state is \d+ bytes compressed, over the 358400-byte limit; its largest fields are properties \(/,
      );
      expect(await storedItem(state.contactId)).toBeUndefined();
    });
  });

  describe('delete', () => {
    it('removes the stored state', async () => {
      const state = newContact();
      await store.put(state, 0);

      await store.delete(PORTAL_ID, state.contactId);

      expect(await store.get(PORTAL_ID, state.contactId)).toBeUndefined();
    });

    it('lets the contact be stored again as new', async () => {
      const state = newContact();
      await store.put(state, 0);
      await store.delete(PORTAL_ID, state.contactId);

      await store.put(state, 0);

      expect(await store.get(PORTAL_ID, state.contactId)).toEqual(state);
    });
  });

  describe('when the stored item is malformed', () => {
    it('throws instead of returning an unchecked state', async () => {
      await table.documents.send(
        new PutCommand({
          TableName: table.tableName,
          Item: {
            pk: `CONTACT#${PORTAL_ID}#malformed`,
            sk: 'STATE',
            version: '3',
            data: '{}',
          },
        }),
      );

      const attempt = store.get(PORTAL_ID, 'malformed');

      await expect(attempt).rejects.toThrow(/version/);
    });
  });
});
