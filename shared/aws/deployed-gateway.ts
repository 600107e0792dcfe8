import type { ClientConfig } from '#shared/core/config/client.ts';
import type { HubSpotGateway } from '#shared/hubspot/gateway.ts';
import { createHubSpotGateway } from '#shared/hubspot/hubspot-gateway.ts';
import { requiredEnv } from '#shared/runtime-config.ts';
import { readSecretString } from './secrets.ts';

let gateway: Promise<HubSpotGateway> | undefined;

/** The HubSpot gateway of a deployed function, built once per Lambda environment from the token secret. */
export function deployedGateway(config: ClientConfig): Promise<HubSpotGateway> {
  gateway ??= readSecretString(
    requiredEnv('HUBSPOT_TOKEN_ARN'),
    'the HubSpot access token',
  ).then((accessToken) =>
    createHubSpotGateway({
      accessToken,
      requestsPer10Seconds: config.hubspot.requestsPer10Seconds,
    }),
  );
  return gateway;
}
