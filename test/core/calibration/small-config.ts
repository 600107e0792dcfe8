import type { ClientConfig } from '#shared/core/config/client.ts';
import { parseClientConfig } from '#shared/core/config/load.ts';

/** Builds a small valid config with two fit criteria and two interaction kinds, one capped. */
export function smallConfig(
  overrides: Partial<Record<string, unknown>> = {},
): ClientConfig {
  return parseClientConfig({
    client: { id: 'calibration-test', name: 'Calibration test' },
    version: '3',
    hubspot: { appId: 1 },
    fit: {
      criteria: [
        {
          id: 'professional',
          when: { op: 'equals', property: 'occupation', value: 'Professional' },
          points: 10,
        },
        {
          id: 'student',
          when: { op: 'equals', property: 'occupation', value: 'Student' },
          points: -5,
        },
      ],
    },
    engagement: {
      weights: {
        visit: { points: 2, cap: 10 },
        emailOpen: { points: 1 },
      },
    },
    thresholds: { mqlFit: 0, sqlEngagement: 0 },
    personas: {
      questionProperty: 'goal',
      items: [
        {
          id: 'climber',
          label: 'Career climber',
          answers: ['career'],
          traits: { sqlEngagement: 8 },
        },
      ],
    },
    channels: { property: 'source' },
    email: { from: 'nurture@example.com', timeZone: 'Europe/Amsterdam' },
    ...overrides,
  });
}
