import { describe, expect, it } from 'vitest';
import { UNKNOWN_PERSONA } from '#shared/core/config/personas.ts';
import { assignPersona } from '#shared/core/scoring/persona.ts';
import { demoConfig } from './demo-config.ts';

const config = demoConfig();

describe('assignPersona', () => {
  describe('when the question is answered', () => {
    it.each([
      ['I build the reports myself', 'analyst'],
      ['  i BUILD   the reports\tmyself ', 'analyst'],
      ['MANAGER', 'manager'],
      ['I decide on the budget', 'executive'],
    ])('maps %j to %s', (answer, persona) => {
      expect(assignPersona(config, { buyer_role: answer })).toEqual({
        persona,
        matchedBy: 'answer',
      });
    });

    it('prefers the answer over a fallback', () => {
      const assignment = assignPersona(config, {
        buyer_role: 'analyst',
        jobtitle: 'Director of data',
      });

      expect(assignment).toEqual({ persona: 'analyst', matchedBy: 'answer' });
    });
  });

  describe('when the answer is missing or not mapped', () => {
    it('uses the first fallback that holds', () => {
      const assignment = assignPersona(config, {
        buyer_role: 'something else',
        jobtitle: 'Sales Director',
      });

      expect(assignment).toEqual({
        persona: 'executive',
        matchedBy: 'fallback',
      });
    });

    it('tries fallbacks in config order', () => {
      const ordered = demoConfig();
      ordered.personas.fallbacks = [
        {
          when: { op: 'contains', property: 'jobtitle', value: 'data' },
          persona: 'analyst',
        },
        ...ordered.personas.fallbacks,
      ];

      const assignment = assignPersona(ordered, {
        jobtitle: 'Director of data',
      });

      expect(assignment.persona).toBe('analyst');
    });

    it('returns the unknown persona', () => {
      expect(assignPersona(config, { buyer_role: '' })).toEqual({
        persona: UNKNOWN_PERSONA,
        matchedBy: 'none',
      });
    });
  });
});
