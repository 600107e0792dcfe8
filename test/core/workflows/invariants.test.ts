import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseClientConfig } from '#shared/core/config/load.ts';
import { isInSendWindow } from '#shared/core/schedule/send-window.ts';
import {
  SimulatedContactsSchema,
  type SimulatedContact,
} from '#shared/core/workflows/simulation/input.ts';
import { simulateWorkflows } from '#shared/core/workflows/simulation/run.ts';
import { DAY_MS, demoRaw } from './fixtures.ts';

const config = parseClientConfig(demoRaw(), 'clients/demo.json');
const START = Date.parse('2026-12-07T06:30:00Z');
const DAYS = 45;

const interaction = fc.oneof(
  fc.record({
    day: fc.double({ min: 0, max: DAYS, noNaN: true }),
    kind: fc.constantFrom('pageView' as const, 'download' as const),
    contentId: fc.constantFrom(...config.content.map((item) => item.id)),
  }),
  fc.record({
    day: fc.double({ min: 0, max: DAYS, noNaN: true }),
    kind: fc.constant('keyPageView' as const),
    page: fc.constantFrom('pricing', 'demo'),
  }),
  fc.record({
    day: fc.double({ min: 0, max: DAYS, noNaN: true }),
    kind: fc.constantFrom('contactRequest' as const, 'visit' as const),
  }),
);

const contact = fc.record({
  role: fc.constantFrom('analyst', 'manager', 'executive', 'unknown role'),
  industry: fc.constantFrom('Software', 'Retail', 'Farming'),
  interactions: fc.array(interaction, { maxLength: 8 }),
  optOutDay: fc.option(fc.double({ min: 0, max: DAYS, noNaN: true }), {
    nil: undefined,
  }),
  customerDay: fc.option(fc.double({ min: 0, max: DAYS, noNaN: true }), {
    nil: undefined,
  }),
});

type DrawnContact = typeof contact extends fc.Arbitrary<infer T> ? T : never;

function toContacts(drawn: DrawnContact[]): SimulatedContact[] {
  return SimulatedContactsSchema.parse(
    drawn.map((item, index) => ({
      id: `sim-${index}`,
      properties: {
        email: `lead-${index}@example.com`,
        buyer_role: item.role,
        industry: item.industry,
        company_size: '500',
      },
      interactions: item.interactions,
      changes: [
        ...(item.optOutDay === undefined
          ? []
          : [
              {
                day: item.optOutDay,
                property: 'hs_email_optout',
                value: 'true',
              },
            ]),
        ...(item.customerDay === undefined
          ? []
          : [
              {
                day: item.customerDay,
                property: 'lifecyclestage',
                value: 'customer',
              },
            ]),
      ],
    })),
  );
}

describe('demo workflows on random contacts', () => {
  it('keep every rule of sending', () => {
    let sendsChecked = 0;

    fc.assert(
      fc.property(
        fc.array(contact, { minLength: 1, maxLength: 4 }),
        (drawn) => {
          const contacts = toContacts(drawn);

          const result = simulateWorkflows(config, contacts, START, DAYS);

          const keys = result.plan.flatMap((entry) =>
            'key' in entry ? [entry.key] : [],
          );
          expect(new Set(keys).size).toBe(keys.length);
          const sends = result.plan.filter(
            (entry) => entry.type === 'sendEmail',
          );
          sendsChecked += sends.length;
          for (const send of sends) {
            expect(
              isInSendWindow(
                config.email.sendWindow,
                config.email.timeZone,
                send.at,
              ),
            ).toBe(true);
            const index = Number(send.contactId.slice('sim-'.length));
            const optOutDay = drawn[index]!.optOutDay;
            if (optOutDay !== undefined) {
              expect(send.at).toBeLessThan(
                START + Math.round(optOutDay * DAY_MS),
              );
            }
            const cap = config.email.frequencyCap;
            const inPeriod = sends.filter(
              (other) =>
                other.contactId === send.contactId &&
                other.at <= send.at &&
                other.at > send.at - cap.days * DAY_MS,
            );
            expect(inPeriod.length).toBeLessThanOrEqual(cap.emails);
          }
        },
      ),
      { numRuns: 100 },
    );

    // The rules above hold trivially without sends, so the runs must have some.
    expect(sendsChecked).toBeGreaterThan(0);
  });
});
