import { parseArgs } from 'node:util';
import { z } from 'zod';
import { ConfigError } from '#shared/core/config/load.ts';
import type { ChannelFigures } from '#shared/core/metrics/channels.ts';
import { ReplayError } from '#shared/core/replay/errors.ts';
import {
  replayFigures,
  type ReplayFigures,
} from '#shared/core/replay/figures.ts';
import { ReplayMappingSchema } from '#shared/core/replay/mapping.ts';
import { replayThroughCore } from '#shared/core/replay/score.ts';
import { replayThroughPipeline } from '#infra/local/replay-pipeline.ts';
import { ProgressBar } from './progress-bar.ts';
import { loadReplayInput, parseNow } from './replay-input.ts';

const USAGE = [
  'Usage: nurture replay --csv FILE --mapping FILE --config FILE [--json] [--now TIME] [--core]',
  '       nurture replay schema',
  '',
  '  --csv FILE      CSV export with one header row and one lead per row',
  '  --mapping FILE  replay mapping (JSON): which columns are properties, events, channel, outcome',
  '  --config FILE   client configuration to score with',
  '  --json          print the figures as one JSON object',
  '  --now TIME      ISO 8601 time the replay ends at (default: now); events are spread before it',
  '  --core          score in the scoring core only, without the local pipeline (same scores, faster)',
  '',
  'By default each row becomes a contact in a local HubSpot sandbox, its creation webhook goes',
  'through the receiver, and its interactions through the queue, processor and HubSpot sync.',
  '"replay schema" prints the JSON Schema of the mapping file.',
].join('\n');

// Files with more contacts than this get a progress bar on a terminal.
const PROGRESS_MIN_CONTACTS = 1000;

/** `nurture replay`: scores a CSV export with a client config and prints quality figures. */
export async function replayCommand(args: string[]): Promise<number> {
  if (args[0] === 'schema') {
    console.log(JSON.stringify(replayMappingJsonSchema(), null, 2));
    return 0;
  }
  let options;
  try {
    options = parseArgs({
      args,
      options: {
        csv: { type: 'string' },
        mapping: { type: 'string' },
        config: { type: 'string' },
        json: { type: 'boolean', default: false },
        now: { type: 'string' },
        core: { type: 'boolean', default: false },
        help: { type: 'boolean', default: false },
      },
    }).values;
  } catch (error) {
    console.error(`${(error as Error).message}\n${USAGE}`);
    return 2;
  }
  if (options.help) {
    console.log(USAGE);
    return 0;
  }
  const { csv, mapping, config } = options;
  if (csv === undefined || mapping === undefined || config === undefined) {
    console.error(`Missing --csv, --mapping or --config.\n${USAGE}`);
    return 2;
  }

  try {
    const now = parseNow(options.now);
    const input = await loadReplayInput({ csv, mapping, config }, now);
    const bar =
      input.contacts.length >= PROGRESS_MIN_CONTACTS
        ? new ProgressBar('Scoring')
        : undefined;
    const replay = options.core ? replayThroughCore : replayThroughPipeline;
    const scores = await replay(
      input.contacts,
      input.config,
      now,
      (done, total) => bar?.update(done, total),
    );
    const figures = replayFigures(input.contacts, scores);
    if (options.json) {
      console.log(JSON.stringify(figures, null, 2));
    } else {
      console.log(formatFigures(figures, input.config.version));
    }
    return 0;
  } catch (error) {
    if (error instanceof ReplayError || error instanceof ConfigError) {
      console.error(error.message);
      return 1;
    }
    throw error;
  }
}

/** Returns the JSON Schema that editors use to check replay mapping files. */
export function replayMappingJsonSchema(): unknown {
  return z.toJSONSchema(ReplayMappingSchema, { io: 'input' });
}

function formatFigures(figures: ReplayFigures, version: string): string {
  const lines = [
    `Replayed ${figures.contacts} contacts with config version ${version}.`,
    `  MQL ${figures.mql}, SQL ${figures.sql}`,
  ];
  if (figures.withOutcome > 0) {
    lines.push(
      `  ROC AUC of the total score: ${formatRatio(figures.auc)} (${figures.withOutcome} contacts with an outcome)`,
      `  SQL against the outcome: precision ${formatRatio(figures.precision)}, recall ${formatRatio(figures.recall)}, F1 ${formatRatio(figures.f1)}, accuracy ${formatRatio(figures.accuracy)}`,
    );
  }
  lines.push('', 'Per channel:', channelLines(figures.perChannel));
  for (const [column, values] of Object.entries(figures.salesFeedback)) {
    lines.push('', `Sales feedback "${column}" (reported, never scored):`);
    for (const value of values) {
      lines.push(
        `  ${String(value.value ?? '(empty)').padEnd(40)} ${String(value.contacts).padStart(6)} contacts, ${formatRatio(value.sqlRate)} SQL`,
      );
    }
  }
  return lines.join('\n');
}

function channelLines(table: Record<string, ChannelFigures>): string {
  const header = `  ${'channel'.padEnd(24)} ${'contacts'.padStart(8)} ${'MQL'.padStart(6)} ${'SQL'.padStart(6)} ${'outcome'.padStart(8)}`;
  const rows = Object.entries(table).map(
    ([channel, figures]) =>
      `  ${channel.padEnd(24)} ${String(figures.contacts).padStart(8)} ${String(figures.mql).padStart(6)} ${String(figures.sql).padStart(6)} ${formatRatio(figures.outcomeRate).padStart(8)}`,
  );
  return [header, ...rows].join('\n');
}

function formatRatio(value: number | null): string {
  return value === null ? 'n/a' : value.toFixed(3);
}
