import type {
  AssignOwnerStep,
  SendEmailStep,
  Step,
  WaitStep,
} from '../config/workflows.ts';
import { checkSendAllowed } from '../email/send-allowed.ts';
import { isInSendWindow, nextSendTime } from '../schedule/send-window.ts';
import { personasById } from '../scoring/lookups.ts';
import { normalizePropertyValue } from '../scoring/text.ts';
import type { ActionBody } from './actions.ts';
import type { WorkflowContact } from './contact.ts';
import type { WorkflowContext } from './context.ts';
import { matchesFilter, meetsCriteria } from './criteria.ts';
import { DAY_MS, durationMs, parseDateValue } from './durations.ts';
import type { Enrollment } from './enrollment.ts';

/** HubSpot's contact owner property. */
export const OWNER_PROPERTY = 'hubspot_owner_id';

/** The decision of one step. */
export type StepOutcome =
  | { kind: 'next' }
  | { kind: 'branch'; arm: 'then' | 'else' }
  /** Stay on the step until `until`; `startedAt` is kept while the wait lasts. */
  | { kind: 'wait'; startedAt: number; until: number }
  /** Try the step again at `until`, as a new attempt. */
  | { kind: 'defer'; until: number }
  | { kind: 'end'; reason: 'stopStep' | 'handedOver'; detail?: string };

/** The state one advance works on: the contact's changes are kept for the later steps of the same advance. */
export interface StepRun {
  enrollment: Enrollment;
  contact: WorkflowContact & {
    properties: Record<string, string | null | undefined>;
    emailsSentAt: number[];
  };
  now: number;
  context: WorkflowContext;
  emit(action: ActionBody): void;
}

/** Runs one step at `run.now` and returns where the enrollment goes next. */
export function runStep(step: Step, run: StepRun): StepOutcome {
  switch (step.type) {
    case 'wait':
      return runWait(step, run);
    case 'branch': {
      const passes = meetsCriteria(step.criteria, scopeOf(run));
      return { kind: 'branch', arm: passes ? 'then' : 'else' };
    }
    case 'sendEmail':
      return runSendEmail(step, run);
    case 'skip':
      run.emit({
        type: 'emailSkipped',
        ...(step.contentId === undefined ? {} : { contentId: step.contentId }),
        ...(step.reason === undefined ? {} : { reason: step.reason }),
      });
      return { kind: 'next' };
    case 'assignOwner':
      return runAssignOwner(step, run);
    case 'setProperty':
      run.emit({
        type: 'setProperty',
        property: step.property,
        value: step.value,
      });
      run.contact.properties[step.property] = step.value;
      return { kind: 'next' };
    case 'enroll':
      run.emit({ type: 'enroll', targetWorkflowId: step.workflowId });
      return { kind: 'end', reason: 'handedOver', detail: step.workflowId };
    case 'stop':
      return {
        kind: 'end',
        reason: 'stopStep',
        ...(step.reason === undefined ? {} : { detail: step.reason }),
      };
  }
}

/** Tells whether a wait for an event at the cursor has seen its event, so it is due before its timeout. */
export function waitedEventArrived(
  step: Step | undefined,
  enrollment: Enrollment,
  contact: WorkflowContact,
  now: number,
): boolean {
  if (step?.type !== 'wait' || step.untilEvent === undefined) return false;
  const startedAt = enrollment.waitStartedAt;
  if (startedAt === undefined) return false;
  const filter = step.untilEvent;
  return contact.interactions.some(
    (event) =>
      event.occurredAt >= startedAt &&
      event.occurredAt <= now &&
      matchesFilter(event, filter),
  );
}

function runWait(step: WaitStep, run: StepRun): StepOutcome {
  const { now, enrollment } = run;
  const startedAt = enrollment.waitStartedAt ?? now;
  let until: number;
  if (step.for !== undefined) {
    until = startedAt + durationMs(step.for);
  } else if (step.untilDate !== undefined) {
    const date = parseDateValue(
      run.contact.properties[step.untilDate.property],
    );
    // NOTE: a contact without a readable date does not wait at all.
    if (date === undefined) return { kind: 'next' };
    const offset = durationMs(step.untilDate.offset ?? {});
    until = step.untilDate.before ? date - offset : date + offset;
  } else {
    if (
      waitedEventArrived(
        step,
        { ...enrollment, waitStartedAt: startedAt },
        run.contact,
        now,
      )
    ) {
      return { kind: 'next' };
    }
    until = startedAt + durationMs(step.timeout ?? {});
  }
  if (step.alignToSendWindow) {
    const { sendWindow, timeZone } = run.context.config.email;
    until = nextSendTime(sendWindow, timeZone, Math.max(until, now));
  }
  return until <= now ? { kind: 'next' } : { kind: 'wait', startedAt, until };
}

function runSendEmail(step: SendEmailStep, run: StepRun): StepOutcome {
  const { now } = run;
  const { email } = run.context.config;
  if (!isInSendWindow(email.sendWindow, email.timeZone, now)) {
    const until = nextSendTime(email.sendWindow, email.timeZone, now);
    run.emit({
      type: 'emailDeferred',
      contentId: step.contentId,
      reason: 'sendWindow',
      until,
    });
    return { kind: 'defer', until };
  }
  const decision = checkSendAllowed(run.contact, email, now);
  if (decision.allowed) {
    run.emit({ type: 'sendEmail', contentId: step.contentId });
    run.contact.emailsSentAt.push(now);
    return { kind: 'next' };
  }
  if (decision.reason === 'frequencyCap') {
    const until = nextSendTime(
      email.sendWindow,
      email.timeZone,
      decision.retryAt,
    );
    run.emit({
      type: 'emailDeferred',
      contentId: step.contentId,
      reason: 'frequencyCap',
      until,
    });
    return { kind: 'defer', until };
  }
  run.emit({
    type: 'emailSuppressed',
    contentId: step.contentId,
    reason: decision.reason,
  });
  return { kind: 'next' };
}

function runAssignOwner(step: AssignOwnerStep, run: StepRun): StepOutcome {
  const { now, enrollment, context } = run;
  if (step.afterFollowUpDelay) {
    const persona = run.contact.score?.persona;
    const delayDays =
      persona === undefined
        ? 0
        : (personasById(context.config.personas).get(persona)?.traits
            .followUpDelayDays ?? 0);
    const startedAt = enrollment.waitStartedAt ?? now;
    const until = startedAt + delayDays * DAY_MS;
    if (until > now) return { kind: 'wait', startedAt, until };
  }

  const current = normalizePropertyValue(
    run.contact.properties[OWNER_PROPERTY],
  );
  if (current !== undefined && !step.overwrite) return { kind: 'next' };
  const rule = step.rules.find((candidate) =>
    meetsCriteria(candidate.criteria, scopeOf(run)),
  );
  let ownerId = rule?.owner;
  if (ownerId === undefined && step.owners.length > 0) {
    const position = context.nextRoundRobin(
      step.owners.join(','),
      step.owners.length,
    );
    ownerId = step.owners[position];
  }
  if (ownerId !== undefined) {
    run.emit({
      type: 'assignOwner',
      ownerId,
      by: rule === undefined ? 'roundRobin' : 'rule',
    });
    run.contact.properties[OWNER_PROPERTY] = ownerId;
  }
  return { kind: 'next' };
}

function scopeOf(run: StepRun) {
  return {
    contact: run.contact,
    now: run.now,
    config: run.context.config,
    enrolledAt: run.enrollment.enrolledAt,
  };
}
