import { describe, expect, it } from 'vitest';
import { configFeatures } from '#shared/core/calibration/features.ts';
import {
  configFromModel,
  nextCalibratedVersion,
} from '#shared/core/calibration/points.ts';
import { checkClientConfig } from '#shared/core/config/load.ts';
import { smallConfig } from './small-config.ts';

const THRESHOLDS = { mqlFit: 5, sqlEngagement: 2, sqlTotal: 12 };

function calibrated(weights: number[]) {
  const config = smallConfig();
  return configFromModel(
    config,
    configFeatures(config),
    { intercept: -3, weights },
    10,
    THRESHOLDS,
  );
}

describe('configFromModel', () => {
  it('writes whole points for criteria', () => {
    const config = calibrated([1.234, -0.56, 0.1, 0.05]);

    expect(config.fit.criteria.map((criterion) => criterion.points)).toEqual([
      12, -6,
    ]);
  });

  it('writes interaction points to one decimal', () => {
    const config = calibrated([1, 1, 0.123, 0.05]);

    expect(config.engagement.weights.visit?.points).toBe(1.2);
    expect(config.engagement.weights.emailOpen?.points).toBe(0.5);
  });

  it('keeps the cap in events as the points change', () => {
    // The input caps visits at 10 points of 2 each: 5 visits.
    const config = calibrated([1, 1, 0.3, 0.05]);

    expect(config.engagement.weights.visit).toEqual({ points: 3, cap: 15 });
  });

  it('drops the cap of a kind fitted to 0 points', () => {
    const config = calibrated([1, 1, 0.001, 0.05]);

    expect(config.engagement.weights.visit).toEqual({ points: 0 });
  });

  it('sets the thresholds and removes persona overrides', () => {
    const config = calibrated([1, 1, 0.3, 0.05]);

    expect(config.thresholds).toEqual(THRESHOLDS);
    expect(config.personas.items[0]?.traits.sqlEngagement).toBeUndefined();
    expect(config.personas.items[0]?.traits.followUpDelayDays).toBe(0);
  });

  it('writes a config the schema accepts', () => {
    const config = calibrated([1.5, -2, 0.3, -0.4]);

    expect(checkClientConfig(config).ok).toBe(true);
  });
});

describe('nextCalibratedVersion', () => {
  it('appends -cal1 to a hand-written version', () => {
    expect(nextCalibratedVersion('1.0')).toBe('1.0-cal1');
  });

  it('counts up a calibrated version', () => {
    expect(nextCalibratedVersion('1.0-cal9')).toBe('1.0-cal10');
  });
});
