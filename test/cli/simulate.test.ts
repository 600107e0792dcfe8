import { describe, expect, it } from 'vitest';
import { simulateCommand } from '../../cli/simulate.ts';
import { runCaptured } from './command-output.ts';

const ARGS = [
  '--config',
  'clients/demo.json',
  '--contacts',
  'examples/simulate.contacts.json',
  '--start',
  '2026-12-07T08:00:00Z',
];

describe('nurture simulate', () => {
  it('prints the plan per day and per workflow version', async () => {
    const run = await runCaptured(simulateCommand, [...ARGS, '--days', '40']);

    expect(run.code).toBe(0);
    expect(run.stdout).toContain('Nothing was sent or written');
    expect(run.stdout).toContain('email blog-reporting-pitfalls');
    expect(run.stdout).toContain('Per workflow version:');
    expect(run.stdout).toMatch(/awareness-analyst@2 +enrolled 1/);
  });

  it('prints JSON with --json', async () => {
    const run = await runCaptured(simulateCommand, [...ARGS, '--json']);
    const output = JSON.parse(run.stdout) as {
      contacts: number;
      versions: { workflowId: string; version: number; emailsSent: number }[];
      plan: { type: string }[];
    };

    expect(run.code).toBe(0);
    expect(output.contacts).toBe(4);
    expect(output.versions.some((item) => item.emailsSent > 0)).toBe(true);
    expect(output.plan.some((entry) => entry.type === 'assignOwner')).toBe(
      true,
    );
  });

  it('prints the JSON Schema of the contacts file', async () => {
    const run = await runCaptured(simulateCommand, ['schema']);
    const schema = JSON.parse(run.stdout) as { type: string };

    expect(run.code).toBe(0);
    expect(schema.type).toBe('array');
  });

  it('rejects an invalid day count', async () => {
    const run = await runCaptured(simulateCommand, [...ARGS, '--days', 'ten']);

    expect(run.code).toBe(2);
    expect(run.stderr).toContain('Invalid --days "ten"');
  });

  it('names the problem in an invalid contacts file', async () => {
    const run = await runCaptured(simulateCommand, [
      '--config',
      'clients/demo.json',
      '--contacts',
      'clients/demo.json',
    ]);

    expect(run.code).toBe(1);
    expect(run.stderr).toContain(
      'Invalid client configuration clients/demo.json',
    );
  });
});
