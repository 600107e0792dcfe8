import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { HubSpotSandbox } from '#infra/local/hubspot-sandbox/index.ts';
import { NURTURE_PROPERTIES } from '#shared/hubspot/properties.ts';
import { gatewayFor, startTestPortal } from './fixture.ts';

const CREATE_PROPERTY = 'POST /crm/v3/properties/contacts';
const ALL_NAMES = NURTURE_PROPERTIES.map((property) => property.name);

describe('HubSpot gateway ensureProperties', () => {
  let sandbox: HubSpotSandbox;

  beforeEach(async () => {
    sandbox = await startTestPortal({ withNurtureProperties: false });
  });

  afterEach(async () => {
    await sandbox.close();
  });

  describe('when run twice', () => {
    it('creates the group and each property once', async () => {
      const { gateway } = gatewayFor(sandbox);

      const first = await gateway.ensureProperties();
      const second = await gateway.ensureProperties();

      expect(first.group.status).toBe('created');
      expect(first.created).toEqual(ALL_NAMES);
      expect(second.group.status).toBe('existing');
      expect(second.created).toEqual([]);
      expect(second.existing).toEqual(ALL_NAMES);
      expect(sandbox.stats().requests[CREATE_PROPERTY]).toBe(ALL_NAMES.length);
    });

    it('makes the properties writable', async () => {
      const { gateway } = gatewayFor(sandbox);
      const [id] = sandbox.createContacts([
        { properties: { email: 'lead-001@example.com' } },
      ]);
      await gateway.ensureProperties();

      const outcome = await gateway.updateContacts([
        {
          contactId: id!,
          properties: {
            nurture_score: '61',
            nurture_qualification: 'mql',
            nurture_journey_stage: 'consideration',
            nurture_last_scored_at: '1700000000000',
          },
        },
      ]);

      expect(outcome.updated).toEqual([id]);
      expect(sandbox.getContact(id!)?.properties.nurture_last_scored_at).toBe(
        '2023-11-14T22:13:20.000Z',
      );
    });
  });

  describe('when a property exists with another type', () => {
    it('reports it and leaves it alone', async () => {
      sandbox.defineProperties([
        { name: 'nurture_score', type: 'string', fieldType: 'text' },
      ]);
      const { gateway } = gatewayFor(sandbox);

      const report = await gateway.ensureProperties();

      expect(report.mismatched).toEqual([
        { name: 'nurture_score', expected: 'number', actual: 'string' },
      ]);
      expect(report.created).not.toContain('nurture_score');
    });
  });

  describe('when a create answers 409', () => {
    it('counts the property as existing', async () => {
      const { gateway } = gatewayFor(sandbox);
      sandbox.injectFailures({ status: 409, route: CREATE_PROPERTY });

      const report = await gateway.ensureProperties();

      expect(report.existing).toEqual([ALL_NAMES[0]]);
      expect(report.created).toEqual(ALL_NAMES.slice(1));
    });
  });
});

describe('HubSpot gateway listOwners', () => {
  let sandbox: HubSpotSandbox;

  afterEach(async () => {
    await sandbox.close();
  });

  it('follows the pages and then reuses the list', async () => {
    const owners = Array.from({ length: 150 }, (_, index) => ({
      id: String(80_000 + index),
      email: `owner-${index}@example.com`,
      firstName: 'Owner',
      lastName: String(index),
      userId: 90_000 + index,
    }));
    sandbox = await startTestPortal({ owners });
    const { gateway } = gatewayFor(sandbox);

    const first = await gateway.listOwners();
    const second = await gateway.listOwners();

    expect(first).toHaveLength(150);
    expect(first[149]?.id).toBe('80149');
    expect(second).toBe(first);
    expect(sandbox.stats().requests['GET /crm/v3/owners']).toBe(2);
  });
});
