import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseClientConfig } from '#shared/core/config/load.ts';
import type { ReplayContact } from '#shared/core/replay/rows.ts';
import { replayThroughCore } from '#shared/core/replay/score.ts';
import { scoreContact } from '#shared/core/scoring/index.ts';

const NOW = Date.UTC(2026, 0, 1);

function exampleConfig() {
  return parseClientConfig(
    JSON.parse(readFileSync('examples/x-education.config.json', 'utf8')),
  );
}

function contacts(count: number): ReplayContact[] {
  return Array.from({ length: count }, (_, index) => ({
    id: `lead-${index}`,
    properties: {
      occupation: index % 2 === 0 ? 'Working Professional' : 'Student',
    },
    interactions: [
      {
        id: `lead-${index}:0`,
        kind: 'visit',
        occurredAt: NOW,
        quantity: index,
      },
    ],
    channel: 'Google',
  }));
}

describe('replayThroughCore', () => {
  it('returns the core score of each contact in order', async () => {
    const config = exampleConfig();
    const input = contacts(3);

    const scores = await replayThroughCore(input, config, NOW);

    expect(scores).toEqual(
      input.map((contact) => scoreContact(config, contact, NOW)),
    );
  });

  it('reports progress up to the total', async () => {
    const progress: [number, number][] = [];

    await replayThroughCore(
      contacts(1200),
      exampleConfig(),
      NOW,
      (done, total) => progress.push([done, total]),
    );

    expect(progress).toEqual([
      [500, 1200],
      [1000, 1200],
      [1200, 1200],
    ]);
  });
});
