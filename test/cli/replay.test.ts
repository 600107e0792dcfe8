import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { replayCommand } from '../../cli/replay.ts';
import { runCaptured } from './command-output.ts';

const CSV = 'test/core/replay/fixtures/made-up-leads.csv';
const MAPPING = 'examples/x-education.mapping.json';
const CONFIG = 'examples/x-education.config.json';
const NOW = '2026-01-01T00:00:00Z';

function tempFile(name: string, text: string): string {
  const path = join(mkdtempSync(join(tmpdir(), 'nurture-replay-')), name);
  writeFileSync(path, text);
  return path;
}

describe('replayCommand', () => {
  describe('when the made-up CSV replays end to end', () => {
    it('prints the figures as one JSON object', async () => {
      const run = await runCaptured(replayCommand, [
        '--csv',
        CSV,
        '--mapping',
        MAPPING,
        '--config',
        CONFIG,
        '--now',
        NOW,
        '--json',
      ]);

      expect(run.code).toBe(0);
      const figures = JSON.parse(run.stdout);
      expect(figures.contacts).toBe(20);
      expect(figures.withOutcome).toBe(20);
      expect(figures.sql).toBeLessThanOrEqual(figures.mql);
      for (const key of ['auc', 'precision', 'recall', 'f1', 'accuracy']) {
        expect(figures[key]).toBeGreaterThanOrEqual(0);
        expect(figures[key]).toBeLessThanOrEqual(1);
      }
    });

    it('merges channel spellings and counts each channel', async () => {
      const run = await runCaptured(replayCommand, [
        '--csv',
        CSV,
        '--mapping',
        MAPPING,
        '--config',
        CONFIG,
        '--now',
        NOW,
        '--json',
      ]);

      const { perChannel } = JSON.parse(run.stdout);
      // The fixture has 5 "Google" rows and 1 "google" row.
      expect(perChannel.Google.contacts).toBe(6);
      expect(perChannel.google).toBeUndefined();
      const total = Object.values(
        perChannel as Record<string, { contacts: number }>,
      ).reduce((sum, channel) => sum + channel.contacts, 0);
      expect(total).toBe(20);
    });

    it('reports sales feedback next to the SQLs', async () => {
      const run = await runCaptured(replayCommand, [
        '--csv',
        CSV,
        '--mapping',
        MAPPING,
        '--config',
        CONFIG,
        '--now',
        NOW,
        '--json',
      ]);

      const { salesFeedback } = JSON.parse(run.stdout);
      expect(Object.keys(salesFeedback).sort()).toEqual([
        'Lead Profile',
        'Lead Quality',
        'Tags',
      ]);
      const counted = (
        salesFeedback['Lead Quality'] as { contacts: number }[]
      ).reduce((sum, value) => sum + value.contacts, 0);
      expect(counted).toBe(20);
    });

    it('gives the same figures on a second run', async () => {
      const args = [
        '--csv',
        CSV,
        '--mapping',
        MAPPING,
        '--config',
        CONFIG,
        '--now',
        NOW,
        '--json',
      ];

      const first = await runCaptured(replayCommand, args);
      const second = await runCaptured(replayCommand, args);

      expect(second.stdout).toBe(first.stdout);
    });

    it('prints a readable summary without --json', async () => {
      const run = await runCaptured(replayCommand, [
        '--csv',
        CSV,
        '--mapping',
        MAPPING,
        '--config',
        CONFIG,
        '--now',
        NOW,
      ]);

      expect(run.code).toBe(0);
      expect(run.stdout).toContain('Replayed 20 contacts');
      expect(run.stdout).toContain('ROC AUC of the total score');
      expect(run.stdout).toContain('(reported, never scored)');
    });
  });

  describe('when an input is wrong', () => {
    it('names a missing CSV file', async () => {
      const run = await runCaptured(replayCommand, [
        '--csv',
        'no-such-leads.csv',
        '--mapping',
        MAPPING,
        '--config',
        CONFIG,
      ]);

      expect(run.code).toBe(1);
      expect(run.stderr).toContain(
        'Cannot read the CSV file no-such-leads.csv: file not found',
      );
    });

    it('names a mapped column the CSV lacks, with close matches', async () => {
      const mapping = JSON.parse(readFileSync(MAPPING, 'utf8'));
      mapping.events[0].column = 'Total Visits';
      const path = tempFile('mapping.json', JSON.stringify(mapping));

      const run = await runCaptured(replayCommand, [
        '--csv',
        CSV,
        '--mapping',
        path,
        '--config',
        CONFIG,
      ]);

      expect(run.code).toBe(1);
      expect(run.stderr).toContain('"Total Visits" (mapping events.0.column)');
      expect(run.stderr).toContain('close matches: "TotalVisits"');
    });

    it('reports a mapping that uses sales feedback as a score input', async () => {
      const mapping = JSON.parse(readFileSync(MAPPING, 'utf8'));
      mapping.properties.Tags = 'tags';
      const path = tempFile('mapping.json', JSON.stringify(mapping));

      const run = await runCaptured(replayCommand, [
        '--csv',
        CSV,
        '--mapping',
        path,
        '--config',
        CONFIG,
      ]);

      expect(run.code).toBe(1);
      expect(run.stderr).toContain(`Invalid replay mapping ${path}`);
      expect(run.stderr).toContain('"Tags" is marked as sales feedback');
    });

    it('reports a mapping that is not JSON', async () => {
      const path = tempFile('mapping.json', '{ "id": ');

      const run = await runCaptured(replayCommand, [
        '--csv',
        CSV,
        '--mapping',
        path,
        '--config',
        CONFIG,
      ]);

      expect(run.code).toBe(1);
      expect(run.stderr).toContain('is not valid JSON');
    });

    it('reports an invalid config with its path', async () => {
      const config = JSON.parse(readFileSync(CONFIG, 'utf8'));
      config.thresholds.mqlFit = 'high';
      const path = tempFile('config.json', JSON.stringify(config));

      const run = await runCaptured(replayCommand, [
        '--csv',
        CSV,
        '--mapping',
        MAPPING,
        '--config',
        path,
      ]);

      expect(run.code).toBe(1);
      expect(run.stderr).toContain('thresholds.mqlFit');
    });

    it('reports a malformed CSV row', async () => {
      const csv = readFileSync(CSV, 'utf8').split('\n');
      csv[3] = `${csv[3]},extra`;
      const path = tempFile('leads.csv', csv.join('\n'));

      const run = await runCaptured(replayCommand, [
        '--csv',
        path,
        '--mapping',
        MAPPING,
        '--config',
        CONFIG,
      ]);

      expect(run.code).toBe(1);
      expect(run.stderr).toContain(`Cannot parse ${path} as CSV`);
    });

    it('shows the usage when a file option is missing', async () => {
      const run = await runCaptured(replayCommand, ['--csv', CSV]);

      expect(run.code).toBe(2);
      expect(run.stderr).toContain('Usage: nurture replay');
    });
  });

  it('prints the mapping JSON Schema', async () => {
    const run = await runCaptured(replayCommand, ['schema']);

    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout)).toHaveProperty('properties.salesFeedback');
  });
});
