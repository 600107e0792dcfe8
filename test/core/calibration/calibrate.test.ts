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
});
