import { writeFile } from 'node:fs/promises';
import { ConfigError, formatProblem } from '#shared/core/config/load.ts';
import {
  addToWorkflowLock,
  checkWorkflowLock,
  lockPathFor,
} from '#shared/core/workflows/lock.ts';
import { readClientConfig } from '#shared/config-file.ts';
import { readWorkflowLock } from './workflow-lock-file.ts';

const USAGE = [
  'Usage: nurture workflows lock CONFIG [--lock FILE]',
  '',
  '  Publishes the workflow versions of CONFIG that the lock file lacks, by',
  '  recording a hash of each definition. A published version can no longer',
  '  change: `config check` rejects it. The lock file defaults to',
  '  CONFIG with .json replaced by .workflows.lock.json.',
].join('\n');

/** `nurture workflows lock CONFIG`: publishes new workflow versions in the lock file. */
export async function workflowsCommand(args: string[]): Promise<number> {
  const [action, configPath, flag, flagValue] = args;
  if (action !== 'lock' || configPath === undefined) {
    console.error(USAGE);
    return 2;
  }
  if (flag !== undefined && (flag !== '--lock' || flagValue === undefined)) {
    console.error(USAGE);
    return 2;
  }
  const lockPath = flagValue ?? lockPathFor(configPath);

  try {
    const config = await readClientConfig(configPath);
    const lock = await readWorkflowLock(lockPath);
    const changed = checkWorkflowLock(config, lock, {
      config: configPath,
      lock: lockPath,
    }).filter(
      (problem) => lock?.workflows[String(problem.value)] !== undefined,
    );
    if (changed.length > 0) {
      console.error(
        `${configPath}: ${changed.length} published workflow version(s) changed; nothing was locked`,
      );
      for (const problem of changed)
        console.error(`  - ${formatProblem(problem)}`);
      return 1;
    }
    const update = addToWorkflowLock(config, lock, Date.now());
    if (update.added.length === 0) {
      console.log(`${lockPath}: every workflow version is already published`);
      return 0;
    }
    await writeFile(lockPath, `${JSON.stringify(update.lock, null, 2)}\n`);
    console.log(`${lockPath}: published ${update.added.join(', ')}`);
    return 0;
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(error.message);
      return 1;
    }
    throw error;
  }
}
