import type { SuppressionReason } from '../email/send-allowed.ts';
import type { Enrollment, EnrollmentStatus, EndReason } from './enrollment.ts';
import type { StepPath } from './paths.ts';

/** Fields every action carries: where it came from and its key. */
export interface ActionOrigin {
  /**
   * `enrollmentId/path/attempt`: the same enrollment state advanced twice
   * yields the same key, so the executor can run each key at most once.
   */
  key: string;
  enrollmentId: string;
  contactId: string;
  workflowId: string;
  version: number;
  path: StepPath;
  /** When the engine decided on the action (ms since the epoch). */
  at: number;
}

/** The action itself, without its origin fields. */
export type ActionBody =
  | { type: 'sendEmail'; contentId: string }
  | { type: 'assignOwner'; ownerId: string; by: 'rule' | 'roundRobin' }
  | { type: 'setProperty'; property: string; value: string }
  /** Hand the contact to the newest version of another workflow. */
  | { type: 'enroll'; targetWorkflowId: string }
  /** Reported only: a `skip` step. */
  | { type: 'emailSkipped'; contentId?: string; reason?: string }
  /** Reported only: the contact may receive no email. */
  | { type: 'emailSuppressed'; contentId: string; reason: SuppressionReason }
  /** Reported only: the send waits for the send window or the frequency cap. */
  | {
      type: 'emailDeferred';
      contentId: string;
      reason: 'sendWindow' | 'frequencyCap';
      until: number;
    }
  /** Reported only: the enrollment ended. */
  | {
      type: 'enrollmentEnded';
      status: EnrollmentStatus;
      reason: EndReason;
      goalId?: string;
      detail?: string;
    };

/** One thing a workflow step decided to do or to report. */
export type WorkflowAction = ActionOrigin & ActionBody;
export type WorkflowActionType = WorkflowAction['type'];

/** Action types that change something outside Nurture and so must run at most once per key. */
export const EFFECT_ACTION_TYPES = [
  'sendEmail',
  'assignOwner',
  'setProperty',
  'enroll',
] as const satisfies readonly WorkflowActionType[];

/** Tells whether an action changes something outside Nurture (as opposed to being reported only). */
export function isEffect(action: WorkflowAction): boolean {
  return (EFFECT_ACTION_TYPES as readonly string[]).includes(action.type);
}

/** Builds the origin fields of an action taken at `path` on its current attempt. */
export function originOf(
  enrollment: Enrollment,
  path: StepPath,
  attempt: number,
  at: number,
): ActionOrigin {
  return {
    key: `${enrollment.id}/${path}/${attempt}`,
    enrollmentId: enrollment.id,
    contactId: enrollment.contactId,
    workflowId: enrollment.workflowId,
    version: enrollment.version,
    path,
    at,
  };
}
