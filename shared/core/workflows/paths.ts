import type { Step } from '../config/workflows.ts';

/**
 * A step's place in a workflow: indexes into the step lists, with `then` or
 * `else` between a branch and its steps, for example `2.then.0`. Paths are
 * stable within one workflow version, so they make action keys.
 */
export type StepPath = string;

export const FIRST_STEP: StepPath = '0';

/** Returns the step at `path`, or undefined when the path leads nowhere. */
export function stepAt(
  steps: readonly Step[],
  path: StepPath,
): Step | undefined {
  const parts = path.split('.');
  let list: readonly Step[] = steps;
  let step: Step | undefined;
  for (let index = 0; index < parts.length; index += 2) {
    step = list[Number(parts[index])];
    const arm = parts[index + 1];
    if (arm === undefined) return step;
    if (step?.type !== 'branch' || (arm !== 'then' && arm !== 'else')) {
      return undefined;
    }
    list = step[arm];
  }
  return undefined;
}

/** Returns the path of the first step of a branch arm, or the step after the branch when the arm is empty. */
export function enterArm(
  steps: readonly Step[],
  branchPath: StepPath,
  arm: 'then' | 'else',
): StepPath | undefined {
  const armPath = `${branchPath}.${arm}.0`;
  return stepAt(steps, armPath) === undefined
    ? pathAfter(steps, branchPath)
    : armPath;
}

/** Returns the path of the step that runs after the one at `path`, or undefined at the end of the workflow. */
export function pathAfter(
  steps: readonly Step[],
  path: StepPath,
): StepPath | undefined {
  let parts = path.split('.');
  while (parts.length > 0) {
    const last = Number(parts[parts.length - 1]);
    const sibling = [...parts.slice(0, -1), String(last + 1)].join('.');
    if (stepAt(steps, sibling) !== undefined) return sibling;
    // Past the end of an arm: continue after the branch that contains it.
    parts = parts.slice(0, -2);
  }
  return undefined;
}

/** Calls `visit` for every step with its path and the branches it sits in, outermost first. */
export function walkSteps(
  steps: readonly Step[],
  visit: (step: Step, path: StepPath, arms: readonly BranchArm[]) => void,
  prefix = '',
  arms: readonly BranchArm[] = [],
): void {
  steps.forEach((step, index) => {
    const path = `${prefix}${index}`;
    visit(step, path, arms);
    if (step.type === 'branch') {
      walkSteps(step.then, visit, `${path}.then.`, [
        ...arms,
        { step, arm: 'then' },
      ]);
      walkSteps(step.else, visit, `${path}.else.`, [
        ...arms,
        { step, arm: 'else' },
      ]);
    }
  });
}

/** A branch and the arm a step sits in. */
export interface BranchArm {
  step: Extract<Step, { type: 'branch' }>;
  arm: 'then' | 'else';
}
