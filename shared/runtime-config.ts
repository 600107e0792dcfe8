import { readFileSync } from 'node:fs';
import type { ClientConfig } from '#shared/core/config/client.ts';
import { parseClientConfig } from '#shared/core/config/load.ts';

// The CDK stack bundles the client configuration into each function with esbuild's `define`,
// so a deployed function needs no file and no environment variable for it.
declare const __NURTURE_CLIENT_CONFIG__: string | undefined;

let cached: ClientConfig | undefined;

/**
 * Returns the client configuration a function runs with: the one bundled at build time, or
 * locally the file named by `NURTURE_CONFIG_FILE`. Validated once per process.
 */
export function runtimeClientConfig(): ClientConfig {
  if (cached !== undefined) return cached;
  if (typeof __NURTURE_CLIENT_CONFIG__ === 'string') {
    cached = parseClientConfig(
      JSON.parse(__NURTURE_CLIENT_CONFIG__),
      'bundled client config',
    );
    return cached;
  }
  const file = process.env.NURTURE_CONFIG_FILE;
  if (file === undefined || file === '') {
    throw new Error(
      'No client configuration: set NURTURE_CONFIG_FILE to a client config file, ' +
        'or deploy with the CDK stack, which bundles it.',
    );
  }
  cached = parseClientConfig(JSON.parse(readFileSync(file, 'utf8')), file);
  return cached;
}

/** Reads a required environment variable; the error names it. */
export function requiredEnv(name: string): string {
  const value = process.env[name];
  if (value === undefined || value === '') {
    throw new Error(
      `Missing environment variable ${name}; the stack sets it for deployed functions.`,
    );
  }
  return value;
}
