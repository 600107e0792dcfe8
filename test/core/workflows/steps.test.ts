import { describe, expect, it } from 'vitest';
import { advanceEnrollment } from '#shared/core/workflows/advance.ts';
import { findWorkflow } from '#shared/core/workflows/definitions.ts';
import { startEnrollment } from '#shared/core/workflows/enrollment.ts';
import type { WorkflowContact } from '#shared/core/workflows/contact.ts';
import {
  configWith,
  contactWith,
  contextFor,
  DAY_MS,
  NOW,
  simpleWorkflow,
  type WorkflowInput,
} from './fixtures.ts';

function runOnce(
  steps: WorkflowInput['steps'],
  contact: WorkflowContact,
  now = NOW,
) {
  const config = configWith(simpleWorkflow({ steps }));
  const workflow = findWorkflow(config, 'welcome', 1)!;
  const context = contextFor(config);
  return {
    result: advanceEnrollment(
      workflow,
      startEnrollment(workflow, contact.contactId, now),
      contact,
      now,
      context,
    ),
    workflow,
    context,
  };
}

const downloadedChecklist = contactWith({
  interactions: [
    {
      id: 'form-1',
      kind: 'download',
      contentId: 'checklist-kpis',
      occurredAt: NOW - DAY_MS,
      quantity: 1,
    },
  ],
});

const skipIfDownloaded: WorkflowInput['steps'] = [
  {
    type: 'branch',
    criteria: [
      { type: 'consumed', contentId: 'checklist-kpis', how: 'downloaded' },
    ],
    then: [{ type: 'skip', contentId: 'checklist-kpis', reason: 'downloaded' }],
    else: [{ type: 'sendEmail', contentId: 'checklist-kpis' }],
  },
  { type: 'setProperty', property: 'nurture_track', value: 'awareness-done' },
];

describe('workflow steps', () => {
  describe('branch', () => {
    it('runs the then-steps when the criteria hold', () => {
      const { result } = runOnce(skipIfDownloaded, downloadedChecklist);

      expect(result.actions.map((action) => action.type)).toEqual([
        'emailSkipped',
        'setProperty',
        'enrollmentEnded',
      ]);
      expect(result.actions[0]).toMatchObject({
        path: '0.then.0',
        contentId: 'checklist-kpis',
        reason: 'downloaded',
      });
    });

    it('runs the else-steps when they do not', () => {
      const { result } = runOnce(skipIfDownloaded, contactWith());

      expect(result.actions[0]).toMatchObject({
        type: 'sendEmail',
        path: '0.else.0',
      });
      expect(result.actions[1]).toMatchObject({
        type: 'setProperty',
        path: '1',
      });
    });
  });

  describe('assignOwner', () => {
    const assign: WorkflowInput['steps'] = [
      {
        type: 'assignOwner',
        owners: ['71000001', '71000002'],
        rules: [
          {
            criteria: [{ type: 'persona', is: ['executive'] }],
            owner: '71000003',
          },
        ],
      },
    ];

    it("waits the persona's follow-up delay first", () => {
      const { result } = runOnce(assign, contactWith());

      expect(result.actions).toEqual([]);
      expect(result.enrollment.dueAt).toBe(NOW + 7 * DAY_MS);
    });

    it('assigns round robin after the delay', () => {
      const { result, workflow, context } = runOnce(assign, contactWith());
      const dueAt = result.enrollment.dueAt!;

      const first = advanceEnrollment(
        workflow,
        result.enrollment,
        contactWith(),
        dueAt,
        context,
      );
      const second = advanceEnrollment(
        workflow,
        { ...result.enrollment, id: 'another-enrollment' },
        contactWith(),
        dueAt,
        context,
      );

      expect(first.actions[0]).toMatchObject({
        type: 'assignOwner',
        ownerId: '71000001',
        by: 'roundRobin',
      });
      expect(second.actions[0]).toMatchObject({ ownerId: '71000002' });
    });

    it('assigns by rule when one matches', () => {
      const { result } = runOnce(
        assign,
        contactWith({}, { persona: 'executive' }),
      );

      expect(result.actions[0]).toMatchObject({
        type: 'assignOwner',
        ownerId: '71000003',
        by: 'rule',
      });
    });

    it('keeps an owner the contact already has', () => {
      const owned = contactWith(
        {
          properties: {
            email: 'lead-001@example.com',
            hubspot_owner_id: '71000002',
          },
        },
        { persona: 'executive' },
      );

      const { result } = runOnce(assign, owned);

      expect(result.actions.map((action) => action.type)).toEqual([
        'enrollmentEnded',
      ]);
    });
  });

  describe('enroll', () => {
    it('hands the contact over and ends the enrollment', () => {
      const { result } = runOnce(
        [{ type: 'enroll', workflowId: 'welcome' }],
        contactWith(),
      );

      expect(result.actions[0]).toMatchObject({
        type: 'enroll',
        targetWorkflowId: 'welcome',
      });
      expect(result.enrollment.status).toBe('completed');
      expect(result.enrollment.end).toEqual({
        reason: 'handedOver',
        detail: 'welcome',
      });
    });
  });

  describe('stop', () => {
    it('ends the enrollment without running later steps', () => {
      const { result } = runOnce(
        [
          {
            type: 'branch',
            criteria: [{ type: 'journeyStage', is: ['awareness'] }],
            then: [{ type: 'stop', reason: 'too early' }],
          },
          { type: 'sendEmail', contentId: 'guide-dashboards' },
        ],
        contactWith(),
      );

      expect(result.actions.map((action) => action.type)).toEqual([
        'enrollmentEnded',
      ]);
      expect(result.enrollment.end).toEqual({
        reason: 'stopStep',
        detail: 'too early',
      });
    });
  });

  describe('wait until a date property', () => {
    const webinar = NOW + 10 * DAY_MS;
    const waitForWebinar: WorkflowInput['steps'] = [
      {
        type: 'wait',
        untilDate: {
          property: 'webinar_date',
          offset: { days: 1 },
          before: true,
        },
      },
      { type: 'sendEmail', contentId: 'guide-dashboards' },
    ];

    it('waits until the offset before the date', () => {
      const contact = contactWith({
        properties: {
          email: 'lead-001@example.com',
          webinar_date: String(webinar),
        },
      });

      const { result } = runOnce(waitForWebinar, contact);

      expect(result.enrollment.dueAt).toBe(webinar - DAY_MS);
      expect(result.actions).toEqual([]);
    });

    it('goes on at once when the date is missing', () => {
      const { result } = runOnce(waitForWebinar, contactWith());

      expect(result.actions[0]).toMatchObject({ type: 'sendEmail' });
    });
  });

  describe('wait aligned to the send window', () => {
    it('ends the wait at the next window start', () => {
      const friday = Date.parse('2026-12-04T15:00:00Z'); // 16:00 CET

      const { result } = runOnce(
        [
          { type: 'wait', for: { hours: 2 }, alignToSendWindow: true },
          { type: 'stop' },
        ],
        contactWith(),
        friday,
      );

      expect(new Date(result.enrollment.dueAt!).toISOString()).toBe(
        '2026-12-07T08:00:00.000Z',
      );
    });
  });
});
