import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { HubSpotSandbox } from '#infra/local/hubspot-sandbox/index.ts';
import { startTestPortal } from '../../../hubspot/fixture.ts';

const PROPERTIES = '/crm/v3/properties/contacts';

describe('HubSpot sandbox properties API', () => {
  let sandbox: HubSpotSandbox;

  async function post(path: string, body: unknown) {
    const response = await fetch(`${sandbox.endpoint}${path}`, {
      method: 'POST',
      headers: {
        Authorization: `Bearer ${sandbox.accessToken}`,
        'Content-Type': 'application/json',
      },
      body: JSON.stringify(body),
    });
    return {
      status: response.status,
      body: (await response.json()) as { message?: string },
    };
  }

  beforeEach(async () => {
    sandbox = await startTestPortal({ withNurtureProperties: false });
  });

  afterEach(async () => {
    await sandbox.close();
  });

  const property = {
    name: 'favourite_colour',
    label: 'Favourite colour',
    type: 'string',
    fieldType: 'text',
    groupName: 'contactinformation',
  };

  describe('when a property is created', () => {
    it('answers 201 and lists it', async () => {
      const created = await post(PROPERTIES, property);
      const listed = await fetch(
        `${sandbox.endpoint}${PROPERTIES}/favourite_colour`,
        {
          headers: { Authorization: `Bearer ${sandbox.accessToken}` },
        },
      );

      expect(created.status).toBe(201);
      expect(created.body).toMatchObject({
        name: 'favourite_colour',
        type: 'string',
        fieldType: 'text',
      });
      expect(listed.status).toBe(200);
    });
  });

  describe('when the name exists', () => {
    it('answers 409 OBJECT_ALREADY_EXISTS', async () => {
      await post(PROPERTIES, property);

      const second = await post(PROPERTIES, property);

      expect(second.status).toBe(409);
      expect(second.body).toMatchObject({
        status: 'error',
        category: 'OBJECT_ALREADY_EXISTS',
      });
    });
  });

  describe('when type and fieldType do not fit', () => {
    it('answers 400', async () => {
      const response = await post(PROPERTIES, {
        ...property,
        type: 'number',
        fieldType: 'select',
      });

      expect(response.status).toBe(400);
      expect(response.body.message).toContain('fieldType');
    });
  });

  describe('when the group does not exist', () => {
    it('answers 400', async () => {
      const response = await post(PROPERTIES, {
        ...property,
        groupName: 'nurture',
      });

      expect(response.status).toBe(400);
      expect(response.body.message).toContain('nurture');
    });
  });

  describe('when a group name exists', () => {
    it('answers 409', async () => {
      const first = await post(`${PROPERTIES}/groups`, {
        name: 'nurture',
        label: 'Nurture',
      });

      const second = await post(`${PROPERTIES}/groups`, {
        name: 'nurture',
        label: 'Nurture',
      });

      expect(first.status).toBe(201);
      expect(second.status).toBe(409);
    });
  });
});
