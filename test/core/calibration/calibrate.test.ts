import { describe, expect, it } from 'vitest';
import {
  calibrateConfig,
  type CalibrationContact,
  type CalibrationOptions,
} from '#shared/core/calibration/calibrate.ts';
import { seededRandom } from '#shared/core/calibration/random.ts';
import { checkClientConfig } from '#shared/core/config/load.ts';
import type { InteractionEvent } from '#shared/core/contact.ts';
import { rocAuc } from '#shared/core/metrics/auc.ts';
import { scoreContact } from '#shared/core/scoring/index.ts';
import { smallConfig } from './small-config.ts';

const NOW = Date.UTC(2026, 0, 1);
const OPTIONS: CalibrationOptions = {
  folds: 5,
  seed: 42,
  objective: 'f1',
  l2: 1,
  pointsPerLogOdds: 10,
};

function visits(count: number, contact: number): InteractionEvent[] {
  return Array.from({ length: count }, (_, index) => ({
    id: `lead-${contact}-visit-${index}`,
    kind: 'visit',
    occurredAt: NOW - index * 3_600_000,
    quantity: 1,
  }));
}

/** Contacts whose outcome rises with being a professional and with visits, and falls for students. */
function syntheticContacts(size: number, seed: number): CalibrationContact[] {
  const random = seededRandom(seed);
  const occupations = ['Professional', 'Student', 'Other'];
  return Array.from({ length: size }, (_, index) => {
    const occupation = occupations[Math.floor(random() * 3)]!;
    const visitCount = Math.floor(random() * 9);
    const logOdds =
      (occupation === 'Professional' ? 2 : 0) -
      (occupation === 'Student' ? 1.5 : 0) +
      0.5 * Math.min(visitCount, 5) -
      1.5;
    return {
      properties: { occupation },
      interactions: visits(visitCount, index),
      outcome: random() < 1 / (1 + Math.exp(-logOdds)),
    };
  });
}

describe('calibrateConfig', () => {
  it('gives points the sign of each effect', () => {
    const result = calibrateConfig(
      smallConfig(),
      syntheticContacts(600, 1),
      NOW,
      OPTIONS,
    );

    const points = Object.fromEntries(
      result.points.map(({ feature, points }) => [feature, points]),
    );
    expect(points['criterion professional']).toBeGreaterThan(0);
    expect(points['criterion student']).toBeLessThan(0);
    expect(points['interaction visit']).toBeGreaterThan(0);
  });

  it('writes a valid config with a new version', () => {
    const result = calibrateConfig(
      smallConfig(),
      syntheticContacts(300, 2),
      NOW,
      OPTIONS,
    );

    expect(checkClientConfig(result.config).ok).toBe(true);
    expect(result.config.version).toBe('3-cal1');
    expect(result.config.thresholds.sqlTotal).toBeTypeOf('number');
  });

  it('reports folds, seed and every held-out contact once', () => {
    const contacts = syntheticContacts(300, 3);

    const { figures } = calibrateConfig(smallConfig(), contacts, NOW, OPTIONS);

    expect(figures.folds).toBe(5);
    expect(figures.seed).toBe(42);
    expect(figures.perFold).toHaveLength(5);
    const heldOut = figures.perFold.reduce(
      (sum, fold) => sum + fold.contacts,
      0,
    );
    expect(heldOut).toBe(300);
    expect(figures.auc).toBeGreaterThan(0.6);
  });

  it('returns the same result for the same seed', () => {
    const contacts = syntheticContacts(200, 4);

    const first = calibrateConfig(smallConfig(), contacts, NOW, OPTIONS);
    const second = calibrateConfig(smallConfig(), contacts, NOW, OPTIONS);

    expect(second).toEqual(first);
  });

  describe('when the outcome is noise', () => {
    it('reports a held-out AUC below the AUC on the fitted rows', () => {
      // 20 criteria on random properties: a fit can memorise the rows, so
      // only the held-out AUC stays near 0.5.
      const random = seededRandom(5);
      const criteria = Array.from({ length: 20 }, (_, index) => ({
        id: `noise-${index}`,
        when: { op: 'equals', property: `p${index}`, value: 'yes' },
        points: 1,
      }));
      const config = smallConfig({ fit: { criteria } });
      const contacts = Array.from({ length: 150 }, () => ({
        properties: Object.fromEntries(
          criteria.map((_, index) => [
            `p${index}`,
            random() < 0.5 ? 'yes' : 'no',
          ]),
        ),
        interactions: [],
        outcome: random() < 0.5,
      }));

      const result = calibrateConfig(config, contacts, NOW, {
        ...OPTIONS,
        l2: 0.01,
      });

      const fittedAuc = rocAuc(
        contacts.map(
          (contact) => scoreContact(result.config, contact, NOW).total,
        ),
        contacts.map((contact) => contact.outcome),
      );
      expect(fittedAuc).toBeGreaterThan(0.7);
      expect(result.figures.auc).toBeLessThan(0.6);
    });
  });

  it('leaves out contacts without an outcome and says so', () => {
    const contacts: CalibrationContact[] = [
      ...syntheticContacts(100, 6),
      { properties: {}, interactions: [] },
    ];

    const result = calibrateConfig(smallConfig(), contacts, NOW, OPTIONS);

    expect(result.figures.contacts).toBe(100);
    expect(result.notes.join(' ')).toMatch(/1 contact\(s\) without an outcome/);
  });

  it('says that persona threshold overrides were removed', () => {
    const result = calibrateConfig(
      smallConfig(),
      syntheticContacts(100, 7),
      NOW,
      OPTIONS,
    );

    expect(result.notes.join(' ')).toMatch(/persona\(s\) climber/);
  });

  it('rejects contacts with one outcome only', () => {
    const contacts = syntheticContacts(50, 8).map((contact) => ({
      ...contact,
      outcome: true,
    }));

    expect(() =>
      calibrateConfig(smallConfig(), contacts, NOW, OPTIONS),
    ).toThrow(/both outcomes/);
  });

  describe('when email opens go with the negative outcome', () => {
    // Opens are an engagement kind: a negative weight would only mirror
    // whatever the contacts without an open have in common.
    function contactsWithOpens(size: number): CalibrationContact[] {
      const random = seededRandom(9);
      return Array.from({ length: size }, (_, index) => {
        const opened = random() < 0.5;
        return {
          properties: { occupation: random() < 0.5 ? 'Professional' : 'Other' },
          interactions: opened
            ? [
                {
                  id: `lead-${index}-open`,
                  kind: 'emailOpen',
                  occurredAt: NOW,
                  quantity: 1,
                },
              ]
            : [],
          outcome: random() < (opened ? 0.2 : 0.7),
        };
      });
    }

    it('keeps the open weight at 0 or more', () => {
      const result = calibrateConfig(
        smallConfig(),
        contactsWithOpens(400),
        NOW,
        OPTIONS,
      );

      expect(result.config.engagement.weights.emailOpen?.points).toBe(0);
    });

    it('lets the weight turn negative with free signs', () => {
      const result = calibrateConfig(
        smallConfig(),
        contactsWithOpens(400),
        NOW,
        { ...OPTIONS, signConstraints: false },
      );

      expect(result.config.engagement.weights.emailOpen?.points).toBeLessThan(
        0,
      );
    });
  });

  describe('when candidate criteria are on', () => {
    // "Retired" converts most, but no criterion of the config names it.
    function contactsWithRetirees(size: number): CalibrationContact[] {
      const random = seededRandom(10);
      const occupations = ['Professional', 'Student', 'Retired', 'Other'];
      return Array.from({ length: size }, () => {
        const occupation = occupations[Math.floor(random() * 4)]!;
        const rate = occupation === 'Retired' ? 0.9 : 0.3;
        return {
          properties: { occupation },
          interactions: [],
          outcome: random() < rate,
        };
      });
    }

    it('gives points to a value no criterion named', () => {
      const result = calibrateConfig(
        smallConfig(),
        contactsWithRetirees(400),
        NOW,
        { ...OPTIONS, candidates: { minSupport: 20, tiers: 4 } },
      );

      const retired = result.config.fit.criteria.find(
        (criterion) =>
          criterion.when.op === 'equals' && criterion.when.value === 'Retired',
      );
      expect(retired?.points).toBeGreaterThan(0);
      expect(result.figures.candidateCriteria).toBe(2);
    });

    it('drops generated criteria that got no points', () => {
      const result = calibrateConfig(
        smallConfig(),
        contactsWithRetirees(400),
        NOW,
        { ...OPTIONS, l2: 1e6, candidates: { minSupport: 20, tiers: 4 } },
      );

      expect(result.config.fit.criteria.map((c) => c.id)).toEqual([
        'professional',
        'student',
      ]);
    });
  });

  it('chooses each fold penalty among the candidates', () => {
    const result = calibrateConfig(
      smallConfig(),
      syntheticContacts(300, 11),
      NOW,
      { ...OPTIONS, l2: [0.1, 10, 1000] },
    );

    for (const fold of result.figures.perFold) {
      expect([0.1, 10, 1000]).toContain(fold.l2);
    }
    expect(result.figures.l2Candidates).toEqual([0.1, 10, 1000]);
  });

  describe('when mqlRecall is set', () => {
    it('keeps that share of the converters as MQLs', () => {
      const contacts = syntheticContacts(400, 12);

      const result = calibrateConfig(smallConfig(), contacts, NOW, {
        ...OPTIONS,
        mqlRecall: 0.8,
      });

      const converters = contacts.filter((contact) => contact.outcome);
      const mql = converters.filter(
        (contact) =>
          scoreContact(result.config, contact, NOW).qualification !== 'lead',
      );
      expect(mql.length / converters.length).toBeGreaterThanOrEqual(0.8);
      expect(result.figures.mqlRecall).toBe(0.8);
      expect(result.figures.mql).toBeLessThan(400);
    });
  });
});
