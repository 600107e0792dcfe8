import { readFile } from 'node:fs/promises';
import { ConfigError } from '#shared/core/config/load.ts';
import {
  WorkflowLockSchema,
  type WorkflowLock,
} from '#shared/core/workflows/lock.ts';

/** Reads a workflow lock file; returns undefined when it does not exist, and throws {@link ConfigError} when it is invalid. */
export async function readWorkflowLock(
  path: string,
): Promise<WorkflowLock | undefined> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
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
  const parsed = WorkflowLockSchema.safeParse(raw);
  if (parsed.success) return parsed.data;
  throw new ConfigError(
    path,
    parsed.error.issues.map((issue) => ({
      path: issue.path.map(String).join('.'),
      value: undefined,
      message: `${issue.message}; restore the file from version control`,
    })),
  );
}
