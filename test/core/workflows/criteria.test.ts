import { describe, expect, it } from 'vitest';
import type { Criterion } from '#shared/core/config/workflows.ts';
import type { InteractionEvent } from '#shared/core/contact.ts';
import { meetsCriteria } from '#shared/core/workflows/criteria.ts';
import {
  configWith,
  contactWith,
  DAY_MS,
  NOW,
  simpleWorkflow,
} from './fixtures.ts';

const config = configWith(simpleWorkflow());

function event(
  kind: InteractionEvent['kind'],
  daysAgo: number,
  extra: Partial<InteractionEvent> = {},
): InteractionEvent {
  return {
    id: `${kind}-${daysAgo}`,
    kind,
    occurredAt: NOW - daysAgo * DAY_MS,
    quantity: 1,
    ...extra,
  };
}

function meets(
  criteria: Criterion[],
  interactions: InteractionEvent[] = [],
  properties = {},
) {
  const contact = contactWith({
    interactions,
    properties: { email: 'lead-001@example.com', ...properties },
  });
  return meetsCriteria(criteria, {
    contact,
    now: NOW,
    config,
    enrolledAt: NOW - 3 * DAY_MS,
  });
}

describe('meetsCriteria', () => {
  it('tests interest in a topic through its content and key pages', () => {
    const criteria: Criterion[] = [
      { type: 'interest', topic: 'dashboards', minCount: 1 },
    ];

    expect(
      meets(criteria, [
        event('pageView', 1, { contentId: 'guide-dashboards' }),
      ]),
    ).toBe(true);
    expect(meets(criteria, [event('keyPageView', 1, { page: 'demo' })])).toBe(
      true,
    );
    expect(
      meets(criteria, [event('pageView', 1, { contentId: 'checklist-kpis' })]),
    ).toBe(false);
  });

  it('counts interactions within the given days only', () => {
    const criteria: Criterion[] = [
      {
        type: 'interaction',
        filter: { kinds: ['visit'] },
        minCount: 2,
        withinDays: 7,
        sinceEnrollment: false,
      },
    ];

    expect(meets(criteria, [event('visit', 1), event('visit', 6)])).toBe(true);
    expect(meets(criteria, [event('visit', 1), event('visit', 8)])).toBe(false);
  });

  it('counts interactions since enrollment when asked', () => {
    const criteria: Criterion[] = [
      {
        type: 'interaction',
        filter: { kinds: ['emailClick'] },
        minCount: 1,
        sinceEnrollment: true,
      },
    ];

    expect(meets(criteria, [event('emailClick', 2)])).toBe(true);
    expect(meets(criteria, [event('emailClick', 4)])).toBe(false);
  });

  it('tells read from downloaded content', () => {
    const read: Criterion[] = [
      { type: 'consumed', contentId: 'whitepaper-data-teams', how: 'read' },
    ];
    const downloaded: Criterion[] = [
      {
        type: 'consumed',
        contentId: 'whitepaper-data-teams',
        how: 'downloaded',
      },
    ];
    const download = [
      event('download', 1, { contentId: 'whitepaper-data-teams' }),
    ];

    expect(meets(read, download)).toBe(false);
    expect(meets(downloaded, download)).toBe(true);
  });

  it('compares the lifecycle stage ignoring case', () => {
    const criteria: Criterion[] = [
      { type: 'lifecycleStage', is: ['customer'] },
    ];

    expect(meets(criteria, [], { lifecyclestage: 'Customer' })).toBe(true);
    expect(meets(criteria, [], { lifecyclestage: 'lead' })).toBe(false);
    expect(meets(criteria)).toBe(false);
  });

  it('tests score bounds inclusively', () => {
    expect(meets([{ type: 'score', part: 'total', min: 50 }])).toBe(true);
    expect(meets([{ type: 'score', part: 'total', min: 51 }])).toBe(false);
    expect(meets([{ type: 'score', part: 'fit', max: 40 }])).toBe(true);
  });

  it('combines checks with any and none', () => {
    const anyPersona: Criterion[] = [
      {
        type: 'any',
        of: [
          { type: 'persona', is: ['manager'] },
          { type: 'persona', is: ['analyst'] },
        ],
      },
    ];
    const notSql: Criterion[] = [
      { type: 'none', of: [{ type: 'qualification', is: ['sql'] }] },
    ];

    expect(meets(anyPersona)).toBe(true);
    expect(meets(notSql)).toBe(true);
    expect(
      meets([...anyPersona, { type: 'journeyStage', is: ['decision'] }]),
    ).toBe(false);
  });

  it('treats an opt-out as unsubscribed', () => {
    const criteria: Criterion[] = [{ type: 'unsubscribed' }];

    expect(meets(criteria, [], { hs_email_optout: 'true' })).toBe(true);
    expect(meets(criteria, [], { hs_email_optout: 'false' })).toBe(false);
  });

  it('fails a property check on an unknown value', () => {
    const criteria: Criterion[] = [
      {
        type: 'property',
        when: { op: 'range', property: 'company_size', min: 10 },
      },
    ];

    expect(meets(criteria, [], { company_size: '250' })).toBe(true);
    expect(meets(criteria)).toBe(false);
  });
});
