import { describe, expect, it } from 'vitest';
import { ReplayError } from '#shared/core/replay/errors.ts';
import { parseReplayMapping } from '#shared/core/replay/load.ts';
import type { ReplayMappingInput } from '#shared/core/replay/mapping.ts';
import { rowsToContacts, type CsvRow } from '#shared/core/replay/rows.ts';

const NOW = Date.UTC(2026, 5, 1);
const DAY_MS = 86_400_000;

function mappingWith(
  overrides: Partial<ReplayMappingInput> = {},
): ReturnType<typeof parseReplayMapping> {
  return parseReplayMapping({
    id: 'Prospect ID',
    unknownValues: ['Select'],
    properties: {
      'What is your current occupation': 'occupation',
      City: 'city',
    },
    events: [
      { from: 'count', column: 'TotalVisits', kind: 'visit' },
      {
        from: 'count',
        column: 'Page Views Per Visit',
        kind: 'pageView',
        multiplyBy: 'TotalVisits',
      },
      {
        from: 'amount',
        column: 'Total Time Spent on Website',
        kind: 'timeOnSite',
        scale: 1 / 60,
      },
      {
        from: 'category',
        column: 'Last Activity',
        kinds: { 'Email Opened': 'emailOpen', Unsubscribed: 'unsubscribe' },
      },
      {
        from: 'category',
        column: 'A free copy of Mastering The Interview',
        kinds: { Yes: 'download' },
        contentId: 'mastering-the-interview',
        daysBeforeNow: 10,
      },
    ],
    channel: { column: 'Lead Source', aliases: { google: 'Google' } },
    outcome: {
      column: 'Converted',
      positiveValues: ['1'],
      negativeValues: ['0'],
    },
    salesFeedback: ['Tags'],
    ...overrides,
  });
}

function row(values: Record<string, string> = {}): CsvRow {
  return {
    'Prospect ID': 'lead-001',
    'What is your current occupation': 'Working Professional',
    City: 'Select',
    TotalVisits: '3',
    'Page Views Per Visit': '2.5',
    'Total Time Spent on Website': '600',
    'Last Activity': 'Email Opened',
    'A free copy of Mastering The Interview': 'Yes',
    'Lead Source': 'google',
    Converted: '1',
    Tags: 'Will revert after reading the email',
    ...values,
  };
}

function kinds(contact: { interactions: { kind: string }[] }): string[] {
  return contact.interactions.map((event) => event.kind);
}

describe('rowsToContacts', () => {
  it('renames mapped columns to contact properties', () => {
    const [contact] = rowsToContacts(mappingWith(), [row()], NOW);

    expect(contact?.id).toBe('lead-001');
    expect(contact?.properties.occupation).toBe('Working Professional');
  });

  it('reads a placeholder as unknown', () => {
    const [contact] = rowsToContacts(mappingWith(), [row()], NOW);

    expect(contact?.properties.city).toBeNull();
  });

  it('reads an empty cell as unknown', () => {
    const [contact] = rowsToContacts(
      mappingWith(),
      [row({ 'What is your current occupation': '  ' })],
      NOW,
    );

    expect(contact?.properties.occupation).toBeNull();
  });

  describe('when a column holds a count', () => {
    it('writes that many events within the period before now', () => {
      const [contact] = rowsToContacts(mappingWith(), [row()], NOW);

      const visits = contact!.interactions.filter(
        (event) => event.kind === 'visit',
      );
      expect(visits).toHaveLength(3);
      for (const visit of visits) {
        expect(visit.quantity).toBe(1);
        expect(visit.occurredAt).toBeLessThanOrEqual(NOW);
        expect(visit.occurredAt).toBeGreaterThan(NOW - 30 * DAY_MS);
      }
    });

    it('multiplies a per-visit average by the visits', () => {
      const [contact] = rowsToContacts(mappingWith(), [row()], NOW);

      // 3 visits times 2.5 page views per visit, rounded: 8 page views.
      const pageViews = contact!.interactions.filter(
        (event) => event.kind === 'pageView',
      );
      expect(pageViews).toHaveLength(8);
    });

    it('splits a count above maxEvents without changing the total', () => {
      const mapping = mappingWith({
        events: [
          { from: 'count', column: 'TotalVisits', kind: 'visit', maxEvents: 4 },
        ],
      });

      const [contact] = rowsToContacts(
        mapping,
        [row({ TotalVisits: '10' })],
        NOW,
      );

      expect(contact!.interactions).toHaveLength(4);
      const total = contact!.interactions.reduce(
        (sum, event) => sum + event.quantity,
        0,
      );
      expect(total).toBe(10);
    });

    it('writes no events for zero or an unknown count', () => {
      const contacts = rowsToContacts(
        mappingWith(),
        [
          row({ 'Prospect ID': 'lead-001', TotalVisits: '0' }),
          row({ 'Prospect ID': 'lead-002', TotalVisits: '' }),
        ],
        NOW,
      );

      for (const contact of contacts) {
        expect(kinds(contact)).not.toContain('visit');
        expect(kinds(contact)).not.toContain('pageView');
      }
    });

    it('rejects a cell that is not a number', () => {
      expect(() =>
        rowsToContacts(mappingWith(), [row({ TotalVisits: 'many' })], NOW),
      ).toThrow(/Data row 1 has "many" in column "TotalVisits"/);
    });
  });

  describe('when a column holds an amount', () => {
    it('writes one event with the scaled quantity', () => {
      const [contact] = rowsToContacts(mappingWith(), [row()], NOW);

      const time = contact!.interactions.filter(
        (event) => event.kind === 'timeOnSite',
      );
      expect(time).toHaveLength(1);
      expect(time[0]?.quantity).toBeCloseTo(10);
      expect(time[0]?.occurredAt).toBe(NOW);
    });
  });

  describe('when a column holds categories', () => {
    it('writes the mapped kind, ignoring case', () => {
      const [contact] = rowsToContacts(
        mappingWith(),
        [row({ 'Last Activity': 'unsubscribed' })],
        NOW,
      );

      expect(kinds(contact!)).toContain('unsubscribe');
      expect(kinds(contact!)).not.toContain('emailOpen');
    });

    it('writes nothing for an unmapped value', () => {
      const [contact] = rowsToContacts(
        mappingWith(),
        [row({ 'Last Activity': 'SMS Sent' })],
        NOW,
      );

      expect(kinds(contact!)).not.toContain('emailOpen');
      expect(kinds(contact!)).not.toContain('unsubscribe');
    });

    it('marks a gated download with its content id and time', () => {
      const [contact] = rowsToContacts(mappingWith(), [row()], NOW);

      const download = contact!.interactions.find(
        (event) => event.kind === 'download',
      );
      expect(download?.contentId).toBe('mastering-the-interview');
      expect(download?.occurredAt).toBe(NOW - 10 * DAY_MS);
    });
  });

  it('gives the same events for the same row and now', () => {
    const first = rowsToContacts(mappingWith(), [row()], NOW);
    const second = rowsToContacts(mappingWith(), [row()], NOW);

    expect(second).toEqual(first);
  });

  it('spreads the events of different rows differently', () => {
    const [first, second] = rowsToContacts(
      mappingWith(),
      [row({ 'Prospect ID': 'lead-001' }), row({ 'Prospect ID': 'lead-002' })],
      NOW,
    );

    const times = (contact: typeof first) =>
      contact!.interactions
        .filter((event) => event.kind === 'visit')
        .map((event) => event.occurredAt);
    expect(times(second)).not.toEqual(times(first));
  });

  it('gives every event a unique id', () => {
    const [contact] = rowsToContacts(mappingWith(), [row()], NOW);

    const ids = contact!.interactions.map((event) => event.id);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('merges channel spellings by alias', () => {
    const [contact] = rowsToContacts(mappingWith(), [row()], NOW);

    expect(contact?.channel).toBe('Google');
  });

  it('names a missing channel unknown', () => {
    const [contact] = rowsToContacts(
      mappingWith(),
      [row({ 'Lead Source': '' })],
      NOW,
    );

    expect(contact?.channel).toBe('unknown');
  });

  describe('when the mapping has an outcome', () => {
    it('reads positive and negative values', () => {
      const [positive, negative] = rowsToContacts(
        mappingWith(),
        [
          row({ 'Prospect ID': 'lead-001', Converted: '1' }),
          row({ 'Prospect ID': 'lead-002', Converted: '0' }),
        ],
        NOW,
      );

      expect(positive?.outcome).toBe(true);
      expect(negative?.outcome).toBe(false);
    });

    it('leaves an empty outcome undefined', () => {
      const [contact] = rowsToContacts(
        mappingWith(),
        [row({ Converted: '' })],
        NOW,
      );

      expect(contact?.outcome).toBeUndefined();
    });

    it('rejects a value that is neither positive nor negative', () => {
      expect(() =>
        rowsToContacts(mappingWith(), [row({ Converted: 'maybe' })], NOW),
      ).toThrow(ReplayError);
    });
  });

  it('keeps sales feedback apart from the properties', () => {
    const [contact] = rowsToContacts(mappingWith(), [row()], NOW);

    expect(contact?.salesFeedback).toEqual({
      Tags: 'Will revert after reading the email',
    });
    expect(Object.values(contact!.properties)).not.toContain(
      'Will revert after reading the email',
    );
  });

  describe('when ids are missing or repeated', () => {
    it('rejects a row without an id', () => {
      expect(() =>
        rowsToContacts(mappingWith(), [row({ 'Prospect ID': '' })], NOW),
      ).toThrow(/Data row 1 has no id in column "Prospect ID"/);
    });

    it('rejects a repeated id', () => {
      expect(() => rowsToContacts(mappingWith(), [row(), row()], NOW)).toThrow(
        /Data row 2 repeats id "lead-001"/,
      );
    });
  });
});
