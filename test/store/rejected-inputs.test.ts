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
      id: expect.stringMatching(/^[0-9a-f-]{36}$/),
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
});
