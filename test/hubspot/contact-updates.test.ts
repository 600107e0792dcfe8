import { describe, expect, it } from 'vitest';
import {
  chunk,
  coalesceUpdates,
  sortBatchAnswer,
} from '#shared/hubspot/contact-updates.ts';
import type { ContactUpdate } from '#shared/hubspot/gateway.ts';

describe('coalesceUpdates', () => {
  it('merges updates of one contact with later values winning', () => {
    const updates: ContactUpdate[] = [
      {
        contactId: '1',
        properties: { nurture_score: '10', nurture_persona: 'a' },
      },
      { contactId: '2', properties: { nurture_score: '5' } },
      { contactId: '1', properties: { nurture_score: '20' } },
    ];

    const result = coalesceUpdates(updates);

    expect(result).toEqual([
      {
        contactId: '1',
        properties: { nurture_score: '20', nurture_persona: 'a' },
      },
      { contactId: '2', properties: { nurture_score: '5' } },
    ]);
  });
});

describe('chunk', () => {
  it('splits 250 items into 100, 100 and 50', () => {
    const items = Array.from({ length: 250 }, (_, index) => index);

    const sizes = chunk(items).map((part) => part.length);

    expect(sizes).toEqual([100, 100, 50]);
  });
});

describe('sortBatchAnswer', () => {
  const sent = ['1', '2', '3'].map((contactId) => ({
    contactId,
    properties: { a: 'b' },
  }));

  describe('when an error names a contact', () => {
    it('fails that contact and keeps the written ones', () => {
      const answer = {
        results: [{ id: '1' }, { id: '3' }],
        errors: [
          {
            category: 'OBJECT_NOT_FOUND',
            message: 'gone',
            context: { ids: ['2'] },
          },
        ],
      };

      const sorted = sortBatchAnswer(sent, answer);

      expect(sorted.updated).toEqual(['1', '3']);
      expect([...sorted.failed]).toEqual([['2', 'OBJECT_NOT_FOUND: gone']]);
      expect(sorted.unknown).toEqual([]);
    });
  });

  describe('when a contact is named nowhere', () => {
    it('reports it as unknown', () => {
      const sorted = sortBatchAnswer(sent, {
        results: [{ id: '1' }, { id: '2' }],
      });

      expect(sorted.unknown).toEqual(['3']);
    });
  });
});
