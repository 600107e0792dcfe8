import { parseArgs } from 'node:util';
import { ResourceNotFoundException } from '@aws-sdk/client-dynamodb';
import { createDocumentClient } from '#shared/store/dynamodb/client.ts';
import { DynamoRejectedInputs } from '#shared/store/dynamodb/rejected-inputs.ts';
import type { RejectedInput } from '#shared/store/rejected-inputs.ts';

const USAGE = [
  'Usage: nurture rejected list [--limit N] [--since TIME] [--raw]',
  '       nurture rejected show ID',
  '',
  '  list           print the rejected inputs, newest first: time, source and reason',
  '  --limit N      how many inputs to list (default 20, at most 1000)',
  '  --since TIME   only inputs received since TIME: an ISO 8601 date or time, or an',
  '                 age in minutes, hours or days such as 30m, 12h or 7d',
  '  --raw          also print the ids and each raw input, cut to 500 characters',
  '  show ID        print one input with its whole raw input (ids come from list --raw)',
  '',
  'Reads the table named by NURTURE_TABLE. DYNAMODB_ENDPOINT points at a local',
  'DynamoDB such as dynalite; leave it unset in AWS.',
].join('\n');

const DEFAULT_LIMIT = 20;
const MAX_LIMIT = 1000;
/** Raw inputs are stored up to 300,000 characters, so a terminal gets only the start. */
const RAW_PREVIEW_CHARS = 500;
const AGE_UNITS_MS: Record<string, number> = {
  m: 60_000,
  h: 3_600_000,
  d: 86_400_000,
};

/** Thrown for a usage mistake; the command prints the message and exits with 2. */
class RejectedUsageError extends Error {
  override name = 'RejectedUsageError';
}

type Action =
  | { action: 'list'; limit: number; since?: number; raw: boolean }
  | { action: 'show'; id: string };

/** `nurture rejected list|show`: prints the inputs Nurture could not use, with the reason. */
export async function rejectedCommand(args: string[]): Promise<number> {
  if (args[0] === '--help' || args[0] === 'help') {
    console.log(USAGE);
    return 0;
  }
  let request: Action;
  try {
    request = parseAction(args, Date.now());
  } catch (error) {
    if (!(error instanceof RejectedUsageError)) throw error;
    console.error(error.message);
    return 2;
  }
  const table = process.env.NURTURE_TABLE;
  if (table === undefined || table === '') {
    console.error(
      'Missing environment variable NURTURE_TABLE: set it to the name of the DynamoDB table ' +
        'that contains the rejected inputs (and DYNAMODB_ENDPOINT for a local DynamoDB).',
    );
    return 2;
  }
  const endpoint = process.env.DYNAMODB_ENDPOINT || undefined;

  const documents = createDocumentClient(endpoint);
  const store = new DynamoRejectedInputs(documents, table);
  try {
    return request.action === 'list'
      ? await printList(store, table, request)
      : await printOne(store, request.id);
  } catch (error) {
    const where = endpoint ?? 'the default AWS endpoint';
    const reason =
      error instanceof ResourceNotFoundException
        ? `table ${table} not found at ${where}; check NURTURE_TABLE and DYNAMODB_ENDPOINT`
        : `reading table ${table} at ${where} failed: ${messageOf(error)}`;
    console.error(`Cannot ${request.action} rejected inputs: ${reason}.`);
    return 1;
  } finally {
    documents.destroy();
  }
}

function parseAction(args: string[], now: number): Action {
  const [action, ...rest] = args;
  if (action === 'show') {
    const [id, ...extra] = rest;
    if (id === undefined || extra.length > 0) {
      throw new RejectedUsageError(`rejected show takes one id.\n${USAGE}`);
    }
    return { action: 'show', id };
  }
  if (action !== 'list') throw new RejectedUsageError(USAGE);
  let values;
  try {
    values = parseArgs({
      args: rest,
      options: {
        limit: { type: 'string' },
        since: { type: 'string' },
        raw: { type: 'boolean', default: false },
      },
    }).values;
  } catch (error) {
    throw new RejectedUsageError(`${messageOf(error)}\n${USAGE}`);
  }
  return {
    action: 'list',
    limit: parseLimit(values.limit),
    since:
      values.since === undefined ? undefined : parseSince(values.since, now),
    raw: values.raw,
  };
}

function parseLimit(text: string | undefined): number {
  if (text === undefined) return DEFAULT_LIMIT;
  const limit = /^\d+$/.test(text) ? Number(text) : Number.NaN;
  if (!(limit >= 1 && limit <= MAX_LIMIT)) {
    throw new RejectedUsageError(
      `--limit must be a whole number from 1 to ${MAX_LIMIT}, got "${text}".`,
    );
  }
  return limit;
}

/** Reads `--since`: an age such as `12h`, or a date or time that `Date.parse` reads (ISO 8601). */
function parseSince(text: string, now: number): number {
  const [, amount, unit] = /^(\d+)([mhd])$/.exec(text) ?? [];
  const unitMs = unit === undefined ? undefined : AGE_UNITS_MS[unit];
  if (unitMs !== undefined) return now - Number(amount) * unitMs;
  const time = /^\d{4}-\d{2}-\d{2}/.test(text) ? Date.parse(text) : Number.NaN;
  if (Number.isNaN(time)) {
    throw new RejectedUsageError(
      `--since must be an ISO 8601 date or time (2026-12-01, 2026-12-01T09:00Z) ` +
        `or an age such as 30m, 12h or 7d, got "${text}".`,
    );
  }
  return time;
}

async function printList(
  store: DynamoRejectedInputs,
  table: string,
  request: Extract<Action, { action: 'list' }>,
): Promise<number> {
  const inputs = await store.list({
    limit: request.limit,
    since: request.since,
  });
  if (inputs.length === 0) {
    const period =
      request.since === undefined
        ? ''
        : ` since ${new Date(request.since).toISOString()}`;
    console.log(`No rejected inputs in table ${table}${period}.`);
    return 0;
  }
  for (const input of inputs) {
    console.log(formatInput(input, request.raw));
  }
  return 0;
}

async function printOne(
  store: DynamoRejectedInputs,
  id: string,
): Promise<number> {
  const input = await store.get(id);
  if (input === undefined) {
    console.error(
      `No rejected input with id "${id}"; run nurture rejected list --raw to see the ids.`,
    );
    return 1;
  }
  console.log(
    [
      `id          ${input.id}`,
      `received    ${new Date(input.receivedAt).toISOString()}`,
      `source      ${input.source}`,
      `reason      ${input.reason}`,
      `request     ${input.requestId ?? 'none'}`,
      'raw input:',
      input.raw,
    ].join('\n'),
  );
  return 0;
}

/** Formats an input as one line, plus its ids and the start of the raw input when `raw` is set. */
export function formatInput(input: RejectedInput, raw: boolean): string {
  const time = new Date(input.receivedAt).toISOString();
  const line = `${time}  ${input.source}  ${input.reason}`;
  if (!raw) return line;
  return [
    line,
    `    id ${input.id}, request ${input.requestId ?? 'none'}`,
    `    raw ${previewOf(input.raw)}`,
  ].join('\n');
}

function previewOf(raw: string): string {
  const flat = raw.replace(/\s*[\r\n]+\s*/g, ' ');
  if (flat.length <= RAW_PREVIEW_CHARS) return flat;
  return `${flat.slice(0, RAW_PREVIEW_CHARS)}... (${raw.length} characters in all)`;
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
