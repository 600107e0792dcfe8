import { writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import {
  calibrateConfig,
  type CalibrationOptions,
  type CalibrationResult,
} from '#shared/core/calibration/calibrate.ts';
import {
  THRESHOLD_OBJECTIVES,
  type ThresholdObjective,
} from '#shared/core/calibration/thresholds.ts';
import { ConfigError, parseClientConfig } from '#shared/core/config/load.ts';
import { ReplayError } from '#shared/core/replay/errors.ts';
import { loadReplayInput, parseNow } from './replay-input.ts';

/** L2 penalties tried by `--l2 auto`. */
export const AUTO_L2 = [0.3, 1, 3, 10, 30];

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
  '  --l2 X           L2 penalty on standardised features: a number, a comma-separated list, or auto',
  `                   (${AUTO_L2.join(', ')}); of several, each fit takes the one with the lowest`,
  '                   log loss in an inner cross-validation on its own training rows (default auto)',
  '  --inner-folds N  folds of that inner cross-validation (default 3)',
  '  --mql-recall R   share of converters that must be MQLs, from 0 to 1; the objective then sets',
  '                   only the SQL thresholds; "none" lets it set the MQL threshold too (default 0.9)',
  '  --min-support N  try a criterion per value and per numeric tier of the properties the',
  '                   criteria test, when at least N contacts have it; 0 tries none (default 50)',
  '  --tiers N        maximum number of numeric tiers tried per property (default 8)',
  '  --free-signs     let interaction weights take either sign; by default engagement kinds',
  '                   keep 0 points or more and unsubscribes, bounces, disqualifiers 0 or less',
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
        l2: { type: 'string', default: 'auto' },
        'inner-folds': { type: 'string', default: '3' },
        'mql-recall': { type: 'string', default: '0.9' },
        'min-support': { type: 'string', default: '50' },
        tiers: { type: 'string', default: '8' },
        'free-signs': { type: 'boolean', default: false },
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
    const result = calibrateConfig(
      input.config,
      input.contacts,
      now,
      calibrationOptions(values, objective),
    );
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

function calibrationOptions(
  values: Record<string, string | boolean | undefined>,
  objective: ThresholdObjective,
): CalibrationOptions {
  const minSupport = Number(values['min-support']);
  const mqlRecall = String(values['mql-recall']);
  return {
    folds: Number(values.folds),
    seed: Number(values.seed),
    objective,
    l2: parsePenalties(String(values.l2)) ?? AUTO_L2,
    innerFolds: Number(values['inner-folds']),
    pointsPerLogOdds: Number(values.scale),
    ...(mqlRecall === 'none' ? {} : { mqlRecall: Number(mqlRecall) }),
    ...(minSupport === 0
      ? {}
      : { candidates: { minSupport, tiers: Number(values.tiers) } }),
    signConstraints: values['free-signs'] !== true,
    ...(typeof values.version === 'string' ? { version: values.version } : {}),
  };
}

/** Parses `--l2`: `auto`, one number or a comma-separated list; undefined for auto. */
function parsePenalties(text: string): number[] | undefined {
  if (text.trim().toLowerCase() === 'auto') return undefined;
  return text.split(',').map((part) => Number(part.trim()));
}

function checkOptions(
  values: Record<string, string | boolean | undefined>,
  config: string,
  out: string,
): string | undefined {
  if (resolve(config) === resolve(out)) {
    return '--out must differ from --config, so the original stays for comparison.';
  }
  for (const name of ['folds', 'seed', 'inner-folds', 'min-support', 'tiers']) {
    const value = Number(values[name]);
    if (!Number.isInteger(value) || value < 0) {
      return `Invalid --${name} "${String(values[name])}"; use a whole number.`;
    }
  }
  for (const name of ['folds', 'inner-folds', 'tiers']) {
    if (Number(values[name]) < 2) {
      return `Invalid --${name} "${String(values[name])}"; use 2 or more.`;
    }
  }
  const penalties = parsePenalties(String(values.l2));
  if (penalties?.some((value) => !Number.isFinite(value) || value <= 0)) {
    return `Invalid --l2 "${String(values.l2)}"; use auto, a number above 0 or a comma-separated list of them.`;
  }
  const mqlRecall = String(values['mql-recall']);
  if (mqlRecall !== 'none') {
    const share = Number(mqlRecall);
    if (!Number.isFinite(share) || share <= 0 || share > 1) {
      return `Invalid --mql-recall "${mqlRecall}"; use a share above 0 and up to 1, or none.`;
    }
  }
  for (const name of ['scale']) {
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
    objectiveDescription: describeObjective(
      objective,
      result.figures.mqlRecall,
    ),
    thresholds: result.config.thresholds,
    version: result.config.version,
    out,
    points: result.points,
    notes: result.notes,
  };
}

function describeObjective(
  objective: ThresholdObjective,
  mqlRecall: number | null,
): string {
  if (mqlRecall === null) return OBJECTIVE_DESCRIPTIONS[objective];
  return `MQL fit threshold as high as keeps ${mqlRecall} of the converters, then SQL thresholds by ${OBJECTIVE_DESCRIPTIONS[objective]}`;
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
    `  ${figures.mql} held-out MQLs and ${figures.sql} SQLs`,
    `Thresholds: ${describeObjective(objective, figures.mqlRecall)}: MQL fit ${config.thresholds.mqlFit}, SQL engagement ${config.thresholds.sqlEngagement}, SQL total ${config.thresholds.sqlTotal ?? 'none'}.`,
    `Points from an L2-regularised logistic regression (l2 ${figures.l2} of ${figures.l2Candidates.join(', ')}, ${figures.pointsPerLogOdds} points per unit of log-odds, ${figures.candidateCriteria} candidate criteria tried):`,
    ...result.points.map(
      ({ feature, points }) => `  ${feature.padEnd(40)} ${points}`,
    ),
  ];
  if (result.notes.length > 0) {
    lines.push('Notes:', ...result.notes.map((note) => `  - ${note}`));
  }
  return lines.join('\n');
}
