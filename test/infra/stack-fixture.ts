import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { App } from 'aws-cdk-lib';
import { BUNDLING_STACKS } from 'aws-cdk-lib/cx-api';
import { Template } from 'aws-cdk-lib/assertions';
import { readClientConfig } from '#shared/config-file.ts';
import type { ClientConfig } from '#shared/core/config/client.ts';
import { PROJECT_ROOT } from '#infra/function-bundle.ts';
import { NurtureStack, type NurtureStackProps } from '#infra/nurture-stack.ts';

export const PIPELINE_HANDLERS = [
  'webhook-receiver',
  'event-processor',
  'hubspot-sync',
];
export const WORKFLOW_HANDLERS = ['workflow-tick', 'email-events', 'report'];

/**
 * Creates an app that synthesises without running esbuild (the stacks get placeholder code)
 * and without the built-in CloudFormation validation, a slow WebAssembly check of each
 * template. The app test synthesises with both, as `cdk synth` does.
 */
export function appWithoutBundling(outdir?: string): App {
  return new App({
    outdir,
    context: { [BUNDLING_STACKS]: [] },
    builtinCloudFormationValidation: false,
  });
}

/**
 * Creates a folder with empty handler files of the given names, for stacks that skip bundling.
 * It lies inside the project because NodejsFunction rejects entries outside the project root.
 */
export function handlersDirectory(names: readonly string[]): string {
  const parent = join(PROJECT_ROOT, 'node_modules', '.cache');
  mkdirSync(parent, { recursive: true });
  const directory = mkdtempSync(join(parent, 'nurture-handlers-'));
  for (const name of names) writeFileSync(join(directory, `${name}.ts`), '');
  return directory;
}

/** Reads and validates `clients/demo.json`. */
export function readDemoConfig(): Promise<ClientConfig> {
  return readClientConfig(join(PROJECT_ROOT, 'clients', 'demo.json'));
}

/** Synthesises the demo client's stack, by default with every handler, and returns its template. */
export async function synthesizeDemo(
  handlers: readonly string[] = [...PIPELINE_HANDLERS, ...WORKFLOW_HANDLERS],
  props: Partial<NurtureStackProps> = {},
): Promise<{ stack: NurtureStack; template: Template }> {
  const functionsDirectory = handlersDirectory(handlers);
  try {
    const stack = new NurtureStack(appWithoutBundling(), 'Nurture-demo', {
      config: await readDemoConfig(),
      functionsDirectory,
      ...props,
    });
    return { stack, template: Template.fromStack(stack) };
  } finally {
    rmSync(functionsDirectory, { recursive: true });
  }
}

/** Returns the logical id of the resource of `type` at construct path `path` (ids joined, plus hash). */
export function logicalId(
  template: Template,
  type: string,
  path: string,
): string {
  const pattern = new RegExp(`^${path}[0-9A-F]{8}$`);
  const ids = Object.keys(template.findResources(type)).filter((id) =>
    pattern.test(id),
  );
  if (ids.length !== 1) {
    throw new Error(
      `Expected one ${type} with logical id ${path} and a hash, found ${ids.length}`,
    );
  }
  return ids[0]!;
}
