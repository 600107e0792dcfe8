import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  checkClientConfig,
  ConfigError,
  parseClientConfig,
} from '#shared/core/config/load.ts';

function demoConfig(): Record<string, unknown> {
  return JSON.parse(readFileSync('clients/demo.json', 'utf8'));
}

describe('checkClientConfig', () => {
  it('accepts the demo client', () => {
    const result = checkClientConfig(demoConfig());

    expect(result.ok).toBe(true);
  });

  describe('when a value is invalid', () => {
    it('names the path, the value and what is allowed', () => {
      const raw = demoConfig();
      (raw.thresholds as Record<string, unknown>).mqlFit = 'high';

      const result = checkClientConfig(raw);

      expect(result.ok).toBe(false);
      if (result.ok) return;
      expect(result.problems).toHaveLength(1);
      expect(result.problems[0]?.path).toBe('thresholds.mqlFit');
      expect(result.problems[0]?.value).toBe('high');
      expect(result.problems[0]?.message).toMatch(/number/);
    });

    it('reports an unknown key with a fix', () => {
      const raw = demoConfig();
      raw.tresholds = {};

      const result = checkClientConfig(raw);

      expect(result.ok).toBe(false);
      if (result.ok) return;
      expect(result.problems[0]?.message).toContain('tresholds');
    });

    it('reports a fallback to an unknown persona', () => {
      const raw = demoConfig();
      const personas = raw.personas as { fallbacks: { persona: string }[] };
      personas.fallbacks[0]!.persona = 'cfo';

      const result = checkClientConfig(raw);

      expect(result.ok).toBe(false);
      if (result.ok) return;
      expect(result.problems[0]?.path).toBe('personas.fallbacks.0.persona');
      expect(result.problems[0]?.message).toContain('analyst');
    });
  });

  it('throws ConfigError listing every problem', () => {
    const raw = demoConfig();
    raw.version = '';
    (raw.email as Record<string, unknown>).timeZone = 'Mars/Base';

    expect(() => parseClientConfig(raw, 'clients/demo.json')).toThrow(
      ConfigError,
    );
    expect(() => parseClientConfig(raw, 'clients/demo.json')).toThrow(
      /version[\s\S]*timeZone/,
    );
  });
});
