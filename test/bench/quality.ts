/**
 * Quality and speed benchmark on the X Education leads. It replays the
 * file with the hand-written example config and times rescoring every
 * contact in the core. It calibrates configs by 5-fold cross-validation
 * with the command's defaults, with the earlier settings, and with more or
 * less of Sales's last activity in view. Skips when the data file is
 * absent, because its licence keeps it out of the repository. Run:
 * `npx tsx test/bench/quality.ts`.
 */
import { existsSync } from 'node:fs';
import { cpus } from 'node:os';
import { pathToFileURL } from 'node:url';
import { AUTO_L2 } from '../../cli/calibrate.ts';
import { loadReplayInput, readCsvRows } from '../../cli/replay-input.ts';
import {
  calibrateConfig,
  type CalibrationOptions,
  type CrossValidatedFigures,
} from '#shared/core/calibration/calibrate.ts';
import type { ClientConfig } from '#shared/core/config/client.ts';
import { replayFigures } from '#shared/core/replay/figures.ts';
import type { ReplayMapping } from '#shared/core/replay/mapping.ts';
import {
  rowsToContacts,
  type ReplayContact,
} from '#shared/core/replay/rows.ts';
import { scoreContact } from '#shared/core/scoring/index.ts';

const DEFAULT_CSV = '/work/shared/data/x-education/Leads.csv';
const MAPPING = 'examples/x-education.mapping.json';
const CONFIG = 'examples/x-education.config.json';
// A fixed end of the replay period keeps the figures the same on every run.
const NOW = Date.UTC(2026, 0, 1);
const RESCORE_RUNS = 5;
const FOLDS = 5;
const SEED = 42;
/** The calibrate command's defaults. */
const DEFAULTS: Omit<CalibrationOptions, 'objective'> = {
  folds: FOLDS,
  seed: SEED,
  l2: AUTO_L2,
  pointsPerLogOdds: 10,
  mqlRecall: 0.9,
  candidates: { minSupport: 50, tiers: 8 },
};
/** Settings before candidates, signs, inner CV and the MQL recall rule. */
const EARLIER: Omit<CalibrationOptions, 'objective'> = {
  folds: FOLDS,
  seed: SEED,
  l2: 1,
  pointsPerLogOdds: 10,
  signConstraints: false,
};
/** Properties that hold the record's last activity, of the lead or of Sales. */
const ACTIVITY_PROPERTIES = new Set(['last_activity', 'last_notable_activity']);
/** Values of the activity columns that the mapping reads as not known. */
const SALES_ACTIVITIES = new Set(['sms sent', 'unreachable']);

/** One line of the benchmark output. */
export interface QualityMeasurement {
  name: string;
  value: number | string | null;
  unit?: string;
}

/** Runs the benchmark; returns undefined when the data file is absent. */
export async function runQualityBenchmark(
  csv = process.env.NURTURE_LEADS_CSV ?? DEFAULT_CSV,
): Promise<QualityMeasurement[] | undefined> {
  if (!existsSync(csv)) return undefined;
  const measurements: QualityMeasurement[] = [];

  const loadStart = performance.now();
  const input = await loadReplayInput(
    { csv, mapping: MAPPING, config: CONFIG },
    NOW,
  );
  measurements.push({
    name: 'read CSV and build contacts',
    value: elapsed(loadStart),
    unit: 'ms',
  });

  const rescoreTimes: number[] = [];
  let scores = input.contacts.map((contact) =>
    scoreContact(input.config, contact, NOW),
  );
  for (let run = 0; run < RESCORE_RUNS; run += 1) {
    const start = performance.now();
    scores = input.contacts.map((contact) =>
      scoreContact(input.config, contact, NOW),
    );
    rescoreTimes.push(elapsed(start));
  }
  rescoreTimes.sort((a, b) => a - b);
  measurements.push(
    {
      name: `rescore ${input.contacts.length} contacts in the core (median of ${RESCORE_RUNS})`,
      value: rescoreTimes[Math.floor(RESCORE_RUNS / 2)]!,
      unit: 'ms',
    },
    { name: 'rescore, slowest run', value: rescoreTimes.at(-1)!, unit: 'ms' },
  );

  const replay = replayFigures(input.contacts, scores);
  measurements.push(
    { name: 'hand config: contacts', value: replay.contacts },
    { name: 'hand config: MQL', value: replay.mql },
    { name: 'hand config: SQL', value: replay.sql },
    { name: 'hand config: ROC AUC', value: replay.auc },
    { name: 'hand config: SQL precision', value: replay.precision },
    { name: 'hand config: SQL recall', value: replay.recall },
    { name: 'hand config: SQL F1', value: replay.f1 },
    { name: 'hand config: SQL accuracy', value: replay.accuracy },
  );

  const strictConfig = withoutActivityCriteria(input.config);
  const strictReplay = replayFigures(
    input.contacts,
    input.contacts.map((contact) => scoreContact(strictConfig, contact, NOW)),
  );
  measurements.push(
    {
      name: 'hand config without last-activity criteria: ROC AUC',
      value: strictReplay.auc,
    },
    {
      name: 'hand config without last-activity criteria: SQL accuracy',
      value: strictReplay.accuracy,
    },
  );

  const smsKept = rowsToContacts(
    withSalesActivitiesKept(input.mapping),
    await readCsvRows(csv),
    NOW,
  );
  const runs: CalibrationRun[] = [
    {
      name: 'defaults, by f1',
      contacts: input.contacts,
      config: input.config,
      options: { ...DEFAULTS, objective: 'f1' },
    },
    {
      name: 'defaults, by accuracy',
      contacts: input.contacts,
      config: input.config,
      options: { ...DEFAULTS, objective: 'accuracy' },
    },
    {
      name: 'earlier settings, by f1',
      contacts: input.contacts,
      config: input.config,
      options: { ...EARLIER, objective: 'f1' },
    },
    {
      name: 'earlier settings, by accuracy',
      contacts: input.contacts,
      config: input.config,
      options: { ...EARLIER, objective: 'accuracy' },
    },
    {
      name: 'SMS Sent and Unreachable kept, by accuracy',
      contacts: smsKept,
      config: input.config,
      options: { ...DEFAULTS, objective: 'accuracy' },
    },
    {
      name: 'no last-activity criteria, by accuracy',
      contacts: input.contacts,
      config: strictConfig,
      options: { ...DEFAULTS, objective: 'accuracy' },
    },
  ];
  for (const run of runs) {
    const start = performance.now();
    const result = calibrateConfig(run.config, run.contacts, NOW, run.options);
    measurements.push(
      {
        name: `calibrated, ${run.name}: time`,
        value: elapsed(start),
        unit: 'ms',
      },
      ...heldOut(run.name, result.figures),
    );
  }
  return measurements;
}

interface CalibrationRun {
  name: string;
  contacts: readonly ReplayContact[];
  config: ClientConfig;
  options: CalibrationOptions;
}

// Without criteria on the last activity, Sales's follow-up cannot reach
// the score through it, whether the value is named or left empty.
function withoutActivityCriteria(config: ClientConfig): ClientConfig {
  return {
    ...config,
    fit: {
      criteria: config.fit.criteria.filter(
        (criterion) => !ACTIVITY_PROPERTIES.has(criterion.when.property),
      ),
    },
  };
}

function withSalesActivitiesKept(mapping: ReplayMapping): ReplayMapping {
  return {
    ...mapping,
    unknownValues: mapping.unknownValues.filter(
      (value) => !SALES_ACTIVITIES.has(value.trim().toLowerCase()),
    ),
  };
}

function heldOut(
  name: string,
  figures: CrossValidatedFigures,
): QualityMeasurement[] {
  const prefix = `calibrated, ${name}, held out (${figures.folds} folds, seed ${figures.seed})`;
  return [
    { name: `${prefix}: ROC AUC`, value: figures.auc },
    { name: `${prefix}: MQL`, value: figures.mql },
    { name: `${prefix}: SQL`, value: figures.sql },
    {
      name: `${prefix}: L2 per fold`,
      value: figures.perFold.map((fold) => fold.l2).join(' '),
    },
    { name: `${prefix}: SQL precision`, value: figures.precision },
    { name: `${prefix}: SQL recall`, value: figures.recall },
    { name: `${prefix}: SQL F1`, value: figures.f1 },
    { name: `${prefix}: SQL accuracy`, value: figures.accuracy },
  ];
}

function elapsed(start: number): number {
  return Math.round(performance.now() - start);
}

function format(measurement: QualityMeasurement): string {
  const { value } = measurement;
  const text =
    typeof value === 'number' && !Number.isInteger(value)
      ? value.toFixed(4)
      : String(value);
  return `${measurement.name.padEnd(76)} ${text}${measurement.unit === undefined ? '' : ` ${measurement.unit}`}`;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const measurements = await runQualityBenchmark();
  if (measurements === undefined) {
    console.log(
      'Skipped: no lead file. Set NURTURE_LEADS_CSV to the X Education Leads.csv.',
    );
  } else {
    const cpu = cpus();
    console.log(
      `Node ${process.version}, ${cpu.length} CPUs (${cpu[0]?.model ?? 'unknown model'}); ${FOLDS}-fold stratified cross-validation, seed ${SEED}`,
    );
    for (const measurement of measurements) console.log(format(measurement));
  }
}
