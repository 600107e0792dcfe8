import { readFile } from 'node:fs/promises';
import type { ClientConfig } from '#shared/core/config/client.ts';
import { ConfigError, parseClientConfig } from '#shared/core/config/load.ts';

/** Reads and validates a client configuration file; throws {@link ConfigError} naming each problem. */
export async function readClientConfig(path: string): Promise<ClientConfig> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    throw new ConfigError(path, [
      {
        path: '',
        value: undefined,
        message: `cannot read the file: ${(error as Error).message}`,
      },
    ]);
  }
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (error) {
    throw new ConfigError(path, [
      {
        path: '',
        value: undefined,
        message: `not valid JSON: ${(error as Error).message}`,
      },
    ]);
  }
  return parseClientConfig(raw, path);
}
