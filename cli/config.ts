import { readFile } from 'node:fs/promises';
import { z } from 'zod';
import { ClientConfigSchema } from '#shared/core/config/client.ts';
import {
  checkClientConfig,
  ConfigError,
  formatProblem,
  type ConfigProblem,
} from '#shared/core/config/load.ts';
import { reportContentMap } from '#shared/core/workflows/content-map.ts';
import { checkWorkflowLock, lockPathFor } from '#shared/core/workflows/lock.ts';
import { readWorkflowLock } from './workflow-lock-file.ts';

/** `nurture config check FILE` and `nurture config schema`. */
export async function configCommand(args: string[]): Promise<number> {
  const [action, file] = args;
  if (action === 'schema') {
    console.log(JSON.stringify(clientConfigJsonSchema(), null, 2));
    return 0;
  }
  if (action !== 'check' || file === undefined) {
    console.error('Usage: nurture config check FILE | nurture config schema');
    return 2;
  }
  let raw: unknown;
  try {
    raw = JSON.parse(await readFile(file, 'utf8'));
  } catch (error) {
    console.error(`Cannot read ${file}: ${(error as Error).message}`);
    return 1;
  }
  const result = checkClientConfig(raw);
  const problems = result.ok
    ? await lockProblems(result.config, file, lockPathFor(file))
    : result.problems;
  if (result.ok && problems.length === 0) {
    console.log(
      `${file}: valid (client ${result.config.client.id}, version ${result.config.version})`,
    );
    printContentMap(result.config);
    return 0;
  }
  console.error(`${file}: ${problems.length} problem(s)`);
  for (const problem of problems)
    console.error(`  - ${formatProblem(problem)}`);
  return 1;
}

async function lockProblems(
  config: Parameters<typeof checkWorkflowLock>[0],
  file: string,
  lockPath: string,
): Promise<ConfigProblem[]> {
  try {
    return checkWorkflowLock(config, await readWorkflowLock(lockPath), {
      config: file,
      lock: lockPath,
    });
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
}

function printContentMap(config: Parameters<typeof reportContentMap>[0]): void {
  const report = reportContentMap(config);
  if (report.items === 0) return;
  console.log(
    `  content map: ${report.gated} of ${report.items} items gated (${Math.round(report.gatedShare * 100)}%)`,
  );
  if (report.warning !== undefined)
    console.warn(`  warning: ${report.warning}`);
}

/** The JSON Schema editors use to check client configuration files as they are typed. */
export function clientConfigJsonSchema(): unknown {
  return z.toJSONSchema(ClientConfigSchema, { io: 'input' });
}
