import type { ClientConfig } from '#shared/core/config/client.ts';

export interface ServeOptions {
  config: ClientConfig;
  dataDir?: string;
}

/** Keeps the receiver running for a real portal. */
export async function serve(_options: ServeOptions): Promise<void> {
  throw new Error('npm start -- --serve is not available yet');
}
