import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  SimulatedContactsSchema,
  type SimulatedContact,
} from '#shared/core/workflows/simulation/input.ts';
import { simulateWorkflows } from '#shared/core/workflows/simulation/run.ts';
import { summarizeSimulation } from '#shared/core/workflows/simulation/summary.ts';
import { configWith, demoRaw, DAY_MS } from './fixtures.ts';
import { parseClientConfig } from '#shared/core/config/load.ts';

const START = Date.parse('2026-12-07T08:00:00Z'); // Monday 09:00 CET
const demo = parseClientConfig(demoRaw(), 'clients/demo.json');

function exampleContacts(): SimulatedContact[] {
  return SimulatedContactsSchema.parse(
    JSON.parse(readFileSync('examples/simulate.contacts.json', 'utf8')),
  );
}

function analyst(overrides: Partial<SimulatedContact> = {}): SimulatedContact {
  return SimulatedContactsSchema.parse([
    {
      id: 'sim-1',
      properties: {
        email: 'lead-010@example.com',
        buyer_role: 'analyst',
        industry: 'Software',
      },
      ...overrides,
    },
  ])[0]!;
}

describe('simulateWorkflows', () => {
  it('returns the same plan on every run', () => {
    const first = simulateWorkflows(demo, exampleContacts(), START, 40);
    const second = simulateWorkflows(demo, exampleContacts(), START, 40);

    expect(second.plan).toEqual(first.plan);
  });

  it('leaves the input contacts unchanged', () => {
    const contacts = exampleContacts();
    const copy = structuredClone(contacts);

    simulateWorkflows(demo, contacts, START, 40);

    expect(contacts).toEqual(copy);
  });

  describe('when a contact opts out', () => {
    it('sends nothing after the opt-out and ends with the unsubscribed goal', () => {
      const optOutAt = START + 1.5 * DAY_MS;
      const contact = analyst({
        changes: [{ day: 1.5, property: 'hs_email_optout', value: 'true' }],
      });

      const result = simulateWorkflows(demo, [contact], START, 30);

      const sends = result.plan.filter((entry) => entry.type === 'sendEmail');
      expect(sends.length).toBeGreaterThan(0);
      expect(sends.every((entry) => entry.at < optOutAt)).toBe(true);
      expect(result.plan).toContainEqual(
        expect.objectContaining({
          type: 'enrollmentEnded',
          goalId: 'unsubscribed',
        }),
      );
    });
  });

  describe('when a workflow hands over', () => {
    it('enrolls the contact in the newest version of the target', () => {
      const config = configWith(
        {
          id: 'first',
          version: 1,
          name: 'First',
          stage: 'awareness',
          trigger: { criteria: [{ type: 'persona', is: ['analyst'] }] },
          steps: [{ type: 'enroll', workflowId: 'second' }],
        },
        {
          id: 'second',
          version: 1,
          name: 'Second',
          stage: 'awareness',
          steps: [{ type: 'stop' }],
        },
        {
          id: 'second',
          version: 2,
          name: 'Second',
          stage: 'awareness',
          steps: [{ type: 'stop' }],
        },
      );

      const result = simulateWorkflows(config, [analyst()], START, 1);

      expect(
        result.enrollments.map((item) => [item.workflowId, item.version]),
      ).toEqual([
        ['first', 1],
        ['second', 2],
      ]);
      expect(result.enrollments[1]?.source).toEqual({
        kind: 'handOver',
        fromEnrollmentId: result.enrollments[0]?.id,
      });
    });
  });
});

describe('summarizeSimulation', () => {
  it('counts every send and enrollment of the plan per version', () => {
    const result = simulateWorkflows(demo, exampleContacts(), START, 40);

    const summary = summarizeSimulation(result, demo.email.timeZone);

    const sent = result.plan.filter(
      (entry) => entry.type === 'sendEmail',
    ).length;
    const enrolled = result.plan.filter(
      (entry) => entry.type === 'enrolled',
    ).length;
    expect(sent).toBeGreaterThan(0);
    expect(
      summary.versions.reduce((total, item) => total + item.emailsSent, 0),
    ).toBe(sent);
    expect(
      summary.days.reduce((total, item) => total + item.emailsSent, 0),
    ).toBe(sent);
    expect(
      summary.versions.reduce((total, item) => total + item.enrolled, 0),
    ).toBe(enrolled);
  });

  it('dates days in the client time zone', () => {
    const lateEvening = Date.parse('2026-12-07T23:30:00Z'); // 00:30 on 8 December in Amsterdam
    const result = {
      start: lateEvening,
      end: lateEvening + DAY_MS,
      enrollments: [],
      plan: [
        {
          type: 'sendEmail' as const,
          contentId: 'guide-dashboards',
          key: 'e/0/0',
          enrollmentId: 'e',
          contactId: 'sim-1',
          workflowId: 'welcome',
          version: 1,
          path: '0',
          at: lateEvening,
        },
      ],
    };

    const summary = summarizeSimulation(result, 'Europe/Amsterdam');

    expect(summary.days[0]?.date).toBe('2026-12-08');
  });
});
