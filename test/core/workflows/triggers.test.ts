import { describe, expect, it } from 'vitest';
import {
  enrollContact,
  evaluateTriggers,
} from '#shared/core/workflows/triggers.ts';
import { endEnrollment } from '#shared/core/workflows/enrollment.ts';
import {
  configWith,
  contactWith,
  DAY_MS,
  NOW,
  simpleWorkflow,
} from './fixtures.ts';

const decisionTrigger = simpleWorkflow({
  trigger: { criteria: [{ type: 'journeyStage', is: ['decision'] }] },
  exitGoals: [
    { id: 'became-sql', criteria: [{ type: 'qualification', is: ['sql'] }] },
  ],
});

describe('evaluateTriggers', () => {
  describe('when the criteria become true', () => {
    it('enrolls the contact in the newest version', () => {
      const config = configWith(decisionTrigger, {
        ...decisionTrigger,
        version: 2,
      });
      const before = contactWith({}, { journeyStage: 'consideration' });
      const after = contactWith({}, { journeyStage: 'decision' });

      const decisions = evaluateTriggers(config, before, after, NOW, []);

      expect(decisions).toHaveLength(1);
      expect(decisions[0]).toMatchObject({
        enrolled: true,
        enrollment: { workflowId: 'welcome', version: 2, dueAt: NOW },
      });
    });
  });

  describe('when the criteria held before the change', () => {
    it('enrolls no one', () => {
      const config = configWith(decisionTrigger);
      const contact = contactWith({}, { journeyStage: 'decision' });

      const decisions = evaluateTriggers(config, contact, contact, NOW, []);

      expect(decisions).toEqual([]);
    });
  });

  describe('when the contact is new', () => {
    it('enrolls on criteria that hold now', () => {
      const config = configWith(decisionTrigger);

      const decisions = evaluateTriggers(
        config,
        undefined,
        contactWith({}, { journeyStage: 'decision' }),
        NOW,
        [],
      );

      expect(decisions[0]?.enrolled).toBe(true);
    });
  });

  describe('when an exit goal already holds', () => {
    it('skips the enrollment', () => {
      const config = configWith(decisionTrigger);

      const decisions = evaluateTriggers(
        config,
        undefined,
        contactWith({}, { journeyStage: 'decision', qualification: 'sql' }),
        NOW,
        [],
      );

      expect(decisions).toEqual([
        {
          enrolled: false,
          workflowId: 'welcome',
          version: 1,
          reason: 'goalAlreadyMet',
        },
      ]);
    });
  });

  describe('when the trigger names an event', () => {
    const eventTrigger = simpleWorkflow({
      trigger: {
        criteria: [{ type: 'persona', is: ['analyst'] }],
        event: { kinds: ['download'], contentId: 'checklist-kpis' },
      },
    });
    const download = {
      id: 'form-7',
      kind: 'download' as const,
      contentId: 'checklist-kpis',
      occurredAt: NOW,
      quantity: 1,
    };

    it('enrolls on a new matching interaction', () => {
      const config = configWith(eventTrigger);

      const decisions = evaluateTriggers(
        config,
        contactWith(),
        contactWith({ interactions: [download] }),
        NOW,
        [],
      );

      expect(decisions[0]?.enrolled).toBe(true);
    });

    it('ignores an interaction seen before', () => {
      const config = configWith(eventTrigger);
      const contact = contactWith({ interactions: [download] });

      const decisions = evaluateTriggers(config, contact, contact, NOW, []);

      expect(decisions).toEqual([]);
    });
  });
});

describe('enrollContact', () => {
  const config = configWith(
    simpleWorkflow({
      reenrollment: { policy: 'afterEnd', minDaysBetween: 30 },
    }),
    simpleWorkflow({ id: 'once' }),
  );

  it('skips a contact already active in the workflow', () => {
    const first = enrollContact(config, 'welcome', contactWith(), NOW, [], {
      kind: 'trigger',
    });
    if (!first.enrolled) throw new Error('expected an enrollment');

    const second = enrollContact(
      config,
      'welcome',
      contactWith(),
      NOW,
      [first.enrollment],
      {
        kind: 'trigger',
      },
    );

    expect(second).toMatchObject({ enrolled: false, reason: 'alreadyActive' });
  });

  it('re-enrolls only after the minimum days', () => {
    const first = enrollContact(config, 'welcome', contactWith(), NOW, [], {
      kind: 'trigger',
    });
    if (!first.enrolled) throw new Error('expected an enrollment');
    const ended = endEnrollment(first.enrollment, NOW, { reason: 'completed' });

    const tooSoon = enrollContact(
      config,
      'welcome',
      contactWith(),
      NOW + 29 * DAY_MS,
      [ended],
      {
        kind: 'trigger',
      },
    );
    const later = enrollContact(
      config,
      'welcome',
      contactWith(),
      NOW + 30 * DAY_MS,
      [ended],
      {
        kind: 'trigger',
      },
    );

    expect(tooSoon).toMatchObject({
      enrolled: false,
      reason: 'reenrollmentTooSoon',
    });
    expect(later.enrolled).toBe(true);
  });

  it('never re-enrolls under the default policy', () => {
    const first = enrollContact(config, 'once', contactWith(), NOW, [], {
      kind: 'trigger',
    });
    if (!first.enrolled) throw new Error('expected an enrollment');
    const ended = endEnrollment(first.enrollment, NOW, { reason: 'completed' });

    const again = enrollContact(
      config,
      'once',
      contactWith(),
      NOW + 365 * DAY_MS,
      [ended],
      {
        kind: 'trigger',
      },
    );

    expect(again).toMatchObject({
      enrolled: false,
      reason: 'reenrollmentNever',
    });
  });

  it('reports an unknown workflow', () => {
    const result = enrollContact(config, 'missing', contactWith(), NOW, [], {
      kind: 'trigger',
    });

    expect(result).toEqual({
      enrolled: false,
      workflowId: 'missing',
      reason: 'unknownWorkflow',
    });
  });
});
