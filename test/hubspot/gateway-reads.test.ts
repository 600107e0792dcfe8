import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { HubSpotSandbox } from '#infra/local/hubspot-sandbox/index.ts';
import { gatewayFor, leads, startTestPortal } from './fixture.ts';

const BATCH_READ = 'POST /crm/v3/objects/contacts/batch/read';

describe('HubSpot gateway readContacts', () => {
  let sandbox: HubSpotSandbox;

  beforeEach(async () => {
    sandbox = await startTestPortal();
  });

  afterEach(async () => {
    await sandbox.close();
  });

  describe('when 250 contacts are read', () => {
    it('makes 3 batch calls and returns every contact', async () => {
      const ids = sandbox.createContacts(leads(250, { industry: 'Software' }));
      const { gateway } = gatewayFor(sandbox);

      const contacts = await gateway.readContacts(ids, ['email', 'industry']);

      expect(contacts.size).toBe(250);
      expect(sandbox.stats().requests[BATCH_READ]).toBe(3);
      expect(gateway.callCount()).toBe(3);
      expect(contacts.get(ids[249]!)?.industry).toBe('Software');
    });
  });

  describe('when some ids do not exist', () => {
    it('leaves them out of the map', async () => {
      const [id] = sandbox.createContacts(leads(1));
      const { gateway } = gatewayFor(sandbox);

      const contacts = await gateway.readContacts([id!, '99999999'], ['email']);

      expect([...contacts.keys()]).toEqual([id]);
    });
  });

  describe('when a property has no value', () => {
    it('returns null for it', async () => {
      const [id] = sandbox.createContacts(leads(1));
      const { gateway } = gatewayFor(sandbox);

      const contacts = await gateway.readContacts([id!], ['jobtitle']);

      expect(contacts.get(id!)).toHaveProperty('jobtitle', null);
    });
  });

  describe('when an id is asked for twice', () => {
    it('reads it once', async () => {
      const [id] = sandbox.createContacts(leads(1));
      const { gateway } = gatewayFor(sandbox);

      await gateway.readContacts([id!, id!], ['email']);

      expect(sandbox.stats().requests[BATCH_READ]).toBe(1);
    });
  });
});
