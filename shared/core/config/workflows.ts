import { z } from 'zod';
import { PropertyConditionSchema } from './conditions.ts';
import { JOURNEY_STAGES, JourneyStageSchema } from './content.ts';
import { InteractionKindSchema } from './scoring.ts';
import { QualificationSchema } from '../contact.ts';

const IdSchema = z
  .string()
  .regex(/^[a-z0-9][a-z0-9_-]*$/, 'lower-case letters, digits, _ and -');

/** A length of time; the parts add up. Days are 24 hours, not calendar days. */
export const DurationSchema = z
  .strictObject({
    days: z.number().min(0).optional(),
    hours: z.number().min(0).optional(),
    minutes: z.number().min(0).optional(),
  })
  .refine(
    (duration) =>
      duration.days !== undefined ||
      duration.hours !== undefined ||
      duration.minutes !== undefined,
    { message: 'a duration needs days, hours or minutes' },
  );
export type Duration = z.infer<typeof DurationSchema>;

/** A filter on interactions: any of the kinds, narrowed to one content item or key page. */
export const InteractionFilterSchema = z.strictObject({
  kinds: z.array(InteractionKindSchema).min(1),
  contentId: z.string().min(1).optional(),
  page: z.string().min(1).optional(),
});
export type InteractionFilter = z.infer<typeof InteractionFilterSchema>;

/** A check on one contact, as workflow triggers, branches, goals and owner rules use it. */
export const CheckSchema = z.discriminatedUnion('type', [
  /** The contact's persona is one of these ids. */
  z.strictObject({
    type: z.literal('persona'),
    is: z.array(z.string()).min(1),
  }),
  z.strictObject({
    type: z.literal('qualification'),
    is: z.array(QualificationSchema).min(1),
  }),
  z.strictObject({
    type: z.literal('journeyStage'),
    is: z.array(JourneyStageSchema).min(1),
  }),
  /** HubSpot `lifecyclestage` is one of these internal values, for example `customer`. */
  z.strictObject({
    type: z.literal('lifecycleStage'),
    is: z.array(z.string().min(1)).min(1),
  }),
  z.strictObject({
    type: z.literal('property'),
    when: PropertyConditionSchema,
  }),
  /** At least `minCount` matching interactions, within the last `withinDays` or since enrollment. */
  z.strictObject({
    type: z.literal('interaction'),
    filter: InteractionFilterSchema,
    minCount: z.number().int().min(1).default(1),
    withinDays: z.number().positive().optional(),
    sinceEnrollment: z.boolean().default(false),
  }),
  /** Interest in a topic: an interaction with one of the topic's content items or key pages. */
  z.strictObject({
    type: z.literal('interest'),
    topic: z.string().min(1),
    minCount: z.number().int().min(1).default(1),
    withinDays: z.number().positive().optional(),
  }),
  /** Has read (page view, email click) or downloaded (download, form) a content item. */
  z.strictObject({
    type: z.literal('consumed'),
    contentId: z.string().min(1),
    how: z.enum(['read', 'downloaded', 'any']).default('any'),
  }),
  /** A score part within bounds, both inclusive. */
  z
    .strictObject({
      type: z.literal('score'),
      part: z.enum(['fit', 'engagement', 'total']),
      min: z.number().optional(),
      max: z.number().optional(),
    })
    .refine((check) => check.min !== undefined || check.max !== undefined, {
      message: 'a score check needs min, max or both',
    }),
  /** Opted out of email, unsubscribed, hard-bounced or complained. */
  z.strictObject({ type: z.literal('unsubscribed') }),
]);
export type Check = z.infer<typeof CheckSchema>;

/** A check, or a group that holds when any (or none) of its checks hold. */
export const CriterionSchema = z.union([
  CheckSchema,
  z.strictObject({ type: z.literal('any'), of: z.array(CheckSchema).min(1) }),
  z.strictObject({ type: z.literal('none'), of: z.array(CheckSchema).min(1) }),
]);
export type Criterion = z.infer<typeof CriterionSchema>;

/** Criteria that all must hold. */
export const CriteriaSchema = z.array(CriterionSchema).min(1);

const WaitStepSchema = z
  .strictObject({
    type: z.literal('wait'),
    /** Wait this long. */
    for: DurationSchema.optional(),
    /** Wait until the date in a contact property (ms since the epoch or ISO 8601), plus an offset. */
    untilDate: z
      .strictObject({
        property: z.string().min(1),
        offset: DurationSchema.optional(),
        /** Shift back instead: `offset` before the date. */
        before: z.boolean().default(false),
      })
      .optional(),
    /** Wait until a matching interaction happens, at most `timeout`. */
    untilEvent: InteractionFilterSchema.optional(),
    timeout: DurationSchema.optional(),
    /** Move the end of the wait into the client's send window. */
    alignToSendWindow: z.boolean().default(false),
  })
  .refine(
    (step) =>
      [step.for, step.untilDate, step.untilEvent].filter(
        (part) => part !== undefined,
      ).length === 1,
    { message: 'a wait needs exactly one of for, untilDate or untilEvent' },
  )
  .refine(
    (step) => (step.untilEvent === undefined) === (step.timeout === undefined),
    {
      message: 'a wait until an event needs a timeout, and only it takes one',
      path: ['timeout'],
    },
  );

const SendEmailStepSchema = z.strictObject({
  type: z.literal('sendEmail'),
  contentId: z.string().min(1),
});

/** A deliberate decision not to send; reported as a skipped email. */
const SkipStepSchema = z.strictObject({
  type: z.literal('skip'),
  /** The item that was not sent, for the report. */
  contentId: z.string().min(1).optional(),
  reason: z.string().min(1).optional(),
});

/** Assigns a HubSpot owner: the first rule that matches, else round robin over `owners`. */
const AssignOwnerStepSchema = z
  .strictObject({
    type: z.literal('assignOwner'),
    owners: z.array(z.string().min(1)).default([]),
    rules: z
      .array(
        z.strictObject({ criteria: CriteriaSchema, owner: z.string().min(1) }),
      )
      .default([]),
    /** Wait the persona's `followUpDelayDays` first. */
    afterFollowUpDelay: z.boolean().default(true),
    /** Replace an owner the contact already has. */
    overwrite: z.boolean().default(false),
  })
  .refine((step) => step.owners.length > 0 || step.rules.length > 0, {
    message: 'assignOwner needs owners, rules or both',
  });

/** Hands the contact to another workflow's newest version and ends this enrollment. */
const EnrollStepSchema = z.strictObject({
  type: z.literal('enroll'),
  workflowId: z.string().min(1),
});

const SetPropertyStepSchema = z.strictObject({
  type: z.literal('setProperty'),
  property: z.string().min(1),
  value: z.string(),
});

const StopStepSchema = z.strictObject({
  type: z.literal('stop'),
  reason: z.string().min(1).optional(),
});

/** If the criteria hold, the `then` steps run, else the `else` steps; then the steps after the branch. */
const BranchStepSchema = z.strictObject({
  type: z.literal('branch'),
  criteria: CriteriaSchema,
  get then() {
    return z.array(StepSchema).default([]);
  },
  get else() {
    return z.array(StepSchema).default([]);
  },
});

/** One step of a workflow: a check (`branch`) or an action. */
export const StepSchema: z.ZodType<Step, StepInput> = z
  .discriminatedUnion('type', [
    WaitStepSchema,
    BranchStepSchema,
    SendEmailStepSchema,
    SkipStepSchema,
    AssignOwnerStepSchema,
    EnrollStepSchema,
    SetPropertyStepSchema,
    StopStepSchema,
  ])
  .meta({ id: 'WorkflowStep' });

export type WaitStep = z.infer<typeof WaitStepSchema>;
export type SendEmailStep = z.infer<typeof SendEmailStepSchema>;
export type SkipStep = z.infer<typeof SkipStepSchema>;
export type AssignOwnerStep = z.infer<typeof AssignOwnerStepSchema>;
export type EnrollStep = z.infer<typeof EnrollStepSchema>;
export type SetPropertyStep = z.infer<typeof SetPropertyStepSchema>;
export type StopStep = z.infer<typeof StopStepSchema>;
export interface BranchStep {
  type: 'branch';
  criteria: Criterion[];
  then: Step[];
  else: Step[];
}
export type Step =
  | WaitStep
  | BranchStep
  | SendEmailStep
  | SkipStep
  | AssignOwnerStep
  | EnrollStep
  | SetPropertyStep
  | StopStep;

type StepInput =
  | z.input<typeof WaitStepSchema>
  | {
      type: 'branch';
      criteria: z.input<typeof CriteriaSchema>;
      then?: StepInput[];
      else?: StepInput[];
    }
  | z.input<typeof SendEmailStepSchema>
  | z.input<typeof SkipStepSchema>
  | z.input<typeof AssignOwnerStepSchema>
  | z.input<typeof EnrollStepSchema>
  | z.input<typeof SetPropertyStepSchema>
  | z.input<typeof StopStepSchema>;

/** The stage a workflow serves: a buyer-journey stage, or customer nurturing. */
export const WorkflowStageSchema = z.enum([...JOURNEY_STAGES, 'customer']);
export type WorkflowStage = z.infer<typeof WorkflowStageSchema>;

/** One version of one nurture workflow. A published version never changes: add a new version instead. */
export const WorkflowSchema = z.strictObject({
  id: IdSchema,
  version: z.number().int().min(1),
  name: z.string().min(1),
  description: z.string().optional(),
  stage: WorkflowStageSchema,
  /**
   * Enrolls a contact when the criteria become true, or with `event`, when a
   * matching interaction arrives while they are true. A workflow without a
   * trigger is a module that other workflows hand contacts to.
   */
  trigger: z
    .strictObject({
      criteria: CriteriaSchema,
      event: InteractionFilterSchema.optional(),
    })
    .optional(),
  /** Whether a contact may enter again after an enrollment ended, and how long after. */
  reenrollment: z
    .discriminatedUnion('policy', [
      z.strictObject({ policy: z.literal('never') }),
      z.strictObject({
        policy: z.literal('afterEnd'),
        minDaysBetween: z.number().min(0).default(0),
      }),
    ])
    .default({ policy: 'never' }),
  /** Goals that end the enrollment as soon as one holds, for example became SQL or unsubscribed. */
  exitGoals: z
    .array(z.strictObject({ id: IdSchema, criteria: CriteriaSchema }))
    .default([]),
  steps: z.array(StepSchema).min(1),
});
export type Workflow = z.infer<typeof WorkflowSchema>;

/** A HubSpot owner that workflows may assign contacts to. */
export const OwnerSchema = z.strictObject({
  /** The HubSpot owner id (`hubspot_owner_id`), not the user id. */
  id: z.string().regex(/^\d+$/, 'a HubSpot owner id: digits only'),
  /** A role or team name for reports; no personal names. */
  label: z.string().min(1).optional(),
});

/** Content items and key pages that show interest in one subject. */
export const TopicSchema = z.strictObject({
  id: IdSchema,
  contentIds: z.array(z.string().min(1)).default([]),
  keyPages: z.array(z.string().min(1)).default([]),
});
export type Topic = z.infer<typeof TopicSchema>;

/** The `workflows` section of a client config. */
export const WorkflowsSchema = z.strictObject({
  owners: z.array(OwnerSchema).default([]),
  topics: z.array(TopicSchema).default([]),
  /** Every version of every workflow still in use; running enrollments finish on theirs. */
  items: z.array(WorkflowSchema).default([]),
});
export type Workflows = z.infer<typeof WorkflowsSchema>;
