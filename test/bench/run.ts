import { readFile, writeFile } from 'node:fs/promises';
import { cpus, totalmem } from 'node:os';
import { parseArgs } from 'node:util';
import { readClientConfig } from '#shared/config-file.ts';
import { logger } from '#shared/logger.ts';
import { runDemo } from '#infra/local/demo/run-demo.ts';
import { runPipelineBenchmark, type PipelineFigures } from './pipeline.ts';
import { runQualityBenchmark, type QualityMeasurement } from './quality.ts';
import { runTickBenchmark, type TickFigures } from './workflow-tick.ts';

// `npm run bench`: measures the pipeline, the demo run and (when the X Education file is
// beside the repository) scoring quality and speed, then rewrites BENCHMARKS.md.
// `npm run bench -- --json` prints the figures as one JSON object instead of progress lines.

/** Due enrollments in the tick measurement. */
const TICK_ENROLLMENTS = 500;

const { values } = parseArgs({
  options: { json: { type: 'boolean', default: false } },
});
logger.setLogLevel('SILENT');
const log = values.json
  ? () => {}
  : (line: string) => console.error(`bench: ${line}`);

const config = await readClientConfig('clients/demo.json');
const pipeline = await runPipelineBenchmark(config, log);
const tick = await runTickBenchmark(
  JSON.parse(await readFile('clients/demo.json', 'utf8')),
  TICK_ENROLLMENTS,
  log,
);

log('demo: the npm start scenario');
const demoStarted = performance.now();
const demo = await runDemo({
  config,
  scenarioFile: 'events/demo/scenario.json',
});
const demoSeconds = (performance.now() - demoStarted) / 1000;

log('quality: X Education leads (skipped when the file is absent)');
const quality = await runQualityBenchmark();

const machine = {
  cpu: cpus()[0]?.model ?? 'unknown',
  cores: cpus().length,
  memoryGiB: Math.round(totalmem() / 2 ** 30),
  node: process.version,
  date: new Date().toISOString().slice(0, 10),
};
const figures = {
  ...pipeline,
  ...tick,
  demoSeconds: Math.round(demoSeconds * 10) / 10,
  demoEvents: demo.eventsAccepted,
  demoHubspotCalls: demo.hubspotCalls,
  machine,
  quality:
    quality === undefined
      ? null
      : Object.fromEntries(quality.map((m) => [m.name, m.value])),
};

await writeFile(
  'BENCHMARKS.md',
  benchmarksPage(pipeline, tick, figures, quality),
);
if (values.json) console.log(JSON.stringify(figures, null, 2));
else console.error('bench: wrote BENCHMARKS.md');

function benchmarksPage(
  pipeline: PipelineFigures,
  tick: TickFigures,
  all: typeof figures,
  quality: QualityMeasurement[] | undefined,
): string {
  const row = (name: string, value: number | string | null, target = '') =>
    `| ${name} | ${value ?? 'n/a'} | ${target} |`;
  return [
    '# Benchmarks',
    '',
    'Written by `npm run bench` (`npm run bench -- --json` prints the same figures as JSON).',
    'Numbers from one run; they move with the load on the machine, so compare runs on one machine.',
    '',
    `Machine: ${all.machine.cpu}, ${all.machine.cores} cores, ${all.machine.memoryGiB} GiB, Node ${all.machine.node}, ${all.machine.date}.`,
    '',
    '## Webhook pipeline (local stack, dynalite in the same process)',
    '',
    `Load: ${pipeline.events} signed webhook events for ${pipeline.contacts} new contacts, posted over`,
    'HTTP in 100-event batches, 10 at a time, through receiver, contact-events queue, processor,',
    'hubspot-sync queue and the HubSpot sandbox, until both queues are empty.',
    '',
    '| figure | value | target |',
    '| --- | --- | --- |',
    row(
      'receiver: acknowledge a signed 100-event batch in process, p50 (ms)',
      pipeline.receiverAckP50Ms,
    ),
    row('receiver: p99 (ms)', pipeline.receiverAckP99Ms, '<= 20'),
    row('pipeline: events per second', pipeline.pipelineEventsPerSecond),
    row(
      'store: raw single-item puts per second (32 callers, 100-byte items)',
      pipeline.storeRawWritesPerSecond,
    ),
    row(
      'pipeline to store ratio (events/s x requests/event / raw puts/s)',
      pipeline.pipelineToStoreRatio,
      '>= 0.7',
    ),
    row('DynamoDB requests per event', pipeline.dynamoRequestsPerEvent),
    row(
      'HubSpot write calls per 1,000 applied events',
      pipeline.hubspotCallsPer1000Changes,
      '<= 12',
    ),
    row(
      'HubSpot write calls per 1,000 queued contact updates',
      pipeline.hubspotCallsPer1000ContactUpdates,
    ),
    row(
      'HubSpot calls per 1,000 events, reads of new contacts included',
      pipeline.hubspotCallsPer1000EventsWithReads,
      '<= 25',
    ),
    '',
    'Write calls are the batch updates plus the `lifecyclestage` re-read before each batch that',
    'sets a stage. An applied event is one that changed a contact (duplicates, our own echoes and',
    'older values are not counted). The ratio can pass 1 because gets cost dynalite less than',
    'the puts of the raw measurement.',
    '',
    '## Workflow tick (dynalite in the same process)',
    '',
    `Load: ${tick.tickEnrollments} enrollments due at once, each setting a property, assigning`,
    'an owner in rotation and starting a wait (no email, so SES is not measured), advanced by',
    'one `runTick` (8 contacts at a time). Command: `npm run bench`.',
    '',
    '| figure | value |',
    '| --- | --- |',
    `| due enrollments advanced per second by one tick | ${tick.tickEnrollmentsPerSecond} |`,
    `| seconds for the tick | ${tick.tickSeconds} |`,
    '',
    '## Demo run (`npm start`)',
    '',
    `${all.demoEvents} events over 60 simulated days in ${all.demoSeconds} s (target < 120 s), ${all.demoHubspotCalls} HubSpot calls.`,
    '',
    '## Scoring on the X Education leads',
    '',
    quality === undefined
      ? 'Skipped: `../shared/data/x-education/Leads.csv` (or `NURTURE_LEADS_CSV`) was not found.'
      : [
          'Command: `npx tsx test/bench/quality.ts` (run by `npm run bench`).',
          '',
          '| measurement | value |',
          '| --- | --- |',
          ...quality.map(
            (m) =>
              `| ${m.name} | ${m.value ?? 'n/a'}${m.unit ? ` ${m.unit}` : ''} |`,
          ),
        ].join('\n'),
    '',
  ].join('\n');
}
