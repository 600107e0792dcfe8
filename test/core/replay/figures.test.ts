import { describe, expect, it } from 'vitest';
import type { Qualification, Score } from '#shared/core/contact.ts';
import { replayFigures } from '#shared/core/replay/figures.ts';
import type { ReplayContact } from '#shared/core/replay/rows.ts';

function contact(
  id: string,
  channel: string,
  outcome?: boolean,
  quality?: string | null,
): ReplayContact {
  return {
    id,
    properties: {},
    interactions: [],
    channel,
    ...(outcome === undefined ? {} : { outcome }),
    ...(quality === undefined
      ? {}
      : { salesFeedback: { 'Lead Quality': quality } }),
  };
}

function score(total: number, qualification: Qualification): Score {
  return {
    fit: total,
    engagement: 0,
    total,
    qualification,
    persona: 'unknown',
    journeyStage: 'awareness',
    unknownFitFields: [],
    reasons: [],
    summary: '',
    scoredAt: 0,
  };
}

describe('replayFigures', () => {
  it('counts the funnel and the SQL figures against the outcome', () => {
    const contacts = [
      contact('lead-001', 'Google', true),
      contact('lead-002', 'Google', false),
      contact('lead-003', 'Reference', true),
      contact('lead-004', 'Reference', false),
    ];
    const scores = [
      score(40, 'sql'),
      score(30, 'sql'),
      score(20, 'mql'),
      score(10, 'lead'),
    ];

    const figures = replayFigures(contacts, scores);

    expect(figures.contacts).toBe(4);
    expect(figures.mql).toBe(3);
    expect(figures.sql).toBe(2);
    // Positives score 40 and 20, negatives 30 and 10: 3 of 4 pairs ordered.
    expect(figures.auc).toBe(0.75);
    expect(figures.precision).toBe(0.5);
    expect(figures.recall).toBe(0.5);
    expect(figures.accuracy).toBe(0.5);
    expect(figures.perChannel.Google?.sql).toBe(2);
    expect(figures.perChannel.Reference?.outcomeRate).toBe(0.5);
  });

  it('leaves outcome figures undefined without outcomes', () => {
    const figures = replayFigures(
      [contact('lead-001', 'Google')],
      [score(10, 'sql')],
    );

    expect(figures.withOutcome).toBe(0);
    expect(figures.auc).toBeNull();
    expect(figures.precision).toBeNull();
    expect(figures.accuracy).toBeNull();
  });

  it('counts SQLs per sales-feedback value', () => {
    const contacts = [
      contact('lead-001', 'Google', true, 'High in Relevance'),
      contact('lead-002', 'Google', true, 'High in Relevance'),
      contact('lead-003', 'Google', false, 'Worst'),
      contact('lead-004', 'Google', false, null),
    ];
    const scores = [
      score(40, 'sql'),
      score(30, 'mql'),
      score(20, 'sql'),
      score(10, 'lead'),
    ];

    const figures = replayFigures(contacts, scores);

    expect(figures.salesFeedback['Lead Quality']).toEqual([
      {
        value: 'High in Relevance',
        contacts: 2,
        sql: 1,
        sqlRate: 0.5,
        shareOfSqls: 0.5,
      },
      { value: null, contacts: 1, sql: 0, sqlRate: 0, shareOfSqls: 0 },
      { value: 'Worst', contacts: 1, sql: 1, sqlRate: 1, shareOfSqls: 0.5 },
    ]);
  });

  it('rejects a score count that differs from the contacts', () => {
    expect(() => replayFigures([contact('lead-001', 'Google')], [])).toThrow(
      /one score per contact/,
    );
  });
});
