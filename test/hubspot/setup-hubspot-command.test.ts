import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { setupHubSpotCommand } from '../../cli/setup-hubspot.ts';
import type { HubSpotSandbox } from '#infra/local/hubspot-sandbox/index.ts';
import { startTestPortal } from './fixture.ts';

describe('setupHubSpotCommand', () => {
  let sandbox: HubSpotSandbox;
  let output: string[];
  let errors: string[];

  beforeEach(async () => {
    sandbox = await startTestPortal({ withNurtureProperties: false });
    output = [];
    errors = [];
    vi.spyOn(console, 'log').mockImplementation((line: string) =>
      output.push(line),
    );
    vi.spyOn(console, 'error').mockImplementation((line: string) =>
      errors.push(line),
    );
  });

  afterEach(async () => {
    vi.restoreAllMocks();
    await sandbox.close();
  });

  describe('when the token is set', () => {
    it('creates the properties and prints them', async () => {
      const env = {
        HUBSPOT_ACCESS_TOKEN: sandbox.accessToken,
        HUBSPOT_BASE_PATH: sandbox.endpoint,
      };

      const code = await setupHubSpotCommand([], env);

      expect(code).toBe(0);
      expect(output).toContain('  created  nurture_score');
      expect(output.at(-1)).toBe('9 created, 0 already existed');
    });

    it('prints the report as JSON with --json', async () => {
      const env = {
        HUBSPOT_ACCESS_TOKEN: sandbox.accessToken,
        HUBSPOT_BASE_PATH: sandbox.endpoint,
      };

      await setupHubSpotCommand([], env);
      const code = await setupHubSpotCommand(['--json'], env);

      expect(code).toBe(0);
      expect(JSON.parse(output.at(-1)!)).toMatchObject({
        group: { status: 'existing' },
        created: [],
      });
    });
  });

  describe('when HUBSPOT_ACCESS_TOKEN is missing', () => {
    it('names the variable and exits 1', async () => {
      const code = await setupHubSpotCommand([], {});

      expect(code).toBe(1);
      expect(errors[0]).toContain('HUBSPOT_ACCESS_TOKEN');
    });
  });

  describe('when the token is rejected', () => {
    it('says so and exits 1', async () => {
      const env = {
        HUBSPOT_ACCESS_TOKEN: 'wrong',
        HUBSPOT_BASE_PATH: sandbox.endpoint,
      };

      const code = await setupHubSpotCommand([], env);

      expect(code).toBe(1);
      expect(errors[0]).toContain('401');
    });
  });
});
