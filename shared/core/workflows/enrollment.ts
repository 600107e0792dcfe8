import { z } from 'zod';
import type { Workflow } from '../config/workflows.ts';
import { FIRST_STEP } from './paths.ts';

export const ENROLLMENT_STATUSES = [
  'active',
  'completed',
  'exited',
  'stopped',
] as const;

/**
 * Why an enrollment ended: it ran out of steps, met an exit goal, reached a
 * `stop` step, handed the contact to another workflow, or its version left
 * the configuration.
 */
export const END_REASONS = [
  'completed',
  'exitGoal',
  'stopStep',
  'handedOver',
  'versionRemoved',
] as const;
export type EndReason = (typeof END_REASONS)[number];

/** One contact's pass through one version of one workflow. */
export const EnrollmentSchema = z.strictObject({
  /** `workflowId:version:contactId:enrolledAt`, so a repeated trigger makes the same id. */
  id: z.string().min(1),
  contactId: z.string().min(1),
  workflowId: z.string().min(1),
  /** The version the enrollment started on; it finishes on it. */
  version: z.number().int().min(1),
  status: z.enum(ENROLLMENT_STATUSES),
  enrolledAt: z.number().int(),
  source: z.discriminatedUnion('kind', [
    z.strictObject({ kind: z.literal('trigger') }),
    z.strictObject({
      kind: z.literal('handOver'),
      fromEnrollmentId: z.string().min(1),
    }),
  ]),
  /** Path of the step to run next. */
  cursor: z.string().min(1),
  /** How often the step at the cursor was put off (send window, frequency cap). */
  attempt: z.number().int().min(0),
  /** Set while the step at the cursor waits: when the wait began and when it ends. */
  waitStartedAt: z.number().int().optional(),
  waitUntil: z.number().int().optional(),
  /** When the tick should advance the enrollment next; unset once it has ended. */
  dueAt: z.number().int().optional(),
  endedAt: z.number().int().optional(),
  end: z
    .strictObject({
      reason: z.enum(END_REASONS),
      goalId: z.string().optional(),
      detail: z.string().optional(),
    })
    .optional(),
});
export type Enrollment = z.infer<typeof EnrollmentSchema>;
export type EnrollmentStatus = Enrollment['status'];
export type EnrollmentSource = Enrollment['source'];

const STATUS_FOR_REASON: Record<EndReason, EnrollmentStatus> = {
  completed: 'completed',
  stopStep: 'completed',
  handedOver: 'completed',
  exitGoal: 'exited',
  versionRemoved: 'stopped',
};

/** Starts an enrollment in a workflow version, due at once. */
export function startEnrollment(
  workflow: Pick<Workflow, 'id' | 'version'>,
  contactId: string,
  now: number,
  source: EnrollmentSource = { kind: 'trigger' },
): Enrollment {
  return {
    id: `${workflow.id}:${workflow.version}:${contactId}:${now}`,
    contactId,
    workflowId: workflow.id,
    version: workflow.version,
    status: 'active',
    enrolledAt: now,
    source,
    cursor: FIRST_STEP,
    attempt: 0,
    dueAt: now,
  };
}

/** Returns the enrollment ended at `now` for `reason`, with no due time left. */
export function endEnrollment(
  enrollment: Enrollment,
  now: number,
  end: NonNullable<Enrollment['end']>,
): Enrollment {
  const {
    dueAt: _dueAt,
    waitStartedAt: _started,
    waitUntil: _until,
    ...rest
  } = enrollment;
  return {
    ...rest,
    status: STATUS_FOR_REASON[end.reason],
    endedAt: now,
    end,
  };
}
