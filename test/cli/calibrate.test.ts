import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { AUTO_L2, calibrateCommand } from '../../cli/calibrate.ts';
import { checkClientConfig } from '#shared/core/config/load.ts';
import { runCaptured } from './command-output.ts';

const CSV = 'test/core/replay/fixtures/made-up-leads.csv';
const MAPPING = 'examples/x-education.mapping.json';
const CONFIG = 'examples/x-education.config.json';
const NOW = '2026-01-01T00:00:00Z';

function outPath(): string {
  return join(mkdtempSync(join(tmpdir(), 'nurture-calibrate-')), 'out.json');
}

function baseArgs(out: string): string[] {
  return [
    '--csv',
    CSV,
    '--mapping',
    MAPPING,
    '--config',
    CONFIG,
    '--out',
    out,
    '--now',
    NOW,
  ];
}

describe('calibrateCommand', () => {
  describe('when the made-up CSV has an outcome', () => {
    it('writes a valid config with the next version', async () => {
      const out = outPath();

      const run = await runCaptured(calibrateCommand, [
        ...baseArgs(out),
        '--folds',
        '4',
      ]);

      expect(run.code).toBe(0);
      const written = JSON.parse(readFileSync(out, 'utf8'));
      expect(checkClientConfig(written).ok).toBe(true);
      expect(written.version).toBe('1.0-cal1');
    });

    it('prints held-out figures with folds and seed as JSON', async () => {
      const run = await runCaptured(calibrateCommand, [
        ...baseArgs(outPath()),
        '--folds',
        '4',
        '--seed',
        '7',
        '--json',
      ]);

      expect(run.code).toBe(0);
      const report = JSON.parse(run.stdout);
      expect(report.folds).toBe(4);
      expect(report.seed).toBe(7);
      expect(report.objective).toBe('f1');
      expect(report.contacts).toBe(20);
      for (const key of ['auc', 'accuracy', 'precision', 'recall']) {
        expect(report).toHaveProperty(key);
      }
      expect(report.perFold).toHaveLength(4);
    });

    it('states which objective chose the thresholds', async () => {
      const run = await runCaptured(calibrateCommand, [
        ...baseArgs(outPath()),
        '--folds',
        '4',
        '--objective',
        'accuracy',
      ]);

      expect(run.code).toBe(0);
      expect(run.stdout).toContain(
        'MQL fit threshold as high as keeps 0.9 of the converters, then SQL thresholds by maximum accuracy of SQL against the outcome',
      );
    });

    it('lets the objective set every threshold with --mql-recall none', async () => {
      const run = await runCaptured(calibrateCommand, [
        ...baseArgs(outPath()),
        '--folds',
        '4',
        '--mql-recall',
        'none',
        '--json',
      ]);

      expect(run.code).toBe(0);
      const report = JSON.parse(run.stdout);
      expect(report.mqlRecall).toBeNull();
      expect(report.objectiveDescription).toBe(
        'maximum F1 of SQL against the outcome on the fitted rows',
      );
    });

    it('tries the automatic penalties and candidate criteria by default', async () => {
      const run = await runCaptured(calibrateCommand, [
        ...baseArgs(outPath()),
        '--folds',
        '4',
        '--min-support',
        '3',
        '--json',
      ]);

      expect(run.code).toBe(0);
      const report = JSON.parse(run.stdout);
      expect(report.l2Candidates).toEqual(AUTO_L2);
      expect(AUTO_L2).toContain(report.l2);
      expect(report.candidateCriteria).toBeGreaterThan(0);
    });

    it('tries no candidate criteria with --min-support 0', async () => {
      const run = await runCaptured(calibrateCommand, [
        ...baseArgs(outPath()),
        '--folds',
        '4',
        '--min-support',
        '0',
        '--l2',
        '2',
        '--json',
      ]);

      expect(run.code).toBe(0);
      const report = JSON.parse(run.stdout);
      expect(report.candidateCriteria).toBe(0);
      expect(report.l2).toBe(2);
    });
  });

  describe('when an option is wrong', () => {
    it('refuses to overwrite the input config', async () => {
      const run = await runCaptured(calibrateCommand, [
        '--csv',
        CSV,
        '--mapping',
        MAPPING,
        '--config',
        CONFIG,
        '--out',
        CONFIG,
      ]);

      expect(run.code).toBe(2);
      expect(run.stderr).toContain('--out must differ from --config');
    });

    it('rejects an unknown objective', async () => {
      const run = await runCaptured(calibrateCommand, [
        ...baseArgs(outPath()),
        '--objective',
        'recall',
      ]);

      expect(run.code).toBe(2);
      expect(run.stderr).toContain(
        'Invalid --objective "recall"; use f1 or accuracy',
      );
    });

    it('rejects a penalty that is not a positive number', async () => {
      const run = await runCaptured(calibrateCommand, [
        ...baseArgs(outPath()),
        '--l2',
        '1,zero',
      ]);

      expect(run.code).toBe(2);
      expect(run.stderr).toContain('Invalid --l2 "1,zero"');
    });

    it('rejects an MQL recall above 1', async () => {
      const run = await runCaptured(calibrateCommand, [
        ...baseArgs(outPath()),
        '--mql-recall',
        '1.5',
      ]);

      expect(run.code).toBe(2);
      expect(run.stderr).toContain('Invalid --mql-recall "1.5"');
    });

    it('rejects fewer than 2 folds', async () => {
      const run = await runCaptured(calibrateCommand, [
        ...baseArgs(outPath()),
        '--folds',
        '1',
      ]);

      expect(run.code).toBe(2);
      expect(run.stderr).toContain('Invalid --folds "1"');
    });

    it('rejects more folds than contacts', async () => {
      const run = await runCaptured(calibrateCommand, [
        ...baseArgs(outPath()),
        '--folds',
        '30',
      ]);

      expect(run.code).toBe(1);
      expect(run.stderr).toContain(
        'folds (30) cannot exceed the number of rows (20)',
      );
    });
  });
});
