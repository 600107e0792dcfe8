import { parseArgs } from 'node:util';
import { ResourceNotFoundException } from '@aws-sdk/client-dynamodb';
import { createDocumentClient } from '#shared/store/dynamodb/client.ts';
import { DynamoRejectedInputs } from '#shared/store/dynamodb/rejected-inputs.ts';
import type { RejectedInput } from '#shared/store/rejected-inputs.ts';

const USAGE = [
  'Usage: nurture rejected list [--limit N] [--raw]',
  '',
  '  --limit N  how many inputs to list, newest first (default 20, at most 1000)',
  '  --raw      also print each raw input, cut to 500 characters',
  '',
  'Reads the table named by NURTURE_TABLE. DYNAMODB_ENDPOINT points at a local',
  'DynamoDB such as dynalite; leave it unset in AWS.',
].join('\n');

const DEFAULT_LIMIT = 20;
const MAX_LIMIT = 1000;
/** Raw inputs are stored up to 300,000 characters, so a terminal gets only the start. */
const RAW_PREVIEW_CHARS = 500;

/** `nurture rejected list`: prints the inputs Nurture could not use, with the reason. */
export async function rejectedCommand(args: string[]): Promise<number> {
  const [action, ...rest] = args;
  if (action === '--help' || action === 'help') {
    console.log(USAGE);
    return 0;
  }
  if (action !== 'list') {
    console.error(USAGE);
    return 2;
  }
  let options;
  try {
    options = parseArgs({
      args: rest,
      options: {
        limit: { type: 'string' },
        raw: { type: 'boolean', default: false },
      },
    }).values;
  } catch (error) {
    console.error(`${(error as Error).message}\n${USAGE}`);
    return 2;
  }
  const limit = parseLimit(options.limit);
  if (limit === undefined) {
    console.error(
      `--limit must be a whole number from 1 to ${MAX_LIMIT}, got "${options.limit}".`,
    );
    return 2;
  }
  const table = process.env.NURTURE_TABLE;
  if (table === undefined || table === '') {
    console.error(
      'Missing environment variable NURTURE_TABLE: set it to the name of the DynamoDB table ' +
        'that holds the rejected inputs (and DYNAMODB_ENDPOINT for a local DynamoDB).',
    );
    return 2;
  }
  const endpoint = process.env.DYNAMODB_ENDPOINT || undefined;

  const documents = createDocumentClient(endpoint);
  let inputs: RejectedInput[];
  try {
    inputs = await new DynamoRejectedInputs(documents, table).list({ limit });
  } catch (error) {
    const where = endpoint ?? 'the default AWS endpoint';
    const reason =
      error instanceof ResourceNotFoundException
        ? `table ${table} not found at ${where}; check NURTURE_TABLE and DYNAMODB_ENDPOINT`
        : `reading table ${table} at ${where} failed: ${(error as Error).message}`;
    console.error(`Cannot list rejected inputs: ${reason}.`);
    return 1;
  } finally {
    documents.destroy();
  }

  if (inputs.length === 0) {
    console.log(`No rejected inputs in table ${table}.`);
    return 0;
  }
  for (const input of inputs) {
    console.log(formatInput(input, options.raw));
  }
  return 0;
}

function parseLimit(text: string | undefined): number | undefined {
  if (text === undefined) return DEFAULT_LIMIT;
  if (!/^\d+$/.test(text)) return undefined;
  const limit = Number(text);
  return limit >= 1 && limit <= MAX_LIMIT ? limit : undefined;
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
