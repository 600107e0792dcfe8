import { describe, expect, it } from 'vitest';
import {
  configFeatures,
  featureMatrix,
} from '#shared/core/calibration/features.ts';
import type { InteractionEvent } from '#shared/core/contact.ts';
import { smallConfig } from './small-config.ts';

const NOW = Date.UTC(2026, 0, 1);
const DAY_MS = 86_400_000;

function visits(count: number, ageDays = 0): InteractionEvent[] {
  return Array.from({ length: count }, (_, index) => ({
    id: `visit-${index}`,
    kind: 'visit',
    occurredAt: NOW - ageDays * DAY_MS,
    quantity: 1,
  }));
}

describe('configFeatures', () => {
  it('lists criteria, then weighted kinds with their cap in events', () => {
    const features = configFeatures(smallConfig());

    expect(features).toEqual([
      { type: 'criterion', id: 'professional' },
      { type: 'criterion', id: 'student' },
      { type: 'interaction', kind: 'visit', unitCap: 5 },
      { type: 'interaction', kind: 'emailOpen' },
    ]);
  });
});

describe('featureMatrix', () => {
  it('marks a met criterion with 1', () => {
    const { rows } = featureMatrix(
      smallConfig(),
      [{ properties: { occupation: 'Professional' }, interactions: [] }],
      NOW,
    );

    expect(rows[0]).toEqual([1, 0, 0, 0]);
  });

  it('counts interactions up to the cap in events', () => {
    const { rows } = featureMatrix(
      smallConfig(),
      [
        { properties: {}, interactions: visits(3) },
        { properties: {}, interactions: visits(8) },
      ],
      NOW,
    );

    // The visit cap is 10 points at 2 points per visit: 5 visits.
    expect(rows[0]?.[2]).toBe(3);
    expect(rows[1]?.[2]).toBe(5);
  });

  it('applies the config decay to the counts', () => {
    const config = smallConfig({
      engagement: {
        halfLifeDays: 10,
        weights: { visit: { points: 2, cap: 10 }, emailOpen: { points: 1 } },
      },
    });

    const { rows } = featureMatrix(
      config,
      [{ properties: {}, interactions: visits(2, 10) }],
      NOW,
    );

    // Two visits one half-life old count as one.
    expect(rows[0]?.[2]).toBeCloseTo(1, 3);
  });
});
