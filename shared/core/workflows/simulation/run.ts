import type { ClientConfig } from '../../config/client.ts';
import type { InteractionEvent } from '../../contact.ts';
import { scoreContact } from '../../scoring/score.ts';
import type { WorkflowAction } from '../actions.ts';
import { advanceEnrollment, checkExitGoals, isDue } from '../advance.ts';
import type { WorkflowContact } from '../contact.ts';
import { createRoundRobin, type WorkflowContext } from '../context.ts';
import { findWorkflow } from '../definitions.ts';
import { DAY_MS } from '../durations.ts';
import type { Enrollment } from '../enrollment.ts';
import { OWNER_PROPERTY } from '../run-step.ts';
import {
  enrollContact,
  evaluateTriggers,
  type EnrollDecision,
} from '../triggers.ts';
import type { SimulatedContact } from './input.ts';

/** One line of the dry run's plan. */
export type PlanEntry =
  | WorkflowAction
  | (Omit<Extract<EnrollDecision, { enrolled: true }>, 'enrolled'> & {
      type: 'enrolled';
      contactId: string;
      at: number;
    })
  | {
      type: 'enrollmentSkipped';
      contactId: string;
      workflowId: string;
      version?: number;
      reason: string;
      at: number;
    };

export interface SimulationResult {
  start: number;
  end: number;
  plan: PlanEntry[];
  enrollments: Enrollment[];
}

interface ContactRun {
  input: SimulatedContact;
  properties: Record<string, string | null>;
  interactions: InteractionEvent[];
  emailsSentAt: number[];
  enrollments: Enrollment[];
  /** Changes and interactions still to come, earliest first. */
  pending: { at: number; apply: (run: ContactRun) => void }[];
}

// Each pass advances at least one enrollment or applies one change, so this
// only stops a bug from running forever.
const MAX_PASSES = 1_000_000;

/**
 * Runs the workflows on made-up contacts from `start` for `days` days, with a
 * simulated clock and no side effects: emails, owners and properties only
 * change the simulated contacts. Returns every action in time order.
 */
export function simulateWorkflows(
  config: ClientConfig,
  contacts: readonly SimulatedContact[],
  start: number,
  days: number,
): SimulationResult {
  const end = start + days * DAY_MS;
  const context: WorkflowContext = {
    config,
    nextRoundRobin: createRoundRobin(),
  };
  const plan: PlanEntry[] = [];
  const runs = contacts.map((input) => prepare(input, start));

  for (const run of runs) {
    changeContact(run, undefined, start, config, plan);
  }
  for (let pass = 0; pass < MAX_PASSES; pass++) {
    const now = nextTime(runs);
    if (now === undefined || now > end) break;
    for (const run of runs) {
      applyPending(run, now, config, plan);
      advanceDue(run, now, context, plan);
    }
  }
  return {
    start,
    end,
    plan,
    enrollments: runs.flatMap((run) => run.enrollments),
  };
}

function prepare(input: SimulatedContact, start: number): ContactRun {
  const pending: ContactRun['pending'] = [];
  input.interactions.forEach((interaction, index) => {
    const at = start + Math.round(interaction.day * DAY_MS);
    const event: InteractionEvent = {
      id: `${input.id}:interaction:${index}`,
      kind: interaction.kind,
      occurredAt: at,
      quantity: interaction.quantity,
      ...(interaction.contentId === undefined
        ? {}
        : { contentId: interaction.contentId }),
      ...(interaction.page === undefined ? {} : { page: interaction.page }),
    };
    pending.push({ at, apply: (run) => run.interactions.push(event) });
  });
  for (const change of input.changes) {
    const at = start + Math.round(change.day * DAY_MS);
    pending.push({
      at,
      apply: (run) => {
        run.properties[change.property] = change.value;
      },
    });
  }
  pending.sort((a, b) => a.at - b.at);
  return {
    input,
    properties: { ...input.properties },
    interactions: [],
    emailsSentAt: [],
    enrollments: [],
    pending,
  };
}

function nextTime(runs: readonly ContactRun[]): number | undefined {
  let next: number | undefined;
  const consider = (at: number | undefined) => {
    if (at !== undefined && (next === undefined || at < next)) next = at;
  };
  for (const run of runs) {
    consider(run.pending[0]?.at);
    // An event wait ends early only on an interaction, which is pending too.
    for (const enrollment of run.enrollments) {
      if (enrollment.status === 'active') consider(enrollment.dueAt);
    }
  }
  return next;
}

function applyPending(
  run: ContactRun,
  now: number,
  config: ClientConfig,
  plan: PlanEntry[],
): void {
  if (run.pending[0] === undefined || run.pending[0].at > now) return;
  const before = viewOf(run, now, config);
  while (run.pending[0] !== undefined && run.pending[0].at <= now) {
    run.pending.shift()!.apply(run);
  }
  changeContact(run, before, now, config, plan);
}

// Enrolls on fired triggers and ends enrollments whose exit goal now holds.
function changeContact(
  run: ContactRun,
  before: WorkflowContact | undefined,
  now: number,
  config: ClientConfig,
  plan: PlanEntry[],
): void {
  const after = viewOf(run, now, config);
  for (const [index, enrollment] of run.enrollments.entries()) {
    const definition = findWorkflow(
      config,
      enrollment.workflowId,
      enrollment.version,
    );
    if (definition === undefined) continue;
    const result = checkExitGoals(definition, enrollment, after, now, config);
    run.enrollments[index] = result.enrollment;
    plan.push(...result.actions);
  }
  for (const decision of evaluateTriggers(
    config,
    before,
    after,
    now,
    run.enrollments,
  )) {
    record(run, decision, now, plan);
  }
}

function advanceDue(
  run: ContactRun,
  now: number,
  context: WorkflowContext,
  plan: PlanEntry[],
): void {
  const { config } = context;
  for (let index = 0; index < run.enrollments.length; index++) {
    const enrollment = run.enrollments[index]!;
    const definition = findWorkflow(
      config,
      enrollment.workflowId,
      enrollment.version,
    );
    const contact = viewOf(run, now, config);
    if (
      definition !== undefined &&
      !isDue(definition, enrollment, contact, now)
    )
      continue;
    if (enrollment.status !== 'active') continue;
    const result = advanceEnrollment(
      definition,
      enrollment,
      contact,
      now,
      context,
    );
    run.enrollments[index] = result.enrollment;
    plan.push(...result.actions);
    execute(run, result.actions, now, config, plan);
  }
}

// Carries out the actions on the simulated contact only.
function execute(
  run: ContactRun,
  actions: readonly WorkflowAction[],
  now: number,
  config: ClientConfig,
  plan: PlanEntry[],
): void {
  let before: WorkflowContact | undefined;
  for (const action of actions) {
    if (action.type === 'sendEmail') {
      run.emailsSentAt.push(now);
    } else if (action.type === 'assignOwner' || action.type === 'setProperty') {
      before ??= viewOf(run, now, config);
      const property =
        action.type === 'assignOwner' ? OWNER_PROPERTY : action.property;
      run.properties[property] =
        action.type === 'assignOwner' ? action.ownerId : action.value;
    } else if (action.type === 'enroll') {
      const decision = enrollContact(
        config,
        action.targetWorkflowId,
        viewOf(run, now, config),
        now,
        run.enrollments,
        { kind: 'handOver', fromEnrollmentId: action.enrollmentId },
      );
      record(run, decision, now, plan);
    }
  }
  if (before !== undefined) changeContact(run, before, now, config, plan);
}

function record(
  run: ContactRun,
  decision: EnrollDecision,
  now: number,
  plan: PlanEntry[],
): void {
  if (decision.enrolled) {
    run.enrollments.push(decision.enrollment);
    plan.push({
      type: 'enrolled',
      enrollment: decision.enrollment,
      contactId: run.input.id,
      at: now,
    });
    return;
  }
  plan.push({
    type: 'enrollmentSkipped',
    contactId: run.input.id,
    workflowId: decision.workflowId,
    ...(decision.version === undefined ? {} : { version: decision.version }),
    reason: decision.reason,
    at: now,
  });
}

function viewOf(
  run: ContactRun,
  now: number,
  config: ClientConfig,
): WorkflowContact {
  const score = scoreContact(
    config,
    { properties: run.properties, interactions: run.interactions },
    now,
  );
  return {
    contactId: run.input.id,
    properties: { ...run.properties },
    interactions: [...run.interactions],
    emailsSentAt: [...run.emailsSentAt],
    score: { ...score, ...run.input.score },
  };
}
