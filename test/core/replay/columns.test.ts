import { describe, expect, it } from 'vitest';
import {
  checkMappingColumns,
  closeMatches,
} from '#shared/core/replay/columns.ts';
import { parseReplayMapping } from '#shared/core/replay/load.ts';

const HEADER = [
  'Prospect ID',
  'TotalVisits',
  'Total Time Spent on Website',
  'Lead Source',
  'Converted',
  'Tags',
];

function mapping(visitsColumn: string) {
  return parseReplayMapping({
    id: 'Prospect ID',
    events: [{ from: 'count', column: visitsColumn, kind: 'visit' }],
    channel: { column: 'Lead Source' },
    outcome: { column: 'Converted', positiveValues: ['1'] },
    salesFeedback: ['Tags'],
  });
}

describe('checkMappingColumns', () => {
  it('accepts a mapping whose columns are all in the header', () => {
    expect(() =>
      checkMappingColumns(mapping('TotalVisits'), HEADER),
    ).not.toThrow();
  });

  describe('when a column is missing', () => {
    it('names it, its place in the mapping and close matches', () => {
      expect(() =>
        checkMappingColumns(mapping('Total Visits'), HEADER, 'leads.csv'),
      ).toThrow(
        /"Total Visits" \(mapping events\.0\.column\) is not a column of leads\.csv; close matches: "TotalVisits"/,
      );
    });

    it('says so when nothing is close', () => {
      expect(() =>
        checkMappingColumns(mapping('Webinar attendance'), HEADER),
      ).toThrow(/no similar column/);
    });
  });
});

describe('closeMatches', () => {
  it('ignores case and spacing', () => {
    expect(closeMatches('lead source', HEADER)).toEqual(['Lead Source']);
  });

  it('finds a name contained in a header name', () => {
    expect(closeMatches('Time Spent', HEADER)).toContain(
      'Total Time Spent on Website',
    );
  });
});
