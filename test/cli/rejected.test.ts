import {
  afterAll,
  afterEach,
  beforeAll,
  describe,
  expect,
  it,
  vi,
} from 'vitest';
import { rejectedCommand } from '../../cli/rejected.ts';
import { DynamoRejectedInputs } from '#shared/store/dynamodb/rejected-inputs.ts';
import { createTestTable, type TestTable } from '../helpers/dynamo.ts';
import { runCaptured } from './command-output.ts';

const RECEIVED_AT = Date.UTC(2026, 11, 1, 9);
const LONG_RAW = `[${'{"eventId":1},'.repeat(100)}{"eventId":2}]`;

let table: TestTable;

beforeAll(async () => {
  table = await createTestTable('rejected-cli');
  const rejected = new DynamoRejectedInputs(table.documents, table.tableName);
  await rejected.add({
    source: 'webhook',
    reason: 'body is not valid JSON: Unexpected end of JSON input',
    raw: '[{"eventId":',
    receivedAt: RECEIVED_AT,
    requestId: 'request-1',
  });
  await rejected.add({
    source: 'webhook-event',
    reason:
      'event 1: objectId: Invalid input: expected number, received string',
    raw: '{\n  "objectId": "abc"\n}',
    receivedAt: RECEIVED_AT + 60_000,
  });
  await rejected.add({
    source: 'webhook',
    reason: 'batch has 101 events; HubSpot sends at most 100',
    raw: LONG_RAW,
    receivedAt: RECEIVED_AT + 120_000,
    requestId: 'request-3',
  });
});

afterAll(() => table.documents.destroy());

afterEach(() => {
  vi.unstubAllEnvs();
});

function useTable(name = table.tableName) {
  vi.stubEnv('NURTURE_TABLE', name);
  vi.stubEnv('DYNAMODB_ENDPOINT', table.endpoint);
}

describe('rejected list', () => {
  it('lists time, source and reason, newest first', async () => {
    useTable();

    const run = await runCaptured(rejectedCommand, ['list']);

    expect(run.code).toBe(0);
    expect(run.stdout.split('\n')).toEqual([
      '2026-12-01T09:02:00.000Z  webhook  batch has 101 events; HubSpot sends at most 100',
      '2026-12-01T09:01:00.000Z  webhook-event  event 1: objectId: Invalid input: expected number, received string',
      '2026-12-01T09:00:00.000Z  webhook  body is not valid JSON: Unexpected end of JSON input',
    ]);
  });

  it('leaves the raw input out unless asked', async () => {
    useTable();

    const run = await runCaptured(rejectedCommand, ['list']);

    expect(run.stdout).not.toContain('eventId');
  });

  it('stops at --limit', async () => {
    useTable();

    const run = await runCaptured(rejectedCommand, ['list', '--limit', '1']);

    expect(run.stdout.split('\n')).toHaveLength(1);
    expect(run.stdout).toContain('batch has 101 events');
  });

  describe('when --raw is given', () => {
    it('prints the ids and the raw input on one line', async () => {
      useTable();

      const run = await runCaptured(rejectedCommand, [
        'list',
        '--raw',
        '--limit',
        '2',
      ]);

      const lines = run.stdout.split('\n');
      expect(lines[4]).toMatch(/^ {4}id [0-9a-f-]{36}, request none$/);
      expect(lines[5]).toBe('    raw { "objectId": "abc" }');
    });

    it('cuts a long raw input to 500 characters', async () => {
      useTable();

      const run = await runCaptured(rejectedCommand, [
        'list',
        '--raw',
        '--limit',
        '1',
      ]);

      const rawLine = run.stdout.split('\n')[2]!;
      expect(rawLine).toBe(
        `    raw ${LONG_RAW.slice(0, 500)}... (${LONG_RAW.length} characters in all)`,
      );
    });
  });

  describe('when the input is wrong', () => {
    it('names the missing NURTURE_TABLE variable', async () => {
      vi.stubEnv('NURTURE_TABLE', '');

      const run = await runCaptured(rejectedCommand, ['list']);

      expect(run.code).toBe(2);
      expect(run.stderr).toMatch(
        /^Missing environment variable NURTURE_TABLE: /,
      );
    });

    it('names a table that does not exist', async () => {
      useTable('no-such-table');

      const run = await runCaptured(rejectedCommand, ['list']);

      expect(run.code).toBe(1);
      expect(run.stderr).toBe(
        `Cannot list rejected inputs: table no-such-table not found at ${table.endpoint}; check NURTURE_TABLE and DYNAMODB_ENDPOINT.`,
      );
    });

    it.each(['0', '-3', 'ten', '1001', '2.5'])(
      'rejects --limit %s',
      async (limit) => {
        useTable();

        const run = await runCaptured(rejectedCommand, [
          'list',
          `--limit=${limit}`,
        ]);

        expect(run.code).toBe(2);
        expect(run.stderr).toBe(
          `--limit must be a whole number from 1 to 1000, got "${limit}".`,
        );
      },
    );

    it('prints the usage for an unknown action', async () => {
      const run = await runCaptured(rejectedCommand, ['replay']);

      expect(run.code).toBe(2);
      expect(run.stderr).toMatch(/^Usage: nurture rejected list/);
    });
  });

  it('says so when nothing was rejected', async () => {
    const empty = await createTestTable('rejected-cli-empty');
    vi.stubEnv('NURTURE_TABLE', empty.tableName);
    vi.stubEnv('DYNAMODB_ENDPOINT', empty.endpoint);

    const run = await runCaptured(rejectedCommand, ['list']);

    empty.documents.destroy();
    expect(run.code).toBe(0);
    expect(run.stdout).toBe(`No rejected inputs in table ${empty.tableName}.`);
  });
});
