import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { replayMappingJsonSchema } from '../../cli/replay.ts';
import { checkClientConfig } from '#shared/core/config/load.ts';
import { parseReplayMapping } from '#shared/core/replay/load.ts';

function readJson(path: string): unknown {
  return JSON.parse(readFileSync(path, 'utf8'));
}

describe('X Education examples', () => {
  it('has a valid client config', () => {
    const result = checkClientConfig(
      readJson('examples/x-education.config.json'),
    );

    expect(result.ok).toBe(true);
  });

  it('keeps sales feedback out of the config inputs', () => {
    const mapping = parseReplayMapping(
      readJson('examples/x-education.mapping.json'),
    );
    const text = readFileSync('examples/x-education.config.json', 'utf8');

    for (const column of mapping.salesFeedback) {
      expect(Object.keys(mapping.properties)).not.toContain(column);
      expect(text).not.toContain(`"${column}"`);
    }
  });

  it('ships the mapping JSON Schema the code generates', () => {
    expect(readJson('examples/replay-mapping.schema.json')).toEqual(
      replayMappingJsonSchema(),
    );
  });
});
