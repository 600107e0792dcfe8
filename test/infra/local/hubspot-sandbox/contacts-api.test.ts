import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { HubSpotSandbox } from '#infra/local/hubspot-sandbox/index.ts';
import { leads, startTestPortal } from '../../../hubspot/fixture.ts';

const CONTACTS = '/crm/v3/objects/contacts';

describe('HubSpot sandbox contacts API', () => {
  let sandbox: HubSpotSandbox;

  async function call(
    method: string,
    path: string,
    body?: unknown,
    token = sandbox.accessToken,
  ) {
    const response = await fetch(`${sandbox.endpoint}${path}`, {
      method,
      headers: {
        Authorization: `Bearer ${token}`,
        'Content-Type': 'application/json',
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.text();
    return {
      status: response.status,
      headers: response.headers,
      body: text === '' ? undefined : JSON.parse(text),
    };
  }

  beforeEach(async () => {
    sandbox = await startTestPortal();
  });

  afterEach(async () => {
    await sandbox.close();
  });

  describe('when the bearer token is missing or wrong', () => {
    it('answers 401 with HubSpot error body', async () => {
      const response = await call('GET', `${CONTACTS}/1`, undefined, 'wrong');

      expect(response.status).toBe(401);
      expect(response.body).toMatchObject({
        status: 'error',
        category: 'INVALID_AUTHENTICATION',
      });
      expect(response.body.correlationId).toEqual(expect.any(String));
    });
  });

  describe('when a batch read names more than 100 inputs', () => {
    it('answers 400 VALIDATION_ERROR', async () => {
      const inputs = Array.from({ length: 101 }, (_, index) => ({
        id: String(index),
      }));

      const response = await call('POST', `${CONTACTS}/batch/read`, {
        inputs,
        properties: [],
      });

      expect(response.status).toBe(400);
      expect(response.body).toMatchObject({
        status: 'error',
        category: 'VALIDATION_ERROR',
      });
      expect(response.body.message).toContain('100');
    });
  });

  describe('when a batch update names an unknown id', () => {
    it('answers 207 with an error for that id and writes the rest', async () => {
      const [id] = sandbox.createContacts(leads(1));

      const response = await call('POST', `${CONTACTS}/batch/update`, {
        inputs: [
          { id, properties: { firstname: 'Lead' } },
          { id: '424242', properties: { firstname: 'Ghost' } },
        ],
      });

      expect(response.status).toBe(207);
      expect(response.body.numErrors).toBe(1);
      expect(response.body.errors[0]).toMatchObject({
        status: 'error',
        category: 'OBJECT_NOT_FOUND',
        context: { ids: ['424242'] },
      });
      expect(
        response.body.results.map((result: { id: string }) => result.id),
      ).toEqual([id]);
    });
  });

  describe('when a batch update names an id twice', () => {
    it('answers 400 and writes nothing', async () => {
      const [id] = sandbox.createContacts(leads(1));

      const response = await call('POST', `${CONTACTS}/batch/update`, {
        inputs: [
          { id, properties: { firstname: 'One' } },
          { id, properties: { firstname: 'Two' } },
        ],
      });

      expect(response.status).toBe(400);
      expect(sandbox.getContact(id!)?.properties.firstname).toBeUndefined();
    });
  });

  describe('when a write sets a read-only or unknown property', () => {
    it('answers 400 naming each property', async () => {
      const [id] = sandbox.createContacts(leads(1));

      const response = await call('PATCH', `${CONTACTS}/${id}`, {
        properties: { hs_analytics_num_page_views: '3', no_such_property: 'x' },
      });

      expect(response.status).toBe(400);
      expect(response.body.message).toContain('READ_ONLY_VALUE');
      expect(response.body.message).toContain('PROPERTY_DOESNT_EXIST');
    });
  });

  describe('when a number is written', () => {
    it('returns it as a string', async () => {
      const [id] = sandbox.createContacts(leads(1));

      const response = await call('PATCH', `${CONTACTS}/${id}`, {
        properties: { nurture_score: 42 },
      });

      expect(response.body.properties.nurture_score).toBe('42');
    });
  });

  describe('when a contact is read', () => {
    it('carries hs_object_id, createdate and lastmodifieddate', async () => {
      const [id] = sandbox.createContacts([
        {
          properties: { email: 'lead-001@example.com' },
          occurredAt: 1_700_000_000_000,
        },
      ]);
      sandbox.updateContact(
        id!,
        { firstname: 'Lead' },
        { occurredAt: 1_700_000_060_000 },
      );

      const response = await call(
        'GET',
        `${CONTACTS}/${id}?properties=firstname`,
      );

      expect(response.body.properties).toEqual({
        firstname: 'Lead',
        hs_object_id: id,
        createdate: '2023-11-14T22:13:20.000Z',
        lastmodifieddate: '2023-11-14T22:14:20.000Z',
      });
    });

    it('finds it by email with idProperty', async () => {
      const [id] = sandbox.createContacts(leads(1));

      const response = await call(
        'GET',
        `${CONTACTS}/lead-001@example.com?idProperty=email`,
      );

      expect(response.body.id).toBe(id);
    });
  });

  describe('when a contact is created with an email in use', () => {
    it('answers 409 CONFLICT with the existing id', async () => {
      const [id] = sandbox.createContacts(leads(1));

      const response = await call('POST', CONTACTS, {
        properties: { email: 'lead-001@example.com' },
      });

      expect(response.status).toBe(409);
      expect(response.body).toMatchObject({ category: 'CONFLICT' });
      expect(response.body.message).toContain(id);
    });
  });

  describe('when an API write moves lifecyclestage back', () => {
    it('answers 200 and keeps the stage', async () => {
      const [id] = sandbox.createContacts(
        leads(1, { lifecyclestage: 'salesqualifiedlead' }),
      );

      const response = await call('PATCH', `${CONTACTS}/${id}`, {
        properties: { lifecyclestage: 'lead' },
      });

      expect(response.status).toBe(200);
      expect(sandbox.getContact(id!)?.properties.lifecyclestage).toBe(
        'salesqualifiedlead',
      );
    });

    it('allows it after a separate clear', async () => {
      const [id] = sandbox.createContacts(
        leads(1, { lifecyclestage: 'salesqualifiedlead' }),
      );

      await call('PATCH', `${CONTACTS}/${id}`, {
        properties: { lifecyclestage: '' },
      });
      await call('PATCH', `${CONTACTS}/${id}`, {
        properties: { lifecyclestage: 'lead' },
      });

      expect(sandbox.getContact(id!)?.properties.lifecyclestage).toBe('lead');
    });
  });

  describe('when a person moves lifecyclestage back', () => {
    it('applies the change', () => {
      const [id] = sandbox.createContacts(
        leads(1, { lifecyclestage: 'customer' }),
      );

      sandbox.updateContact(
        id!,
        { lifecyclestage: 'opportunity' },
        { source: 'CRM_UI' },
      );

      expect(sandbox.getContact(id!)?.properties.lifecyclestage).toBe(
        'opportunity',
      );
    });
  });

  describe('when contacts are merged', () => {
    it('keeps the primary id and fills its empty properties', () => {
      const [primary, secondary] = sandbox.createContacts([
        {
          properties: { email: 'lead-001@example.com', lifecyclestage: 'lead' },
        },
        {
          properties: {
            email: 'lead-002@example.com',
            jobtitle: 'Analyst',
            lifecyclestage: 'marketingqualifiedlead',
          },
        },
      ]);

      sandbox.mergeContacts(primary!, secondary!);

      expect(sandbox.getContact(secondary!)).toBeUndefined();
      expect(sandbox.getContact(primary!)?.properties).toMatchObject({
        email: 'lead-001@example.com',
        jobtitle: 'Analyst',
        lifecyclestage: 'marketingqualifiedlead',
        hs_merged_object_ids: secondary,
      });
    });
  });
});
