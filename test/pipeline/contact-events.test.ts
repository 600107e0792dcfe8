import { describe, expect, it } from 'vitest';
import type { ClientConfig } from '#shared/core/config/client.ts';
import {
  emptyContactState,
  type ContactState,
} from '#shared/core/pipeline/contact-state.ts';
import {
  nextContactState,
  READ_REQUEST_TIMEOUT_MS,
  type ContactEvent,
} from '#shared/pipeline/contact-events.ts';
import { demoConfig } from '../core/scoring/demo-config.ts';

const PORTAL_ID = 9100001;
const CONTACT_ID = '1001';
const NOW = Date.UTC(2026, 11, 1, 12);
const config: ClientConfig = demoConfig();

function change(
  eventId: number,
  fields: Partial<Extract<ContactEvent, { kind: 'change' }>['change']>,
): ContactEvent {
  return {
    kind: 'change',
    portalId: PORTAL_ID,
    contactId: CONTACT_ID,
    change: {
      key: `${PORTAL_ID}:201:${eventId}`,
      subscriptionType: 'contact.propertyChange',
      occurredAt: NOW - 60_000,
      changeSource: 'CRM_UI',
      ...fields,
    },
  };
}

function read(values: Record<string, string | null>): ContactEvent {
  return {
    kind: 'properties',
    portalId: PORTAL_ID,
    contactId: CONTACT_ID,
    key: `read:${CONTACT_ID}:${NOW}`,
    values,
    readAt: NOW,
  };
}

/** Builds a contact that was read, scored and then erased for a privacy request. */
function erasedState(): ContactState {
  const stored = emptyContactState(PORTAL_ID, CONTACT_ID, NOW - 3_600_000);
  const scored = nextContactState(
    stored,
    [
      read({ industry: 'Software', email: 'lead-001@example.com' }),
      change(1, { propertyName: 'jobtitle', propertyValue: 'Manager' }),
    ],
    { config, now: NOW - 3_600_000 },
  ).state;
  const erased = nextContactState(
    { ...scored, version: 1 },
    [change(2, { subscriptionType: 'contact.privacyDeletion' })],
    { config, now: NOW - 1_800_000 },
  );
  expect(erased.state.privacyDeleted).toBe(true);
  return { ...erased.state, version: 2 };
}

describe('nextContactState', () => {
  it('asks once for a read of a new contact', () => {
    const first = nextContactState(
      undefined,
      [change(1, { propertyName: 'industry', propertyValue: 'Retail' })],
      { config, now: NOW },
    );
    const second = nextContactState(
      { ...first.state, version: 1 },
      [change(2, { propertyName: 'country', propertyValue: 'Belgium' })],
      { config, now: NOW + 1_000 },
    );

    expect(first.readNeeded).toBe(true);
    expect(second.readNeeded).toBe(false);
    expect(second.changes).toEqual({});
  });

  it('asks again when a read got no answer in time', () => {
    const first = nextContactState(
      undefined,
      [change(1, { propertyName: 'industry', propertyValue: 'Retail' })],
      { config, now: NOW },
    );

    const later = nextContactState(
      { ...first.state, version: 1 },
      [change(2, { propertyName: 'country', propertyValue: 'Belgium' })],
      { config, now: NOW + READ_REQUEST_TIMEOUT_MS },
    );

    expect(later.readNeeded).toBe(true);
  });

  it('scores a contact once its read arrives', () => {
    const update = nextContactState(
      undefined,
      [read({ industry: 'Software', company_size: '250' })],
      { config, now: NOW },
    );

    expect(update.state.score?.fit).toBe(40);
    expect(update.changes.nurture_fit_score).toBe('40');
  });

  describe('when the contact was erased for a privacy request', () => {
    it('ignores a property change that arrives late', () => {
      const stored = erasedState();

      const update = nextContactState(
        stored,
        [
          change(3, {
            propertyName: 'email',
            propertyValue: 'lead-001@example.com',
            occurredAt: NOW - 7_200_000,
          }),
        ],
        { config, now: NOW },
      );

      expect(update.outcomes).toEqual(['ignored']);
      expect(update.changed).toBe(false);
      expect(update.state.properties).toEqual({});
    });

    it('ignores a read that answers late', () => {
      const stored = erasedState();

      const update = nextContactState(
        stored,
        [read({ email: 'lead-001@example.com' })],
        { config, now: NOW },
      );

      expect(update.outcomes).toEqual(['ignored']);
      expect(update.changed).toBe(false);
    });

    it('ignores an interaction that arrives late', () => {
      const stored = erasedState();

      const update = nextContactState(
        stored,
        [
          {
            kind: 'interaction',
            portalId: PORTAL_ID,
            contactId: CONTACT_ID,
            key: 'interaction:ses-open-1',
            interaction: {
              id: 'ses-open-1',
              kind: 'emailOpen',
              occurredAt: NOW,
              quantity: 1,
            },
          },
        ],
        { config, now: NOW },
      );

      expect(update.outcomes).toEqual(['ignored']);
      expect(update.state.interactions).toEqual([]);
    });

    it('ignores a restore', () => {
      const stored = erasedState();

      const update = nextContactState(
        stored,
        [change(4, { subscriptionType: 'contact.restore' })],
        { config, now: NOW },
      );

      expect(update.changed).toBe(false);
      expect(update.state.deleted).toBe(true);
    });
  });
});
