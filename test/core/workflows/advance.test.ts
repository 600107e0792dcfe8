import { describe, expect, it } from 'vitest';
import {
  advanceEnrollment,
  isDue,
  WorkflowError,
} from '#shared/core/workflows/advance.ts';
import { findWorkflow } from '#shared/core/workflows/definitions.ts';
import { startEnrollment } from '#shared/core/workflows/enrollment.ts';
import {
  configWith,
  contactWith,
  contextFor,
  DAY_MS,
  HOUR_MS,
  MINUTE_MS,
  NOW,
  simpleWorkflow,
} from './fixtures.ts';

const config = configWith(simpleWorkflow());
const workflow = findWorkflow(config, 'welcome', 1)!;

describe('advanceEnrollment', () => {
  describe('when a new enrollment is due', () => {
    it('sends the first email and waits for the next step', () => {
      const enrollment = startEnrollment(workflow, '501', NOW);

      const result = advanceEnrollment(
        workflow,
        enrollment,
        contactWith(),
        NOW,
        contextFor(config),
      );

      expect(result.actions.map((action) => action.type)).toEqual([
        'sendEmail',
      ]);
      expect(result.actions[0]).toMatchObject({
        contentId: 'blog-reporting-pitfalls',
        key: `${enrollment.id}/0/0`,
        workflowId: 'welcome',
        version: 1,
      });
      expect(result.enrollment.cursor).toBe('1');
      expect(result.enrollment.dueAt).toBe(NOW + 2 * DAY_MS);
      expect(result.enrollment.status).toBe('active');
    });
  });

  describe('when the enrollment is not due yet', () => {
    it('returns it unchanged without actions', () => {
      const waiting = advanceEnrollment(
        workflow,
        startEnrollment(workflow, '501', NOW),
        contactWith(),
        NOW,
        contextFor(config),
      ).enrollment;

      const result = advanceEnrollment(
        workflow,
        waiting,
        contactWith(),
        NOW + DAY_MS,
        contextFor(config),
      );

      expect(result.actions).toEqual([]);
      expect(result.enrollment).toBe(waiting);
    });
  });

  describe('when a tick is retried with the same state', () => {
    it('returns the same action keys, so the executor sends once', () => {
      const enrollment = startEnrollment(workflow, '501', NOW);

      const first = advanceEnrollment(
        workflow,
        enrollment,
        contactWith(),
        NOW,
        contextFor(config),
      );
      const retry = advanceEnrollment(
        workflow,
        enrollment,
        contactWith(),
        NOW + MINUTE_MS,
        contextFor(config),
      );

      expect(retry.actions.map((action) => action.key)).toEqual(
        first.actions.map((action) => action.key),
      );
    });
  });

  describe('when the contact unsubscribed one minute before a due send', () => {
    it('sends no email and reports it as suppressed', () => {
      const waiting = advanceEnrollment(
        workflow,
        startEnrollment(workflow, '501', NOW),
        contactWith(),
        NOW,
        contextFor(config),
      ).enrollment;
      const dueAt = waiting.dueAt!;
      const unsubscribed = contactWith({
        properties: { email: 'lead-001@example.com', hs_email_optout: 'true' },
        emailsSentAt: [NOW],
      });

      const result = advanceEnrollment(
        workflow,
        waiting,
        unsubscribed,
        dueAt,
        contextFor(config),
      );

      expect(result.actions.some((action) => action.type === 'sendEmail')).toBe(
        false,
      );
      expect(result.actions[0]).toMatchObject({
        type: 'emailSuppressed',
        contentId: 'guide-dashboards',
        reason: 'optedOut',
      });
    });
  });

  describe('when the enrollment version is no longer in the config', () => {
    it('stops the enrollment and reports it without moving it', () => {
      const enrollment = startEnrollment(
        { id: 'welcome', version: 7 },
        '501',
        NOW,
      );

      const result = advanceEnrollment(
        undefined,
        enrollment,
        contactWith(),
        NOW,
        contextFor(config),
      );

      expect(result.enrollment.status).toBe('stopped');
      expect(result.enrollment.version).toBe(7);
      expect(result.enrollment.dueAt).toBeUndefined();
      expect(result.actions).toEqual([
        expect.objectContaining({
          type: 'enrollmentEnded',
          status: 'stopped',
          reason: 'versionRemoved',
          version: 7,
        }),
      ]);
    });
  });

  describe('when given another version than the enrollment is pinned to', () => {
    it('throws WorkflowError', () => {
      const enrollment = startEnrollment(
        { id: 'welcome', version: 2 },
        '501',
        NOW,
      );

      expect(() =>
        advanceEnrollment(
          workflow,
          enrollment,
          contactWith(),
          NOW,
          contextFor(config),
        ),
      ).toThrow(WorkflowError);
    });
  });

  describe('when the send falls outside the send window', () => {
    it('defers to the window start as a new attempt', () => {
      const saturday = Date.parse('2026-12-05T12:00:00Z');
      const enrollment = startEnrollment(workflow, '501', saturday);

      const deferred = advanceEnrollment(
        workflow,
        enrollment,
        contactWith(),
        saturday,
        contextFor(config),
      );
      const sent = advanceEnrollment(
        workflow,
        deferred.enrollment,
        contactWith(),
        deferred.enrollment.dueAt!,
        contextFor(config),
      );

      expect(deferred.actions[0]).toMatchObject({
        type: 'emailDeferred',
        reason: 'sendWindow',
        until: Date.parse('2026-12-07T08:00:00Z'),
      });
      expect(deferred.enrollment.attempt).toBe(1);
      expect(sent.actions[0]).toMatchObject({
        type: 'sendEmail',
        key: `${enrollment.id}/0/1`,
      });
    });
  });

  describe('when the frequency cap is reached', () => {
    it('defers until the oldest email leaves the period', () => {
      const sentAt = [NOW - 6 * DAY_MS, NOW - 2 * DAY_MS, NOW - HOUR_MS];

      const result = advanceEnrollment(
        workflow,
        startEnrollment(workflow, '501', NOW),
        contactWith({ emailsSentAt: sentAt }),
        NOW,
        contextFor(config),
      );

      expect(result.actions[0]).toMatchObject({
        type: 'emailDeferred',
        reason: 'frequencyCap',
      });
      expect(result.enrollment.dueAt).toBe(NOW + DAY_MS);
    });
  });

  describe('when an exit goal holds', () => {
    it('ends the enrollment as exited before any step', () => {
      const withGoal = configWith(
        simpleWorkflow({
          exitGoals: [
            {
              id: 'became-sql',
              criteria: [{ type: 'qualification', is: ['sql'] }],
            },
          ],
        }),
      );
      const definition = findWorkflow(withGoal, 'welcome', 1)!;

      const result = advanceEnrollment(
        definition,
        startEnrollment(definition, '501', NOW),
        contactWith({}, { qualification: 'sql' }),
        NOW,
        contextFor(withGoal),
      );

      expect(result.enrollment.status).toBe('exited');
      expect(result.enrollment.end).toEqual({
        reason: 'exitGoal',
        goalId: 'became-sql',
      });
      expect(result.actions.map((action) => action.type)).toEqual([
        'enrollmentEnded',
      ]);
    });
  });

  describe('when the last step has run', () => {
    it('completes the enrollment', () => {
      const waiting = advanceEnrollment(
        workflow,
        startEnrollment(workflow, '501', NOW),
        contactWith(),
        NOW,
        contextFor(config),
      ).enrollment;

      const result = advanceEnrollment(
        workflow,
        waiting,
        contactWith(),
        waiting.dueAt!,
        contextFor(config),
      );

      expect(result.actions.map((action) => action.type)).toEqual([
        'sendEmail',
        'enrollmentEnded',
      ]);
      expect(result.enrollment.status).toBe('completed');
      expect(result.enrollment.end?.reason).toBe('completed');
    });
  });
});

describe('isDue', () => {
  it('is true for an event wait once the event arrives', () => {
    const eventConfig = configWith(
      simpleWorkflow({
        steps: [
          {
            type: 'wait',
            untilEvent: { kinds: ['keyPageView'], page: 'pricing' },
            timeout: { days: 10 },
          },
          { type: 'stop' },
        ],
      }),
    );
    const definition = findWorkflow(eventConfig, 'welcome', 1)!;
    const waiting = advanceEnrollment(
      definition,
      startEnrollment(definition, '501', NOW),
      contactWith(),
      NOW,
      contextFor(eventConfig),
    ).enrollment;
    const visited = contactWith({
      interactions: [
        {
          id: 'view-1',
          kind: 'keyPageView',
          page: 'pricing',
          occurredAt: NOW + DAY_MS,
          quantity: 1,
        },
      ],
    });

    expect(waiting.dueAt).toBe(NOW + 10 * DAY_MS);
    expect(isDue(definition, waiting, contactWith(), NOW + DAY_MS)).toBe(false);
    expect(isDue(definition, waiting, visited, NOW + DAY_MS)).toBe(true);
  });
});
