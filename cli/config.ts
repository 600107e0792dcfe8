import { readFile } from 'node:fs/promises';
import { z } from 'zod';
import { ClientConfigSchema } from '#shared/core/config/client.ts';
import { checkClientConfig, formatProblem } from '#shared/core/config/load.ts';

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
  if (result.ok) {
    console.log(
      `${file}: valid (client ${result.config.client.id}, version ${result.config.version})`,
    );
    return 0;
  }
  console.error(`${file}: ${result.problems.length} problem(s)`);
  for (const problem of result.problems)
    console.error(`  - ${formatProblem(problem)}`);
  return 1;
}

/** The JSON Schema editors use to check client configuration files as they are typed. */
export function clientConfigJsonSchema(): unknown {
  return z.toJSONSchema(ClientConfigSchema, { io: 'input' });
}
