import { describe, expect, it } from 'vitest';
import type { InteractionEvent } from '#shared/core/contact.ts';
import { inferJourneyStage } from '#shared/core/scoring/journey.ts';
import { DAY_MS, NOW, demoConfig } from './demo-config.ts';

const config = demoConfig();

function event(
  kind: InteractionEvent['kind'],
  extra: Partial<InteractionEvent> = {},
): InteractionEvent {
  return {
    id: `${kind}-${extra.contentId ?? extra.page ?? ''}`,
    kind,
    occurredAt: NOW - DAY_MS,
    quantity: 1,
    ...extra,
  };
}

describe('inferJourneyStage', () => {
  it('starts at awareness', () => {
    expect(inferJourneyStage(config, [], NOW)).toBe('awareness');
    expect(inferJourneyStage(config, [event('visit')], NOW)).toBe('awareness');
  });

  it('takes the furthest stage of the content consumed', () => {
    const interactions = [
      event('pageView', { contentId: 'blog-reporting-pitfalls' }),
      event('download', { contentId: 'whitepaper-data-teams' }),
      event('pageView', { contentId: 'checklist-kpis' }),
    ];

    expect(inferJourneyStage(config, interactions, NOW)).toBe('consideration');
  });

  it('counts content that a counter scored', () => {
    const interactions = [
      event('pageView', {
        contentId: 'casestudy-retailer',
        countedByCounter: true,
      }),
    ];

    expect(inferJourneyStage(config, interactions, NOW)).toBe('decision');
  });

  describe('when a decision signal happens', () => {
    it('moves to decision on a contact request', () => {
      expect(inferJourneyStage(config, [event('contactRequest')], NOW)).toBe(
        'decision',
      );
    });

    it('moves to decision on a decision key page', () => {
      const interactions = [event('keyPageView', { page: 'pricing' })];

      expect(inferJourneyStage(config, interactions, NOW)).toBe('decision');
    });

    it('ignores a key page that is no decision signal', () => {
      const quiet = demoConfig();
      quiet.engagement.keyPages[0]!.decisionSignal = false;
      const interactions = [event('keyPageView', { page: 'pricing' })];

      expect(inferJourneyStage(quiet, interactions, NOW)).toBe('awareness');
    });
  });

  it('ignores unknown content and future events', () => {
    const interactions = [
      event('download', { contentId: 'not-in-the-map' }),
      event('contactRequest', { occurredAt: NOW + 1 }),
    ];

    expect(inferJourneyStage(config, interactions, NOW)).toBe('awareness');
  });
});
