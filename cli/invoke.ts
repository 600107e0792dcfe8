import { readFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { wallClock } from '#infra/local/clock.ts';
import { startLocalStack } from '#infra/local/stack.ts';
import { readClientConfig } from '#shared/config-file.ts';
import { ConfigError } from '#shared/core/config/load.ts';
import { logger } from '#shared/logger.ts';
import { functionRunners } from './invoke-functions.ts';

const USAGE = [
  'Usage: nurture invoke FUNCTION EVENT_FILE [--config FILE] [--verbose]',
  '',
  "Runs one function's handler on an event file against a fresh local stack",
  '(dynalite, the HubSpot sandbox, in-process queues) and prints its response',
  'and what it changed.',
  '',
  `  FUNCTION       ${Object.keys(functionRunners()).join(' | ')}`,
  '  EVENT_FILE     the event as the function gets it, for example',
  '                 events/api-gateway/webhook.json or events/sqs/contact-events.json',
  '                 (the samples under events/ are one per event the functions take)',
  '  --config FILE  client configuration (default clients/demo.json)',
  "  --verbose      also print the pipeline's log lines",
].join('\n');

/** The portal the local stack plays when the event names none. */
const DEFAULT_PORTAL_ID = 9100001;

/** `nurture invoke`: runs one handler's factory on an event file and prints the outcome. */
export async function invokeCommand(args: string[]): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args,
      allowPositionals: true,
      options: {
        config: { type: 'string', default: 'clients/demo.json' },
        verbose: { type: 'boolean', default: false },
        help: { type: 'boolean', default: false },
      },
    });
  } catch (error) {
    console.error(`${(error as Error).message}\n${USAGE}`);
    return 2;
  }
  if (parsed.values.help) {
    console.log(USAGE);
    return 0;
  }
  const [name, file, ...extra] = parsed.positionals;
  if (name === undefined || file === undefined || extra.length > 0) {
    console.error(USAGE);
    return 2;
  }
  const runners = functionRunners();
  const run = runners[name];
  if (run === undefined) {
    console.error(
      `Unknown function "${name}". Known functions: ${Object.keys(runners).join(', ')}.`,
    );
    return 2;
  }

  let event: unknown;
  let config;
  try {
    event = JSON.parse(await readFile(file, 'utf8'));
    config = await readClientConfig(parsed.values.config);
  } catch (error) {
    const message =
      error instanceof ConfigError || !(error instanceof SyntaxError)
        ? (error as Error).message
        : `${file} is not valid JSON: ${error.message}`;
    console.error(`Cannot invoke ${name}: ${message}`);
    return 1;
  }

  logger.setLogLevel(parsed.values.verbose ? 'INFO' : 'SILENT');
  const stack = await startLocalStack({
    config,
    clock: wallClock,
    portalId: portalIdIn(event) ?? DEFAULT_PORTAL_ID,
    runWorkflows: name === 'workflow-tick',
  });
  try {
    console.log(`Invoking ${name} with ${file} on a fresh local stack.`);
    await run(stack, event);
    return 0;
  } catch (error) {
    console.error(`Invoking ${name} failed: ${(error as Error).message}`);
    return 1;
  } finally {
    await stack.close();
  }
}

/** Finds the first portal id anywhere in the event, SQS message bodies included. */
function portalIdIn(event: unknown): number | undefined {
  const match = /\\?"portalId\\?"\s*:\s*(\d+)/.exec(JSON.stringify(event));
  return match === null ? undefined : Number(match[1]);
}
