import type { ClientConfig } from '../config/client.ts';
import type { Workflow } from '../config/workflows.ts';
import type { WorkflowContact } from './contact.ts';
import { matchesFilter, meetsCriteria } from './criteria.ts';
import { newestWorkflow, newestWorkflows } from './definitions.ts';
import { DAY_MS } from './durations.ts';
import {
  startEnrollment,
  type Enrollment,
  type EnrollmentSource,
} from './enrollment.ts';

/** Reason a contact that met a trigger, or was handed over, was not enrolled. */
export type EnrollmentSkipReason =
  | 'alreadyActive'
  | 'reenrollmentNever'
  | 'reenrollmentTooSoon'
  | 'goalAlreadyMet'
  | 'unknownWorkflow';

export type EnrollDecision =
  | { enrolled: true; enrollment: Enrollment }
  | {
      enrolled: false;
      workflowId: string;
      version?: number;
      reason: EnrollmentSkipReason;
    };

type WorkflowConfig = Pick<ClientConfig, 'workflows' | 'email'>;

/**
 * Finds the workflows whose trigger the contact's change fired, and enrolls
 * the contact in their newest versions. A trigger fires when its criteria
 * hold after the change but not before it, or, when it names an event, when
 * a new matching interaction arrives while they hold. `before` is undefined
 * for a contact seen for the first time; `existing` lists the contact's
 * enrollments, for the re-enrollment policy.
 */
export function evaluateTriggers(
  config: WorkflowConfig,
  before: WorkflowContact | undefined,
  after: WorkflowContact,
  now: number,
  existing: readonly Enrollment[],
): EnrollDecision[] {
  const decisions: EnrollDecision[] = [];
  for (const workflow of newestWorkflows(config)) {
    if (!triggerFired(config, workflow, before, after, now)) continue;
    decisions.push(
      enrollIn(config, workflow, after, now, existing, { kind: 'trigger' }),
    );
  }
  return decisions;
}

/**
 * Enrolls a contact in the newest version of a workflow, for example on a
 * hand-over from an `enroll` step, unless the re-enrollment policy or an
 * exit goal that is already met forbids it.
 */
export function enrollContact(
  config: WorkflowConfig,
  workflowId: string,
  contact: WorkflowContact,
  now: number,
  existing: readonly Enrollment[],
  source: EnrollmentSource,
): EnrollDecision {
  const workflow = newestWorkflow(config, workflowId);
  if (workflow === undefined) {
    return { enrolled: false, workflowId, reason: 'unknownWorkflow' };
  }
  return enrollIn(config, workflow, contact, now, existing, source);
}

function enrollIn(
  config: WorkflowConfig,
  workflow: Workflow,
  contact: WorkflowContact,
  now: number,
  existing: readonly Enrollment[],
  source: EnrollmentSource,
): EnrollDecision {
  const skip = (reason: EnrollmentSkipReason): EnrollDecision => ({
    enrolled: false,
    workflowId: workflow.id,
    version: workflow.version,
    reason,
  });
  const earlier = existing.filter((item) => item.workflowId === workflow.id);
  if (earlier.some((item) => item.status === 'active')) {
    return skip('alreadyActive');
  }
  if (earlier.length > 0) {
    const policy = workflow.reenrollment;
    if (policy.policy === 'never') return skip('reenrollmentNever');
    const lastEnd = Math.max(...earlier.map((item) => item.endedAt ?? now));
    if (now - lastEnd < policy.minDaysBetween * DAY_MS) {
      return skip('reenrollmentTooSoon');
    }
  }
  const scope = { contact, now, config };
  if (workflow.exitGoals.some((goal) => meetsCriteria(goal.criteria, scope))) {
    return skip('goalAlreadyMet');
  }
  return {
    enrolled: true,
    enrollment: startEnrollment(workflow, contact.contactId, now, source),
  };
}

function triggerFired(
  config: WorkflowConfig,
  workflow: Workflow,
  before: WorkflowContact | undefined,
  after: WorkflowContact,
  now: number,
): boolean {
  const trigger = workflow.trigger;
  if (trigger === undefined) return false;
  if (!meetsCriteria(trigger.criteria, { contact: after, now, config })) {
    return false;
  }
  if (trigger.event !== undefined) {
    const filter = trigger.event;
    const known = new Set(before?.interactions.map((event) => event.id) ?? []);
    return after.interactions.some(
      (event) =>
        !known.has(event.id) &&
        event.occurredAt <= now &&
        matchesFilter(event, filter),
    );
  }
  return (
    before === undefined ||
    !meetsCriteria(trigger.criteria, { contact: before, now, config })
  );
}
