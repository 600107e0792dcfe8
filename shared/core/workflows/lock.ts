import { createHash } from 'node:crypto';
import { z } from 'zod';
import type { ClientConfig } from '../config/client.ts';
import type { Workflow } from '../config/workflows.ts';
import type { ConfigProblem } from '../config/load.ts';
import { compareText } from '../scoring/text.ts';

/**
 * The published workflow versions of one client: a canonical hash of each
 * definition by `id@version`. Entries are only ever added, so a published
 * version can neither change nor come back changed after its removal.
 */
export const WorkflowLockSchema = z.strictObject({
  lockfileVersion: z.literal(1),
  workflows: z.record(
    z.string().regex(/^[a-z0-9][a-z0-9_-]*@\d+$/, 'a key such as awareness@2'),
    z.strictObject({
      sha256: z.string().regex(/^[0-9a-f]{64}$/, '64 lower-case hex digits'),
      /** ISO 8601 time the version was published. */
      lockedAt: z.iso.datetime(),
    }),
  ),
});
export type WorkflowLock = z.infer<typeof WorkflowLockSchema>;

/** Returns the lock file path for a client config path: `clients/demo.json` -> `clients/demo.workflows.lock.json`. */
export function lockPathFor(configPath: string): string {
  const base = configPath.endsWith('.json')
    ? configPath.slice(0, -'.json'.length)
    : configPath;
  return `${base}.workflows.lock.json`;
}

/** Returns `id@version`, the key of a workflow version in the lock file. */
export function lockKeyOf(workflow: Pick<Workflow, 'id' | 'version'>): string {
  return `${workflow.id}@${workflow.version}`;
}

/**
 * Hashes what a workflow version does: the validated definition with its
 * defaults filled in, keys sorted, without `name` and `description`, which
 * change no behaviour. Reordering keys or spelling out a default keeps the hash.
 * NOTE: a new schema field with a default changes every hash, so such a schema
 * change needs the lock file rebuilt in the same commit.
 */
export function hashWorkflow(workflow: Workflow): string {
  const { name: _name, description: _description, ...behaviour } = workflow;
  return createHash('sha256').update(canonicalJson(behaviour)).digest('hex');
}

/**
 * Compares the configuration's workflows with the lock. A version whose hash
 * differs was changed after publication, and a version missing from the lock
 * has not been published yet: both are problems that name the fix.
 */
export function checkWorkflowLock(
  config: Pick<ClientConfig, 'workflows'>,
  lock: WorkflowLock | undefined,
  files: { config: string; lock: string },
): ConfigProblem[] {
  const publish = `run \`npx nurture workflows lock ${files.config}\``;
  const problems: ConfigProblem[] = [];
  config.workflows.items.forEach((workflow, index) => {
    const key = lockKeyOf(workflow);
    const entry = lock?.workflows[key];
    const path = `workflows.items.${index}`;
    if (entry === undefined) {
      problems.push({
        path,
        value: key,
        message: `workflow "${workflow.id}" version ${workflow.version} is not published in ${files.lock}; when it is final, ${publish} to publish it`,
      });
    } else if (entry.sha256 !== hashWorkflow(workflow)) {
      problems.push({
        path,
        value: key,
        message: `workflow "${workflow.id}" version ${workflow.version} differs from the version published on ${entry.lockedAt}, and running enrollments would mix both; restore the published definition, or add the change as version ${nextVersion(config, lock, workflow.id)} and ${publish}`,
      });
    }
  });
  return problems;
}

/** The lock with every unpublished workflow version added, and the keys it added. */
export interface LockUpdate {
  lock: WorkflowLock;
  added: string[];
}

/**
 * Publishes the workflow versions that the lock lacks. Changed published
 * versions are left to {@link checkWorkflowLock}: run it first and publish
 * only when it finds no changed version.
 */
export function addToWorkflowLock(
  config: Pick<ClientConfig, 'workflows'>,
  lock: WorkflowLock | undefined,
  now: number,
): LockUpdate {
  const workflows = { ...(lock?.workflows ?? {}) };
  const added: string[] = [];
  for (const workflow of config.workflows.items) {
    const key = lockKeyOf(workflow);
    if (workflows[key] !== undefined) continue;
    workflows[key] = {
      sha256: hashWorkflow(workflow),
      lockedAt: new Date(now).toISOString(),
    };
    added.push(key);
  }
  const sorted = Object.fromEntries(
    Object.entries(workflows).sort(([a], [b]) => compareText(a, b)),
  );
  return { lock: { lockfileVersion: 1, workflows: sorted }, added };
}

// The next version after every one in the config and the lock, so a removed
// published version is never reused.
function nextVersion(
  config: Pick<ClientConfig, 'workflows'>,
  lock: WorkflowLock | undefined,
  workflowId: string,
): number {
  const versions = config.workflows.items
    .filter((item) => item.id === workflowId)
    .map((item) => item.version);
  for (const key of Object.keys(lock?.workflows ?? {})) {
    const [id, version] = key.split('@');
    if (id === workflowId) versions.push(Number(version));
  }
  return Math.max(...versions) + 1;
}

function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) {
    return `[${value.map(canonicalJson).join(',')}]`;
  }
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value)
      .filter(([, item]) => item !== undefined)
      .sort(([a], [b]) => compareText(a, b))
      .map(([key, item]) => `${JSON.stringify(key)}:${canonicalJson(item)}`);
    return `{${entries.join(',')}}`;
  }
  return JSON.stringify(value);
}
