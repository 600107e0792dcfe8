import type {} from 'vitest';
import type { TestProject } from 'vitest/node';
import {
  startDynalite,
  startSesLocal,
  type LocalService,
} from '#infra/local/services.ts';
import { startHubSpotSandbox } from '#infra/local/hubspot-sandbox/index.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    dynamoEndpoint: string;
    sesEndpoint: string;
    /** A shared sandbox portal; tests that need their own state start one per test. */
    hubspotEndpoint: string;
    hubspotAccessToken: string;
    hubspotClientSecret: string;
    hubspotPortalId: number;
    hubspotAppId: number;
  }
}

/** Starts the local parts the integration tests talk to, once per test run. */
export default async function setup(
  project: TestProject,
): Promise<() => Promise<void>> {
  const services: LocalService[] = [];
  const dynamo = await startDynalite();
  services.push(dynamo);
  const ses = await startSesLocal();
  services.push(ses);
  const hubspot = await startHubSpotSandbox({
    portalId: 900001,
    appId: 4242001,
    accessToken: 'test-hubspot-token',
    clientSecret: 'test-hubspot-client-secret',
  });
  services.push(hubspot);

  project.provide('dynamoEndpoint', dynamo.endpoint);
  project.provide('sesEndpoint', ses.endpoint);
  project.provide('hubspotEndpoint', hubspot.endpoint);
  project.provide('hubspotAccessToken', hubspot.accessToken);
  project.provide('hubspotClientSecret', hubspot.clientSecret);
  project.provide('hubspotPortalId', hubspot.portalId);
  project.provide('hubspotAppId', hubspot.appId);

  return async () => {
    await Promise.all(services.map((service) => service.close()));
  };
}
