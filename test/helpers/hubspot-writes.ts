import { vi } from 'vitest';

/** One contact of a batch update request Nurture sent to HubSpot. */
export interface RecordedUpdate {
  contactId: string;
  properties: Record<string, string>;
}

/**
 * Records the contacts of every batch update request sent to `endpoint`, passing each request
 * through unchanged. The sandbox drops backward lifecycle moves as HubSpot does, so only the
 * requests show whether Nurture tried one.
 */
export function recordBatchUpdates(endpoint: string): {
  updates: RecordedUpdate[];
  restore: () => void;
} {
  const updates: RecordedUpdate[] = [];
  const send = globalThis.fetch;
  const spy = vi
    .spyOn(globalThis, 'fetch')
    .mockImplementation(async (input, init) => {
      const url = input instanceof Request ? input.url : String(input);
      if (
        url.startsWith(endpoint) &&
        url.includes('/crm/v3/objects/contacts/batch/update') &&
        typeof init?.body === 'string'
      ) {
        const body = JSON.parse(init.body) as {
          inputs: { id: string; properties: Record<string, string> }[];
        };
        updates.push(
          ...body.inputs.map((entry) => ({
            contactId: entry.id,
            properties: entry.properties,
          })),
        );
      }
      return send(input, init);
    });
  return { updates, restore: () => spy.mockRestore() };
}
