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
      expect(lines[4]).toMatch(
        /^ {4}id 2026-12-01T09:01:00\.000Z-[0-9a-f]{12}, request none$/,
      );
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

  describe('when --since is given', () => {
    it('lists only inputs received since that time', async () => {
      useTable();

      const run = await runCaptured(rejectedCommand, [
        'list',
        '--since',
        '2026-12-01T09:01:00Z',
      ]);

      expect(run.code).toBe(0);
      expect(run.stdout.split('\n').map((line) => line.slice(0, 24))).toEqual([
        '2026-12-01T09:02:00.000Z',
        '2026-12-01T09:01:00.000Z',
      ]);
    });

    it('reads an age back from now', async () => {
      useTable();
      vi.useFakeTimers({ toFake: ['Date'], now: RECEIVED_AT + 150_000 });

      const run = await runCaptured(rejectedCommand, ['list', '--since', '1m']);

      vi.useRealTimers();
      expect(run.stdout.split('\n')).toHaveLength(1);
      expect(run.stdout).toContain('batch has 101 events');
    });

    it('says when nothing arrived since then', async () => {
      useTable();

      const run = await runCaptured(rejectedCommand, [
        'list',
        '--since',
        '2027-01-01',
      ]);

      expect(run.code).toBe(0);
      expect(run.stdout).toBe(
        `No rejected inputs in table ${table.tableName} since 2027-01-01T00:00:00.000Z.`,
      );
    });

    it.each(['yesterday', '12', '5w', '2026-13-45'])(
      'rejects --since %s',
      async (since) => {
        useTable();

        const run = await runCaptured(rejectedCommand, [
          'list',
          '--since',
          since,
        ]);

        expect(run.code).toBe(2);
        expect(run.stderr).toMatch(
          new RegExp(
            `^--since must be an ISO 8601 date or time .* got "${since}"\\.$`,
          ),
        );
      },
    );
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

describe('rejected show', () => {
  async function listedIds(): Promise<string[]> {
    const run = await runCaptured(rejectedCommand, ['list', '--raw']);
    return [...run.stdout.matchAll(/^ {4}id (\S+),/gm)].map(
      (match) => match[1]!,
    );
  }

  it('prints one input with its whole raw input', async () => {
    useTable();
    const [newest] = await listedIds();

    const run = await runCaptured(rejectedCommand, ['show', newest!]);

    expect(run.code).toBe(0);
    expect(run.stdout.split('\n')).toEqual([
      `id          ${newest}`,
      'received    2026-12-01T09:02:00.000Z',
      'source      webhook',
      'reason      batch has 101 events; HubSpot sends at most 100',
      'request     request-3',
      'raw input:',
      LONG_RAW,
    ]);
  });

  it('names an id it does not find', async () => {
    useTable();

    const run = await runCaptured(rejectedCommand, [
      'show',
      '2026-12-01T09:00:00.000Z-000000000000',
    ]);

    expect(run.code).toBe(1);
    expect(run.stderr).toBe(
      'No rejected input with id "2026-12-01T09:00:00.000Z-000000000000"; run nurture rejected list --raw to see the ids.',
    );
  });

  it('prints the usage without an id', async () => {
    const run = await runCaptured(rejectedCommand, ['show']);

    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/^rejected show takes one id\.\nUsage: /);
  });
});
