/**
 * Quality and speed benchmark on the X Education leads: replays the file
 * with the hand-written example config, calibrates a config by 5-fold
 * cross-validation, and times rescoring every contact in the core. Skips
 * when the data file is absent, because its licence keeps it out of the
 * repository. Run: `npx tsx test/bench/quality.ts`.
 */
import { existsSync } from 'node:fs';
import { cpus } from 'node:os';
import { pathToFileURL } from 'node:url';
import { loadReplayInput } from '../../cli/replay-input.ts';
import {
  calibrateConfig,
  type CrossValidatedFigures,
} from '#shared/core/calibration/calibrate.ts';
import type { ThresholdObjective } from '#shared/core/calibration/thresholds.ts';
import { replayFigures } from '#shared/core/replay/figures.ts';
import { scoreContact } from '#shared/core/scoring/index.ts';

const DEFAULT_CSV = '/work/shared/data/x-education/Leads.csv';
const MAPPING = 'examples/x-education.mapping.json';
const CONFIG = 'examples/x-education.config.json';
// A fixed end of the replay period keeps the figures the same on every run.
const NOW = Date.UTC(2026, 0, 1);
const RESCORE_RUNS = 5;

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

  for (const objective of ['f1', 'accuracy'] as ThresholdObjective[]) {
    const start = performance.now();
    const result = calibrateConfig(input.config, input.contacts, NOW, {
      folds: 5,
      seed: 42,
      objective,
      l2: 1,
      pointsPerLogOdds: 10,
    });
    measurements.push(
      {
        name: `calibrate, thresholds by ${objective}: time`,
        value: elapsed(start),
        unit: 'ms',
      },
      ...heldOut(objective, result.figures),
    );
  }
  return measurements;
}

function heldOut(
  objective: ThresholdObjective,
  figures: CrossValidatedFigures,
): QualityMeasurement[] {
  const prefix = `calibrated (${figures.folds} folds, seed ${figures.seed}, by ${objective}), held out`;
  return [
    { name: `${prefix}: ROC AUC`, value: figures.auc },
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
  return `${measurement.name.padEnd(72)} ${text}${measurement.unit === undefined ? '' : ` ${measurement.unit}`}`;
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
      `Node ${process.version}, ${cpu.length} CPUs (${cpu[0]?.model ?? 'unknown model'})`,
    );
    for (const measurement of measurements) console.log(format(measurement));
  }
}
