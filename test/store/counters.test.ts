import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CounterInputError } from '#shared/store/counters.ts';
import { DynamoCounters } from '#shared/store/dynamodb/counters.ts';
import { createTestTable, type TestTable } from '../helpers/dynamo.ts';

let table: TestTable;
let counters: DynamoCounters;

beforeAll(async () => {
  table = await createTestTable('counters');
  counters = new DynamoCounters(table.documents, table.tableName);
});

afterAll(() => table.documents.destroy());

describe('DynamoCounters', () => {
  it('adds counts to what the period has', async () => {
    await counters.increment('2026-11-01', { eventsAccepted: 3, sql: 1 });

    await counters.increment('2026-11-01', { eventsAccepted: 2, mql: 1 });

    expect(await counters.get('2026-11-01')).toEqual({
      eventsAccepted: 5,
      sql: 1,
      mql: 1,
    });
  });

  it('returns no counts for a period never counted', async () => {
    expect(await counters.get('1999-01-01')).toEqual({});
  });

  it('keeps periods apart', async () => {
    await counters.increment('2026-11-02', { rejected: 4 });

    await counters.increment('2026-11-03', { rejected: 1 });

    expect(await counters.get('2026-11-02')).toEqual({ rejected: 4 });
  });

  it('loses no count between concurrent writers', async () => {
    const writers = Array.from({ length: 25 }, () =>
      counters.increment('2026-11-04', { eventsAccepted: 1 }),
    );

    await Promise.all(writers);

    expect(await counters.get('2026-11-04')).toEqual({ eventsAccepted: 25 });
  });

  it('takes negative counts as decrements', async () => {
    await counters.increment('2026-11-05', { open: 3 });

    await counters.increment('2026-11-05', { open: -1 });

    expect(await counters.get('2026-11-05')).toEqual({ open: 2 });
  });

  it('writes nothing for counts of zero', async () => {
    await counters.increment('2026-11-06', { eventsAccepted: 0 });

    expect(await counters.get('2026-11-06')).toEqual({});
  });

  it('stores names that match key attributes as counts', async () => {
    await counters.increment('2026-11-07', {
      pk: 1,
      sk: 2,
      'sql:channel=a b': 3,
    });

    expect(await counters.get('2026-11-07')).toEqual({
      pk: 1,
      sk: 2,
      'sql:channel=a b': 3,
    });
  });

  it('stores more than 100 names in one call', async () => {
    const counts = Object.fromEntries(
      Array.from({ length: 250 }, (_, index) => [
        `workflow-${index}`,
        index + 1,
      ]),
    );

    await counters.increment('2026-11-08', counts);

    expect(await counters.get('2026-11-08')).toEqual(counts);
  });

  describe('when the input is invalid', () => {
    it.each([
      ['an empty period', '', { sql: 1 }, /^Counter period is empty/],
      [
        'a count that is not finite',
        '2026-11-09',
        { sql: Number.NaN },
        /^Count sql in period 2026-11-09 is NaN; counts must be finite numbers\.$/,
      ],
      [
        'an empty name',
        '2026-11-09',
        { '': 1 },
        /^Counter name is empty in period 2026-11-09/,
      ],
    ])(
      'rejects %s and stores nothing',
      async (_case, period, counts, message) => {
        const attempt = counters.increment(period, { mql: 1, ...counts });

        await expect(attempt).rejects.toBeInstanceOf(CounterInputError);
        await expect(attempt).rejects.toThrow(message);
        expect(await counters.get('2026-11-09')).toEqual({});
      },
    );
  });

  describe('range', () => {
    it('returns the periods between both bounds, in order', async () => {
      const other = await createTestTable('counters-range');
      const store = new DynamoCounters(other.documents, other.tableName);
      for (const period of [
        '2026-10-31',
        '2026-11-01',
        '2026-11-15',
        '2026-11-30',
        '2026-12-01',
      ]) {
        await store.increment(period, { sql: 1 });
      }

      const november = await store.range('2026-11-01', '2026-11-30');

      other.documents.destroy();
      expect(november).toEqual([
        { period: '2026-11-01', counts: { sql: 1 } },
        { period: '2026-11-15', counts: { sql: 1 } },
        { period: '2026-11-30', counts: { sql: 1 } },
      ]);
    });

    it('returns nothing when the bounds are reversed', async () => {
      expect(await counters.range('2026-11-30', '2026-11-01')).toEqual([]);
    });
  });
});
