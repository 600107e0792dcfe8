import type { ClientConfig } from '#shared/core/config/client.ts';
import { checkSendAllowed } from '#shared/core/email/send-allowed.ts';
import { signUnsubscribeToken } from '#shared/core/email/unsubscribe.ts';
import type { WorkflowAction } from '#shared/core/workflows/actions.ts';
import {
  advanceEnrollment,
  type AdvanceResult,
} from '#shared/core/workflows/advance.ts';
import type { WorkflowContact } from '#shared/core/workflows/contact.ts';
import { findWorkflow } from '#shared/core/workflows/definitions.ts';
import { enrollContact } from '#shared/core/workflows/triggers.ts';
import { composeWorkflowEmail } from '#shared/email/compose.ts';
import { RetryableMailError, type Mailer } from '#shared/email/mailer.ts';
import { sendOnce, type SendLedger } from '#shared/email/send-once.ts';
import { logger } from '#shared/logger.ts';
import type {
  Clock,
  ContactStatePort,
  HubSpotRequest,
  HubSpotRequestQueue,
} from '#shared/pipeline/ports.ts';
import {
  DUE_SHARDS,
  EnrollmentConflictError,
  type DynamoEnrollmentStore,
  type StoredEnrollment,
} from '#shared/store/dynamodb/enrollments.ts';
import type { DynamoMailState } from '#shared/store/dynamodb/mail-state.ts';
import type { DynamoWorkflowCounters } from '#shared/store/dynamodb/workflow-counters.ts';
import { propertyValuesOf, workflowContactOf } from './contact-view.ts';
import { ReportCounts } from './report.ts';

/** HubSpot's contact owner property, which `assignOwner` sets. */
export const OWNER_PROPERTY = 'hubspot_owner_id';

export interface TickDependencies {
  config: ClientConfig;
  enrollments: DynamoEnrollmentStore;
  contacts: ContactStatePort;
  mailState: DynamoMailState;
  counters: DynamoWorkflowCounters;
  ledger: SendLedger;
  mailer: Mailer;
  /** The hubspot-sync queue, for owner assignments and property writes. */
  hubspot: HubSpotRequestQueue;
  /** Signs the unsubscribe links. */
  unsubscribeSecret: string;
  clock: Clock;
  /** Most enrollments one tick advances; the rest wait for the next tick. */
  limit?: number;
  /** Enrollments advanced at the same time. */
  concurrency?: number;
}

/** The outcome of one tick. */
export interface TickReport {
  /** Enrollments read from the due index and advanced. */
  advanced: number;
  /** Left due for the next tick, after SES throttling or a transient error. */
  retryLater: number;
  /** Lost to a concurrent write (an exit goal, another tick); the other writer's state is kept. */
  conflicts: number;
  failed: number;
  /** Enrollments stopped because their workflow version left the configuration. */
  stopped: { enrollmentId: string; workflowId: string; version: number }[];
  counts: ReportCounts;
  /** Emails SES accepted during the tick, with the ids its events carry back as tags. */
  sent: SentEmail[];
}

/** One email the tick sent. */
export interface SentEmail {
  messageId: string;
  portalId: number;
  contactId: string;
  contentId: string;
  actionKey: string;
  at: number;
}

const PAGE_SIZE = 100;

/**
 * Advances every enrollment due at or before now, shard by shard, until the
 * index has none left or `limit` is reached, so a tick that fell behind
 * catches up. Each enrollment is read once per tick, and every effect is
 * claimed by its action key first, so a retried or overlapping tick repeats
 * none.
 */
export async function runTick(
  dependencies: TickDependencies,
): Promise<TickReport> {
  const now = dependencies.clock();
  const limit = dependencies.limit ?? 5_000;
  const report: TickReport = {
    advanced: 0,
    retryLater: 0,
    conflicts: 0,
    failed: 0,
    stopped: [],
    counts: new ReportCounts(),
    sent: [],
  };
  const seen = new Set<string>();
  for (let shard = 0; shard < DUE_SHARDS; shard += 1) {
    let after: StoredEnrollment | undefined;
    while (seen.size < limit) {
      const page = await dependencies.enrollments.listDue(
        shard,
        now,
        Math.min(PAGE_SIZE, limit - seen.size),
        after,
      );
      if (page.length === 0) break;
      after = page[page.length - 1];
      const fresh = page.filter((item) => !seen.has(item.enrollment.id));
      for (const item of fresh) seen.add(item.enrollment.id);
      await advanceByContact(fresh, now, dependencies, report);
      if (page.length < PAGE_SIZE) break;
    }
  }
  await Promise.all(
    [...report.counts.byVersion.values()].map((row) =>
      dependencies.counters.add(row.workflowId, row.version, row.counts),
    ),
  );
  logger.info('Workflow tick done', {
    advanced: report.advanced,
    retryLater: report.retryLater,
    conflicts: report.conflicts,
    failed: report.failed,
    stopped: report.stopped.length,
  });
  return report;
}

// One contact's enrollments run one after another, so their sends see each
// other for the frequency cap; different contacts run side by side.
async function advanceByContact(
  items: StoredEnrollment[],
  now: number,
  dependencies: TickDependencies,
  report: TickReport,
): Promise<void> {
  const groups = new Map<string, StoredEnrollment[]>();
  for (const item of items) {
    const key = `${item.portalId}:${item.enrollment.contactId}`;
    groups.set(key, [...(groups.get(key) ?? []), item]);
  }
  const queue = [...groups.values()];
  const workers = Array.from(
    { length: dependencies.concurrency ?? 8 },
    async () => {
      for (let group = queue.shift(); group; group = queue.shift()) {
        for (const item of group) {
          await advanceOne(item, now, dependencies, report);
        }
      }
    },
  );
  await Promise.all(workers);
}

type Execution = 'done' | 'recheck' | 'retryLater';

/** Advances one enrollment, runs its actions and stores the result. */
export async function advanceOne(
  stored: StoredEnrollment,
  now: number,
  dependencies: TickDependencies,
  report: TickReport,
): Promise<void> {
  const { enrollment, portalId } = stored;
  const definition = findWorkflow(
    dependencies.config,
    enrollment.workflowId,
    enrollment.version,
  );
  try {
    let result: AdvanceResult | undefined;
    // A second pass runs when the contact changed between planning and sending.
    for (let pass = 0; pass < 2; pass += 1) {
      const contact = await loadContact(
        dependencies,
        portalId,
        enrollment.contactId,
      );
      result = await advanceWithRotation(
        definition,
        stored,
        contact,
        now,
        dependencies,
      );
      const execution = await executeActions(
        result.actions,
        portalId,
        contact,
        now,
        dependencies,
        report,
        pass === 0,
      );
      if (execution === 'retryLater') {
        report.retryLater += 1;
        return;
      }
      if (execution === 'done') break;
    }
    report.advanced += 1;
    for (const action of result!.actions) report.counts.addReported(action);
    if (definition === undefined) {
      report.stopped.push({
        enrollmentId: enrollment.id,
        workflowId: enrollment.workflowId,
        version: enrollment.version,
      });
      logger.warn('Enrollment stopped: its workflow version is gone', {
        enrollmentId: enrollment.id,
        workflowId: enrollment.workflowId,
        version: enrollment.version,
      });
    }
    if (result!.enrollment !== enrollment) {
      await dependencies.enrollments.update(stored, result!.enrollment);
    }
  } catch (error) {
    if (error instanceof EnrollmentConflictError) {
      report.conflicts += 1;
      return;
    }
    report.failed += 1;
    logger.error('Enrollment could not be advanced; it stays due', {
      enrollmentId: enrollment.id,
      error,
    });
  }
}

async function loadContact(
  dependencies: TickDependencies,
  portalId: number,
  contactId: string,
): Promise<WorkflowContact> {
  const [state, mail] = await Promise.all([
    dependencies.contacts.get(portalId, contactId),
    dependencies.mailState.get(portalId, contactId),
  ]);
  return workflowContactOf(contactId, state, mail);
}

// The engine takes round-robin positions synchronously but the stored counter
// is asynchronous. So a first pass collects the pools it requests, and a second
// pass runs with positions taken from the counter.
async function advanceWithRotation(
  definition: Parameters<typeof advanceEnrollment>[0],
  stored: StoredEnrollment,
  contact: WorkflowContact,
  now: number,
  dependencies: TickDependencies,
): Promise<AdvanceResult> {
  const asked: { pool: string; size: number }[] = [];
  const probe = advanceEnrollment(definition, stored.enrollment, contact, now, {
    config: dependencies.config,
    nextRoundRobin: (pool, size) => {
      asked.push({ pool, size });
      return 0;
    },
  });
  if (asked.length === 0) return probe;
  const positions: number[] = [];
  for (const { pool, size } of asked) {
    positions.push(await dependencies.counters.nextRoundRobin(pool, size));
  }
  return advanceEnrollment(definition, stored.enrollment, contact, now, {
    config: dependencies.config,
    nextRoundRobin: () => positions.shift() ?? 0,
  });
}

async function executeActions(
  actions: readonly WorkflowAction[],
  portalId: number,
  contact: WorkflowContact,
  now: number,
  dependencies: TickDependencies,
  report: TickReport,
  mayRecheck: boolean,
): Promise<Execution> {
  const { config, ledger } = dependencies;
  for (const action of actions) {
    switch (action.type) {
      case 'sendEmail': {
        const outcome = await sendEmail(
          action,
          portalId,
          now,
          dependencies,
          report,
          mayRecheck,
        );
        if (outcome !== 'done') return outcome;
        break;
      }
      case 'assignOwner':
      case 'setProperty': {
        if (!(await ledger.claim(action.key, now))) break;
        const properties =
          action.type === 'assignOwner'
            ? { [OWNER_PROPERTY]: action.ownerId }
            : { [action.property]: action.value };
        const request: HubSpotRequest = {
          kind: 'update',
          portalId,
          contactId: action.contactId,
          properties,
          at: now,
        };
        try {
          await dependencies.hubspot.enqueue([request]);
        } catch (error) {
          await ledger.release(action.key);
          throw error;
        }
        report.counts.add(
          action.workflowId,
          action.version,
          action.type === 'assignOwner' ? 'ownersAssigned' : 'propertiesSet',
        );
        break;
      }
      case 'enroll': {
        const existing = await dependencies.enrollments.listForContact(
          portalId,
          action.contactId,
        );
        const decision = enrollContact(
          config,
          action.targetWorkflowId,
          contact,
          now,
          existing.map((item) => item.enrollment),
          { kind: 'handOver', fromEnrollmentId: action.enrollmentId },
        );
        if (!decision.enrolled) {
          logger.info('Hand-over did not enroll', {
            enrollmentId: action.enrollmentId,
            workflowId: decision.workflowId,
            reason: decision.reason,
          });
          break;
        }
        const created = await dependencies.enrollments.create(
          portalId,
          decision.enrollment,
        );
        if (created) {
          const target = decision.enrollment;
          report.counts.add(target.workflowId, target.version, 'enrolled');
          report.counts.add(target.workflowId, target.version, 'handedOverIn');
        }
        break;
      }
      default:
        break;
    }
  }
  return 'done';
}

async function sendEmail(
  action: Extract<WorkflowAction, { type: 'sendEmail' }>,
  portalId: number,
  now: number,
  dependencies: TickDependencies,
  report: TickReport,
  mayRecheck: boolean,
): Promise<Execution> {
  const { config } = dependencies;
  // Checked on a fresh read right before sending: an opt-out that arrived
  // since the enrollment was read stops the email.
  const [state, mail] = await Promise.all([
    dependencies.contacts.get(portalId, action.contactId),
    dependencies.mailState.get(portalId, action.contactId),
  ]);
  const fresh = workflowContactOf(action.contactId, state, mail);
  const decision = checkSendAllowed(fresh, config.email, now);
  if (!decision.allowed) {
    if (mayRecheck) return 'recheck';
    report.counts.add(action.workflowId, action.version, 'emailsSuppressed');
    report.counts.add(
      action.workflowId,
      action.version,
      `emailsSuppressed:${decision.reason}`,
    );
    return 'done';
  }
  const email = composeWorkflowEmail(
    config,
    action,
    propertyValuesOf(state),
    signUnsubscribeToken(dependencies.unsubscribeSecret, action.contactId),
  );
  // SES events carry the tags back; the portal finds the contact's mail state.
  email.tags = { ...email.tags, portal: String(portalId) };
  let result;
  try {
    result = await sendOnce(
      dependencies.mailer,
      dependencies.ledger,
      email,
      now,
    );
  } catch (error) {
    if (error instanceof RetryableMailError) {
      logger.warn('Send put off; the next tick retries the same action key', {
        actionKey: action.key,
        code: error.code,
      });
      return 'retryLater';
    }
    throw error;
  }
  switch (result.status) {
    case 'sent':
      await dependencies.mailState.recordSent(portalId, action.contactId, now);
      report.counts.add(action.workflowId, action.version, 'emailsSent');
      report.sent.push({
        messageId: result.messageId,
        portalId,
        contactId: action.contactId,
        contentId: action.contentId,
        actionKey: action.key,
        at: now,
      });
      break;
    case 'rejected':
      logger.warn('SES rejected an email; it is not retried', {
        actionKey: action.key,
        code: result.code,
      });
      report.counts.add(action.workflowId, action.version, 'emailsRejected');
      break;
    case 'duplicate':
      report.counts.add(action.workflowId, action.version, 'sendsRepeated');
      break;
  }
  return 'done';
}
