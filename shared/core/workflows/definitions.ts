import type { ClientConfig } from '../config/client.ts';
import type { Workflow } from '../config/workflows.ts';

/** Returns the workflow with this id and version, or undefined when the configuration no longer has it. */
export function findWorkflow(
  config: Pick<ClientConfig, 'workflows'>,
  workflowId: string,
  version: number,
): Workflow | undefined {
  return config.workflows.items.find(
    (workflow) => workflow.id === workflowId && workflow.version === version,
  );
}

/** Returns the highest version of a workflow, the one new enrollments take. */
export function newestWorkflow(
  config: Pick<ClientConfig, 'workflows'>,
  workflowId: string,
): Workflow | undefined {
  let newest: Workflow | undefined;
  for (const workflow of config.workflows.items) {
    if (workflow.id !== workflowId) continue;
    if (newest === undefined || workflow.version > newest.version) {
      newest = workflow;
    }
  }
  return newest;
}

/** Returns the newest version of every workflow, in the order the ids first appear. */
export function newestWorkflows(
  config: Pick<ClientConfig, 'workflows'>,
): Workflow[] {
  const ids = [...new Set(config.workflows.items.map((item) => item.id))];
  return ids.map((id) => newestWorkflow(config, id)!);
}
