import { describe, expect, it } from 'vitest';
import { channelTable } from '#shared/core/metrics/channels.ts';

describe('channelTable', () => {
  it('counts the funnel and outcome rate per channel', () => {
    const table = channelTable([
      { channel: 'Google', qualification: 'sql', outcome: true },
      { channel: 'Google', qualification: 'mql', outcome: false },
      { channel: 'Google', qualification: 'lead', outcome: true },
      { channel: 'Reference', qualification: 'sql', outcome: true },
    ]);

    expect(table.Google).toEqual({
      contacts: 3,
      mql: 2,
      sql: 1,
      mqlToSqlRate: 0.5,
      withOutcome: 3,
      outcomeRate: 2 / 3,
    });
    expect(table.Reference?.contacts).toBe(1);
    expect(table.Reference?.outcomeRate).toBe(1);
  });

  it('orders channels by number of contacts', () => {
    const table = channelTable([
      { channel: 'Small', qualification: 'lead' },
      { channel: 'Large', qualification: 'lead' },
      { channel: 'Large', qualification: 'lead' },
    ]);

    expect(Object.keys(table)).toEqual(['Large', 'Small']);
  });

  describe('when outcomes are unknown', () => {
    it('leaves the rates undefined', () => {
      const table = channelTable([{ channel: 'Email', qualification: 'lead' }]);

      expect(table.Email?.withOutcome).toBe(0);
      expect(table.Email?.outcomeRate).toBeNull();
      expect(table.Email?.mqlToSqlRate).toBeNull();
    });
  });
});
