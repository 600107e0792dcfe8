import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { describe, expect, it } from 'vitest';
import { MappingError, parseReplayMapping } from '#shared/core/replay/load.ts';
import {
  ReplayMappingSchema,
  type ReplayMappingInput,
} from '#shared/core/replay/mapping.ts';

function minimalMapping(): ReplayMappingInput {
  return {
    id: 'Prospect ID',
    properties: { 'What is your current occupation': 'occupation' },
    events: [{ from: 'count', column: 'TotalVisits', kind: 'visit' }],
    channel: { column: 'Lead Source' },
    outcome: { column: 'Converted', positiveValues: ['1'] },
    salesFeedback: ['Tags', 'Lead Quality'],
  };
}

describe('parseReplayMapping', () => {
  it('accepts the X Education example', () => {
    const raw = JSON.parse(
      readFileSync('examples/x-education.mapping.json', 'utf8'),
    );

    const mapping = parseReplayMapping(raw);

    expect(mapping.salesFeedback).toContain('Tags');
    expect(mapping.salesFeedback).toContain('Lead Quality');
  });

  it('fills in defaults', () => {
    const mapping = parseReplayMapping(minimalMapping());

    expect(mapping.periodDays).toBe(30);
    expect(mapping.unknownValues).toEqual([]);
    expect(mapping.events[0]).toMatchObject({ maxEvents: 100 });
  });

  describe('when a sales-feedback column is a score input', () => {
    it('rejects it as a contact property', () => {
      const raw = minimalMapping();
      raw.properties = { Tags: 'tags' };

      expect(() => parseReplayMapping(raw)).toThrow(MappingError);
      expect(() => parseReplayMapping(raw)).toThrow(
        /properties\.Tags: "Tags" is marked as sales feedback, so it cannot be used as property/,
      );
    });

    it('rejects it as an event column', () => {
      const raw = minimalMapping();
      raw.events = [
        {
          from: 'category',
          column: 'Lead Quality',
          kinds: { 'High in Relevance': 'contactRequest' },
        },
      ];

      expect(() => parseReplayMapping(raw)).toThrow(
        /events\.0\.column: "Lead Quality" is marked as sales feedback/,
      );
    });

    it('rejects it as the multiplier of a count', () => {
      const raw = minimalMapping();
      raw.events = [
        {
          from: 'count',
          column: 'TotalVisits',
          kind: 'visit',
          multiplyBy: 'Tags',
        },
      ];

      expect(() => parseReplayMapping(raw)).toThrow(/events\.0\.multiplyBy/);
    });

    it('rejects it as the channel', () => {
      const raw = minimalMapping();
      raw.channel = { column: 'Tags' };

      expect(() => parseReplayMapping(raw)).toThrow(/channel\.column/);
    });

    it('lists every misuse in one error', () => {
      const raw = minimalMapping();
      raw.properties = { Tags: 'tags', 'Lead Quality': 'lead_quality' };

      let error: unknown;
      try {
        parseReplayMapping(raw);
      } catch (caught) {
        error = caught;
      }

      expect(error).toBeInstanceOf(MappingError);
      expect((error as MappingError).problems).toHaveLength(2);
    });
  });

  describe('when the mapping is malformed', () => {
    it('names the path and the value of a bad interaction kind', () => {
      const raw = minimalMapping();
      raw.events = [
        { from: 'count', column: 'TotalVisits', kind: 'visits' as 'visit' },
      ];

      expect(() => parseReplayMapping(raw, 'm.json')).toThrow(
        /Invalid replay mapping m\.json:\n {2}- events\.0\.kind: .* \(found "visits"\)/,
      );
    });

    it('reports an unknown key with a fix', () => {
      const raw = { ...minimalMapping(), propertys: {} };

      expect(() => parseReplayMapping(raw)).toThrow(
        /unknown key\(s\) propertys; remove or fix the spelling/,
      );
    });

    it('reports a missing id column', () => {
      const raw: Partial<ReplayMappingInput> = minimalMapping();
      delete raw.id;

      expect(() => parseReplayMapping(raw)).toThrow(/id: .*\(found missing\)/);
    });
  });
});

describe('ReplayMappingSchema', () => {
  it('converts to a JSON Schema for editors', () => {
    const schema = z.toJSONSchema(ReplayMappingSchema, { io: 'input' });

    expect(schema).toHaveProperty('properties.salesFeedback');
    expect(schema).toHaveProperty('properties.events');
  });
});
