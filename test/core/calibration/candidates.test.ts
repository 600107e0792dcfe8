import { describe, expect, it } from 'vitest';
import { addCandidateCriteria } from '#shared/core/calibration/candidates.ts';
import { checkClientConfig } from '#shared/core/config/load.ts';
import type { ContactSnapshot } from '#shared/core/contact.ts';
import { smallConfig } from './small-config.ts';

const OPTIONS = { minSupport: 3, tiers: 3 };

function contacts(
  values: readonly Record<string, string | null>[],
): ContactSnapshot[] {
  return values.map((properties) => ({ properties, interactions: [] }));
}

function repeat(
  properties: Record<string, string | null>,
  count: number,
): Record<string, string | null>[] {
  return Array.from({ length: count }, () => properties);
}

describe('addCandidateCriteria', () => {
  describe('when a property is tested with equals', () => {
    it('adds a criterion per other value with enough contacts', () => {
      const snapshots = contacts([
        ...repeat({ occupation: 'Professional' }, 5),
        ...repeat({ occupation: 'Retired' }, 4),
        ...repeat({ occupation: 'Pilot' }, 2),
      ]);

      const { config, generated } = addCandidateCriteria(
        smallConfig(),
        snapshots,
        OPTIONS,
      );

      const added = config.fit.criteria.filter((c) => generated.has(c.id));
      expect(added.map((c) => c.when)).toEqual([
        { op: 'equals', property: 'occupation', value: 'Retired' },
      ]);
      expect(added[0]!.points).toBe(0);
    });

    it('keeps the most common spelling of a value', () => {
      const snapshots = contacts([
        ...repeat({ occupation: 'Retired' }, 3),
        ...repeat({ occupation: 'retired ' }, 1),
      ]);

      const { config, generated } = addCandidateCriteria(
        smallConfig(),
        snapshots,
        OPTIONS,
      );

      const added = config.fit.criteria.filter((c) => generated.has(c.id));
      expect(added).toHaveLength(1);
      expect(added[0]!.when).toMatchObject({ value: 'Retired' });
    });
  });

  describe('when a property is tested with range', () => {
    it('adds range tiers of that property', () => {
      const config = smallConfig({
        fit: {
          criteria: [
            {
              id: 'long-visit',
              when: { op: 'range', property: 'seconds', min: 600 },
              points: 10,
            },
          ],
        },
      });
      const snapshots = contacts(
        Array.from({ length: 30 }, (_, index) => ({
          seconds: String(index * 50),
        })),
      );

      const expanded = addCandidateCriteria(config, snapshots, OPTIONS);

      const tiers = expanded.config.fit.criteria.filter((c) =>
        expanded.generated.has(c.id),
      );
      expect(tiers.length).toBeGreaterThan(1);
      expect(tiers.every((c) => c.when.op === 'range')).toBe(true);
      expect(tiers.map((c) => c.when)).toContainEqual(
        expect.objectContaining({ min: 600 }),
      );
    });
  });

  it('writes a config that loads, with unique ids', () => {
    const snapshots = contacts([
      ...repeat({ occupation: 'Team Lead / Manager' }, 3),
      ...repeat({ occupation: 'team lead, manager!' }, 3),
    ]);

    const { config } = addCandidateCriteria(smallConfig(), snapshots, OPTIONS);

    const ids = config.fit.criteria.map((c) => c.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(checkClientConfig(config).ok).toBe(true);
  });

  it('ignores properties no criterion tests', () => {
    const snapshots = contacts(repeat({ country: 'Norway' }, 10));

    const { generated } = addCandidateCriteria(
      smallConfig(),
      snapshots,
      OPTIONS,
    );

    expect(generated.size).toBe(0);
  });
});
