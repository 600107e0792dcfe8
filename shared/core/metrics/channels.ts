import type { Qualification } from '../contact.ts';

/** One scored contact as the channel table counts it. */
export interface ChannelObservation {
  channel: string;
  qualification: Qualification;
  /** The known outcome, or undefined when the source has none for this contact. */
  outcome?: boolean | undefined;
}

/** Funnel counts of one channel. */
export interface ChannelFigures {
  contacts: number;
  /** Contacts that reached MQL, including those that went on to SQL. */
  mql: number;
  sql: number;
  /** Share of MQLs that are SQLs; null without MQLs. */
  mqlToSqlRate: number | null;
  /** Contacts with a known outcome, and the share of them that is positive. */
  withOutcome: number;
  outcomeRate: number | null;
}

/** Counts contacts, MQLs, SQLs and the outcome rate per channel, channels sorted by contacts. */
export function channelTable(
  observations: Iterable<ChannelObservation>,
): Record<string, ChannelFigures> {
  const counts = new Map<
    string,
    {
      contacts: number;
      mql: number;
      sql: number;
      withOutcome: number;
      positive: number;
    }
  >();
  for (const observation of observations) {
    let count = counts.get(observation.channel);
    if (count === undefined) {
      count = { contacts: 0, mql: 0, sql: 0, withOutcome: 0, positive: 0 };
      counts.set(observation.channel, count);
    }
    count.contacts += 1;
    if (observation.qualification !== 'lead') count.mql += 1;
    if (observation.qualification === 'sql') count.sql += 1;
    if (observation.outcome !== undefined) {
      count.withOutcome += 1;
      if (observation.outcome) count.positive += 1;
    }
  }

  const sorted = [...counts].sort(
    ([nameA, a], [nameB, b]) =>
      b.contacts - a.contacts || nameA.localeCompare(nameB),
  );
  const table: Record<string, ChannelFigures> = {};
  for (const [channel, count] of sorted) {
    table[channel] = {
      contacts: count.contacts,
      mql: count.mql,
      sql: count.sql,
      mqlToSqlRate: count.mql === 0 ? null : count.sql / count.mql,
      withOutcome: count.withOutcome,
      outcomeRate:
        count.withOutcome === 0 ? null : count.positive / count.withOutcome,
    };
  }
  return table;
}
