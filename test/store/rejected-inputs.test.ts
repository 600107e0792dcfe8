import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DynamoRejectedInputs } from '#shared/store/dynamodb/rejected-inputs.ts';
import { createTestTable, type TestTable } from '../helpers/dynamo.ts';

const RECEIVED_AT = Date.UTC(2026, 11, 1, 9);

let table: TestTable;
let rejected: DynamoRejectedInputs;

beforeAll(async () => {
  table = await createTestTable('rejected-inputs');
  rejected = new DynamoRejectedInputs(table.documents, table.tableName);
  for (const [offset, reason] of [
    [0, 'oldest'],
    [2_000, 'newest'],
    [1_000, 'middle'],
  ] as const) {
    await rejected.add({
      source: 'webhook',
      reason,
      raw: `[${reason}]`,
      receivedAt: RECEIVED_AT + offset,
      requestId: `request-${reason}`,
    });
  }
});

afterAll(() => table.documents.destroy());

describe('DynamoRejectedInputs', () => {
  it('lists the newest input first', async () => {
    const list = await rejected.list({ limit: 10 });

    expect(list.map((input) => input.reason)).toEqual([
      'newest',
      'middle',
      'oldest',
    ]);
  });

  it('stops at the limit', async () => {
    const list = await rejected.list({ limit: 2 });

    expect(list.map((input) => input.reason)).toEqual(['newest', 'middle']);
  });

  it('returns every field it was given, with an id', async () => {
    const [newest] = await rejected.list({ limit: 1 });

    expect(newest).toEqual({
      id: expect.stringMatching(/^2026-12-01T09:00:02\.000Z-[0-9a-f]{12}$/),
      source: 'webhook',
      reason: 'newest',
      raw: '[newest]',
      receivedAt: RECEIVED_AT + 2_000,
      requestId: 'request-newest',
    });
  });

  it('cuts a raw input over 300,000 characters and says so', async () => {
    const other = await createTestTable('rejected-long');
    const store = new DynamoRejectedInputs(other.documents, other.tableName);
    const raw = 'x'.repeat(350_000);

    const stored = await store.add({
      source: 'webhook',
      reason: 'body too large',
      raw,
      receivedAt: RECEIVED_AT,
    });

    const [listed] = await store.list({ limit: 1 });
    other.documents.destroy();
    expect(stored.raw).toHaveLength(
      300_000 + '[cut: 350000 characters in all]'.length,
    );
    expect(listed!.raw.endsWith('x[cut: 350000 characters in all]')).toBe(true);
  });

  describe('when listing since a time', () => {
    it('leaves out older inputs', async () => {
      const list = await rejected.list({
        limit: 10,
        since: RECEIVED_AT + 1_000,
      });

      expect(list.map((input) => input.reason)).toEqual(['newest', 'middle']);
    });

    it('includes an input received exactly then', async () => {
      const list = await rejected.list({
        limit: 10,
        since: RECEIVED_AT + 2_000,
      });

      expect(list.map((input) => input.reason)).toEqual(['newest']);
    });
  });

  it('reads on past a full page until the limit', async () => {
    const other = await createTestTable('rejected-pages');
    const store = new DynamoRejectedInputs(other.documents, other.tableName);
    for (let index = 0; index < 5; index += 1) {
      await store.add({
        source: 'webhook',
        reason: `large ${index}`,
        raw: 'x'.repeat(290_000),
        receivedAt: RECEIVED_AT + index,
      });
    }

    const list = await store.list({ limit: 5 });

    other.documents.destroy();
    expect(list.map((input) => input.reason)).toEqual([
      'large 4',
      'large 3',
      'large 2',
      'large 1',
      'large 0',
    ]);
  });

  describe('get', () => {
    it('reads an input by the id add returned', async () => {
      const added = await rejected.add({
        source: 'queue',
        reason: 'by id',
        raw: '{}',
        receivedAt: RECEIVED_AT - 60_000,
      });

      expect(await rejected.get(added.id)).toEqual(added);
    });

    it('returns undefined for an unknown id', async () => {
      const unknown = '2026-12-01T09:00:00.000Z-000000000000';

      expect(await rejected.get(unknown)).toBeUndefined();
    });

    it('returns undefined for an id of another form', async () => {
      expect(await rejected.get('REJECTED')).toBeUndefined();
    });
  });
});
