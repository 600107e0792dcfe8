import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type {
  ContactSnapshot,
  InteractionEvent,
} from '#shared/core/contact.ts';
import { ScoreSchema } from '#shared/core/contact.ts';
import { explainChange } from '#shared/core/scoring/explain.ts';
import { scoreContact } from '#shared/core/scoring/score.ts';
import { SUMMARY_MAX_LENGTH } from '#shared/core/scoring/summary.ts';
import { interactionArbitrary, shuffledPairArbitrary } from './arbitraries.ts';
import { DAY_MS, NOW, demoConfig } from './demo-config.ts';

const config = demoConfig();

const fittingAnalyst = {
  email: 'lead-001@example.com',
  industry: 'Software',
  company_size: '250',
  country: 'Germany',
  jobtitle: 'Marketing Manager',
  buyer_role: 'analyst',
};

function event(
  id: string,
  kind: InteractionEvent['kind'],
  daysAgo: number,
  extra: Partial<InteractionEvent> = {},
): InteractionEvent {
  return {
    id,
    kind,
    occurredAt: NOW - daysAgo * DAY_MS,
    quantity: 1,
    ...extra,
  };
}

const engaged: ContactSnapshot = {
  properties: fittingAnalyst,
  interactions: [
    event('v', 'visit', 2, { quantity: 5 }),
    event('k', 'keyPageView', 1, { page: 'pricing' }),
    event('c', 'contactRequest', 0, { contentId: 'demo-request' }),
    event('w', 'download', 10, { contentId: 'whitepaper-data-teams' }),
  ],
};

describe('scoreContact', () => {
  it('combines fit, engagement, persona and stage', () => {
    const score = scoreContact(config, engaged, NOW);

    expect(ScoreSchema.parse(score)).toEqual(score);
    expect(score.fit).toBe(65);
    expect(score.total).toBe(Math.round((65 + score.engagement) * 10) / 10);
    expect(score.engagement).toBeGreaterThanOrEqual(50);
    expect(score.qualification).toBe('sql');
    expect(score.persona).toBe('analyst');
    expect(score.personaMatchedBy).toBe('answer');
    expect(score.journeyStage).toBe('decision');
    expect(score.scoredAt).toBe(NOW);
    expect(score.reasons.map((reason) => reason.rule)).toEqual([
      'industry-target',
      'company-size',
      'country-served',
      'manager-title',
      'visit',
      'keyPageView:pricing',
      'download:whitepaper-data-teams',
      'contactRequest:demo-request',
    ]);
  });

  it('writes a summary with the largest rules first', () => {
    const score = scoreContact(config, engaged, NOW);

    expect(score.summary).toMatch(
      /^SQL: fit 65 \(company-size \+20, industry-target \+20, country-served \+15, manager-title \+10\), engagement [\d.]+ \(contactRequest:demo-request \+25, /,
    );
  });

  describe('when a disqualifier holds', () => {
    it('adds the disqualifier at full weight', () => {
      const snapshot = {
        ...engaged,
        properties: { ...fittingAnalyst, email: 'lead-002@Competitor.example' },
      };

      const score = scoreContact(config, snapshot, NOW);
      const clean = scoreContact(config, engaged, NOW);

      expect(score.engagement).toBe(
        Math.round((clean.engagement - 100) * 10) / 10,
      );
      expect(score.reasons.at(-1)).toMatchObject({
        rule: 'disqualifier:competitor',
        points: -100,
      });
      expect(score.qualification).toBe('mql');
    });

    it('adds nothing when the property is unknown', () => {
      const score = scoreContact(
        config,
        { ...engaged, properties: { ...fittingAnalyst, email: null } },
        NOW,
      );

      expect(
        score.reasons.some((reason) => reason.rule.startsWith('disqualifier')),
      ).toBe(false);
    });
  });

  describe('when fit fields are unknown', () => {
    it('stays a lead and names what is missing', () => {
      const score = scoreContact(
        config,
        { properties: { country: 'Belgium' }, interactions: [] },
        NOW,
      );

      expect(score.qualification).toBe('lead');
      expect(score.unknownFitFields).toEqual([
        'company_size',
        'industry',
        'jobtitle',
      ]);
      expect(score.failedRequired).toEqual(['industry-target']);
      expect(score.summary).toBe(
        'Lead: fit 15 (country-served +15; required not met: industry-target), engagement 0',
      );
    });
  });

  describe('when the summary is long', () => {
    it(`stays within ${SUMMARY_MAX_LENGTH} characters`, () => {
      const crowded = demoConfig();
      crowded.engagement.keyPages = Array.from({ length: 30 }, (_, index) => ({
        id: `a-rather-long-key-page-name-${index}`,
        urlContains: `/page-${index}`,
        points: index + 1,
        decisionSignal: false,
      }));
      const interactions = crowded.engagement.keyPages.map((page) =>
        event(page.id, 'keyPageView', 0, { page: page.id }),
      );
      delete crowded.engagement.weights.keyPageView;

      const score = scoreContact(
        crowded,
        { properties: fittingAnalyst, interactions },
        NOW,
      );

      expect(score.summary.length).toBeLessThanOrEqual(SUMMARY_MAX_LENGTH);
      expect(score.summary).toMatch(/\+\d+ more\)$/);
      expect(score.summary).toContain('a-rather-long-key-page-name-29 +30');
    });

    it('cuts ids that alone are too long', () => {
      const odd = demoConfig();
      odd.fit.criteria[0]!.id = 'x'.repeat(300);

      const score = scoreContact(
        odd,
        { properties: { country: 'Belgium' }, interactions: [] },
        NOW,
      );

      expect(score.summary).toHaveLength(SUMMARY_MAX_LENGTH);
      expect(score.summary.endsWith('...')).toBe(true);
    });
  });

  describe('properties', () => {
    it('gives the same score for the same input and time', () => {
      fc.assert(
        fc.property(fc.array(interactionArbitrary()), (interactions) => {
          const snapshot = { properties: fittingAnalyst, interactions };
          const replayed = JSON.parse(
            JSON.stringify(snapshot),
          ) as ContactSnapshot;

          expect(scoreContact(demoConfig(), replayed, NOW)).toEqual(
            scoreContact(config, snapshot, NOW),
          );
        }),
      );
    });

    it('does not depend on event order', () => {
      fc.assert(
        fc.property(
          shuffledPairArbitrary(interactionArbitrary()),
          ([list, shuffled]) => {
            expect(
              scoreContact(
                config,
                { properties: fittingAnalyst, interactions: shuffled },
                NOW,
              ),
            ).toEqual(
              scoreContact(
                config,
                { properties: fittingAnalyst, interactions: list },
                NOW,
              ),
            );
          },
        ),
      );
    });

    it('keeps every summary within the limit', () => {
      fc.assert(
        fc.property(
          fc.array(interactionArbitrary(), { maxLength: 40 }),
          (interactions) => {
            const score = scoreContact(
              config,
              { properties: fittingAnalyst, interactions },
              NOW,
            );

            expect(score.summary.length).toBeLessThanOrEqual(
              SUMMARY_MAX_LENGTH,
            );
          },
        ),
      );
    });
  });
});

describe('explainChange', () => {
  it('describes a first score by its summary', () => {
    const score = scoreContact(config, engaged, NOW);

    expect(explainChange(undefined, score)).toBe(
      `first score: ${score.summary}`,
    );
  });

  it('names the rules that moved', () => {
    const before = scoreContact(
      config,
      {
        properties: { ...fittingAnalyst, industry: 'Banking' },
        interactions: [],
      },
      NOW,
    );
    const after = scoreContact(
      config,
      {
        properties: fittingAnalyst,
        interactions: [event('k', 'keyPageView', 0, { page: 'pricing' })],
      },
      NOW,
    );

    expect(explainChange(before, after)).toBe(
      'qualification lead -> mql; fit 45 -> 65 (+20: industry-target +20 new); ' +
        'engagement 0 -> 10 (+10: keyPageView:pricing +10 new); journey awareness -> decision',
    );
  });

  it('shows decay as rules shrinking', () => {
    const snapshot = {
      properties: fittingAnalyst,
      interactions: [event('v', 'visit', 0, { quantity: 5 })],
    };
    const before = scoreContact(config, snapshot, NOW);
    const after = scoreContact(config, snapshot, NOW + 30 * DAY_MS);

    expect(explainChange(before, after)).toBe(
      'engagement 10 -> 5 (-5: visit 10 -> 5)',
    );
  });

  it('reports no change', () => {
    const score = scoreContact(config, engaged, NOW);

    expect(explainChange(score, structuredClone(score))).toBe('no change');
  });
});
