import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { emptyContactState } from '#shared/core/pipeline/contact-state.ts';
import { VersionConflictError } from '#shared/store/contact-store.ts';
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
});
