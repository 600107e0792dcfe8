import { writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import {
  calibrateConfig,
  type CalibrationResult,
} from '#shared/core/calibration/calibrate.ts';
import {
  THRESHOLD_OBJECTIVES,
  type ThresholdObjective,
} from '#shared/core/calibration/thresholds.ts';
import { ConfigError, parseClientConfig } from '#shared/core/config/load.ts';
import { ReplayError } from '#shared/core/replay/errors.ts';
import { loadReplayInput, parseNow } from './replay-input.ts';

const USAGE = [
  'Usage: nurture calibrate --csv FILE --mapping FILE --config FILE --out FILE [options]',
  '',
  '  --csv FILE       CSV export with an outcome column',
  '  --mapping FILE   replay mapping (JSON) that names the outcome column',
  '  --config FILE    client configuration whose criteria and weights are fitted',
  '  --out FILE       where to write the calibrated configuration (must differ from --config)',
  '  --folds N        cross-validation folds (default 5)',
  '  --seed N         seed of the fold split (default 42)',
  `  --objective O    what the thresholds maximise for SQL against the outcome: ${THRESHOLD_OBJECTIVES.join(' or ')} (default f1)`,
  '  --l2 X           L2 penalty of the logistic regression on standardised features (default 1)',
  '  --scale X        points per unit of log-odds (default 10)',
  '  --version V      version of the written config (default: the input version plus -calN)',
  '  --now TIME       ISO 8601 time the events end at (default: now)',
  '  --json           print the cross-validated figures as one JSON object',
].join('\n');

const OBJECTIVE_DESCRIPTIONS: Record<ThresholdObjective, string> = {
  f1: 'maximum F1 of SQL against the outcome on the fitted rows',
  accuracy: 'maximum accuracy of SQL against the outcome on the fitted rows',
};

/** `nurture calibrate`: fits a config's points and thresholds to an outcome column. */
export async function calibrateCommand(args: string[]): Promise<number> {
  let values;
  try {
    values = parseArgs({
      args,
      options: {
        csv: { type: 'string' },
        mapping: { type: 'string' },
        config: { type: 'string' },
        out: { type: 'string' },
        folds: { type: 'string', default: '5' },
        seed: { type: 'string', default: '42' },
        objective: { type: 'string', default: 'f1' },
        l2: { type: 'string', default: '1' },
        scale: { type: 'string', default: '10' },
        version: { type: 'string' },
        now: { type: 'string' },
        json: { type: 'boolean', default: false },
        help: { type: 'boolean', default: false },
      },
    }).values;
  } catch (error) {
    console.error(`${(error as Error).message}\n${USAGE}`);
    return 2;
  }
  if (values.help) {
    console.log(USAGE);
    return 0;
  }
  const { csv, mapping, config, out } = values;
  if (
    csv === undefined ||
    mapping === undefined ||
    config === undefined ||
    out === undefined
  ) {
    console.error(`Missing --csv, --mapping, --config or --out.\n${USAGE}`);
    return 2;
  }
  const problem = checkOptions(values, config, out);
  if (problem !== undefined) {
    console.error(`${problem}\n${USAGE}`);
    return 2;
  }
  const objective = values.objective as ThresholdObjective;

  try {
    const now = parseNow(values.now);
    const input = await loadReplayInput({ csv, mapping, config }, now);
    if (input.mapping.outcome === undefined) {
      throw new ReplayError(
        `The mapping ${mapping} names no outcome column; calibration needs one. Add "outcome": { "column": ..., "positiveValues": [...] }.`,
      );
    }
    const result = calibrateConfig(input.config, input.contacts, now, {
      folds: Number(values.folds),
      seed: Number(values.seed),
      objective,
      l2: Number(values.l2),
      pointsPerLogOdds: Number(values.scale),
      ...(values.version === undefined ? {} : { version: values.version }),
    });
    // The written file must load like any hand-written config.
    parseClientConfig(result.config, out);
    await writeFile(out, `${JSON.stringify(result.config, null, 2)}\n`);

    if (values.json) {
      console.log(JSON.stringify(jsonReport(result, objective, out), null, 2));
    } else {
      console.log(textReport(result, objective, out));
    }
    return 0;
  } catch (error) {
    if (error instanceof ReplayError || error instanceof ConfigError) {
      console.error(error.message);
      return 1;
    }
    if (error instanceof RangeError) {
      console.error(`Cannot calibrate: ${error.message}.`);
      return 1;
    }
    throw error;
  }
}

function checkOptions(
  values: Record<string, string | boolean | undefined>,
  config: string,
  out: string,
): string | undefined {
  if (resolve(config) === resolve(out)) {
    return '--out must differ from --config, so the original stays for comparison.';
  }
  for (const name of ['folds', 'seed']) {
    const value = Number(values[name]);
    if (!Number.isInteger(value) || value < 0) {
      return `Invalid --${name} "${String(values[name])}"; use a whole number.`;
    }
  }
  if (Number(values.folds) < 2) {
    return `Invalid --folds "${String(values.folds)}"; use 2 or more.`;
  }
  for (const name of ['l2', 'scale']) {
    const value = Number(values[name]);
    if (!Number.isFinite(value) || value <= 0) {
      return `Invalid --${name} "${String(values[name])}"; use a number above 0.`;
    }
  }
  if (
    !(THRESHOLD_OBJECTIVES as readonly string[]).includes(
      String(values.objective),
    )
  ) {
    return `Invalid --objective "${String(values.objective)}"; use ${THRESHOLD_OBJECTIVES.join(' or ')}.`;
  }
  return undefined;
}

function jsonReport(
  result: CalibrationResult,
  objective: ThresholdObjective,
  out: string,
): unknown {
  return {
    ...result.figures,
    objectiveDescription: OBJECTIVE_DESCRIPTIONS[objective],
    thresholds: result.config.thresholds,
    version: result.config.version,
    out,
    points: result.points,
    notes: result.notes,
  };
}

function textReport(
  result: CalibrationResult,
  objective: ThresholdObjective,
  out: string,
): string {
  const { figures, config } = result;
  const ratio = (value: number | null) =>
    value === null ? 'n/a' : value.toFixed(3);
  const lines = [
    `Wrote ${out} (version ${config.version}).`,
    `Held-out figures from ${figures.folds}-fold stratified cross-validation (seed ${figures.seed}, ${figures.contacts} contacts, ${figures.positives} positive):`,
    `  ROC AUC ${ratio(figures.auc)} (mean over folds)`,
    `  SQL against the outcome: precision ${ratio(figures.precision)}, recall ${ratio(figures.recall)}, F1 ${ratio(figures.f1)}, accuracy ${ratio(figures.accuracy)}`,
    `Thresholds chosen by ${OBJECTIVE_DESCRIPTIONS[objective]}: MQL fit ${config.thresholds.mqlFit}, SQL engagement ${config.thresholds.sqlEngagement}, SQL total ${config.thresholds.sqlTotal ?? 'none'}.`,
    `Points from an L2-regularised logistic regression (l2 ${figures.l2}, ${figures.pointsPerLogOdds} points per unit of log-odds):`,
    ...result.points.map(
      ({ feature, points }) => `  ${feature.padEnd(40)} ${points}`,
    ),
  ];
  if (result.notes.length > 0) {
    lines.push('Notes:', ...result.notes.map((note) => `  - ${note}`));
  }
  return lines.join('\n');
}
