import { Client } from '@hubspot/api-client';

export const HUBSPOT_BASE_PATH = 'https://api.hubapi.com';

const clients = new Map<string, Client>();

/**
 * Returns the process's SDK client for a token and base path, creating it once. The SDK keeps
 * its retry and limiter decorators in a process-wide singleton that the last constructed
 * Client sets, so every Client here is built with the same options: no SDK retries and no SDK
 * limiter (the gateway does both itself).
 */
export function hubSpotClientFor(
  accessToken: string,
  basePath = HUBSPOT_BASE_PATH,
): Client {
  const normalized = basePath.replace(/\/+$/, '');
  const key = `${normalized}\n${accessToken}`;
  let client = clients.get(key);
  if (client === undefined) {
    client = new Client({ accessToken, basePath: normalized });
    clients.set(key, client);
  }
  return client;
}
