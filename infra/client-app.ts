import { join } from 'node:path';
import { Validations, type App } from 'aws-cdk-lib';
import { AwsSolutionsChecks, ServerlessChecks } from 'cdk-nag';
import { readClientConfig } from '#shared/config-file.ts';
import { PROJECT_ROOT } from './function-bundle.ts';
import { NurtureStack, stackName } from './nurture-stack.ts';

/** Thrown when the app cannot tell which client to build; the message says what to pass. */
export class ClientAppError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ClientAppError';
  }
}

export interface ClientStackOptions {
  /** Client name: the config file is `<clientsDirectory>/<client>.json`. */
  readonly client: unknown;
  /** @default - `clients/` of the project */
  readonly clientsDirectory?: string;
  /** @default - `functions/` of the project */
  readonly functionsDirectory?: string;
  /** @default - the API's own URL */
  readonly webhookPublicUrl?: string;
  /** @default false */
  readonly sourceMaps?: boolean;
}

/**
 * Reads and validates `clients/<client>.json` and adds the stack `Nurture-<client>` to the
 * app. Throws the config's own error, naming each problem, when the file is invalid.
 */
export async function addClientStack(
  app: App,
  options: ClientStackOptions,
): Promise<NurtureStack> {
  const client = options.client;
  if (typeof client !== 'string' || !/^[a-z0-9][a-z0-9-]*$/.test(client)) {
    throw new ClientAppError(
      `Invalid or missing client name ${JSON.stringify(client)}: pass -c client=NAME, ` +
        'where clients/NAME.json is the client config and NAME uses a-z, 0-9 and -.',
    );
  }
  const file = join(
    options.clientsDirectory ?? join(PROJECT_ROOT, 'clients'),
    `${client}.json`,
  );
  const config = await readClientConfig(file);
  if (config.client.id !== client) {
    throw new ClientAppError(
      `${file} has client.id "${config.client.id}", but the file is named for "${client}": ` +
        'rename the file or change client.id so they match.',
    );
  }
  return new NurtureStack(app, stackName(client), {
    config,
    functionsDirectory: options.functionsDirectory,
    webhookPublicUrl: options.webhookPublicUrl,
    sourceMaps: options.sourceMaps,
  });
}

/** Runs cdk-nag's AwsSolutions and Serverless packs on every synthesis of the app. */
export function addNagChecks(app: App): void {
  Validations.of(app).addPlugins(
    new AwsSolutionsChecks(app),
    new ServerlessChecks(app),
  );
}
