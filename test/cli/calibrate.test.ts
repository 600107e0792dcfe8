import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { calibrateCommand } from '../../cli/calibrate.ts';
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
        'Thresholds chosen by maximum accuracy of SQL against the outcome',
      );
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
