import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { HubSpotSandbox } from '#infra/local/hubspot-sandbox/index.ts';
import { gatewayFor, leads, startTestPortal } from './fixture.ts';

const BATCH_UPDATE = 'POST /crm/v3/objects/contacts/batch/update';

describe('HubSpot gateway updateContacts', () => {
  let sandbox: HubSpotSandbox;

  beforeEach(async () => {
    sandbox = await startTestPortal();
  });

  afterEach(async () => {
    await sandbox.close();
  });

  describe('when 150 contacts are updated', () => {
    it('makes 2 batch calls and writes every contact', async () => {
      const ids = sandbox.createContacts(leads(150));
      const { gateway } = gatewayFor(sandbox);

      const outcome = await gateway.updateContacts(
        ids.map((contactId) => ({
          contactId,
          properties: { nurture_score: '42' },
        })),
      );

      expect(outcome.updated).toHaveLength(150);
      expect(sandbox.stats().requests[BATCH_UPDATE]).toBe(2);
      expect(sandbox.getContact(ids[149]!)?.properties.nurture_score).toBe(
        '42',
      );
    });
  });

  describe('when one contact is updated several times', () => {
    it('sends one input with the merged properties', async () => {
      const [id] = sandbox.createContacts(leads(1));
      const { gateway } = gatewayFor(sandbox);

      const outcome = await gateway.updateContacts([
        {
          contactId: id!,
          properties: { nurture_score: '10', nurture_persona: 'analyst' },
        },
        { contactId: id!, properties: { nurture_score: '20' } },
      ]);

      expect(outcome.updated).toEqual([id]);
      expect(sandbox.stats().requests[BATCH_UPDATE]).toBe(1);
      expect(sandbox.getContact(id!)?.properties).toMatchObject({
        nurture_score: '20',
        nurture_persona: 'analyst',
      });
    });
  });

  describe('when one id in the batch does not exist', () => {
    it('fails only that contact', async () => {
      const ids = sandbox.createContacts(leads(3));
      const { gateway } = gatewayFor(sandbox);
      const updates = [...ids, '99999999'].map((contactId) => ({
        contactId,
        properties: { nurture_score: '5' },
      }));

      const outcome = await gateway.updateContacts(updates);

      expect(outcome.updated).toEqual(ids);
      expect(outcome.failed.map((failure) => failure.contactId)).toEqual([
        '99999999',
      ]);
      expect(outcome.failed[0]?.reason).toContain('OBJECT_NOT_FOUND');
      expect(outcome.retry).toEqual([]);
      expect(sandbox.stats().requests[BATCH_UPDATE]).toBe(1);
    });
  });

  describe('when one contact has an invalid value', () => {
    it('fails that contact and writes the others', async () => {
      const ids = sandbox.createContacts(leads(4));
      const { gateway } = gatewayFor(sandbox);
      const updates = ids.map((contactId, index) => ({
        contactId,
        properties: { nurture_score: index === 2 ? 'not-a-number' : '7' },
      }));

      const outcome = await gateway.updateContacts(updates);

      expect(outcome.failed.map((failure) => failure.contactId)).toEqual([
        ids[2],
      ]);
      expect(outcome.failed[0]?.reason).toContain('400');
      expect([...outcome.updated].sort()).toEqual(
        [ids[0], ids[1], ids[3]].sort(),
      );
      expect(sandbox.getContact(ids[3]!)?.properties.nurture_score).toBe('7');
    });
  });
});

describe('HubSpot gateway lifecycle stage', () => {
  let sandbox: HubSpotSandbox;

  beforeEach(async () => {
    sandbox = await startTestPortal();
  });

  afterEach(async () => {
    await sandbox.close();
  });

  describe('when the stage moves forward', () => {
    it('writes it', async () => {
      const [id] = sandbox.createContacts(leads(1, { lifecyclestage: 'lead' }));
      const { gateway } = gatewayFor(sandbox);

      const outcome = await gateway.updateContacts([
        {
          contactId: id!,
          properties: { lifecyclestage: 'marketingqualifiedlead' },
        },
      ]);

      expect(outcome.lifecycleKept).toEqual([]);
      expect(sandbox.getContact(id!)?.properties.lifecyclestage).toBe(
        'marketingqualifiedlead',
      );
    });
  });

  describe('when a person set customer', () => {
    it('keeps customer and still writes the other properties', async () => {
      const [id] = sandbox.createContacts(
        leads(1, { lifecyclestage: 'customer' }),
      );
      const { gateway } = gatewayFor(sandbox);

      const outcome = await gateway.updateContacts([
        {
          contactId: id!,
          properties: {
            lifecyclestage: 'salesqualifiedlead',
            nurture_score: '90',
          },
        },
      ]);

      expect(outcome.lifecycleKept).toEqual([id]);
      expect(outcome.updated).toEqual([id]);
      expect(sandbox.getContact(id!)?.properties).toMatchObject({
        lifecyclestage: 'customer',
        nurture_score: '90',
      });
    });
  });

  describe('when the write would move the stage back', () => {
    it('does not send the stage at all', async () => {
      const [id] = sandbox.createContacts(
        leads(1, { lifecyclestage: 'salesqualifiedlead' }),
      );
      const { gateway } = gatewayFor(sandbox);

      const outcome = await gateway.updateContacts([
        {
          contactId: id!,
          properties: { lifecyclestage: 'marketingqualifiedlead' },
        },
      ]);

      expect(outcome.lifecycleKept).toEqual([id]);
      expect(outcome.updated).toEqual([id]);
      expect(
        sandbox.stats().requests['POST /crm/v3/objects/contacts/batch/update'],
      ).toBeUndefined();
      expect(sandbox.getContact(id!)?.properties.lifecyclestage).toBe(
        'salesqualifiedlead',
      );
    });
  });

  describe('when 150 contacts get a stage', () => {
    it('re-reads the current stages in 2 batch reads', async () => {
      const ids = sandbox.createContacts(
        leads(150, { lifecyclestage: 'lead' }),
      );
      const { gateway } = gatewayFor(sandbox);

      await gateway.updateContacts(
        ids.map((contactId) => ({
          contactId,
          properties: { lifecyclestage: 'marketingqualifiedlead' },
        })),
      );

      expect(
        sandbox.stats().requests['POST /crm/v3/objects/contacts/batch/read'],
      ).toBe(2);
    });
  });
});
