import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { configCommand } from '../../cli/config.ts';
import { workflowsCommand } from '../../cli/workflows.ts';
import { runCaptured } from './command-output.ts';

interface RawDemo {
  workflows: { items: { id: string; version: number; steps: unknown[] }[] };
}

function copyDemo(): { folder: string; configPath: string; raw: RawDemo } {
  const folder = mkdtempSync(join(tmpdir(), 'nurture-lock-'));
  const configPath = join(folder, 'acme.json');
  const raw = JSON.parse(readFileSync('clients/demo.json', 'utf8')) as RawDemo;
  writeFileSync(configPath, JSON.stringify(raw));
  return { folder, configPath, raw };
}

describe('nurture workflows lock', () => {
  it('publishes every version, after which config check passes', async () => {
    const { folder, configPath } = copyDemo();

    const before = await runCaptured(configCommand, ['check', configPath]);
    const lock = await runCaptured(workflowsCommand, ['lock', configPath]);
    const after = await runCaptured(configCommand, ['check', configPath]);

    expect(before.code).toBe(1);
    expect(before.stderr).toContain('is not published');
    expect(lock.code).toBe(0);
    expect(lock.stdout).toContain('awareness-analyst@2');
    expect(
      readFileSync(join(folder, 'acme.workflows.lock.json'), 'utf8'),
    ).toContain('"decision@1"');
    expect(after.code).toBe(0);
    expect(after.stdout).toContain('3 of 6 items gated (50%)');
  });

  describe('when a published version changed', () => {
    it('fails config check and locks nothing', async () => {
      const { configPath, raw } = copyDemo();
      await runCaptured(workflowsCommand, ['lock', configPath]);
      const lockPath = configPath.replace(/\.json$/, '.workflows.lock.json');
      const published = readFileSync(lockPath, 'utf8');
      raw.workflows.items[5]!.steps.push({ type: 'stop' });
      writeFileSync(configPath, JSON.stringify(raw));

      const check = await runCaptured(configCommand, ['check', configPath]);
      const lock = await runCaptured(workflowsCommand, ['lock', configPath]);

      expect(check.code).toBe(1);
      expect(check.stderr).toContain('workflow "decision" version 1 differs');
      expect(check.stderr).toContain('add the change as version 2');
      expect(lock.code).toBe(1);
      expect(readFileSync(lockPath, 'utf8')).toBe(published);
    });
  });

  it('accepts the demo client with its lock file', async () => {
    const run = await runCaptured(configCommand, [
      'check',
      'clients/demo.json',
    ]);

    expect(run.code).toBe(0);
  });
});
