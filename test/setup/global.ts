import type {} from 'vitest';
import type { TestProject } from 'vitest/node';
import {
  startDynalite,
  startSesLocal,
  type LocalService,
} from '#infra/local/services.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    dynamoEndpoint: string;
    sesEndpoint: string;
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

  project.provide('dynamoEndpoint', dynamo.endpoint);
  project.provide('sesEndpoint', ses.endpoint);

  return async () => {
    await Promise.all(services.map((service) => service.close()));
  };
}
