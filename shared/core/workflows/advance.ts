import type { ClientConfig } from '../config/client.ts';
import type { Workflow } from '../config/workflows.ts';
import { originOf, type ActionBody, type WorkflowAction } from './actions.ts';
import type { WorkflowContact } from './contact.ts';
import type { WorkflowContext } from './context.ts';
import { meetsCriteria } from './criteria.ts';
import { endEnrollment, type Enrollment } from './enrollment.ts';
import { enterArm, pathAfter, stepAt } from './paths.ts';
import { runStep, waitedEventArrived, type StepRun } from './run-step.ts';

/** The enrollment after an engine call, and what the caller must do or report. */
export interface AdvanceResult {
  enrollment: Enrollment;
  actions: WorkflowAction[];
}

/** Thrown on a caller's mistake, such as advancing an enrollment with another version's definition. */
export class WorkflowError extends Error {
  override name = 'WorkflowError';
}

// A workflow has no loops, so one advance runs each step at most once. This
// bound only guards against a bug turning into an endless loop.
const MAX_STEPS_PER_ADVANCE = 10_000;

/**
 * Advances a due enrollment at `now`: runs its steps until one waits, defers
 * or ends the enrollment, and returns the new state with the actions to take.
 * `definition` is the enrollment's own version, or undefined when the
 * configuration no longer has it, which stops the enrollment. The same
 * inputs always give the same state and action keys, so a retried tick can
 * skip keys it already ran.
 */
export function advanceEnrollment(
  definition: Workflow | undefined,
  enrollment: Enrollment,
  contact: WorkflowContact,
  now: number,
  context: WorkflowContext,
): AdvanceResult {
  if (enrollment.status !== 'active') return { enrollment, actions: [] };
  if (definition === undefined) {
    return endWith(enrollment, now, {
      reason: 'versionRemoved',
      detail: `workflow ${enrollment.workflowId} version ${enrollment.version} is not in the configuration`,
    });
  }
  assertPinned(definition, enrollment);
  const goalEnd = checkExitGoals(
    definition,
    enrollment,
    contact,
    now,
    context.config,
  );
  if (goalEnd.enrollment !== enrollment) return goalEnd;
  if (!isDue(definition, enrollment, contact, now)) {
    return { enrollment, actions: [] };
  }
  return runSteps(definition, enrollment, contact, now, context);
}

/** Tells whether the tick should advance the enrollment at `now`. */
export function isDue(
  definition: Workflow,
  enrollment: Enrollment,
  contact: WorkflowContact,
  now: number,
): boolean {
  if (enrollment.status !== 'active') return false;
  if (enrollment.dueAt === undefined || enrollment.dueAt <= now) return true;
  const step = stepAt(definition.steps, enrollment.cursor);
  return waitedEventArrived(step, enrollment, contact, now);
}

/**
 * Ends an active enrollment whose workflow has an exit goal that the contact
 * now meets. Call it whenever the contact's state changes, besides the tick.
 * Returns the enrollment unchanged, and no actions, when no goal is met.
 */
export function checkExitGoals(
  definition: Workflow,
  enrollment: Enrollment,
  contact: WorkflowContact,
  now: number,
  config: Pick<ClientConfig, 'workflows' | 'email'>,
): AdvanceResult {
  if (enrollment.status !== 'active') return { enrollment, actions: [] };
  const scope = { contact, now, config, enrolledAt: enrollment.enrolledAt };
  const goal = definition.exitGoals.find((candidate) =>
    meetsCriteria(candidate.criteria, scope),
  );
  if (goal === undefined) return { enrollment, actions: [] };
  return endWith(enrollment, now, { reason: 'exitGoal', goalId: goal.id });
}

function runSteps(
  definition: Workflow,
  start: Enrollment,
  contact: WorkflowContact,
  now: number,
  context: WorkflowContext,
): AdvanceResult {
  const actions: WorkflowAction[] = [];
  let enrollment = start;
  const run: StepRun = {
    enrollment,
    contact: {
      ...contact,
      properties: { ...contact.properties },
      emailsSentAt: [...(contact.emailsSentAt ?? [])],
    },
    now,
    context,
    emit: (body: ActionBody) => {
      const origin = originOf(
        enrollment,
        enrollment.cursor,
        enrollment.attempt,
        now,
      );
      actions.push({ ...origin, ...body });
    },
  };

  for (let count = 0; count < MAX_STEPS_PER_ADVANCE; count++) {
    const step = stepAt(definition.steps, enrollment.cursor);
    if (step === undefined) {
      return withActions(
        endWith(enrollment, now, { reason: 'completed' }),
        actions,
      );
    }
    run.enrollment = enrollment;
    const outcome = runStep(step, run);
    switch (outcome.kind) {
      case 'wait':
        return {
          enrollment: {
            ...enrollment,
            waitStartedAt: outcome.startedAt,
            waitUntil: outcome.until,
            dueAt: outcome.until,
          },
          actions,
        };
      case 'defer':
        return {
          enrollment: {
            ...enrollment,
            attempt: enrollment.attempt + 1,
            dueAt: outcome.until,
          },
          actions,
        };
      case 'end':
        return withActions(
          endWith(enrollment, now, {
            reason: outcome.reason,
            ...(outcome.detail === undefined ? {} : { detail: outcome.detail }),
          }),
          actions,
        );
      case 'next':
      case 'branch': {
        const next =
          outcome.kind === 'next'
            ? pathAfter(definition.steps, enrollment.cursor)
            : enterArm(definition.steps, enrollment.cursor, outcome.arm);
        if (next === undefined) {
          return withActions(
            endWith(enrollment, now, { reason: 'completed' }),
            actions,
          );
        }
        enrollment = moveTo(enrollment, next);
      }
    }
  }
  throw new WorkflowError(
    `Enrollment ${start.id} ran more than ${MAX_STEPS_PER_ADVANCE} steps in one advance; check workflow ${definition.id} version ${definition.version} for a loop`,
  );
}

function moveTo(enrollment: Enrollment, cursor: string): Enrollment {
  const { waitStartedAt: _started, waitUntil: _until, ...rest } = enrollment;
  return { ...rest, cursor, attempt: 0 };
}

function endWith(
  enrollment: Enrollment,
  now: number,
  end: NonNullable<Enrollment['end']>,
): AdvanceResult {
  const ended = endEnrollment(enrollment, now, end);
  const action: WorkflowAction = {
    ...originOf(enrollment, 'end', 0, now),
    type: 'enrollmentEnded',
    status: ended.status,
    reason: end.reason,
    ...(end.goalId === undefined ? {} : { goalId: end.goalId }),
    ...(end.detail === undefined ? {} : { detail: end.detail }),
  };
  return { enrollment: ended, actions: [action] };
}

function withActions(
  result: AdvanceResult,
  before: WorkflowAction[],
): AdvanceResult {
  return {
    enrollment: result.enrollment,
    actions: [...before, ...result.actions],
  };
}

function assertPinned(definition: Workflow, enrollment: Enrollment): void {
  if (
    definition.id !== enrollment.workflowId ||
    definition.version !== enrollment.version
  ) {
    throw new WorkflowError(
      `Enrollment ${enrollment.id} is pinned to workflow ${enrollment.workflowId} version ${enrollment.version} but was advanced with ${definition.id} version ${definition.version}; look the definition up with findWorkflow`,
    );
  }
}
