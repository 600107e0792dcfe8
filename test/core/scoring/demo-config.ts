import { readFileSync } from 'node:fs';
import type { ClientConfig } from '#shared/core/config/client.ts';
import { parseClientConfig } from '#shared/core/config/load.ts';

/** Parses the demo client's config afresh, so a test may change its copy. */
export function demoConfig(): ClientConfig {
  return parseClientConfig(
    JSON.parse(readFileSync('clients/demo.json', 'utf8')),
    'clients/demo.json',
  );
}

/** A fixed instant for tests: 2026-12-01T00:00:00Z in ms. */
export const NOW = Date.UTC(2026, 11, 1);
export const DAY_MS = 86_400_000;
