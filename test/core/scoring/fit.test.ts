import { describe, expect, it } from 'vitest';
import { scoreFit } from '#shared/core/scoring/fit.ts';
import { demoConfig } from './demo-config.ts';

const config = demoConfig();
const fitting = {
  industry: 'Software',
  company_size: '250',
  country: 'Germany',
  jobtitle: 'Marketing Manager',
};

describe('scoreFit', () => {
  it('adds the points of every criterion that holds', () => {
    const fit = scoreFit(config, fitting);

    expect(fit.points).toBe(20 + 20 + 15 + 10);
    expect(fit.reasons.map((reason) => reason.rule)).toEqual([
      'industry-target',
      'company-size',
      'country-served',
      'manager-title',
    ]);
    expect(fit.reasons[0]?.detail).toBe('Works in a target industry');
    expect(fit.requiredMet).toBe(true);
    expect(fit.failedRequired).toEqual([]);
    expect(fit.unknownFields).toEqual([]);
  });

  it('subtracts negative points', () => {
    const fit = scoreFit(config, { ...fitting, jobtitle: 'Student' });

    expect(fit.points).toBe(20 + 20 + 15 - 30);
    expect(fit.reasons.at(-1)).toMatchObject({ rule: 'student', points: -30 });
  });

  describe('when fields are unknown', () => {
    it('lists them sorted and unique, with no points', () => {
      const fit = scoreFit(config, { country: 'Germany', company_size: '' });

      expect(fit.points).toBe(15);
      expect(fit.unknownFields).toEqual([
        'company_size',
        'industry',
        'jobtitle',
      ]);
    });

    it('fails a required criterion', () => {
      const fit = scoreFit(config, { ...fitting, industry: null });

      expect(fit.requiredMet).toBe(false);
      expect(fit.failedRequired).toEqual(['industry-target']);
      expect(fit.unknownFields).toEqual(['industry']);
    });

    it('treats a non-numeric range value as unknown', () => {
      const fit = scoreFit(config, { ...fitting, company_size: 'about 200' });

      expect(fit.unknownFields).toEqual(['company_size']);
      expect(fit.points).toBe(20 + 15 + 10);
    });

    it('lists the property of a known criterion', () => {
      const withPhone = {
        fit: {
          criteria: [
            {
              id: 'has-phone',
              when: { op: 'known' as const, property: 'phone' },
              points: 5,
              requiredForMql: true,
            },
          ],
        },
      };

      const fit = scoreFit(withPhone, {});

      expect(fit.unknownFields).toEqual(['phone']);
      expect(fit.failedRequired).toEqual(['has-phone']);
    });
  });

  it('fails a required criterion that is false', () => {
    const fit = scoreFit(config, { ...fitting, industry: 'Banking' });

    expect(fit.requiredMet).toBe(false);
    expect(fit.failedRequired).toEqual(['industry-target']);
    expect(fit.unknownFields).toEqual([]);
  });
});
