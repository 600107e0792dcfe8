import type { ClientConfig } from '#shared/core/config/client.ts';
import type { ContactState } from '#shared/core/pipeline/contact-state.ts';
import { checkExitGoals, isDue } from '#shared/core/workflows/advance.ts';
import { findWorkflow } from '#shared/core/workflows/definitions.ts';
import { evaluateTriggers } from '#shared/core/workflows/triggers.ts';
import { logger } from '#shared/logger.ts';
import {
  EnrollmentConflictError,
  type DynamoEnrollmentStore,
  type StoredEnrollment,
} from '#shared/store/dynamodb/enrollments.ts';
import type { DynamoWorkflowCounters } from '#shared/store/dynamodb/workflow-counters.ts';
import { workflowContactOf } from './contact-view.ts';
import { ReportCounts } from './report.ts';

/** A contact whose stored state just changed, before and after. */
export interface ContactChange {
  portalId: number;
  before: ContactState | undefined;
  after: ContactState;
  now: number;
}

/** The effect of a contact change on workflows. */
export interface ChangeOutcome {
  enrolled: number;
  exited: number;
  /** Waits for an event that the change brought, now due at once. */
  madeDue: number;
}

const NO_MAIL = { suppressions: [], emailsSentAt: [] };

/**
 * Runs workflows on a contact change: enrolls the contact where a trigger
 * fired, ends active enrollments whose exit goal is now met, and makes due
 * at once the ones waiting for an interaction that arrived. One query reads
 * the contact's enrollments; writes happen only for what changed.
 */
export function createWorkflowTriggers(options: {
  config: ClientConfig;
  enrollments: DynamoEnrollmentStore;
  counters: DynamoWorkflowCounters;
}): (change: ContactChange) => Promise<ChangeOutcome> {
  const { config, enrollments, counters } = options;
  return async ({ portalId, before, after, now }) => {
    const outcome: ChangeOutcome = { enrolled: 0, exited: 0, madeDue: 0 };
    if (config.workflows.items.length === 0 || after.deleted === true) {
      return outcome;
    }
    const counts = new ReportCounts();
    const existing = await enrollments.listForContact(
      portalId,
      after.contactId,
    );
    // Suppressions live in the mail state; the tick checks them again before any send.
    const beforeView =
      before === undefined
        ? undefined
        : workflowContactOf(before.contactId, before, NO_MAIL);
    const afterView = workflowContactOf(after.contactId, after, NO_MAIL);

    for (const stored of existing) {
      if (stored.enrollment.status !== 'active') continue;
      const changed = await updateActive(stored, afterView, now);
      if (changed === 'exited') {
        outcome.exited += 1;
        const { workflowId, version } = stored.enrollment;
        counts.add(workflowId, version, 'exited');
        counts.add(workflowId, version, 'ended:exitGoal');
      } else if (changed === 'madeDue') outcome.madeDue += 1;
    }

    const decisions = evaluateTriggers(
      config,
      beforeView,
      afterView,
      now,
      existing.map((item) => item.enrollment),
    );
    for (const decision of decisions) {
      if (!decision.enrolled) continue;
      if (await enrollments.create(portalId, decision.enrollment)) {
        outcome.enrolled += 1;
        const { workflowId, version } = decision.enrollment;
        counts.add(workflowId, version, 'enrolled');
      }
    }
    await Promise.all(
      [...counts.byVersion.values()].map((row) =>
        counters.add(row.workflowId, row.version, row.counts),
      ),
    );
    return outcome;
  };

  async function updateActive(
    stored: StoredEnrollment,
    contact: ReturnType<typeof workflowContactOf>,
    now: number,
  ): Promise<'exited' | 'madeDue' | undefined> {
    const { enrollment } = stored;
    const definition = findWorkflow(
      config,
      enrollment.workflowId,
      enrollment.version,
    );
    // A removed version is stopped and reported by the tick.
    if (definition === undefined) return undefined;
    try {
      const ended = checkExitGoals(
        definition,
        enrollment,
        contact,
        now,
        config,
      );
      if (ended.enrollment !== enrollment) {
        await enrollments.update(stored, ended.enrollment);
        return 'exited';
      }
      if (
        enrollment.dueAt !== undefined &&
        enrollment.dueAt > now &&
        isDue(definition, enrollment, contact, now)
      ) {
        await enrollments.update(stored, { ...enrollment, dueAt: now });
        return 'madeDue';
      }
    } catch (error) {
      // The tick moved the enrollment meanwhile; it checks goals on every advance too.
      if (!(error instanceof EnrollmentConflictError)) throw error;
      logger.info('Enrollment changed during a contact update', {
        enrollmentId: enrollment.id,
      });
    }
    return undefined;
  }
}
